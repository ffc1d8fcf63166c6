/**
 * A judged document: an ingested, segmented and classified document, as the evidence, contract,
 * align and assess stages receive it. Part of the data model (the contract between stages).
 */
import type { Claim, Document, Sentence } from './types.ts';

/** A judged document: what later stages need of it. */
export interface JudgedDocument {
  doc: Document;
  sentences: Sentence[];
  claims: Claim[];
}
