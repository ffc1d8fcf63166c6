import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedRules } from '../../src/rules/load.ts';
import { evaluateAlignment, readAlignmentGold } from '../../src/eval/alignment.ts';
import { WarrantError } from '../../src/model/errors.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const HELD_OUT = fileURLToPath(new URL('../fixtures/align/', import.meta.url));

describe('evaluateAlignment', () => {
  it('meets the targets on the sample schedules (real pipeline)', async () => {
    const r = await evaluateAlignment(join(SAMPLES, 'gold/alignment.jsonl'), SAMPLES, shippedRules(), { cases: true });
    expect(r.support).toBe(53);
    expect(r.sourceAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.transformationExact).toBeGreaterThanOrEqual(0.8);
    expect(r.incorporationAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.cases).toHaveLength(53);
  });

  it('scores held-out schedules it was not tuned on (reported, with a floor)', async () => {
    const r = await evaluateAlignment(join(HELD_OUT, 'gold.jsonl'), HELD_OUT, shippedRules());
    expect(r.support).toBe(22);
    expect(r.sourceAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(r.transformationExact).toBeGreaterThanOrEqual(0.7);
    expect(r.cases).toBeUndefined();
  });

  it('scores a second held-out pair (another card style, plain-text appendix)', async () => {
    const dir = join(HELD_OUT, 'heldout2');
    const r = await evaluateAlignment(join(dir, 'gold.jsonl'), dir, shippedRules());
    expect(r.support).toBe(14);
    expect(r.sourceAccuracy).toBeGreaterThanOrEqual(0.8);
    expect(r.transformationExact).toBeGreaterThanOrEqual(0.7);
  });

  it('rejects a malformed gold line with its line number', () => {
    const good = JSON.stringify({ schedule: 'a.md', card: 'b.md', text: 'x', source: null, transformations: [], incorporation: false });
    expect(() => readAlignmentGold('g.jsonl', `${good}\n{"schedule": "a.md"}\n`)).toThrow(WarrantError);
    try {
      readAlignmentGold('g.jsonl', `${good}\n${good.replace('[]', '["rewritten"]')}\n`);
    } catch (e) {
      expect((e as WarrantError).code).toBe('GOLD_MALFORMED');
      expect((e as WarrantError).line).toBe(2);
    }
  });

  it('fails clearly when the gold names a missing document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-align-'));
    writeFileSync(join(dir, 'gold.jsonl'), `${JSON.stringify({ schedule: 'nope.md', card: 'none.md', text: 'x', source: null, transformations: [] })}\n`);
    await expect(evaluateAlignment(join(dir, 'gold.jsonl'), dir, shippedRules())).rejects.toMatchObject({ code: 'GOLD_MALFORMED' });
  });
});
