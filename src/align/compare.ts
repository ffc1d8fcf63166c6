/**
 * Compare one card unit with one contract sentence: a weighted similarity over the token
 * alignment, and the transformations the excerpt made (each with the words involved).
 *
 * Three steps: match the two units' tokens (src/align/matching.ts); run one detector per
 * transformation kind over the matching (src/align/transformations/, conventions in each module and
 * in rules/alignment.yaml); weigh what is shared (src/align/similarity.ts), figures paired by
 * src/align/numbers.ts.
 */
import type { Transformation } from '../model/types.ts';
import { matchUnits, type CompareContext, type Unit } from './matching.ts';
import { pairNumbers } from './numbers.ts';
import { similarityOf } from './similarity.ts';
import { detectTransformations } from './transformations/index.ts';

export { keyOf, type CompareContext, type Unit } from './matching.ts';

/** Result of comparing a card unit with a contract sentence. */
export interface Comparison {
  similarity: number;
  transformations: Transformation[];
  /** What the two share: content words, numbers, the product's name, section words (contract wording). */
  anchors: string[];
  /** Content words and numbers of the contract sentence matched in the card sentence. */
  shared: number;
}

/**
 * Compare a card unit (source candidate) with a contract sentence. With `full` false only the
 * similarity is computed (candidate ranking); the drift detectors run for the chosen source, and
 * a figure a detector explains (a scope limit "up to 8,000 words") is then not paired as a number.
 */
export function compareUnits(card: Unit, contract: Unit, ctx: CompareContext, full = true): Comparison {
  const m = matchUnits(card, contract, ctx);
  const { transformations, numberPairs } = full ? detectTransformations(m) : { transformations: [], numberPairs: pairNumbers(m) };
  const { similarity, anchors, shared } = similarityOf(m, numberPairs);
  return { similarity, transformations, anchors, shared };
}
