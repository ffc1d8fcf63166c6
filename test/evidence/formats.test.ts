/** Each evidence format read from a small fixture written for Warrant: names, values, methodology, tier. */
import { describe, expect, it } from 'vitest';
import { readEvidence } from '../../src/evidence/index.ts';
import { fixture, shipped } from './helpers.ts';
import { resolveBenchmark } from '../../src/extract/benchmark-names.ts';

const read = (name: string) => readEvidence(fixture(name), shipped());
const subtask = (id: string): string => {
  const b = resolveBenchmark(id, shipped());
  return b && b.name !== 'MMLU' ? b.name : id;
};

describe('lm-evaluation-harness, current format', () => {
  const recs = read('tern-3b_lm-eval.json');
  it('reads every metric of every task, filters as metric variants', () => {
    expect(recs.filter((r) => r.benchmark === 'MMLU').map((r) => r.methodology.aggregation)).toEqual(['size-weighted', 'unweighted']);
    expect(recs.map((r) => [r.benchmark, r.metric, r.methodology.metricVariant ?? null, r.value])).toEqual([
      ['ARC-Challenge', 'accuracy', null, 55.12],
      ['ARC-Challenge', 'accuracy', 'acc_norm', 58.71],
      ['GSM8K', 'exact-match', 'strict-match', 41.03],
      ['GSM8K', 'exact-match', 'flexible-extract', 44.2],
      ['MMLU', 'accuracy', null, 56.27],
      // the group's size-weighted score differs from the unweighted mean of its subtasks: both are records
      ['MMLU', 'accuracy', null, 56],
      // subtasks keep the name rules/benchmarks.yaml gives them (never the group's)
      [subtask('mmlu_anatomy'), 'accuracy', null, 50],
      [subtask('mmlu_astronomy'), 'accuracy', null, 60],
      [subtask('mmlu_virology'), 'accuracy', null, 58],
    ]);
  });
  it('keeps raw values, stderr on the same scale, shots, n, model, revision, harness version, hashes, date', () => {
    const arc = recs[1]!;
    expect(arc).toMatchObject({ format: 'lm-eval', tier: 'harness', rawValue: 0.5871, stderr: 1.44, shots: 25, n: 1172, split: 'test', model: 'gullwing/Tern-3B-Chat', revision: '7c1e2d9', date: '2026-01-01T00:00:00.000Z' });
    expect(arc.methodology).toMatchObject({ harness: 'lm-evaluation-harness', harnessVersion: '0.4.5', gitHash: '4f0c2e1', promptHash: '5e0b1a6c2f', filter: 'none' });
  });
  it('gives subtasks their group, and the group a standard error pooled from its subtasks', () => {
    const group = recs.find((r) => r.benchmark === 'MMLU')!;
    expect(group.group).toBeUndefined();
    // n = 135, 150, 166 → sqrt(Σ n² se²) / Σ n, in points
    const expected = (Math.sqrt(135 ** 2 * 0.043 ** 2 + 150 ** 2 * 0.0398 ** 2 + 166 ** 2 * 0.0384 ** 2) / 451) * 100;
    expect(group.stderr).toBeCloseTo(expected, 6);
    expect(group.methodology.reportedStderr).toBe(0.12);
    expect(recs.filter((r) => r.group === 'MMLU')).toHaveLength(3);
  });
});

describe('lm-evaluation-harness, legacy format', () => {
  it('reads plain metric keys and versions', () => {
    const recs = read('tern-3b_lm-eval-legacy.json');
    expect(recs.every((r) => r.format === 'lm-eval-legacy')).toBe(true);
    expect(recs.map((r) => [r.benchmark, r.methodology.metricVariant ?? null, r.value, r.stderr])).toEqual([
      ['HellaSwag', null, 54.2, 0.5],
      ['HellaSwag', 'acc_norm', 71.05, 0.45],
      ['Winogrande', null, 66.3, 1.33],
    ]);
  });
});

describe('MTEB', () => {
  it('current format: main_score per split and subset, named by its metric', () => {
    const [r] = read('tern-3b_mteb-banking77.json');
    expect(r).toMatchObject({ format: 'mteb', benchmark: 'Banking77Classification', metric: 'accuracy', value: 81.27, rawValue: 0.8127, split: 'test' });
    expect(r!.methodology).toMatchObject({ harness: 'mteb', harnessVersion: '1.14.0', subset: 'default', languages: ['eng-Latn'] });
  });
  it('older format: every metric of the split', () => {
    const recs = read('tern-3b_mteb-v1.json');
    expect(recs.map((r) => [r.benchmark, r.metric, r.value])).toEqual([
      ['SciFact', 'ndcg@10', 64.12],
      ['SciFact', 'map_at_10', 0.5903],
    ]);
  });
});

describe('CSV with a header row', () => {
  it('matches headers through aliases and normalises fractions', () => {
    const recs = read('tern-3b_results.csv');
    expect(recs.map((r) => [r.model, r.benchmark, r.metric, r.value, r.shots ?? null, r.location])).toEqual([
      ['Tern-3B-Chat', 'HumanEval', 'pass@1', 24.4, 0, 'line 2'],
      ['Tern-7B-Chat', 'TriviaQA', 'exact-match', 61, 5, 'line 3'],
      ['Tern-3B-Chat', 'Winogrande', 'accuracy', 65.2, 5, 'line 4'],
      ['Kite-1B', 'MMLU', 'accuracy', 31.2, 5, 'line 5'],
    ]);
    expect(recs[2]).toMatchObject({ rawValue: 0.652, stderr: 1.3, methodology: { harnessVersion: '0.4.5' } });
  });
});

