/**
 * matchPatterns tries a match only on the terms where one of its first token's hook keys occurs (a
 * word, every word of an (a|b) list, a #Tag, a %switch%, the first tokens of a block's choices): it
 * must find exactly what compromise's own sweep finds, wherever those keys occur more than once, are
 * hidden in a contraction, differ between a term's text and its normal form, or are not there at all.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePatterns, matchPatterns, parseSentence, referenceParse, type CompiledPatterns } from '../../src/text/compromise.ts';

const PATTERNS = [
  'the model',
  'model #Verb',
  '(may|might|could) not? #Verb',
  '(will|shall) be',
  '#Modal #Adverb? #Verb',
  '#Noun (is|are) trained',
  '(we|our team) [#Verb] it',
  '(#Determiner && the) #Noun',
  '(fine tuned|instruction tuned) #Noun',
  '%Noun|Verb% #Preposition',
  "do not",
  'not #Verb',
  'café #Noun',
  'u.s. #Noun',
  'e.g. #Noun',
  // A word of a list or block is taken on a term's text too: "café" and "u.s." are no term's normal form.
  '(café|menu) #Noun',
  '(u.s.|european) #Noun',
  '(café owners|menu items|e.g. users)',
  '#Value #Unit?',
  'data (is|are) #Adverb? (retained|deleted)',
  'it #Copula? not (intended|designed)',
  '#Pronoun (will|would) #Adverb? not',
];

const net: CompiledPatterns = compilePatterns(PATTERNS.map((pattern, i) => ({ id: `p${i}`, pattern })));

function agrees(text: string): void {
  const ours = matchPatterns(parseSentence(text), net).map((m) => ({ id: m.id, start: m.start, end: m.end }));
  expect(ours, text).toEqual(referenceParse(text, net).matches);
}

const WRITTEN = [
  'The model may not be used; the model might not work, and the model could fail.',
  "We don't retain data. We won't sell it, and we'll delete it. It isn't intended for that.",
  'THE MODEL will be released. The Model shall be audited. the model WILL be fine.',
  'Café menus and the café owners; a Café Noun.',
  'the café owners and the menu items, then café owners.',
  'U.S. customers, u.s. customers and e.g. users, E.G. users.',
  'European customers and u.s. customers.',
  'Fine-tuned models and instruction tuned models, fine tuned weights.',
  'Data is retained for 30 days; data are quickly deleted; data is not retained.',
  'It is not intended for medical use, it not designed for that, and it will surely not.',
  'Our team tested it and we used it, we trained it on 2T tokens.',
  'The the the model model model may may not not verb.',
  '',
  'model',
];

describe('matchPatterns tried only where a match can start', () => {
  it('finds what compromise finds on written sentences', () => {
    for (const text of WRITTEN) agrees(text);
  });

  it('finds what compromise finds on arbitrary word sequences', () => {
    const word = fc.constantFrom('the', 'The', 'THE', 'model', 'may', 'might', 'not', "don't", "won't", 'will', 'shall', 'be', 'is', 'are', 'trained', 'we', 'our', 'team', 'it', 'café', 'Café', 'owners', 'menu', 'items', 'U.S.', 'u.s.', 'European', 'customers', 'e.g.', 'users', 'fine', 'tuned', 'data', 'retained', 'quickly', '30', 'days', ',', ';', 'intended', 'for');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 16 }), (words) => {
        agrees(`${words.join(' ')}.`);
      }),
      { numRuns: 300 },
    );
  });
});
