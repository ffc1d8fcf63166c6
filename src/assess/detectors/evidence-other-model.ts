/** evidence-other-model: the only evidence for a number is about another size, variant or revision of the model. */
import { verdictDetector } from './evidence-verdict.ts';

export const evidenceOtherModel = verdictDetector('evidence-other-model');
