import { describe, expect, it } from 'vitest';
import { bestSource, contractUnit, indexCards, unitText } from '../../src/align/index.ts';
import { canonicaliseMetrics } from '../../src/align/metric-aliases.ts';
import { tokenize } from '../../src/text/tokens.ts';
import type { Sentence } from '../../src/model/types.ts';
import { judged } from './helpers.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

function row(cells: string[], headers: string[]): Sentence {
  return {
    id: 'r',
    docId: 'd',
    blockId: 'b',
    index: 0,
    text: cells.join(' | '),
    sectionPath: [],
    span: { kind: 'text', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 },
    blockOffset: -1,
    context: { role: 'model-card', blockKind: 'table', table: { headers, cells, rowIndex: 0 } },
  };
}

describe('card units', () => {
  it('reads numeric cells with plain-word headers, dropping model-name header parts', () => {
    expect(unitText(row(['LibriSpeech test-clean', '2.1', '2.9'], ['Test set', 'WER (%) / Heron ASR v2', 'WER (%) / Heron ASR v1']))).toBe('LibriSpeech test-clean | 2.1 WER (%) | 2.9 WER (%)');
    expect(unitText(row(['MMLU', '5', '68.4'], ['Benchmark', 'Shots', 'Kestrel-7B']))).toBe('MMLU | 5 Shots | 68.4');
  });
  it('reads a metric alias as one word', () => {
    const a = tokenize('a word error rate of 2.1%');
    const b = tokenize('2.1 WER (%)');
    const aliases = rules.metricAliases;
    canonicaliseMetrics(a, aliases);
    canonicaliseMetrics(b, aliases);
    expect(a[1]!.stem).toBe('metric:wer');
    expect(a[2]!.absorbed).toBe(true);
    expect(b[1]!.stem).toBe('metric:wer');
  });
  it('finds the table row a clause quotes by its label, value and spelled-out metric', () => {
    const card = judged('card.md', 'model-card', `Heron achieves a word error rate of 4.6% on LibriSpeech test-other.\nTest set | WER (%) / Heron ASR v2 | WER (%) / Heron ASR v1\nLibriSpeech test-clean | 2.1 | 2.9\nLibriSpeech test-other | 4.6 | 6.3`);
    const index = indexCards([card], rules);
    const hit = bestSource(index, contractUnit(index, 'The Service achieves a word error rate of 2.1% on LibriSpeech test-clean.'));
    expect(hit?.sentence.text).toBe('LibriSpeech test-clean | 2.1 | 2.9');
    expect(hit?.transformations).toEqual([]);
  });
});
