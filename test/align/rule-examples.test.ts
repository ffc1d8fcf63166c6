import { describe, expect, it } from 'vitest';
import { shippedRules, ofKind } from '../../src/rules/load.ts';
import { compilePattern, matchPattern } from '../../src/text/patterns.ts';
import { tokenize } from '../../src/text/tokens.ts';

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

describe('alignment rule file validation', () => {
  it('names the file, line and pattern of a pattern that does not compile', async () => {
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const { parseRuleFile } = await import('../../src/rules/load.ts');
    const text = readFileSync(fileURLToPath(new URL('../../rules/alignment.yaml', import.meta.url)), 'utf8');
    const bad = text.replace('"tends|tend to"', '"tends|tend @nosuchclass"');
    const line = bad.split('\n').findIndex((l) => l.includes('@nosuchclass')) + 1;
    expect(() => parseRuleFile('alignment.yaml', bad, 'rules')).toThrow(/unknown word class @nosuchclass/);
    try {
      parseRuleFile('alignment.yaml', bad, 'rules');
    } catch (e) {
      expect(e).toMatchObject({ code: 'RULES_INVALID', file: 'rules/alignment.yaml', line });
    }
    expect(() => parseRuleFile('alignment.yaml', text.replace(/scopeClasses: \[language/, 'scopeClasses: [nope'), 'rules')).toThrow(/unknown word class "nope"/);
  });
});
