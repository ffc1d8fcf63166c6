/**
 * contract: clause structure, legal force, incorporation by reference. OWNER: issue 6.
 */
import type { Claim } from '../model/types.ts';
import type { JudgedDocument } from '../evidence/index.ts';
import type { RuleSet } from '../rules/load.ts';
import { legalRules } from './legal-rules.ts';
import { readLegalForce, vendorPartyOf } from './legal-force.ts';
import { clauseRefsOf } from './structure.ts';

export { legalRules, type LegalRules } from './legal-rules.ts';
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
 * Add legal force (warranty, covenant, disclaimer, definition, other) and the obligor to a
 * contract's claims. Sentences the segmenter left without a clause reference get one computed
 * from the document's blocks (attachment headings and clause numbering).
 */
export function assessLegalForce(contract: JudgedDocument, rules: RuleSet): Claim[] {
  const legal = legalRules(rules);
  const refs = clauseRefsOf(contract.doc, legal);
  for (const s of contract.sentences) {
    if (!s.context.clauseRef) {
      const ref = refs.get(s.blockId);
      if (ref) s.context.clauseRef = ref;
    }
  }
  const vendorParty = vendorPartyOf(
    contract.sentences.map((s) => s.text),
    legal,
  );
  const byId = new Map(contract.sentences.map((s) => [s.id, s]));
  return contract.claims.map((claim) => {
    const sentence = byId.get(claim.sentenceId);
    if (!sentence) return claim;
    const reading = readLegalForce(sentence.text, legal, vendorParty ? { vendorParty } : {});
    const next: Claim = { ...claim, legalForce: reading.force };
    if (reading.obligor) next.obligor = reading.obligor;
    else delete next.obligor;
    return next;
  });
}
