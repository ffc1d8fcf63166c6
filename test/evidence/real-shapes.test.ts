/**
 * Every evidence shape in the wild (issue 12, item 1), on real files from public repositories
 * (test/fixtures/evidence/real/) and faithful reconstructions (reconstructed/); sources in
 * test/fixtures/evidence/SOURCES.md.
 */
import { describe, expect, it } from 'vitest';
import { evidenceFromCard, linkEvidence, readEvidence } from '../../src/evidence/index.ts';
import type { EvidenceRecord } from '../../src/model/types.ts';
import { isWarrantError } from '../../src/model/errors.ts';
import { judgeInput } from '../../src/analyze.ts';
import { fixture, shipped } from './helpers.ts';

const rules = shipped();
const read = (name: string): EvidenceRecord[] => readEvidence(fixture(name), rules);
const row = (r: EvidenceRecord): unknown[] => [r.model ?? null, r.benchmark, r.metric, r.methodology.metricVariant ?? null, r.value, r.stderr ?? null, r.shots ?? null];
const E5 = 'real/intfloat__e5-small/e272f3049e853b47cb5ca3952268c6662abda68f/';

describe('lm-evaluation-harness JSON', () => {
  it('0.3 (results + versions, plain metric keys): real EleutherAI test data', () => {
    expect(read('real/lm-eval-0.3_arc_easy-v0-res.json').map(row)).toEqual([
      [null, 'ARC-Easy', 'accuracy', null, 24.7474747475, 0.885511441483, null],
      [null, 'ARC-Easy', 'accuracy', 'acc_norm', 24.0740740741, 0.877279614522, null],
    ]);
  });
  it('0.4 with groups, group_subtasks, n-shot and "N/A" stderr: real EleutherAI regression output', () => {
    const recs = read('real/lm-eval-0.4_cpu_group_regression_expected.json');
    expect(recs).toHaveLength(6);
    expect(recs.every((r) => r.stderr === undefined && r.shots === 0)).toBe(true);
    expect(recs.filter((r) => r.benchmark === 'ARC-Easy').map((r) => [r.group, r.value])).toEqual([['regression_arc', 30], ['regression_arc', 10]]);
    expect(recs.every((r) => r.methodology.higherIsBetter === true)).toBe(true);
  });
  it('0.4 with an alias-only group entry (truthfulqa_gen) is read, not refused; truthfulqa_mc2 reports mc2 under "acc"', () => {
    const recs = read('reconstructed/lm-eval-0.4_truthfulqa_alias-only-group.json');
    expect(recs.map(row)).toEqual([
      ['example-org/Wren-3B-Instruct', 'TruthfulQA', 'accuracy', null, 35.12, 1.04, 0],
      ['example-org/Wren-3B-Instruct', 'TruthfulQA', 'mc1', null, 27.17, 1.56, 0],
      ['example-org/Wren-3B-Instruct', 'TruthfulQA', 'mc2', null, 43.06, null, 0],
    ]);
    expect(recs[0]!.methodology).toMatchObject({ harnessVersion: '0.4.2', isGroup: true });
  });
});

