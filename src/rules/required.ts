/**
 * The rule kinds a rule set must hold, and the one place that says so: compileRuleSet checks them
 * all once (RULES_INVALID naming the missing file), so stage compilers read their file with
 * `lastOfKind` and need no check of their own.
 */
import { WarrantError } from '../model/errors.ts';
import type { RuleKindName } from './kinds/index.ts';
import { ofKind, type RuleFile, type RuleSet } from './load.ts';

/** Kinds every rule set must hold, with the shipped file that holds each. */
export const REQUIRED_KINDS = {
  classifier: 'rules/classifier.yaml',
  alignment: 'rules/alignment.yaml',
  legal: 'rules/legal.yaml',
  roles: 'rules/roles.yaml',
  evidence: 'rules/evidence.yaml',
} as const satisfies Partial<Record<RuleKindName, string>>;

/** A kind every rule set holds. */
export type RequiredKind = keyof typeof REQUIRED_KINDS;

/** Throws RULES_INVALID naming the first required kind `rules` lacks. */
export function checkRequiredKinds(rules: RuleSet): void {
  for (const kind of Object.keys(REQUIRED_KINDS) as RequiredKind[]) lastOfKind(rules, kind);
}

/** The last file of a required kind (a later file replaces an earlier one). */
export function lastOfKind<K extends RequiredKind>(rules: RuleSet, kind: K): RuleFile<K> {
  const file = ofKind(rules, kind).at(-1);
  if (!file) throw new WarrantError('RULES_INVALID', `no rule file of kind "${kind}" (${REQUIRED_KINDS[kind]}) is loaded`);
  return file;
}
