/** evidence-stale: the evidence for a number predates the model or the document. */
import { verdictDetector } from './evidence-verdict.ts';

export const evidenceStale = verdictDetector('evidence-stale');
