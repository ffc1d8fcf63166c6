/**
 * extractQuantities over hand-built sentences: prose (valid/invalid tables) and table rows
 * (benchmark rows with model columns, transposed model rows, grouped rows, "Metric | Value").
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Document, Quantity, Sentence, SentenceContext } from '../../src/model/types.ts';
import { extractQuantities } from '../../src/extract/quantities.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

const SPAN = { kind: 'docx', paragraph: 0, endParagraph: 0 } as const;

function card(title: string | undefined, metadata: Record<string, unknown> = {}, name = 'card.md'): Document {
  return {
    id: 'doc',
    name,
    role: 'model-card',
    mediaType: 'text/markdown',
    metadata,
    blocks: title ? [{ id: 'b0', kind: 'heading', level: 1, sectionPath: [], text: title, runs: [], span: SPAN }] : [],
    diagnostics: [],
  };
}

function prose(text: string): Sentence {
  return { id: 's', docId: 'doc', blockId: 'b1', index: 0, text, sectionPath: [], span: SPAN, blockOffset: 0, context: { role: 'model-card', blockKind: 'paragraph' } };
}

function row(headers: string[], cells: string[], extra: Partial<NonNullable<SentenceContext['table']>> = {}): Sentence {
  return {
    id: 'r',
    docId: 'doc',
    blockId: 't',
    index: 0,
    text: cells.join(' | '),
    sectionPath: [],
    span: SPAN,
    blockOffset: -1,
    context: { role: 'model-card', blockKind: 'table', table: { headers, cells, rowIndex: 0, ...extra } },
  };
}

const ACME = card('Model Card for Acme-7B v2');

type Expect = Partial<Quantity>;

function check(got: Quantity[], want: Expect[]): void {
  expect(got.length, JSON.stringify(got)).toBe(want.length);
  want.forEach((w, i) => expect(got[i], JSON.stringify(got[i])).toMatchObject(w));
}

describe('prose quantities', () => {
  const cases: Array<[string, Expect[]]> = [
    ['The model scores 68.4 on MMLU (5-shot).', [{ benchmark: 'MMLU', value: 68.4, raw: '68.4', precision: 1, shots: 5, scale: 'percent', ownModel: true }]],
    ['It reaches a top-1 accuracy of 76.2% on ImageNet.', [{ benchmark: 'ImageNet', metric: 'accuracy', value: 76.2, raw: '76.2%', scale: 'percent', conditions: ['top-1'] }]],
    ['The large model has a WER of 4.2% on LibriSpeech test-clean.', [{ benchmark: 'LibriSpeech', metric: 'wer', value: 4.2, split: 'test-clean' }]],
    ['Acme achieves 86.1% on HumanEval pass@1.', [{ benchmark: 'HumanEval', metric: 'pass@1', value: 86.1 }]],
    ['MMLU accuracy is ≥ 90 in our tests.', [{ benchmark: 'MMLU', metric: 'accuracy', value: 90, comparator: '>=' }]],
    ['The detector reached accuracy levels of approximately 95%.', [{ metric: 'accuracy', value: 95, comparator: '~', precision: 0 }]],
    ['On GSM8K it scores 62.0 ± 0.5 (8-shot, CoT).', [{ benchmark: 'GSM8K', value: 62, precision: 1, stderr: 0.5, shots: 8, conditions: ['CoT'] }]],
    ['Accuracy on the MMLU benchmark is 0.684.', [{ benchmark: 'MMLU', metric: 'accuracy', value: 0.684, precision: 3, scale: 'fraction' }]],
    ['It achieves 86.1% on HumanEval and 68.4 on MMLU.', [{ benchmark: 'HumanEval', value: 86.1 }, { benchmark: 'MMLU', value: 68.4 }]],
    ['It scores 70.2 on MMLU, higher than Llama 2 at 45.3 on MMLU.', [{ benchmark: 'MMLU', value: 70.2, ownModel: true }, { benchmark: 'MMLU', value: 45.3, ownModel: false, model: 'Llama 2' }]],
    ['Mistral-7B scores 60.1 on MMLU.', [{ benchmark: 'MMLU', value: 60.1, ownModel: false, model: 'Mistral-7B' }]],
    ['Acme-7B v2 scores 61.3 on MMLU.', [{ benchmark: 'MMLU', value: 61.3, ownModel: true }]],
    ['The model scores 61.3 on MMLU, while GPT-4 scores 86.4 on MMLU.', [{ ownModel: true }, { ownModel: false, model: 'GPT-4' }]],
    ['MT-Bench score: 7.30.', [{ benchmark: 'MT-Bench', metric: 'score', value: 7.3, precision: 2, scale: 'raw' }]],
    ['Acme-7B v2 reaches 58.1 on AIME 2024.', [{ benchmark: 'AIME', value: 58.1 }]],
    // A share of problems solved is a score; a share of the model's own outputs (below, under none) is not.
    ['Acme solves 63% of the AIME problems.', [{ benchmark: 'AIME', value: 63 }]],
  ];
  for (const [text, want] of cases) it(text, () => check(extractQuantities(prose(text), ACME, rules), want));

  // A dataset named by phrase (any case and spacing of the noun; none without one), and conditions read once
  // per clause for all its numbers: each number still takes only those near it.
  const phrasesAndClauses: Array<[string, Expect[]]> = [
    ['It achieves an accuracy of 0.91 on the imdb dataset.', [{ benchmark: 'imdb', metric: 'accuracy', value: 0.91 }]],
    ['It reaches an accuracy of 91.2% on the Acme-QA Data  Set.', [{ benchmark: 'Acme-QA', metric: 'accuracy', value: 91.2 }]],
    ['It reaches an accuracy of 91.2% on the acme qa BENCHMARK.', [{ benchmark: 'acme qa', metric: 'accuracy', value: 91.2 }]],
    ['It reaches an accuracy of 91.2% on the datasets.', [{ benchmark: undefined, metric: 'accuracy', value: 91.2 }]],
    ['In the 5-shot setting it scores 68.4 on MMLU, 71.2 on ARC and 80.1 on HellaSwag with CoT.', [
      { benchmark: 'MMLU', value: 68.4, shots: 5, conditions: undefined },
      { benchmark: 'ARC-Challenge', value: 71.2, shots: undefined, conditions: undefined },
      { benchmark: 'HellaSwag', value: 80.1, shots: undefined, conditions: ['CoT'] },
    ]],
    ['Zero-shot accuracy: 61.0 on BoolQ, 58.3 on PIQA; 5-shot accuracy: 66.1 on BoolQ.', [
      { benchmark: 'BoolQ', value: 61, shots: 0 },
      { benchmark: 'PIQA', value: 58.3, shots: undefined },
      { benchmark: 'BoolQ', value: 66.1, shots: 5 },
    ]],
  ];
  for (const [text, want] of phrasesAndClauses) {
    it(text, () => {
      const got = extractQuantities(prose(text), ACME, rules);
      expect(got.length, JSON.stringify(got)).toBe(want.length);
      // A field wanted undefined must be absent (toMatchObject would want it present).
      want.forEach((w, i) => {
        for (const [k, v] of Object.entries(w)) expect(got[i]![k as keyof Quantity], `${k} of ${JSON.stringify(got[i])}`).toEqual(v);
      });
    });
  }

  const none = [
    'We trained a 7B model on 15T tokens in 2023.',
    'Install transformers v4.35.0 to run the 8192 tokens context.',
    'Notus surpasses Zephyr-7B-beta and Claude 2 on AlpacaEval.',
    'The chosen response differs in ~50% of the cases.',
    'See Table 3 for MMLU results.',
    'We evaluated Acme on 488 malicious prompts.',
    'GPT-4 and Llama 3.1 405B were compared on MMLU.',
    'Results for MMLU are at https://example.com/results/2023/68.4.',
    'The model was trained with 8 x A100 80GB GPUs for the MMLU runs.',
    'Acme re-checks an earlier step in 63% of its AIME responses.',
    'On GSM8K, 12% of the generated solutions exceed 500 tokens.',
  ];
  for (const text of none) it(`no quantity: ${text}`, () => expect(extractQuantities(prose(text), ACME, rules)).toEqual([]));

  it('never throws and keeps offsets inside the sentence', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom('MMLU', 'accuracy', 'HumanEval pass@1', ''), fc.float({ min: 0, max: 100, noNaN: true }), (noise, name, value) => {
        const text = `${noise} ${name} ${value.toFixed(1)}% ${noise}`;
        for (const q of extractQuantities(prose(text), ACME, rules)) {
          expect(q.start).toBeGreaterThanOrEqual(0);
          expect(q.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(q.start, q.end)).toBe(q.raw);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('table-row quantities', () => {
  it('models in rows (transposed): each benchmark column, own model by title', () => {
    const headers = ['Model', 'Size', 'Alignment', 'MT-Bench (score)', 'AlpacaEval (win rate %)'];
    check(extractQuantities(row(headers, ['**Acme-7b-v2** 🚀', '7B', 'dDPO', '7.30', '91.42']), ACME, rules), [
      { benchmark: 'MT-Bench', metric: 'score', value: 7.3, scale: 'raw', ownModel: true, cell: 3 },
      { benchmark: 'AlpacaEval', metric: 'win-rate', value: 91.42, scale: 'percent', ownModel: true, cell: 4 },
    ]);
    check(extractQuantities(row(headers, ['Acme-7b-v1', '7B', 'dDPO', '6.88', '-']), ACME, rules), [{ benchmark: 'MT-Bench', value: 6.88, ownModel: false, model: 'Acme-7b-v1' }]);
    check(extractQuantities(row(headers, ['Other-13B', '13B', 'RLHF', '8.06', '91.36']), ACME, rules), [
      { ownModel: false, model: 'Other-13B' },
      { ownModel: false, model: 'Other-13B' },
    ]);
  });

  it('an organisation prefix and an Average column', () => {
    const headers = ['Model', 'Average', 'ARC', 'HellaSwag', 'MMLU', 'TruthfulQA', 'DROP'];
    check(extractQuantities(row(headers, ['acme-ai/acme-7b-v2', '52.89', '64.59', '84.78', '63.03', '54.37', '8.91']), ACME, rules), [
      { benchmarkText: 'Average', conditions: ['average'], value: 52.89, ownModel: true },
      { benchmark: 'ARC-Challenge', value: 64.59, ownModel: true },
      { benchmark: 'HellaSwag', value: 84.78 },
      { benchmark: 'MMLU', value: 63.03 },
      { benchmark: 'TruthfulQA', value: 54.37 },
      { benchmark: 'DROP', value: 8.91 },
    ]);
  });

  it('benchmarks in rows, "Metric | Value" (own model)', () => {
    const headers = ['Metric', 'Value'];
    check(extractQuantities(row(headers, ['ARC (25-shot)', '62.03']), ACME, rules), [{ benchmark: 'ARC-Challenge', shots: 25, value: 62.03, ownModel: true, cell: 1 }]);
    check(extractQuantities(row(headers, ['AI2 Reasoning Challenge (25-Shot)', '62.03']), ACME, rules), [{ benchmark: 'ARC-Challenge', shots: 25 }]);
    check(extractQuantities(row(headers, ['Avg.', '52.15']), ACME, rules), [{ benchmarkText: 'Avg.', conditions: ['average'] }]);
    expect(extractQuantities(row(headers, ['Context length', '8192']), ACME, rules)).toEqual([]);
  });

  it('benchmark rows with model columns, shots column, grouped rows, bold and blank cells', () => {
    const headers = ['', 'Benchmark (Metric)', '# Shots', 'Rival-V2', 'Other 72B', 'Acme-7B v2'];
    check(extractQuantities(row(headers, ['English', 'DROP (3-shot F1)', '-', '80.4', '-', '89.0'], { boldCells: [false, false, false, false, false, true], groupLabel: 'English' }), ACME, rules), [
      { benchmark: 'DROP', metric: 'f1', shots: 3, value: 80.4, model: 'Rival-V2', ownModel: false, cell: 3 },
      { benchmark: 'DROP', metric: 'f1', shots: 3, value: 89, precision: 1, ownModel: true, cell: 5 },
    ]);
    check(extractQuantities(row(headers, ['', 'HumanEval (Pass@1)', '0-shot', '43.3', '53.0', '**65.2**'], { groupLabel: 'Code' }), ACME, rules), [
      { benchmark: 'HumanEval', metric: 'pass@1', shots: 0, ownModel: false },
      { benchmark: 'HumanEval', ownModel: false, model: 'Other 72B' },
      { benchmark: 'HumanEval', value: 65.2, ownModel: true },
    ]);
    // A blank header among model columns (a spanned header lost in a PDF) is nobody's we can name: not the own model.
    check(extractQuantities(row(['Benchmark', 'Rival-V2', '', 'Acme-7B v2'], ['MMLU', '70.1', '71.2', '72.3']), ACME, rules), [
      { model: 'Rival-V2', ownModel: false },
      { ownModel: false },
      { value: 72.3, ownModel: true },
    ]);
    // Header rows carried into the body (sizes, architectures) are not scores.
    expect(extractQuantities(row(headers, ['', '# Total Params', '-', '236B', '72B', '7B']), ACME, rules)).toEqual([]);
  });

  it('size columns of the own model and a metric column', () => {
    const headers = ['Benchmark', 'Metric', '2B Params', '7B Params'];
    check(extractQuantities(row(headers, ['MMLU', '5-shot, top-1', '42.3', '64.3']), card('Acme Model Card'), rules), [
      { benchmark: 'MMLU', metric: 'accuracy', shots: 5, ownModel: true, model: '2B Params' },
      { benchmark: 'MMLU', shots: 5, ownModel: true, model: '7B Params' },
    ]);
  });

  it('a continuation row takes its benchmark from the row group', () => {
    const headers = ['Benchmark', 'Setting', 'Score'];
    check(extractQuantities(row(headers, ['', 'CoT', '71.0'], { groupLabel: 'MMLU' }), ACME, rules), [{ benchmark: 'MMLU', value: 71, conditions: ['CoT'] }]);
  });

  it('percent vs fraction and ± in cells', () => {
    const headers = ['Task', 'Accuracy'];
    check(extractQuantities(row(headers, ['HellaSwag', '0.8478']), ACME, rules), [{ benchmark: 'HellaSwag', metric: 'accuracy', scale: 'fraction', precision: 4 }]);
    check(extractQuantities(row(headers, ['HellaSwag', '84.8 ± 0.4']), ACME, rules), [{ scale: 'percent', stderr: 0.4, value: 84.8 }]);
    check(extractQuantities(row(headers, ['HellaSwag', '84.8%']), ACME, rules), [{ scale: 'percent', raw: '84.8%' }]);
  });

  it('lm-evaluation-harness tables pasted into a card', () => {
    const headers = ['Tasks', 'Version', 'Filter', 'n-shot', 'Metric', 'Value', '', 'Stderr'];
    check(extractQuantities(row(headers, ['hellaswag', '1', 'none', '10', 'acc_norm', '0.7656', '±', '0.0042']), ACME, rules), [
      { benchmark: 'HellaSwag', metric: 'accuracy', conditions: ['acc_norm'], shots: 10, value: 0.7656, scale: 'fraction', stderr: 0.0042, ownModel: true, cell: 5 },
    ]);
    check(extractQuantities(row(headers, ['', '', 'strict-match', '5', 'exact_match', '0.3412', '±', '0.0131'], { groupLabel: 'gsm8k' }), ACME, rules), [
      { benchmark: 'GSM8K', metric: 'exact-match', conditions: ['strict-match'], shots: 5, stderr: 0.0131 },
    ]);
  });

  it('tables with no benchmark or metric give nothing (training logs, details)', () => {
    expect(extractQuantities(row(['Training Loss', 'Epoch', 'Step', 'Validation Loss', 'Rewards/accuracies'], ['0.6284', '0.05', '100', '0.6098', '0.7344']), ACME, rules)).toEqual([]);
    expect(extractQuantities(row(['Model Detail', 'Description'], ['Date', 'December, 2023']), ACME, rules)).toEqual([]);
    expect(extractQuantities(row(['Model', 'Training Time (GPU hours)', 'Power (W)'], ['Acme 7B', '1300000', '700']), ACME, rules)).toEqual([]);
    expect(extractQuantities(row(['Hardware', 'Hours', 'Emissions'], ['Total', '1,999', '12.5']), ACME, rules)).toEqual([]);
  });

  it('own model from model-index front matter when the title names none', () => {
    const doc = card('Model Details', { 'model-index': [{ name: 'acme-7b-v2', results: [] }] });
    check(extractQuantities(row(['Model', 'MMLU'], ['Acme 7B v2', '61.0']), doc, rules), [{ ownModel: true }]);
    check(extractQuantities(row(['Model', 'MMLU'], ['Acme 7B v3', '61.0']), doc, rules), [{ ownModel: false }]);
  });

  it('own model from the file name as a last resort, org prefix allowed', () => {
    const doc = card(undefined, {}, 'acme-ai-llama-9_readme.md');
    check(extractQuantities(row(['Model', 'Size', 'MMLU'], ['Llama 9', '7B', '61.0']), doc, rules), [{ ownModel: true, model: 'Llama 9 7B' }]);
    check(extractQuantities(row(['Model', 'Size', 'MMLU'], ['Llama 8', '7B', '55.0']), doc, rules), [{ ownModel: false }]);
  });
});
