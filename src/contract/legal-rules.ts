/**
 * Compiled legal rules (kind 'legal'): patterns compiled once per rule set (compileRuleSet).
 */
import type { LegalForce } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import { lastOfKind } from '../rules/required.ts';
import { tokenize } from '../text/tokens.ts';
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
  /** The agreement names as lower-case word sequences ("order form" → ["order", "form"]). */
  agreementPhrases: string[][];
  /** Lower-case words that number a document ("No. 2"). */
  numberWords: Set<string>;
  /** Lower-case words that go on naming another document after an agreement name ("of", "in"). */
  nameContinuations: Set<string>;
}

/** The legal rules of a rule set (the last file of kind 'legal' wins); compileRuleSet calls this once. */
export function compileLegalRules(rules: RuleSet): LegalRules {
  const file = lastOfKind(rules, 'legal');
  const d = file.data;
  const where = `${file.origin}/${file.path}`;
  const agreementNames = new Set(d.structure.agreementNames.map((w) => w.toLowerCase()));
  return {
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
    agreementNames,
    agreementPhrases: [...agreementNames].map((n) => tokenize(n).map((t) => t.lower)).filter((p) => p.length > 0),
    numberWords: new Set(d.structure.numberWords.map((w) => w.toLowerCase())),
    nameContinuations: new Set(d.structure.nameContinuations.map((w) => w.toLowerCase())),
  };
}
