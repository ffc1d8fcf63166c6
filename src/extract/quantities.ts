/**
 * Quantities of performance claims, from prose and table rows. OWNER: quantities (issue 3 item 3).
 * Table rows (Sentence.context.table) are read by their headers (table-quantities.ts); other
 * sentences as running text (quantities-prose.ts). Names resolve through benchmark-names.ts.
 */
import type { Document, Quantity, Sentence } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { proseQuantities } from './quantities-prose.ts';
import { ownModelOf } from './quantities-model.ts';
import { tableQuantities } from './table-quantities.ts';

/** Every number a sentence claims as a result, with benchmark, metric, shots, model, ... */
export function extractQuantities(sentence: Sentence, doc: Document, rules: CompiledRules): Quantity[] {
  const own = ownModelOf(doc, rules);
  if (sentence.context.table) return tableQuantities(sentence, rules, own);
  return proseQuantities(sentence, doc, rules, own);
}
