/** Broken or unknown evidence is a clear error naming the file and the place. */
import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../src/evidence/index.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { fixture, shipped } from './helpers.ts';

function failure(name: string, bytes?: string): WarrantError {
  try {
    readEvidence(bytes === undefined ? fixture(name) : { name, bytes: new TextEncoder().encode(bytes) }, shipped());
  } catch (e) {
    if (e instanceof WarrantError) return e;
    throw e;
  }
  throw new Error(`${name} was read without error`);
}

describe('malformed evidence', () => {
  it.each([
    // file, code, line, words the message must contain
    ['truncated.json', 'EVIDENCE_MALFORMED', 6, 'truncated'],
    ['bad-alias.yaml', 'EVIDENCE_MALFORMED', 4, 'alias'],
    ['no-value-column.csv', 'EVIDENCE_MALFORMED', 1, 'no value column'],
  ] as const)('%s → %s at line %i', (name, code, line, words) => {
    const e = failure(name);
    expect(e.code).toBe(code);
    expect(e.file).toBe(name);
    expect(e.line).toBe(line);
    expect(e.describe()).toContain(`${name}:${line}:`);
    expect(e.message).toContain(words);
  });

  it('a ragged CSV row names its line', () => {
    const e = failure('ragged.csv', 'model,benchmark,value\nA,MMLU,61.2\nB,MMLU\n');
    expect([e.code, e.line]).toEqual(['EVIDENCE_MALFORMED', 3]);
  });

  it('an unterminated quoted CSV cell names its line', () => {
    const e = failure('quote.csv', 'model,benchmark,value\n"A,MMLU,61.2\n');
    expect([e.code, e.line]).toEqual(['EVIDENCE_MALFORMED', 2]);
  });

  it('a CSV without a benchmark column whose name names no benchmark', () => {
    const e = failure('scores.csv', 'model,value\nA,61.2\n');
    expect(e.code).toBe('EVIDENCE_MALFORMED');
    expect(e.message).toContain('no benchmark column');
  });

  it('an invalid model-index names the path and line', () => {
    const e = failure('README.md', '---\nmodel-index:\n- name: x\n  results:\n  - task:\n      type: text-generation\n    metrics:\n    - type: acc\n      value: 0.5\n---\nbody\n');
    expect(e.code).toBe('EVIDENCE_MALFORMED');
    expect(e.message).toContain('model-index[0].results[0]');
    expect(e.line).toBe(5);
  });

  it('an .eval_results entry without value', () => {
    const e = failure('gsm8k.yaml', '- dataset:\n    id: openai/gsm8k\n    task_id: main\n');
    expect(e.code).toBe('EVIDENCE_MALFORMED');
    expect(e.message).toContain('`value` is required');
  });
});

describe('unknown evidence', () => {
  it.each([
    ['not-evidence.txt', undefined],
    ['other.json', '{"hello": "world"}'],
    ['card.md', '---\nlicense: mit\n---\n# A card without model-index\n'],
    ['list.yaml', '- a\n- b\n'],
  ])('%s → EVIDENCE_UNKNOWN_FORMAT listing the formats understood', (name, text) => {
    const e = failure(name, text);
    expect(e.code).toBe('EVIDENCE_UNKNOWN_FORMAT');
    for (const words of ['lm-evaluation-harness', 'MTEB', 'model-index', '.eval_results', 'CSV']) expect(e.message).toContain(words);
  });
});
