/** The verdict rule on its own: tolerance, direction, comparators, methodology differences. */
import { describe, expect, it } from 'vitest';
import { judge, methodologyDifferences, type ClaimedNumber } from '../../src/evidence/verdict.ts';
import type { EvidenceRecord } from '../../src/model/types.ts';
import { shipped } from './helpers.ts';

const er = shipped().evidence;
const claim = (over: Partial<ClaimedNumber> = {}): ClaimedNumber => ({ claimId: 'c', quantityIndex: 0, docId: 'd', origin: 'prose', benchmark: 'MMLU', value: 68.4, raw: '68.4', halfUnit: 0.05, model: 'm', own: true, higherIsBetter: true, shots: 5, metric: 'accuracy', ...over });
const record = (over: Partial<EvidenceRecord> = {}): EvidenceRecord => ({ id: 'r', source: 'f.json', format: 'lm-eval', tier: 'harness', benchmark: 'MMLU', metric: 'accuracy', value: 68.4, rawValue: 0.684, shots: 5, methodology: {}, ...over });

describe('judge', () => {
  it.each([
    // [claim, record, verdict, tolerance]
    ['equal', {}, {}, 'supported', 0.05],
    ['within half a unit', {}, { value: 68.44 }, 'supported', 0.05],
    ['at the boundary', { value: 61.9, raw: '61.9' }, { value: 61.95 }, 'supported', 0.05],
    ['beyond half a unit, no stderr', {}, { value: 68.2 }, 'contradicted', 0.05],
    ['within 1.96 × stderr', {}, { value: 67.8, stderr: 0.4 }, 'supported', 0.784],
    ['beyond 1.96 × stderr', {}, { value: 67.5, stderr: 0.4 }, 'contradicted', 0.784],
    ['better beyond tolerance is contradicted too', {}, { value: 70 }, 'contradicted', 0.05],
    ['"at least" holds when better', { comparator: '>=' }, { value: 70 }, 'supported', 0.05],
    ['shots differ', {}, { shots: 0 }, 'methodology-mismatch', 0.05],
    ['metric differs', { metric: 'f1' }, {}, 'methodology-mismatch', 0.05],
  ] as const)('%s', (_name, c, r, verdict, tolerance) => {
    const j = judge(claim(c), record(r), er, 'same');
    expect(j.verdict).toBe(verdict);
    expect(j.tolerance).toBeCloseTo(tolerance, 6);
    expect(j.note).toContain(String(claim(c).value));
  });

  it('says worse and better by direction (WER: lower is better)', () => {
    const wer = claim({ benchmark: 'LibriSpeech', metric: 'wer', value: 5.0, raw: '5.0', higherIsBetter: false });
    expect(judge(wer, record({ benchmark: 'LibriSpeech', metric: 'wer', value: 6.1 }), er, 'same').note).toMatch(/worse than claimed by 1\.1/);
    expect(judge(wer, record({ benchmark: 'LibriSpeech', metric: 'wer', value: 3.9 }), er, 'same').note).toMatch(/better than claimed by 1\.1/);
  });

  it('other-model names both models', () => {
    const j = judge(claim({ model: 'Tern-3B' }), record({ model: 'Tern-7B' }), er, 'related');
    expect(j.verdict).toBe('other-model');
    expect(j.note).toContain('Tern-7B');
    expect(j.note).toContain('Tern-3B');
  });
});

describe('methodologyDifferences', () => {
  it('a claim with no methodology against evidence with one', () => {
    const d = methodologyDifferences(claim({ shots: undefined, metric: undefined }), record());
    expect(d).toEqual([expect.stringContaining('states no methodology')]);
  });
  it('answer extraction the claim does not state', () => {
    const d = methodologyDifferences(claim({ benchmark: 'GSM8K', metric: 'exact-match' }), record({ benchmark: 'GSM8K', metric: 'exact-match', methodology: { metricVariant: 'strict-match' } }));
    expect(d).toEqual([expect.stringContaining('strict-match')]);
  });
  it('the benchmark\'s usual variant is read for a claim that names no metric', () => {
    const arc = claim({ benchmark: 'ARC-Challenge', metric: undefined, shots: 25, defaultMetric: 'accuracy', defaultVariant: 'acc_norm' });
    expect(methodologyDifferences(arc, record({ benchmark: 'ARC-Challenge', shots: 25, methodology: { metricVariant: 'acc_norm' } }))).toEqual([]);
    expect(methodologyDifferences(arc, record({ benchmark: 'ARC-Challenge', shots: 25 }))).toEqual([expect.stringContaining('acc_norm')]);
  });
  it('harness versions differ only when both are known', () => {
    expect(methodologyDifferences(claim({ harnessVersion: '0.4.0' }), record({ methodology: { harnessVersion: '0.4.5' } }))).toEqual([expect.stringContaining('0.4.5')]);
    expect(methodologyDifferences(claim(), record({ methodology: { harnessVersion: '0.4.5' } }))).toEqual([]);
  });
});
