/** performance-contradicted: evidence from a harness is worse than the number the card states, beyond tolerance. */
import { verdictDetector } from './evidence-verdict.ts';

export const performanceContradicted = verdictDetector('performance-contradicted');
