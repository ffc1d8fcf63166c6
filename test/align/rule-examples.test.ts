import { describe, expect, it } from 'vitest';
import { shippedRules, ofKind } from '../../src/rules/load.ts';
import { compilePattern, matchPattern } from '../../src/align/patterns.ts';
import { tokenize } from '../../src/align/tokens.ts';

type PhraseRule = { id: string; patterns: string[]; examples: { match: string[]; noMatch: string[] } };

/** Every phrase rule of rules/alignment.yaml and rules/legal.yaml, with its word classes. */
function phraseRules(): Array<{ file: string; rule: PhraseRule; classes: Record<string, string[]> }> {
  const rules = shippedRules();
  const out: Array<{ file: string; rule: PhraseRule; classes: Record<string, string[]> }> = [];
  for (const f of ofKind(rules, 'alignment')) {
    const d = f.data;
    for (const r of [...d.hedges, ...d.modality, ...d.scopes, ...d.widenings, d.quantifiers.narrow, d.quantifiers.wide, ...d.qualifiers, ...d.negations, ...d.comparators, ...d.ranges]) out.push({ file: f.path, rule: r, classes: d.classes });
  }
  for (const f of ofKind(rules, 'legal')) {
    const d = f.data;
    for (const r of [...d.forces, ...d.definitions, ...d.incorporation, ...d.documents]) out.push({ file: f.path, rule: r, classes: d.classes });
  }
  return out;
}

describe('alignment and legal rule examples', () => {
  const all = phraseRules();
  it('loads phrase rules from both files', () => {
    expect(all.some((r) => r.file === 'alignment.yaml')).toBe(true);
    expect(all.some((r) => r.file === 'legal.yaml')).toBe(true);
  });
  for (const { file, rule, classes } of all) {
    it(`${file} ${rule.id}: examples`, () => {
      const patterns = rule.patterns.map((p) => compilePattern(p, classes));
      const hits = (text: string): boolean => patterns.some((p) => matchPattern(p, tokenize(text)).length > 0);
      for (const m of rule.examples.match) expect(hits(m), `should match: ${m}`).toBe(true);
      for (const m of rule.examples.noMatch) expect(hits(m), `should not match: ${m}`).toBe(false);
    });
  }
});
