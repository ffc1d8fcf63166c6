/** contract-modality-strengthened: a contract sentence that changed its card source by the transformation 'modality-strengthened' (src/align/). */
import { driftDetector } from './contract-drift.ts';

export const contractModalityStrengthened = driftDetector('contract-modality-strengthened');
