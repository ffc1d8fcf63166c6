/** performance-understated: evidence from a harness is better than the number the card states, beyond tolerance. */
import { verdictDetector } from './evidence-verdict.ts';

export const performanceUnderstated = verdictDetector('performance-understated');
