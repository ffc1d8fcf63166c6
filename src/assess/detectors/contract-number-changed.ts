/** contract-number-changed: a contract sentence that changed its card source by the transformation 'number-changed' (src/align/). */
import { driftDetector } from './contract-drift.ts';

export const contractNumberChanged = driftDetector('contract-number-changed');
