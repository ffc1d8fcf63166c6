/**
 * contract: clause structure, legal force, incorporation by reference. OWNER: issue 6.
 */
import type { Claim, Sentence } from '../model/types.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { readLegalForce, vendorPartyOf } from './legal-force.ts';
import { clauseRefsOf } from './structure.ts';

export { compileLegalRules, type LegalRules } from './legal-rules.ts';
export { readLegalForce, vendorPartyOf, type LegalReading } from './legal-force.ts';
export {
  attachmentLabel,
  clauseRefsOf,
  findCrossReferences,
  findDefinitions,
  formatClauseRef,
  leadingMarker,
  parseMarker,
  readDefinition,
  type ClauseMarker,
  type CrossReference,
  type Definition,
} from './structure.ts';
export { detectIncorporation, documentRole, resolveIncorporation, type CandidateDocument, type Incorporation } from './incorporation.ts';

/**
 * Read each contract sentence's legal force and the side it binds into its context, before the
 * judge runs (the judge reads it as a feature: a definition or a disclaimer is not a promise).
 */
export function readSentenceLegalForce(sentences: readonly Sentence[], rules: CompiledRules): void {
  const legal = rules.legal;
  const vendorParty = vendorPartyOf(
    sentences.map((s) => s.text),
    legal,
  );
  const vendor = new Set(legal.vendorParties.map((p) => p.toLowerCase()));
  const customer = new Set(legal.customerParties.map((p) => p.toLowerCase()));
  for (const s of sentences) {
    const reading = readLegalForce(s.text, legal, vendorParty ? { vendorParty } : {});
    const entry: NonNullable<Sentence['context']['legal']> = { force: reading.force };
    if (reading.obligor) {
      entry.obligor = reading.obligor;
      const o = reading.obligor.toLowerCase();
      if (vendor.has(o)) entry.side = 'vendor';
      else if (customer.has(o)) entry.side = 'customer';
    }
    s.context.legal = entry;
  }
}

/**
 * Add legal force (warranty, covenant, disclaimer, definition, other) and the obligor to a
 * contract's claims. Sentences the segmenter left without a clause reference get one computed
 * from the document's blocks (attachment headings and clause numbering).
 */
export function assessLegalForce(contract: JudgedDocument, rules: CompiledRules): Claim[] {
  const legal = rules.legal;
  const refs = clauseRefsOf(contract.doc, legal);
  for (const s of contract.sentences) {
    if (!s.context.clauseRef) {
      const ref = refs.get(s.blockId);
      if (ref) s.context.clauseRef = ref;
    }
  }
  // Sentences judged through judgeInput already carry their reading; the vendor party is needed only for others.
  const vendorParty = contract.sentences.every((s) => s.context.legal) ? undefined : vendorPartyOf(contract.sentences.map((s) => s.text), legal);
  const byId = new Map(contract.sentences.map((s) => [s.id, s]));
  return contract.claims.map((claim) => {
    const sentence = byId.get(claim.sentenceId);
    if (!sentence) return claim;
    const reading = sentence.context.legal ?? readLegalForce(sentence.text, legal, vendorParty ? { vendorParty } : {});
    const next: Claim = { ...claim, legalForce: reading.force };
    if (reading.obligor) next.obligor = reading.obligor;
    else delete next.obligor;
    return next;
  });
}
