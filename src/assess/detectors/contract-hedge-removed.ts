/** contract-hedge-removed: a contract sentence that changed its card source by the transformation 'hedge-removed' (src/align/). */
import { driftDetector } from './contract-drift.ts';

export const contractHedgeRemoved = driftDetector('contract-hedge-removed');
