/**
 * evidence: eval result files → EvidenceRecord[]; claims ↔ evidence links with verdicts.
 * OWNER: issue 5. Stubs until it lands.
 */
import type { Claim, Document, EvidenceRecord, InputFile, Link, Sentence } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import { WarrantError } from '../model/errors.ts';

/** Read one evidence file (format detected from content). Throws EVIDENCE_* errors. */
export function readEvidence(input: InputFile, _rules: RuleSet): EvidenceRecord[] {
  throw new WarrantError('EVIDENCE_UNKNOWN_FORMAT', `${input.name}: evidence reading is not available yet`);
}

/** A judged document: what later stages need of it. */
export interface JudgedDocument {
  doc: Document;
  sentences: Sentence[];
  claims: Claim[];
}

/** Records a card declares about itself: model-index front matter (declared) and its own tables (self-reported). */
export function evidenceFromCard(_card: JudgedDocument, _rules: RuleSet): EvidenceRecord[] {
  return [];
}

/** Link every claim with a quantity (and every scope claim) to evidence, with a verdict. */
export function linkEvidence(_cards: JudgedDocument[], _evidence: EvidenceRecord[], _rules: RuleSet): Link[] {
  return [];
}
