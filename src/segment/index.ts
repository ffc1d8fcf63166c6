/**
 * segment: blocks → sentences with spans. OWNER: issue 2 (ingestion + segmentation).
 */
import type { Document, Sentence } from '../model/types.ts';

/** Split every analysable block of a document into sentences (table rows: one sentence each). */
export function segmentDocument(_doc: Document): Sentence[] {
  return [];
}
