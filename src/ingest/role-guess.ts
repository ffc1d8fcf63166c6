/**
 * Role guessing from rules/roles.yaml: counts contract and model-card signals in a document's
 * text. Explainable and overridable; used only when the caller gives no role.
 */
import type { Document, Role } from '../model/types.ts';
import { ofKind, type RuleSet } from '../rules/load.ts';
import { WarrantError } from '../model/errors.ts';

interface CompiledRoles {
  metadataKeys: string[];
  signals: Array<{ role: 'model-card' | 'contract'; re: RegExp; weight: number }>;
  ratio: number;
}

const cache = new WeakMap<RuleSet, CompiledRoles>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

function compile(rules: RuleSet): CompiledRoles {
  const hit = cache.get(rules);
  if (hit) return hit;
  const files = ofKind(rules, 'roles');
  const last = files[files.length - 1];
  if (!last) throw new WarrantError('RULES_INVALID', 'no rule file of kind "roles" (rules/roles.yaml) in the rule set');
  const d = last.data;
  const compiled: CompiledRoles = {
    metadataKeys: d.cardMetadataKeys,
    signals: d.signals.map((s) => ({ role: s.role, weight: s.weight, re: new RegExp(`\\b(?:${s.phrases.map(escape).join('|')})\\b`, 'gi') })),
    ratio: d.contractRatio,
  };
  cache.set(rules, compiled);
  return compiled;
}

/** Score a text for each role. */
export function roleScores(text: string, rules: RuleSet): Record<'model-card' | 'contract', number> {
  const c = compile(rules);
  const scores = { 'model-card': 0, contract: 0 };
  for (const s of c.signals) scores[s.role] += (text.match(s.re) ?? []).length * s.weight;
  return scores;
}

/** Guess a document's role (model card unless contract signals dominate). */
export function guessDocumentRole(doc: Pick<Document, 'blocks' | 'metadata'>, rules: RuleSet): Role {
  const c = compile(rules);
  if (doc.metadata && c.metadataKeys.some((k) => k in doc.metadata)) return 'model-card';
  const text = doc.blocks
    .map((b) => (b.table ? b.table.rows.map((r) => r.cells.map((cell) => cell.text).join(' ')).join('\n') : b.text))
    .join('\n');
  const s = roleScores(text, rules);
  return s.contract > 0 && s.contract >= s['model-card'] * c.ratio ? 'contract' : 'model-card';
}
