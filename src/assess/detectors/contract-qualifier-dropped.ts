/** contract-qualifier-dropped: a contract sentence that changed its card source by the transformation 'qualifier-dropped' (src/align/). */
import { driftDetector } from './contract-drift.ts';

export const contractQualifierDropped = driftDetector('contract-qualifier-dropped');
