/** `warrant eval --evidence-gold`: the verdict meter (issue 12, item 4). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateEvidence, parseEvidenceGold, renderEvidenceEvaluation, score, type PairOutcome } from '../../src/eval/evidence.ts';
import { isWarrantError } from '../../src/model/errors.ts';
import { runEval } from '../../src/cli/commands/eval.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const SET = fileURLToPath(new URL('../../../shared/corpus/evidence-set/', import.meta.url));
const readFile = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

describe('parseEvidenceGold', () => {
  const good = JSON.stringify({ card: 'c.md', evidence: ['e.json'], benchmark: 'MMLU', metric: 'acc', shots: 5, model: 'm', claimed: 61.2, claimed_text: '61.2', observed: 61.0, verdict: 'supported', why: 'w' });
  it('reads pairs with their line numbers, skipping blank lines', () => {
    const pairs = parseEvidenceGold(`${good}\n\n${good}\n`, 'g.jsonl');
    expect(pairs.map((p) => p.line)).toEqual([1, 3]);
  });
  it.each([
    ['not JSON', '{oops', /invalid JSON/],
    ['an unknown verdict', good.replace('"supported"', '"fine"'), /verdict/],
    ['no claimed_text', good.replace('"claimed_text":"61.2",', ''), /claimed_text/],
  ])('a line with %s is GOLD_MALFORMED naming the line', (_what, line, message) => {
    try {
      parseEvidenceGold(`${good}\n${line}\n`, 'g.jsonl');
      expect.unreachable();
    } catch (e) {
      expect(isWarrantError(e) && e.code).toBe('GOLD_MALFORMED');
      expect(isWarrantError(e) && e.line).toBe(2);
      expect((e as Error).message).toMatch(message);
    }
  });
});

describe('score', () => {
  const o = (gold: PairOutcome['gold'], predicted: PairOutcome['predicted']): PairOutcome => ({ line: 1, card: 'c', evidence: [], benchmark: 'b', claimedText: '1', gold, predicted, note: '' });
  it('accuracy, confusion, supported precision and the wrong pairs', () => {
    const e = score([o('supported', 'supported'), o('contradicted', 'supported'), o('other-model', 'other-model'), o('unverified', 'not-found')]);
    expect([e.correct, e.support, e.accuracy]).toEqual([2, 4, 0.5]);
    expect([e.supportedPredicted, e.supportedPrecision]).toEqual([2, 0.5]);
    expect(e.confusion.contradicted!.supported).toBe(1);
    expect(e.confusion.unverified!['not-found']).toBe(1);
    expect(e.wrong.map((w) => w.gold)).toEqual(['contradicted', 'unverified']);
    expect(renderEvidenceEvaluation(e)).toMatch(/accuracy 0\.500; supported precision 0\.500/);
  });
  it('no pair predicted supported: precision 1 by convention', () => {
    expect(score([o('unverified', 'unverified')]).supportedPrecision).toBe(1);
  });
});

describe('evaluateEvidence on the sample pairs (written by us, samples/gold/evidence-pairs.jsonl)', () => {
  const pairs = parseEvidenceGold(readFileSync(`${SAMPLES}gold/evidence-pairs.jsonl`, 'utf8'), 'evidence-pairs.jsonl');
  it('scores every pair by running the real pipeline', async () => {
    const e = await evaluateEvidence(pairs, SAMPLES, rules, readFile);
    expect(e.support).toBe(pairs.length);
    expect(e.wrong.map((w) => `${w.line} ${w.gold}→${w.predicted}: ${w.note}`)).toEqual([]);
    expect(new Set(e.outcomes.map((x) => x.gold))).toEqual(new Set(['supported', 'contradicted', 'methodology-mismatch', 'other-model', 'unverified']));
  });
  it('a gold verdict the pipeline does not give counts as wrong (the meter can fail)', async () => {
    const flipped = pairs.map((p) => (p.verdict === 'contradicted' ? { ...p, verdict: 'supported' as const } : p));
    const e = await evaluateEvidence(flipped, SAMPLES, rules, readFile);
    expect(e.wrong).toHaveLength(1);
    expect(e.wrong[0]).toMatchObject({ gold: 'supported', predicted: 'contradicted' });
  });
  it('a number the card does not print is "not-found"; a missing file is "error"', async () => {
    const e = await evaluateEvidence([{ ...pairs[0]!, claimed_text: '99.99' }, { ...pairs[0]!, evidence: ['evidence/missing.json'] }], SAMPLES, rules, readFile);
    expect(e.outcomes.map((x) => x.predicted)).toEqual(['not-found', 'error']);
  });
});

describe('warrant eval --evidence-gold', () => {
  it('prints the figures as JSON', async () => {
    let out = '';
    const code = await runEval(['--evidence-gold', `${SAMPLES}gold/evidence-pairs.jsonl`, '--docs', SAMPLES, '--format', 'json'], { stdout: (s) => (out += s), stderr: () => {}, readFile });
    expect(code).toBe(0);
    const json = JSON.parse(out) as { evidence: { accuracy: number; supportedPrecision: number; confusion: Record<string, unknown> } };
    expect(json.evidence.accuracy).toBe(1);
    expect(Object.keys(json.evidence.confusion)).toEqual(['supported', 'contradicted', 'methodology-mismatch', 'other-model', 'stale', 'unverified']);
  });
});

describe.skipIf(!existsSync(SET))('the dev evidence set (../shared/corpus/evidence-set)', () => {
  it('meets the issue 12 targets: verdict accuracy ≥ 0.90, supported precision ≥ 0.98', async () => {
    const pairs = parseEvidenceGold(readFileSync(`${SET}evidence-set.gold.jsonl`, 'utf8'), 'evidence-set.gold.jsonl');
    const e = await evaluateEvidence(pairs, SET, rules, readFile);
    expect(e.support).toBeGreaterThanOrEqual(45);
    expect(e.outcomes.filter((x) => x.predicted === 'error')).toEqual([]);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(e.supportedPrecision).toBeGreaterThanOrEqual(0.98);
  }, 120_000);
});
