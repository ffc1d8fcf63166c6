import { describe, expect, it } from 'vitest';
import { ofKind } from '../../src/rules/load.ts';
import { alignContract } from '../../src/align/index.ts';
import { assessLegalForce } from '../../src/contract/index.ts';
import type { TransformationKind } from '../../src/model/types.ts';
import { judged } from './helpers.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const examples = ofKind(rules, 'alignment').flatMap((f) => f.data.driftExamples);
const KINDS: TransformationKind[] = ['verbatim', 'hedge-removed', 'modality-strengthened', 'number-changed', 'scope-broadened', 'qualifier-dropped', 'negation-flipped'];

/** Align one contract sentence against a one-sentence card (plus a neighbour it must not pick). */
function kindsOf(card: string, contract: string): { found: boolean; kinds: TransformationKind[] } {
  const c = judged('acme-2.md', 'model-card', `# Acme-2\n${card}\nAcme-2 is released under the Apache 2.0 licence.`);
  const k = judged('schedule.md', 'contract', `"Model" means the Acme-2 language model.\n${contract}`);
  k.claims = assessLegalForce(k, rules);
  const a = alignContract(k, [c], [], rules)[1]!;
  return { found: a.cardSentenceId === c.sentences[0]!.id, kinds: [...new Set(a.transformations.map((t) => t.kind))].sort() };
}

describe('drift examples in rules/alignment.yaml', () => {
  it('every drift kind has examples, and some show two kinds at once', () => {
    for (const kind of KINDS) expect(examples.some((e) => e.expect.includes(kind)), kind).toBe(true);
    expect(examples.some((e) => e.expect.length >= 2)).toBe(true);
  });
  it.each(examples.map((e) => [e.why, e] as const))('%s', (_why, e) => {
    const r = kindsOf(e.card, e.contract);
    expect(r.found, `no source for: ${e.contract}`).toBe(true);
    expect(r.kinds).toEqual([...e.expect].sort());
  });
});
