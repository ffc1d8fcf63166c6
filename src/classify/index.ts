/**
 * judge: sentences → claims (claim type, quantities, label, score, cues).
 * Calls extract/ (compromise) then classify/ (cues + context). OWNER: issue 3.
 */
import type { Claim, Document, Sentence } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';

/** Judge every sentence of one document: one Claim per sentence, in sentence order. */
export function judgeSentences(doc: Document, sentences: Sentence[], _rules: RuleSet): Claim[] {
  return sentences.map((s) => ({
    id: s.id,
    sentenceId: s.id,
    docId: doc.id,
    type: 'none',
    label: 'narrative',
    score: 0,
    cues: [],
    quantities: [],
  }));
}