describe('Hugging Face model-index in a card given as evidence', () => {
  it('reads several blocks, comments, fractions and percents, verified, num_few_shot, odd task types', () => {
    const recs = read('tern-3b_card.md');
    expect(recs.map((r) => [r.model, r.benchmark, r.metric, r.methodology.metricVariant ?? null, r.value, r.shots])).toEqual([
      ['Tern-3B-Chat', 'ARC-Challenge', 'accuracy', 'acc_norm', 58.71, 25],
      ['Tern-3B-Chat', 'MMLU', 'accuracy', null, 58.3, 5],
      ['Tern-3B-Base', 'HellaSwag', 'accuracy', 'acc_norm', 71.05, 10],
    ]);
    expect(recs.every((r) => r.tier === 'declared' && r.format === 'model-index')).toBe(true);
    expect(recs[0]!.methodology.verified).toBe(false);
    expect(recs[1]!.methodology).toMatchObject({ taskType: 'Question Answering', sourceName: 'Gullwing internal evaluation' });
    expect(recs[2]!.rawValue).toBe('71.05%');
  });
});

describe('Hugging Face .eval_results', () => {
  it('reads dataset id, value, date, source and notes', () => {
    const [r] = read('tern-3b_eval-results.yaml');
    expect(r).toMatchObject({ format: 'eval-results', tier: 'declared', benchmark: 'GSM8K', value: 44.2, date: '2026-01-01' });
    expect(r!.methodology).toMatchObject({ sourceName: 'Tern-3B technical report', notes: '5-shot, flexible-extract', taskId: 'main' });
  });
});

describe('record ids', () => {
  it('are unique across files', () => {
    const all = ['tern-3b_lm-eval.json', 'tern-3b_results.csv', 'tern-3b_card.md', 'tern-3b_eval-results.yaml'].flatMap(read);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });
});

describe('CSV in wide form (a leaderboard export: one column per benchmark)', () => {
  it('reads each benchmark column, with the shots its header states; the average is no benchmark but the average of the row\'s columns', () => {
    const all = read('tern-3b_leaderboard-wide.csv');
    const averages = all.filter((r) => r.methodology.aggregateOf);
    expect(averages.map((r) => r.methodology.aggregateOf)).toEqual([['ARC-Challenge', 'GSM8K', 'MMLU'], ['ARC-Challenge', 'GSM8K', 'MMLU']]);
    const recs = all.filter((r) => !r.methodology.aggregateOf);
    expect(recs.map((r) => [r.model, r.benchmark, r.value, r.shots])).toEqual([
      ['gullwing/Tern-3B-Chat', 'ARC-Challenge', 58.71, 25],
      ['gullwing/Tern-3B-Chat', 'MMLU', 56.27, 5],
      ['gullwing/Tern-3B-Chat', 'GSM8K', 39.9, 5],
      ['gullwing/Tern-7B-Chat', 'ARC-Challenge', 63.2, 25],
      ['gullwing/Tern-7B-Chat', 'MMLU', 62.75, 5],
      ['gullwing/Tern-7B-Chat', 'GSM8K', 54.35, 5],
    ]);
  });
});

describe('more shapes', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('MTEB with several language subsets: one record per subset, grouped under the task', () => {
    const recs = readEvidence({ name: 'AmazonReviews.json', bytes: bytes(JSON.stringify({ task_name: 'AmazonReviewsClassification', mteb_version: '1.12.0', scores: { test: [
      { main_score: 0.41, accuracy: 0.41, hf_subset: 'en', languages: ['eng-Latn'] },
      { main_score: 0.39, accuracy: 0.39, hf_subset: 'de', languages: ['deu-Latn'] },
    ] } })) }, shipped());
    expect(recs.map((r) => [r.benchmark, r.group, r.value, r.methodology.languages])).toEqual([
      ['AmazonReviewsClassification/en', 'AmazonReviewsClassification', 41, ['eng-Latn']],
      ['AmazonReviewsClassification/de', 'AmazonReviewsClassification', 39, ['deu-Latn']],
    ]);
  });
  it('.eval_results in the Hub API form, with config and split', () => {
    const [r] = readEvidence({ name: 'api.yaml', bytes: bytes('- filename: .eval_results/arc.yaml\n  verified: true\n  data:\n    dataset:\n      id: allenai/ai2_arc\n      task_id: ARC-Challenge\n      config: ARC-Challenge\n      split: test\n    value: 0.587\n') }, shipped());
    expect(r).toMatchObject({ benchmark: 'ARC-Challenge', value: 58.7, rawValue: 0.587, split: 'test', methodology: { verified: true, filename: '.eval_results/arc.yaml' } });
  });
  it('a bare YAML mapping with model-index', () => {
    const recs = readEvidence({ name: 'meta.yaml', bytes: bytes('model-index:\n- name: m\n  results:\n  - task: {type: text-generation}\n    dataset: {type: gsm8k, name: GSM8K}\n    metrics: [{type: exact_match, value: 52.3}]\n') }, shipped());
    expect(recs.map((r) => [r.benchmark, r.metric, r.value, r.tier])).toEqual([['GSM8K', 'exact-match', 52.3, 'declared']]);
  });
});
