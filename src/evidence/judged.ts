/**
 * A judged document: what the evidence stage (and later stages) need of an ingested, segmented and
 * classified document. Re-exported from src/evidence/index.ts.
 */
import type { Claim, Document, Sentence } from '../model/types.ts';

/** A judged document: what later stages need of it. */
export interface JudgedDocument {
  doc: Document;
  sentences: Sentence[];
  claims: Claim[];
}
