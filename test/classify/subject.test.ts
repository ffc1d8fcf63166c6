/** readSubject: the main clause's subject and verb, read from compromise tags. */
import { describe, expect, it } from 'vitest';
import { parseSentence } from '../../src/text/compromise.ts';
import { readSubject, type SubjectWords } from '../../src/classify/subject.ts';

const words: SubjectWords = { intro: new Set(['during', 'in']), personal: new Set(['we', 'they', 'it']) };

function read(text: string) {
  const tokens = parseSentence(text).tokens;
  const r = readSubject(text, tokens, words);
  return { subject: r.text, verb: r.verbIndex >= 0 ? tokens[r.verbIndex]!.text : undefined, placed: r.placedVerb === true };
}

describe('readSubject', () => {
  it('reads the verb after a personal pronoun where the tagger took a compound for an adjective', () => {
    expect(read('We open-source the distilled models.')).toEqual({ subject: 'We', verb: 'source', placed: true });
    expect(read('During training, we up-sampled high-quality code.')).toEqual({ subject: 'we', verb: 'sampled', placed: true });
    expect(read('We carefully pre-trained it on public text.')).toMatchObject({ subject: 'We', placed: true });
  });

  it('leaves the tagger\'s reading alone where it found the verb, or where the next word cannot be one', () => {
    expect(read('We release the weights under Apache 2.0.')).toEqual({ subject: 'We', verb: 'release', placed: false });
    expect(read('We, the undersigned, agree to the terms.').placed).toBe(false);
    expect(read('The encoder uses grouped-query attention.')).toEqual({ subject: 'The encoder', verb: 'uses', placed: false });
    // Only adverbs before the verb: an instruction with no subject, not an adverb subject.
    expect(read('Intentionally deceive or mislead others.')).toEqual({ subject: '', verb: 'deceive', placed: false });
    // Not a personal pronoun in the word list: no verb is placed.
    expect(read('She open-sourced the code.').placed).toBe(false);
  });

  it('reads a bare verb that opens the sentence as an instruction, unless bare nouns and a finite verb follow it', () => {
    const imperative = (text: string) => readSubject(text, parseSentence(text).tokens, words).imperative;
    expect(imperative('Monitor the error rate regularly to ensure that the threshold is right.')).toBe(true);
    expect(imperative('Establish baseline accuracy, false positive and false negative rates.')).toBe(true);
    // The first word is part of a noun phrase subject: "Block Items" are what "are not used".
    expect(imperative('Block Items are not used to improve the models.')).toBe(false);
    expect(imperative('Use cases may have been indicated on a form.')).toBe(false);
  });
});
