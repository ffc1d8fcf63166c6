/**
 * Name resolution (benchmarks, metrics, labels), number classification and own-model matching:
 * the helpers evidence linking reuses.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/model/types.ts';
import { benchmarkInfo, benchmarksForDomain, findBenchmarkMentions, metricInfo, nameKey, parseLabel, resolveBenchmark, resolveMetric } from '../../src/extract/benchmark-names.ts';
import { findNumbers, parseCellNumber } from '../../src/extract/quantities-numbers.ts';
import { ownModelOf, relateModel } from '../../src/extract/quantities-model.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

describe('resolveBenchmark', () => {
  const cases: Array<[string, string | undefined, { shots?: number; metric?: string; group?: string; aggregate?: boolean }?]> = [
    ['MMLU (5-shot)', 'MMLU', { shots: 5 }],
    ['Massive Multitask Language Understanding', 'MMLU'],
    ['ARC (25-shot)', 'ARC-Challenge', { shots: 25 }],
    ['arc_challenge', 'ARC-Challenge'],
    ['AI2 Reasoning Challenge (25-Shot)', 'ARC-Challenge', { shots: 25 }],
    ['TruthfulQA (mc2)', 'TruthfulQA'],
    ['truthfulqa_mc2', 'TruthfulQA'],
    ['Rowan/hellaswag', 'HellaSwag'],
    ['GSM8k (5-shot)', 'GSM8K', { shots: 5 }],
    ['HumanEval pass@1', 'HumanEval', { metric: 'pass@1' }],
    ['DROP (3-shot F1)', 'DROP', { shots: 3, metric: 'f1' }],
    ['**MMLU-Pro (EM)**', 'MMLU-Pro', { metric: 'exact-match' }],
    ['mmlu_abstract_algebra', 'MMLU/abstract_algebra', { group: 'MMLU' }],
    ['hendrycksTest-abstract_algebra', 'MMLU/abstract_algebra', { group: 'MMLU' }],
    ['BigBench (Avg)', 'BIG-bench', { aggregate: true }],
    ['MATH Lvl 5 (4-Shot)', 'MATH Lvl 5', { shots: 4, group: 'MATH' }],
    ['Math', undefined],
    ['Commonsense Reasoning', undefined],
    ['Model', undefined],
  ];
  for (const [text, name, extra] of cases) {
    it(text, () => {
      const r = resolveBenchmark(text, rules);
      expect(r?.name).toBe(name);
      if (extra?.shots !== undefined) expect(r?.shots).toBe(extra.shots);
      if (extra?.metric) expect(r?.metric?.name).toBe(extra.metric);
      if (extra?.group) expect(r?.group).toBe(extra.group);
      if (extra?.aggregate) expect(r?.aggregate).toBe(true);
    });
  }
});

describe('resolveMetric and metric facts', () => {
  const cases: Array<[string, string | undefined, string?]> = [
    ['acc', 'accuracy'],
    ['acc_norm', 'accuracy', 'acc_norm'],
    ['normalized accuracy', 'accuracy', 'acc_norm'],
    ['exact_match', 'exact-match'],
    ['Pass@1', 'pass@1'],
    ['WER', 'wer'],
    ['win rate %', 'win-rate'],
    ['unknown', undefined],
  ];
  for (const [text, name, variant] of cases) {
    it(text, () => {
      const m = resolveMetric(text, rules);
      expect(m?.name).toBe(name);
      if (variant) expect(m?.variant).toBe(variant);
    });
  }
  it('knows direction and scale kind', () => {
    expect(metricInfo('wer', rules)).toMatchObject({ kind: 'rate', higherIsBetter: false });
    expect(metricInfo('score', rules)).toMatchObject({ kind: 'raw', higherIsBetter: true });
  });
});

describe('benchmarkInfo and domains', () => {
  it('gives the default metric, domains and direction', () => {
    expect(benchmarkInfo('ARC-Challenge', rules)).toMatchObject({ metric: 'accuracy', metricVariant: 'acc_norm', higherIsBetter: true });
    expect(benchmarkInfo('arc_challenge', rules)?.name).toBe('ARC-Challenge');
    expect(benchmarkInfo('LibriSpeech', rules)).toMatchObject({ metric: 'wer', higherIsBetter: false, domains: ['speech-recognition'] });
    expect(benchmarkInfo('No Such Bench', rules)).toBeUndefined();
  });
  it('lists benchmarks per domain', () => {
    expect(benchmarksForDomain('code', rules)).toEqual(expect.arrayContaining(['HumanEval', 'MBPP']));
    expect(benchmarksForDomain('speech-recognition', rules)).toEqual(expect.arrayContaining(['LibriSpeech', 'Common Voice', 'FLEURS']));
  });
});

describe('mentions in running text', () => {
  it('prefers the longest alias and respects exact case', () => {
    const text = 'MMLU-Pro and MMLU, a drop in math scores, DROP and MATH, arc_challenge';
    expect(findBenchmarkMentions(text, rules).map((m) => m.name)).toEqual(['MMLU-Pro', 'MMLU', 'DROP', 'MATH', 'ARC-Challenge']);
  });
  it('label parsing keeps the unknown core as the raw name', () => {
    expect(parseLabel('Acme-QA (5-shot, EM)', rules)).toMatchObject({ core: 'Acme-QA', shots: 5, metric: { name: 'exact-match' } });
  });
  it('name keys ignore case, punctuation and Greek letters', () => {
    expect(nameKey('Zephyr-7B-β')).toBe(nameKey('zephyr 7b beta'));
    expect(nameKey('HumanEval+')).not.toBe(nameKey('HumanEval'));
  });
});

describe('numbers', () => {
  const kinds: Array<[string, string, string | undefined]> = [
    ['scores 68.4 on MMLU', '68.4', undefined],
    ['a 7B model', '7', 'measure'],
    ['15T tokens', '15', 'measure'],
    ['8192 tokens', '8192', 'measure'],
    ['released in 2023', '2023', 'year'],
    ['transformers v4.35.0', '4.35', 'identifier'],
    ['GPT-4 and Claude 2', '4', 'identifier'],
    ['GPT-4 and Claude 2', '2', 'version'],
    ['5-shot', '5', 'shots'],
    ['arXiv:2009.03300', '2009.03300', 'identifier'],
    ['see https://x.org/a/12.5', '12.5', 'url'],
  ];
  for (const [text, raw, kind] of kinds) {
    it(`${text} → ${raw} ${kind ?? 'score'}`, () => {
      const n = findNumbers(text, rules).find((x) => x.raw.startsWith(raw));
      expect(n, JSON.stringify(findNumbers(text, rules))).toBeDefined();
      expect(n!.notScore).toBe(kind);
    });
  }
  it('reads table cells', () => {
    expect(parseCellNumber('**52.89**', rules)).toMatchObject({ value: 52.89, precision: 2 });
    expect(parseCellNumber('62.0 ± 0.5', rules)).toMatchObject({ value: 62, stderr: 0.5 });
    expect(parseCellNumber('45.3%', rules)).toMatchObject({ value: 45.3, percent: true });
    expect(parseCellNumber('≥ 90', rules)).toMatchObject({ value: 90, comparator: '>=' });
    expect(parseCellNumber('71.2 (CoT)', rules)).toMatchObject({ value: 71.2, extra: 'CoT' });
    for (const cell of ['-', 'N/A', '7B', '128K', 'MoE', '76.2 / 80.1', '']) expect(parseCellNumber(cell, rules), cell).toBeUndefined();
  });
});

describe('own model', () => {
  const SPAN = { kind: 'docx', paragraph: 0, endParagraph: 0 } as const;
  const doc = (title: string, metadata: Record<string, unknown> = {}): Document => ({
    id: title,
    name: 'README.md',
    role: 'model-card',
    mediaType: 'text/markdown',
    metadata,
    blocks: [{ id: 'h', kind: 'heading', level: 1, sectionPath: [], text: title, runs: [], span: SPAN }],
    diagnostics: [],
  });
  const cases: Array<[string, string, 'own' | 'own-size' | 'other']> = [
    ['Model Card for Zephyr 7B β', '**Zephyr-7b-β** 🪁', 'own'],
    ['Model Card for Zephyr 7B β', 'Zephyr-7b-α', 'other'],
    ['Model Card for Zephyr 7B β', 'HuggingFaceH4/zephyr-7b-beta', 'own'],
    ['Notus 7B v1', 'argilla/notus-7b-v1', 'own'],
    ['Notus 7B v1', 'Notus', 'own'],
    ['Notus 7B v1', 'Notus 7B v2', 'other'],
    ['`StableLM Zephyr 3B`', 'StableLM Zephyr (SFT only)', 'other'],
    ['DeepSeek-V3', 'DeepSeek V2-0506', 'other'],
    ['DeepSeek-V3', 'DeepSeek V3', 'own'],
    ['Llama 3.1', 'Llama 3.1 8B Instruct', 'own'],
    ['Llama 3.1', 'Llama 3 8B', 'other'],
    ['Gemma Model Card', '7B Params', 'own-size'],
    ['Gemma Model Card', 'Ours', 'own'],
    ['Gemma Model Card', 'Instruct', 'own-size'],
    ['Gemma Model Card', '7B Chat', 'own-size'],
    ['Gemma Model Card', 'Acme 7B Chat', 'other'],
  ];
  for (const [title, name, want] of cases) it(`${title} vs ${name}`, () => expect(relateModel(name, ownModelOf(doc(title), rules), rules)).toBe(want));

  it('reads model-index and skips section titles', () => {
    expect(ownModelOf(doc('Model Details', { 'model-index': [{ name: 'kite-1b' }] }), rules).names).toEqual(['kite-1b']);
  });
});
