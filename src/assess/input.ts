/** What assess reads: the analysis as data, and suppressions as data (the core reads no files). */
import type { Alignment, EvidenceRecord, Link } from '../model/types.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { Suppression } from './suppressions.ts';

/** Everything assess looks at. */
export interface AssessInput {
  documents: JudgedDocument[];
  evidence: EvidenceRecord[];
  links: Link[];
  alignments: Alignment[];
}

/** Suppression inputs, as data (the core reads no files). */
export interface AssessOptions {
  /** Config-file suppressions (parseSuppressionConfig). */
  suppressions?: Suppression[];
  /** Decoded source text per document id, for inline `warrant-disable-next-line` comments (Markdown/text inputs). */
  sources?: Record<string, string>;
}
