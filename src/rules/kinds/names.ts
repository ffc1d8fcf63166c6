/**
 * The names of the rule kinds and the closed value sets the engine reads at run time, without their
 * schemas: a run whose rule files all come from the validated-rules cache (src/rules/cache.ts) imports
 * these and never the schema modules of this folder, nor zod (issue 14 item 6). The schemas
 * (./index.ts and one module per kind) use the same constants, so the two cannot drift.
 */
import { FINDING_IDS, type FindingId } from '../../model/types.ts';

/** Every rule kind the engine understands, in the order error messages list them (RULE_KINDS in ./index.ts has one schema per name). */
export const RULE_KIND_NAMES = ['cues', 'claim-types', 'classifier', 'benchmarks', 'findings', 'profile', 'legal', 'alignment', 'evidence', 'segmentation', 'roles', 'weights', 'word-vectors'] as const;

/** Name of a rule kind. */
export type RuleKindName = (typeof RULE_KIND_NAMES)[number];

/** True when `kind` names a rule kind. */
export function isRuleKindName(kind: string): kind is RuleKindName {
  return (RULE_KIND_NAMES as readonly string[]).includes(kind);
}

/** The closed set of finding ids (the data model's; each has a detector in src/assess/detectors/). */
export { FINDING_IDS, type FindingId };

/** True when `id` is a finding id the engine knows. */
export function isFindingId(id: string): id is FindingId {
  return (FINDING_IDS as readonly string[]).includes(id);
}

/** Roles a table column header can play (rules/benchmarks.yaml `tableHeaders`). */
export const TABLE_HEADER_ROLES = ['model', 'benchmark', 'group', 'metric', 'shots', 'split', 'condition', 'value', 'stderr', 'ignore'] as const;
