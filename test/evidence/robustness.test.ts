/** readEvidence on arbitrary input: records, or a WarrantError — never another exception. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readEvidence } from '../../src/evidence/index.ts';
import { isWarrantError } from '../../src/model/errors.ts';
import { fixture, shipped } from './helpers.ts';

const rules = shipped();
function outcome(name: string, text: string): 'records' | 'error' {
  try {
    const recs = readEvidence({ name, bytes: new TextEncoder().encode(text) }, rules);
    for (const r of recs) expect(Number.isFinite(r.value)).toBe(true);
    return 'records';
  } catch (e) {
    if (isWarrantError(e)) return 'error';
    throw e;
  }
}

describe('readEvidence never throws anything but WarrantError', () => {
  it('arbitrary text under evidence-like names', () => {
    fc.assert(
      fc.property(fc.constantFrom('a.json', 'a.yaml', 'a.csv', 'README.md', 'x'), fc.string({ maxLength: 300 }), (name, text) => {
        outcome(name, text);
      }),
      { numRuns: 300 },
    );
  });
  it('make_table logs and leaderboard files cut at any point, or with any line mangled', () => {
    const sources = ['real/Mistral-7B-Base.md', 'reconstructed/leaderboard-v1_results_wren-3b.json', 'reconstructed/lm-eval-0.4_truthfulqa_alias-only-group.json', 'reconstructed/open-llm-leaderboard_snapshot_wren.csv'].map(
      (f) => [f, new TextDecoder().decode(fixture(f).bytes)] as const,
    );
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.nat(), fc.string({ maxLength: 20 }), ([name, text], cut, junk) => {
        const at = cut % (text.length + 1);
        outcome(name, text.slice(0, at));
        outcome(name, text.slice(0, at) + junk + text.slice(at));
      }),
      { numRuns: 300 },
    );
  });
  it('a huge make_table log is read in one pass', () => {
    const row = '|arc_challenge|      0|acc     |0.5452|±  |0.0146|\n';
    const text = `GPT4All:\n|    Task     |Version| Metric |Value |   |Stderr|\n|---|---:|---|---:|---|---:|\n${row.repeat(50_000)}Average: 54.52\n`;
    const t = performance.now();
    expect(outcome('big.md', text)).toBe('records');
    expect(performance.now() - t).toBeLessThan(5000);
  });
  it('arbitrary JSON values shaped like lm-eval output', () => {
    const leaf = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null), fc.boolean());
    const task = fc.dictionary(fc.constantFrom('acc,none', 'acc_stderr,none', 'exact_match,get-answer', 'alias', 'acc', 'acc_stderr'), leaf);
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 10 }), task), fc.option(fc.dictionary(fc.string({ maxLength: 6 }), leaf)), (results, configs) => {
        outcome('r.json', JSON.stringify({ results, versions: {}, configs: configs ?? {}, 'n-shot': configs ?? {} }));
      }),
      { numRuns: 200 },
    );
  });
  it('arbitrary model-index shapes', () => {
    const leaf = fc.oneof(fc.double({ noNaN: true }), fc.string({ maxLength: 8 }), fc.constant(null));
    const metric = fc.record({ type: leaf, value: leaf }, { requiredKeys: [] });
    const result = fc.record({ task: fc.record({ type: leaf }), dataset: fc.record({ type: leaf, name: leaf }, { requiredKeys: [] }), metrics: fc.array(metric, { maxLength: 3 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(fc.record({ name: leaf, results: fc.array(result, { maxLength: 3 }) }, { requiredKeys: [] }), { maxLength: 3 }), (mi) => {
        outcome('m.json', JSON.stringify({ 'model-index': mi }));
      }),
      { numRuns: 200 },
    );
  });
});

describe('linkEvidence on arbitrary numbers', () => {
  it('always returns links with a verdict, numbers and a note', async () => {
    const { handCard, qty } = await import('./helpers.ts');
    const { linkEvidence } = await import('../../src/evidence/index.ts');
    const evidence = readEvidence({ name: 'e.json', bytes: new TextEncoder().encode(JSON.stringify({ results: { mmlu: { 'acc,none': 0.61, 'acc_stderr,none': 0.004 }, gsm8k: { 'exact_match,strict-match': 0.4 } }, versions: {}, config: { model_args: 'pretrained=org/m-7b' } })) }, rules);
    fc.assert(
      fc.property(
        fc.array(fc.record({ b: fc.constantFrom('MMLU', 'GSM8K', 'DROP', 'unknown bench'), v: fc.double({ min: 0, max: 100, noNaN: true }), d: fc.integer({ min: 0, max: 4 }), shots: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }), model: fc.constantFrom(undefined, 'm-7b', 'm-13b', 'other') }), { maxLength: 6 }),
        (items) => {
          const card = handCard('m.md', { 'model-index': [{ name: 'm-7b', results: [] }] }, items.map((x) => ({ text: 'n', quantities: [qty(x.b, x.v.toFixed(x.d), { ...(x.shots === undefined ? {} : { shots: x.shots }), ...(x.model ? { model: x.model, ownModel: x.model === 'm-7b' } : {}) })] })));
          for (const l of linkEvidence([card], evidence, rules)) {
            expect(['supported', 'contradicted', 'methodology-mismatch', 'other-model', 'unverified']).toContain(l.verdict);
            expect(l.note.length).toBeGreaterThan(0);
            if (l.verdict !== 'unverified') expect(Number.isFinite(l.tolerance)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
