/**
 * Runs every matching rule's `examples` (STYLE.md: a rule without examples fails): each cue and
 * claim-type trigger must match its `match` sentences and must not match its `noMatch` sentences.
 */
import { describe, expect, it } from 'vitest';
import { shippedRules, ofKind } from '../../src/rules/load.ts';
import { checkPattern, compilePatterns, matchesOverlap, matchPatterns, parseSentence } from '../../src/text/compromise.ts';

interface MatchingRule {
  id: string;
  patterns: string[];
  unless?: string[];
  examples: { match: string[]; noMatch: string[] };
}

const rules = shippedRules();
const entries: Array<{ file: string; rule: MatchingRule }> = [];
for (const f of ofKind(rules, 'cues')) for (const c of f.data.cues) entries.push({ file: f.path, rule: c as MatchingRule });
for (const f of ofKind(rules, 'claim-types')) for (const t of f.data.types) for (const tr of t.triggers) entries.push({ file: f.path, rule: tr as MatchingRule });

function fires(rule: MatchingRule, sentence: string): boolean {
  const compiled = compilePatterns([
    ...rule.patterns.map((pattern) => ({ id: rule.id, pattern })),
    ...(rule.unless ?? []).map((pattern) => ({ id: 'unless', pattern })),
  ]);
  const matches = matchPatterns(parseSentence(sentence), compiled);
  const unless = matches.filter((m) => m.id === 'unless');
  // A match an `unless` pattern overlaps is dropped (src/classify/judge.ts cueMatches).
  return matches.some((m) => m.id === rule.id && !unless.some((u) => matchesOverlap(u, m)));
}

describe('rule examples', () => {
  it('there are rules to check', () => {
    expect(entries.length).toBeGreaterThan(20);
  });
  it('rule ids are unique', () => {
    const ids = entries.map((e) => e.rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
  for (const { file, rule } of entries) {
    describe(`${file} ${rule.id}`, () => {
      it('patterns parse', () => {
        for (const p of [...rule.patterns, ...(rule.unless ?? [])]) expect(checkPattern(p), p).toBeUndefined();
      });
      for (const s of rule.examples.match) it(`matches: ${s}`, () => expect(fires(rule, s)).toBe(true));
      for (const s of rule.examples.noMatch) it(`does not match: ${s}`, () => expect(fires(rule, s)).toBe(false));
    });
  }
});
