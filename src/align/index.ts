/**
 * align: contract sentence ↔ card sentence, transformations, incorporation. OWNER: issue 6.
 */
import type { Alignment } from '../model/types.ts';
import type { JudgedDocument } from '../evidence/index.ts';
import type { RuleSet } from '../rules/load.ts';

/** For each contract sentence, the card sentence it derives from (or none) and what changed. */
export function alignContract(_contract: JudgedDocument, _cards: JudgedDocument[], _others: JudgedDocument[], _rules: RuleSet): Alignment[] {
  return [];
}
