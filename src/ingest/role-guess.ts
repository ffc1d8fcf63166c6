/**
 * Role guessing from rules/roles.yaml: counts contract and model-card signals in a document's
 * text. Explainable and overridable; used only when the caller gives no role.
 */
import type { Document, Role } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { lastOfKind } from '../rules/required.ts';

/** Role signals from rules/roles.yaml, compiled once per rule set (compileRuleSet). */
export interface CompiledRoles {
  metadataKeys: string[];
  signals: Array<{ role: 'model-card' | 'contract'; re: RegExp; weight: number }>;
  ratio: number;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** The role signals of a rule set (the last file of kind 'roles' wins). */
export function compileRoles(rules: RuleSet): CompiledRoles {
  const d = lastOfKind(rules, 'roles').data;
  return {
    metadataKeys: d.cardMetadataKeys,
    signals: d.signals.map((s) => ({ role: s.role, weight: s.weight, re: new RegExp(`\\b(?:${s.phrases.map(escape).join('|')})\\b`, 'gi') })),
    ratio: d.contractRatio,
  };
}

/** Score a text for each role. */
export function roleScores(text: string, rules: CompiledRules): Record<'model-card' | 'contract', number> {
  const c = rules.roles;
  const scores = { 'model-card': 0, contract: 0 };
  for (const s of c.signals) scores[s.role] += (text.match(s.re) ?? []).length * s.weight;
  return scores;
}

/** Guess a document's role (model card unless contract signals dominate). */
export function guessDocumentRole(doc: Pick<Document, 'blocks' | 'metadata'>, rules: CompiledRules): Role {
  const c = rules.roles;
  if (doc.metadata && c.metadataKeys.some((k) => k in doc.metadata)) return 'model-card';
  const text = doc.blocks
    .map((b) => (b.table ? b.table.rows.map((r) => r.cells.map((cell) => cell.text).join(' ')).join('\n') : b.text))
    .join('\n');
  const s = roleScores(text, rules);
  return s.contract > 0 && s.contract >= s['model-card'] * c.ratio ? 'contract' : 'model-card';
}