describe('Open LLM Leaderboard', () => {
  it('v1 result file: harness|task|shots keys, model from config_general, MMLU as the unweighted mean of its subjects', () => {
    const recs = read('reconstructed/leaderboard-v1_results_wren-3b.json');
    expect(recs.every((r) => r.model === 'example-org/Wren-3B' && r.revision === '7c1e2d9a0b')).toBe(true);
    expect(recs.find((r) => r.benchmark === 'ARC-Challenge' && r.methodology.metricVariant === 'acc_norm')).toMatchObject({ value: 50.17, shots: 25, stderr: 1.46 });
    const mmlu = recs.find((r) => r.benchmark === 'MMLU' && r.metric === 'accuracy' && r.methodology.metricVariant === undefined)!;
    expect(mmlu.value).toBeCloseTo((30 + 45.19 + 47.37) / 3, 6);
    expect(mmlu.stderr).toBeCloseTo(Math.sqrt(4.61 ** 2 + 4.3 ** 2 + 4.06 ** 2) / 3, 6);
    expect(mmlu).toMatchObject({ shots: 5, methodology: { aggregation: 'unweighted', subtasks: 3 } });
    expect(recs.find((r) => r.metric === 'mc2')).toMatchObject({ benchmark: 'TruthfulQA', value: 40.12, shots: 0 });
    // "all" is the leaderboard's own average over everything, not a benchmark
    expect(recs.some((r) => r.location?.includes('"all"'))).toBe(false);
  });
  it('v2 result file (lm-eval 0.4, leaderboard_* tasks under an alias-only group)', () => {
    const recs = read('reconstructed/leaderboard-v2_results_wren-3b.json');
    expect(recs.map((r) => [r.benchmark, r.value])).toEqual([['IFEval', 30.13], ['IFEval', 44.12], ['GPQA', 27.01]]);
    expect(recs.every((r) => r.model === 'example-org/Wren-3B' && r.revision === '7c1e2d9a0b')).toBe(true);
  });
  it('snapshot CSV with a UTF-8 BOM: wide columns with shots in the header, one model per row', () => {
    const recs = read('reconstructed/open-llm-leaderboard_snapshot_wren.csv');
    expect(recs.filter((r) => r.model === 'example-org/Wren-3B' && !r.methodology.aggregateOf).map((r) => [r.benchmark, r.value, r.shots])).toEqual([
      ['ARC-Challenge', 50.2, 25],
      ['HellaSwag', 74.2, 10],
      ['MMLU', 41.3, 5],
      ['TruthfulQA', 40.1, 0],
    ]);
    // its "Average" column is the average of the row's four benchmark columns
    const avg = recs.find((r) => r.model === 'example-org/Wren-3B' && r.methodology.aggregateOf)!;
    expect([avg.value, avg.methodology.aggregateOf]).toEqual([54.2, ['ARC-Challenge', 'HellaSwag', 'MMLU', 'TruthfulQA']]);
  });
  it('a card average over other benchmarks than the leaderboard\'s is a methodology mismatch, naming both', async () => {
    const text = '# Wren-3B\n\n| Metric | Value |\n|---|---|\n| ARC (25-shot) | 50.2 |\n| HellaSwag (10-shot) | 74.2 |\n| MMLU (5-shot) | 41.3 |\n| TruthfulQA (0-shot) | 40.1 |\n| Winogrande (5-shot) | 69.4 |\n| Avg. | 55.0 |\n';
    const card = await judgeInput({ name: 'wren-3b.md', bytes: new TextEncoder().encode(text), role: 'model-card' }, rules);
    const evidence = [...read('reconstructed/open-llm-leaderboard_snapshot_wren.csv'), ...evidenceFromCard(card, rules)];
    const links = linkEvidence([card], evidence, rules);
    const avg = links.find((l) => l.expected === 55 && l.evidenceIds.length > 0)!;
    expect(avg.verdict).toBe('methodology-mismatch');
    expect(avg.note).toMatch(/Averages over different benchmarks/);
    expect(avg.note).toContain('ARC-Challenge, HellaSwag, MMLU, TruthfulQA');
    // the four restated benchmarks agree with the Wren-3B row, never with the deduped sibling
    expect(links.filter((l) => l.expected === 50.2 && l.evidenceIds.length).map((l) => l.verdict)).toEqual(['supported']);
  });
});

describe('lm-eval Markdown logs (make_table output with "Average:" lines)', () => {
  const recs = read('real/Mistral-7B-Base.md');
  it('reads every metric row, on the percent scale with its stderr; the model only from the file name', () => {
    expect(recs.find((r) => r.benchmark === 'HellaSwag' && r.methodology.metricVariant === 'acc_norm')).toMatchObject({ value: 81.02, model: 'Mistral-7B-Base', methodology: { modelFrom: 'file name' } });
    expect(recs.find((r) => r.benchmark === 'AGIEval/aqua_rat' && r.methodology.metricVariant === undefined)).toMatchObject({ value: 22.44, stderr: 2.62, group: 'AGIEval' });
    expect(recs.find((r) => r.metric === 'mc2')).toMatchObject({ benchmark: 'TruthfulQA', value: 42.63, shots: 0 });
  });
  it('each "Average:" line is a suite record whose members are the section\'s tasks', () => {
    const avg = recs.filter((r) => r.methodology.aggregation === 'average of the section');
    expect(avg.map((r) => [r.benchmark, r.value])).toEqual([['GPT4All', 71.16], ['AGIEval', 30.65], ['BIG-bench', 34.92]]);
    expect(avg[0]!.methodology.aggregateOf).toEqual(['ARC-Challenge', 'ARC-Easy', 'BoolQ', 'HellaSwag', 'OpenBookQA', 'PIQA', 'Winogrande']);
  });
});

