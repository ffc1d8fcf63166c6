import { describe, expect, it } from 'vitest';
import { stemWord, tokenize } from '../../src/text/tokens.ts';
import { compilePattern, matchAny, matchPattern } from '../../src/text/patterns.ts';
import { lcsPairs, hunksOf } from '../../src/align/token-align.ts';
import { buildBm25, searchBm25 } from '../../src/align/bm25.ts';

describe('tokenize', () => {
  it('reads numbers with thousands and decimals, percent, and keeps words glued to digits as words', () => {
    const t = tokenize('Reports of up to 8,000 words; 68.4% on MMLU (5-shot) by Kestrel-7B.');
    expect(t.map((x) => x.text)).toEqual(['Reports', 'of', 'up', 'to', '8,000', 'words', '68.4', 'on', 'MMLU', '5', 'shot', 'by', 'Kestrel', '7B']);
    expect(t[4]!.value).toBe(8000);
    expect(t[6]!.percent).toBe(true);
    expect(t[13]!.value).toBeUndefined();
  });
  it('reads a version and a clock time as one word, and "1.5x" as the number 1.5', () => {
    const read = (text: string) => tokenize(text).map((t) => (t.value !== undefined ? `${t.text}=${t.value}` : t.text));
    expect(read('harness 0.4.2 and v1.2 on 14 March')).toEqual(['harness', '0.4.2', 'and', 'v1.2', 'on', '14=14', 'March']);
    expect(read('between 08:00 and 20:00, ratio 3:1')).toEqual(['between', '08:00', 'and', '20:00', 'ratio', '3=3', '1=1']);
    expect(read('1.5x faster, 3.14 and 1,234.5')).toEqual(['1.5=1.5', 'faster', '3.14=3.14', 'and', '1,234.5=1234.5']);
    // A changed version is not a changed figure: no number survives from it.
    expect(tokenize('0.4.5').every((t) => t.value === undefined)).toBe(true);
  });

  it('keeps offsets into the text', () => {
    const text = 'The model — “retains” data.';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
  it.each([
    ['retains', 'retain'],
    ['languages', 'languag'],
    ['language', 'languag'],
    ['summarisation', 'summarization'],
    ['summarization', 'summarization'],
    ['trained', 'train'],
    ['training', 'train'],
    ['uses', 'us'],
    ['used', 'us'],
  ])('stems %s as %s', (w, s) => expect(stemWord(w)).toBe(s));
});

describe('token patterns', () => {
  const cases: Array<[string, string, string | null]> = [
    ['#num shot|shots', 'scores 68.4 on MMLU (5-shot)', '5-shot'],
    ['in @lang and? @lang?', 'for use in English and French only', 'in English and French'],
    ['as described in the? #cap', 'performs as described in the Model Card', 'as described in the Model'],
    ['no * warranty', 'makes no express or implied warranty', 'no express or implied warranty'],
    ['no * warranty', 'gives a warranty', null],
    ['shall|must not?', 'Provider shall not retain', 'shall not'],
  ];
  it.each(cases)('%s in "%s"', (pattern, text, expected) => {
    const p = compilePattern(pattern, { lang: ['English', 'French'] });
    const tokens = tokenize(text);
    const m = matchPattern(p, tokens)[0];
    expect(m ? text.slice(tokens[m.start]!.start, tokens[m.end - 1]!.end) : null).toBe(expected);
  });
  it('rejects unknown classes and empty patterns', () => {
    expect(() => compilePattern('@nope')).toThrow(/unknown word class/);
    expect(() => compilePattern('*')).toThrow(/nothing definite/);
  });
  it('merges overlapping matches longest first', () => {
    const ps = [compilePattern('in English'), compilePattern('English')];
    expect(matchAny(ps, tokenize('use in English'))).toEqual([{ start: 1, end: 3 }]);
  });
});

describe('token alignment and retrieval', () => {
  it('finds the longest common subsequence and the hunks around it', () => {
    const card = 'the model may generate output'.split(' ');
    const contract = 'the model will generate output'.split(' ');
    const pairs = lcsPairs(card, contract);
    expect(pairs).toEqual([[0, 0], [1, 1], [3, 3], [4, 4]]);
    expect(hunksOf(card.length, contract.length, pairs)).toEqual([{ cardStart: 2, cardEnd: 3, contractStart: 2, contractEnd: 3, position: 'internal' }]);
  });
  it('ranks the document sharing rare terms first', () => {
    const index = buildBm25([['mmlu', '#68.4'], ['gsm8k', '#52.3'], ['model', 'english']]);
    expect(searchBm25(index, ['gsm8k', 'model'], 3, 1.2, 0.75)[0]!.doc).toBe(1);
  });
});
