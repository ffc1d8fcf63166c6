/**
 * One table test for every transformation kind: the `transformations` examples of
 * rules/alignment.yaml (each kind reported for its flagged pairs, not for its near misses) and the
 * `driftExamples` (the exact set of kinds of pairs that show several at once, or none), all aligned
 * through the real pipeline (the drift examples were test/align/drift-examples.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ofKind } from '../../src/rules/load.ts';
import { alignContract } from '../../src/align/index.ts';
import { CONVERSE, DETECTION_ORDER, DETECTORS, TRANSFORMATION_KINDS } from '../../src/align/transformations/index.ts';
import { assessLegalForce } from '../../src/contract/index.ts';
import type { TransformationKind } from '../../src/model/types.ts';
import { judged } from './helpers.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const file = ofKind(rules, 'alignment').at(-1)!.data;

/** Align one contract sentence against a one-sentence card (plus a neighbour it must not pick). */
function kindsOf(card: string, contract: string): { found: boolean; kinds: TransformationKind[] } {
  const c = judged('acme-2.md', 'model-card', `# Acme-2\n${card}\nAcme-2 is released under the Apache 2.0 licence.`);
  const k = judged('schedule.md', 'contract', `"Model" means the Acme-2 language model.\n${contract}`);
  k.claims = assessLegalForce(k, rules);
  const a = alignContract(k, [c], [], rules)[1]!;
  return { found: a.cardSentenceId === c.sentences[0]!.id, kinds: [...new Set(a.transformations.map((t) => t.kind))].sort() };
}

const cases = (which: 'flagged' | 'notFlagged') =>
  TRANSFORMATION_KINDS.flatMap((kind) => file.transformations[kind].examples[which].map((e) => [`${kind}: ${e.why}`, kind, e] as const));

describe('transformation examples in rules/alignment.yaml', () => {
  it('every kind has one detector, runs once, and has flagged and not-flagged examples', () => {
    expect(Object.keys(file.transformations).sort()).toEqual([...TRANSFORMATION_KINDS].sort());
    expect([...DETECTION_ORDER].sort()).toEqual(Object.keys(DETECTORS).sort());
    for (const kind of TRANSFORMATION_KINDS) {
      expect(file.transformations[kind].examples.flagged.length, kind).toBeGreaterThan(0);
      expect(file.transformations[kind].examples.notFlagged.length, kind).toBeGreaterThan(0);
    }
  });
  it('names the converse of each strengthening kind (what src/align/diff.ts reports reading new → old)', () => {
    expect(CONVERSE).toEqual({ 'hedge-removed': 'hedge-added', 'modality-strengthened': 'modality-weakened', 'scope-broadened': 'scope-narrowed', 'qualifier-dropped': 'qualifier-added' });
  });
  it.each(cases('flagged'))('flagged %s', (_name, kind, e) => {
    const r = kindsOf(e.card, e.contract);
    expect(r.found, `no source for: ${e.contract}`).toBe(true);
    expect(r.kinds).toContain(kind);
  });
  it.each(cases('notFlagged'))('not flagged %s', (_name, kind, e) => {
    const r = kindsOf(e.card, e.contract);
    expect(r.found, `no source for: ${e.contract}`).toBe(true);
    expect(r.kinds).not.toContain(kind);
  });
});

describe('drift examples in rules/alignment.yaml', () => {
  const examples = ofKind(rules, 'alignment').flatMap((f) => f.data.driftExamples);
  it('every drift kind has examples, and some show two kinds at once', () => {
    for (const kind of TRANSFORMATION_KINDS) expect(examples.some((e) => e.expect.includes(kind)), kind).toBe(true);
    expect(examples.some((e) => e.expect.length >= 2)).toBe(true);
  });
  it.each(examples.map((e) => [e.why, e] as const))('%s', (_why, e) => {
    const r = kindsOf(e.card, e.contract);
    expect(r.found, `no source for: ${e.contract}`).toBe(true);
    expect(r.kinds).toEqual([...e.expect].sort());
  });
});