describe('MTEB', () => {
  it('current format (real): every score, the main one first, the model from the org__name folder', () => {
    const recs = read(`${E5}CDSC-R.json`);
    expect(recs[0]).toMatchObject({ benchmark: 'CDSC-R', metric: 'cosine-spearman', value: 84.8733, split: 'test', model: 'intfloat/e5-small', methodology: { mainScore: true, subset: 'default', datasetRevision: '1cd6abbb00df7d14be3dbd76a7dcc64b3a79a7cd', modelFrom: 'file name' } });
    expect(recs.some((r) => r.metric === 'cosine-pearson' && r.value === 84.1848)).toBe(true);
  });
  it('model_meta.json (real) holds no result: a coded error that says what it is', () => {
    try {
      read(`${E5}model_meta.json`);
      expect.unreachable();
    } catch (e) {
      expect(isWarrantError(e) && e.code).toBe('EVIDENCE_MALFORMED');
      expect((e as Error).message).toMatch(/model metadata for intfloat\/e5-small/);
    }
  });
  it('older format: split → metrics, "_stderr" keys are the metric\'s stderr, not metrics', () => {
    expect(read('reconstructed/mteb-old/Banking77Classification.json').map((r) => [r.metric, r.value, r.stderr])).toEqual([
      ['accuracy', 81.27, 0.61],
      ['f1', 81.02, 0.63],
    ]);
  });
  it('an MTEB-written model-index (benchmark from dataset.name, not config) meets the real file; another dataset revision is a methodology mismatch', async () => {
    const card = await judgeInput({ ...fixture('e5-small_card.md'), role: 'model-card' }, rules);
    const evidence = [...read(`${E5}CDSC-R.json`), ...evidenceFromCard(card, rules)];
    const declared = evidence.filter((r) => r.tier === 'declared');
    expect(declared.map((r) => r.benchmark)).toEqual(['CDSC-R', 'CDSC-R', 'CDSC-R']);
    const links = linkEvidence([card], evidence, rules).filter((l) => l.evidenceIds.length > 0);
    const byEntry = (i: number) => links.find((l) => l.claimId.endsWith(`:model-index:${i}`))!;
    expect([byEntry(0).verdict, byEntry(1).verdict]).toEqual(['supported', 'supported']);
    expect(byEntry(1).note).toContain('only in its file name');
    expect(byEntry(2).verdict).toBe('methodology-mismatch');
    expect(byEntry(2).note).toMatch(/dataset revision differs/);
  });
});

describe('a known shape with nothing usable says so', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('lm-eval output whose entries are all alias-only is EVIDENCE_MALFORMED, not an unknown format', () => {
    try {
      readEvidence({ name: 'r.json', bytes: bytes(JSON.stringify({ results: { leaderboard: { alias: 'leaderboard' } }, versions: {}, 'n-shot': {} })) }, rules);
      expect.unreachable();
    } catch (e) {
      expect(isWarrantError(e) && e.code).toBe('EVIDENCE_MALFORMED');
      expect((e as Error).message).toMatch(/no numeric metric/);
    }
  });
  it('a make_table log whose tables are empty is EVIDENCE_MALFORMED', () => {
    try {
      readEvidence({ name: 'log.md', bytes: bytes('GPT4All:\n```\n|Task|Version|Metric|Value|   |Stderr|\n|----|------:|------|-----:|---|-----:|\n```\nAverage: \n') }, rules);
      expect.unreachable();
    } catch (e) {
      expect(isWarrantError(e) && e.code).toBe('EVIDENCE_MALFORMED');
    }
  });
  it('an unknown JSON shape still fails with the one-line list of what is read', () => {
    try {
      readEvidence({ name: 'x.json', bytes: bytes('{"hello": 1}') }, rules);
      expect.unreachable();
    } catch (e) {
      expect(isWarrantError(e) && e.code).toBe('EVIDENCE_UNKNOWN_FORMAT');
      expect((e as Error).message).not.toContain('\n');
      for (const words of ['Markdown log', 'Open LLM Leaderboard', 'MTEB']) expect((e as Error).message).toContain(words);
    }
  });
});
