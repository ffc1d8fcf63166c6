/** netFor: the cue/trigger net of a role leaves out exactly the patterns of rules that do not apply to it. */
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../src/rules/load.ts';
import { compileClassifier, netFor } from '../../src/classify/compile.ts';
import { matchPatterns, parseSentence } from '../../src/text/compromise.ts';
import type { Role } from '../../src/model/types.ts';

const cr = compileClassifier(shippedRules());

function ruleRoles(id: string): readonly Role[] | undefined {
  if (id.startsWith('cue:')) return cr.cues.get(id.slice(4))?.roles;
  return cr.triggers.get(id.slice(5))?.trigger.roles;
}

describe('netFor', () => {
  for (const role of ['model-card', 'contract'] as const) {
    it(`keeps every pattern of the rules that apply to a ${role}, and only those`, () => {
      const net = netFor(cr, role);
      const kept = [...net.idsByPattern.values()].flat();
      const expected = cr.specs.filter((s) => !s.roles?.length || s.roles.includes(role)).map((s) => s.id);
      expect(new Set(kept)).toEqual(new Set(expected));
      expect(kept.every((id) => { const r = ruleRoles(id); return !r?.length || r.includes(role); })).toBe(true);
      expect(netFor(cr, role)).toBe(net);
    });
  }

  it('leaves some contract-only rules out of the model-card net', () => {
    expect(netFor(cr, 'model-card').size).toBeLessThan(cr.net.size);
  });

  it('matches what the full net matches, for the rules that apply', () => {
    const text = 'Provider shall notify Customer within 72 hours, and we will not use your data to train models.';
    for (const role of ['model-card', 'contract'] as const) {
      const applies = (id: string): boolean => { const r = ruleRoles(id); return !r?.length || r.includes(role); };
      const all = matchPatterns(parseSentence(text), cr.net).filter((m) => applies(m.id));
      expect(matchPatterns(parseSentence(text), netFor(cr, role))).toEqual(all);
    }
  });
});
