/**
 * The label and the claim type of each sentence of a document, decided together. The guide ties
 * them: a representation asserts something, so it never has claim type `none` ("a sentence that
 * asserts nothing gets none"). The two models score a sentence apart (the label model P(rep), the
 * claim-type model a probability per type, in its neighbours' context); the decision takes the most
 * likely *pair* of label and type that the guide allows:
 *
 *   representation: log P(rep) + α · max over types other than none of log q(type)
 *   narrative:      log P(nar) + α · max over all types of log q(type)
 *
 * That is the label logit plus α · (log q(best type but none) − log q(best type)), a term that is 0
 * unless the claim-type model's best reading is "asserts nothing", and then counts against a
 * representation by how sure it is. The score shown is the logistic of that sum, so score and
 * label agree (label: score ≥ threshold). α is `claimTypes.assertsNothing` in
 * rules/classifier.yaml; 0 decides the label on the label model alone.
 *
 * Measured leave one document out (40 documents): macro-F1 and claim type both gain (see the note
 * in rules/classifier.yaml).
 */
import { CLAIM_TYPES, type ClaimType, type Label } from '../model/types.ts';
import { pickType, sigmoid } from './linear.ts';
import { logitsInContext, type NeighbourSettings } from './type-context.ts';

/** What is decided for one sentence. */
export interface Decision {
  label: Label;
  /** P(representation) after the claim type's evidence, as the label is decided on it. */
  score: number;
  type: ClaimType;
  /** What the claim-type model's "asserts nothing" reading added to the label logit (≤ 0). */
  assertsNothing: number;
}

const NONE = CLAIM_TYPES.indexOf('none');

/**
 * Decide each sentence of one document, in order, from its label logit and its type scores
 * (`undefined` for a sentence not scored: no decision, and no one's neighbour).
 */
export function decideDocument(
  labelLogits: ReadonlyArray<number | undefined>,
  typeLogits: ReadonlyArray<Float64Array | undefined>,
  threshold: number,
  neighbours: NeighbourSettings,
  assertsNothing: number,
): Array<Decision | undefined> {
  const inContext = logitsInContext(typeLogits, neighbours);
  return inContext.map((z, i) => {
    const logit = labelLogits[i];
    if (!z || logit === undefined) return undefined;
    const shift = assertsNothing > 0 ? assertsNothing * noneMargin(z) : 0;
    const score = sigmoid(logit + shift);
    const label: Label = score >= threshold ? 'representation' : 'narrative';
    return { label, score, type: pickType(z, label === 'representation'), assertsNothing: shift };
  });
}

/** log q(best type but none) − log q(best type): 0 unless `none` is the claim-type model's best reading. */
function noneMargin(z: Float64Array): number {
  let best = -Infinity;
  let bestButNone = -Infinity;
  for (let c = 0; c < z.length; c++) {
    if (z[c]! > best) best = z[c]!;
    if (c !== NONE && z[c]! > bestButNone) bestButNone = z[c]!;
  }
  // log-softmax differences are logit differences.
  return bestButNone - best;
}
