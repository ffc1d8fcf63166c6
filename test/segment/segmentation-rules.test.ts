import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseRuleFile } from '../../src/rules/load.ts';
import type { RuleData } from '../../src/rules/kinds/index.ts';
import { abbreviationsFrom, defaultAbbreviations } from '../../src/segment/abbreviations.ts';
import { splitSentences } from '../../src/segment/split.ts';
import { WarrantError } from '../../src/model/errors.ts';

const text = readFileSync(new URL('../../rules/segmentation.yaml', import.meta.url), 'utf8');
const data = parseRuleFile('segmentation.yaml', text).data as RuleData<'segmentation'>;
const abbr = defaultAbbreviations();
const count = (t: string): number => splitSentences(t, abbr).length;

describe('rules/segmentation.yaml', () => {
  for (const group of data.abbreviations) {
    describe(group.id, () => {
      it.each(group.examples.match)('keeps %j one sentence', (t) => expect(count(t)).toBe(1));
      it.each(group.examples.noMatch)('splits %j', (t) => expect(count(t)).toBeGreaterThan(1));
    });
  }

  it('each example depends on its group: without the group the match examples split', () => {
    for (const group of data.abbreviations) {
      const without = abbreviationsFrom([{ ...data, abbreviations: data.abbreviations.filter((g) => g !== group) }]);
      const splitWithout = group.examples.match.filter((t) => splitSentences(t, without).length > 1);
      expect(splitWithout.length, group.id).toBeGreaterThan(0);
    }
  });

  it('rejects a caption word that is not one lower-case word', () => {
    const file = (words: string): string => `kind: segmentation\ncaptionWords: ${words}\nabbreviations:\n  - id: x\n    words: [eg]\n    ends: never\n    why: w\n    examples: {match: [a]}\n`;
    expect(() => parseRuleFile('segmentation.yaml', file('[table, fig]'))).not.toThrow();
    expect(() => parseRuleFile('segmentation.yaml', file('[table, "Table 3"]'))).toThrow(expect.objectContaining({ code: 'RULES_INVALID' }));
  });

  it('rejects a malformed file with file and line', () => {
    const bad = 'kind: segmentation\nabbreviations:\n  - id: x\n    words: ["e.g."]\n    ends: never\n    why: w\n    examples: {match: [a]}\n';
    try {
      parseRuleFile('segmentation.yaml', bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WarrantError);
      expect((e as WarrantError).code).toBe('RULES_INVALID');
      expect((e as WarrantError).line).toBe(4);
    }
  });
});
