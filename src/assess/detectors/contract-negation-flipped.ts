/** contract-negation-flipped: a contract sentence that changed its card source by the transformation 'negation-flipped' (src/align/). */
import { driftDetector } from './contract-drift.ts';

export const contractNegationFlipped = driftDetector('contract-negation-flipped');
