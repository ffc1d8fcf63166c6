/**
 * The `evidence` rule data (rules/evidence.yaml, user overrides replace shipped entries by file).
 */
import type { RuleData } from '../rules/kinds/index.ts';
import { ofKind, type RuleSet } from '../rules/load.ts';
import { WarrantError } from '../model/errors.ts';

/** Parsed rules/evidence.yaml. */
export type EvidenceRules = RuleData<'evidence'>;

/** The evidence rules of a rule set (the last file of kind `evidence` wins). Throws RULES_INVALID when none is loaded. */
export function evidenceRules(rules: RuleSet): EvidenceRules {
  const files = ofKind(rules, 'evidence');
  const last = files[files.length - 1];
  if (!last) throw new WarrantError('RULES_INVALID', 'no rule file of kind `evidence` is loaded (rules/evidence.yaml)');
  return last.data;
}
