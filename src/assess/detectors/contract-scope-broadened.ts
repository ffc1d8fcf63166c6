/** contract-scope-broadened: a contract sentence that changed its card source by the transformation 'scope-broadened' (src/align/). */
import { driftDetector } from './contract-drift.ts';

export const contractScopeBroadened = driftDetector('contract-scope-broadened');
