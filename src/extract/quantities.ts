/**
 * Quantities of performance claims, from prose and table rows. OWNER: quantities (issue 3 item 3).
 */
import type { Document, Quantity, Sentence } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';

/** Every number a sentence claims as a result, with benchmark, metric, shots, model, ... */
export function extractQuantities(_sentence: Sentence, _doc: Document, _rules: RuleSet): Quantity[] {
  return [];
}
