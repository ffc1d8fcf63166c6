import { describe, expect, it } from 'vitest';
import { looseKey, matchKey, parseGold } from '../../src/eval/gold.ts';
import { isWarrantError } from '../../src/model/errors.ts';

describe('parseGold', () => {
  it('reads the guide format, skipping blank lines', () => {
    const text = [
      '{"doc": "cards/a.md", "text": "The model is intended for research.", "label": "representation", "claimType": "intended-use"}',
      '',
      '{"doc": "cards/a.md", "text": "MMLU (5-shot) 66.6", "label": "representation", "claimType": "performance", "quantity": {"benchmark": "MMLU", "value": 66.6}, "note": "table row"}',
    ].join('\n');
    const gold = parseGold(text, 'g.jsonl');
    expect(gold).toHaveLength(2);
    expect(gold[1]).toMatchObject({ doc: 'cards/a.md', claimType: 'performance', note: 'table row', file: 'g.jsonl', line: 3 });
  });

  it.each([
    ['not json', 'not JSON'],
    ['{"doc": "a.md", "text": "x", "label": "maybe", "claimType": "other"}', 'label'],
    ['{"doc": "a.md", "text": "x", "label": "narrative", "claimType": "vibes"}', 'claimType'],
    ['{"text": "x", "label": "narrative", "claimType": "other"}', 'doc'],
  ])('a malformed line is GOLD_MALFORMED with file and line: %s', (line, what) => {
    try {
      parseGold(`\n${line}\n`, 'bad.jsonl');
      expect.unreachable();
    } catch (e) {
      expect(isWarrantError(e)).toBe(true);
      const err = e as { code: string; line: number; file: string; message: string };
      expect(err.code).toBe('GOLD_MALFORMED');
      expect(err.line).toBe(2);
      expect(err.file).toBe('bad.jsonl');
      expect(err.message).toContain(what);
    }
  });
});

describe('matchKey', () => {
  it.each([
    ['The model is **intended** for _research_.', 'the model is intended for research.'],
    ['Use in languages other than English\\*\\*.', 'use in languages other than english.'],
    ['  Several   spaces\tand\nlines ', 'several spaces and lines'],
    ['It’s “quoted” — dashed', `it's "quoted" - dashed`],
    ['`code` spans', 'code spans'],
  ])('%s', (input, key) => expect(matchKey(input)).toBe(key));

  it('keeps snake_case words intact', () => {
    expect(matchKey('the overall_score field')).toBe('the overall_score field');
  });

  it('looseKey ignores punctuation entirely', () => {
    expect(looseKey('MMLU | 5-shot | 68.4')).toBe(looseKey('MMLU, 5-shot: 68.4'));
  });
});
