/**
 * contract: clause structure, legal force, incorporation by reference. OWNER: issue 6.
 */
import type { Claim } from '../model/types.ts';
import type { JudgedDocument } from '../evidence/index.ts';
import type { RuleSet } from '../rules/load.ts';

/** Add legal force (warranty, covenant, disclaimer, definition, other) to a contract's claims. */
export function assessLegalForce(contract: JudgedDocument, _rules: RuleSet): Claim[] {
  return contract.claims;
}
