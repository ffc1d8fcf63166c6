/** model-index-disagreement: a number contradicted only by the card's own figures (its model-index or tables). */
import { verdictDetector } from './evidence-verdict.ts';

export const modelIndexDisagreement = verdictDetector('model-index-disagreement');
