/**
 * Compiled legal rules (kind 'legal'): patterns compiled once per rule set.
 */
import { WarrantError } from '../model/errors.ts';
import type { LegalForce } from '../model/types.ts';
import { ofKind, type RuleSet } from '../rules/load.ts';
import { compilePhraseRule, type CompiledPhraseRule } from '../text/phrase-rules.ts';

/** Everything contract reading needs from rules/legal.yaml. */
export interface LegalRules {
  vendorParties: string[];
  customerParties: string[];
  forces: Array<CompiledPhraseRule & { force: Exclude<LegalForce, 'other'> }>;
  priority: Array<Exclude<LegalForce, 'other'>>;
  definitions: CompiledPhraseRule[];
  incorporation: CompiledPhraseRule[];
  documents: Array<CompiledPhraseRule & { role: 'model-card' | 'contract' | 'evidence' | 'attachment' }>;
  attachments: string[];
  references: string[];
  nameWords: Set<string>;
  determiners: Set<string>;
  connectors: Set<string>;
  genericNameWords: Set<string>;
  /** Lower-case words that open an internal cross-reference. */
  crossReferences: Set<string>;
  /** Lower-case words that name the agreement itself. */
  agreementNames: Set<string>;
}

const cache = new WeakMap<RuleSet, LegalRules>();

/** The legal rules of a rule set (the last file of kind 'legal' wins). Throws RULES_INVALID when absent. */
export function legalRules(rules: RuleSet): LegalRules {
  const hit = cache.get(rules);
  if (hit) return hit;
  const files = ofKind(rules, 'legal');
  const file = files[files.length - 1];
  if (!file) throw new WarrantError('RULES_INVALID', 'no rule file of kind "legal" (rules/legal.yaml) is loaded');
  const d = file.data;
  const where = `${file.origin}/${file.path}`;
  const compiled: LegalRules = {
    vendorParties: d.parties.vendor,
    customerParties: d.parties.customer,
    forces: d.forces.map((f) => compilePhraseRule(f, d.classes, where)),
    priority: d.priority,
    definitions: d.definitions.map((r) => compilePhraseRule(r, d.classes, where)),
    incorporation: d.incorporation.map((r) => compilePhraseRule(r, d.classes, where)),
    documents: d.documents.map((r) => compilePhraseRule(r, d.classes, where)),
    attachments: d.structure.attachments,
    references: d.structure.references,
    nameWords: new Set(d.structure.nameWords.map((w) => w.toLowerCase())),
    determiners: new Set(d.structure.determiners.map((w) => w.toLowerCase())),
    connectors: new Set(d.structure.connectors.map((w) => w.toLowerCase())),
    genericNameWords: new Set(d.structure.genericNameWords.map((w) => w.toLowerCase())),
    crossReferences: new Set(d.structure.crossReferences.map((w) => w.toLowerCase())),
    agreementNames: new Set(d.structure.agreementNames.map((w) => w.toLowerCase())),
  };
  cache.set(rules, compiled);
  return compiled;
}
