/**
 * The closed set of rule kinds (STYLE.md: "rules are data, kinds are code").
 * Each rule file declares `kind:`; its schema lives in this folder, one module per kind.
 * Adding a kind = a schema module + its name in ./names.ts + one line in RULE_KINDS.
 * The engine imports this module (and zod) only to validate a rule file the cache does not hold
 * (src/rules/parse.ts); what it reads at run time is in the zod-free ./names.ts.
 */
import type { z } from '../zod.ts';
import type { RuleKindName } from './names.ts';
import { cuesKind } from './cues.ts';
import { claimTypesKind } from './claim-types.ts';
import { classifierKind } from './classifier.ts';
import { benchmarksKind } from './benchmarks.ts';
import { findingsKind } from './findings.ts';
import { profileKind } from './profile.ts';
import { legalKind } from './legal.ts';
import { alignmentKind } from './alignment.ts';
import { evidenceKind } from './evidence.ts';
import { segmentationKind } from './segmentation.ts';
import { rolesKind } from './roles.ts';
import { weightsKind } from './weights.ts';
import { wordVectorsKind } from './word-vectors.ts';

/** A rule kind: its name and the zod schema a file of that kind must satisfy. */
export interface RuleKind<S extends z.ZodTypeAny = z.ZodTypeAny> {
  kind: string;
  schema: S;
}

/** Every kind the engine understands, by name. */
export const RULE_KINDS = {
  cues: cuesKind,
  'claim-types': claimTypesKind,
  classifier: classifierKind,
  benchmarks: benchmarksKind,
  findings: findingsKind,
  profile: profileKind,
  legal: legalKind,
  alignment: alignmentKind,
  evidence: evidenceKind,
  segmentation: segmentationKind,
  roles: rolesKind,
  weights: weightsKind,
  'word-vectors': wordVectorsKind,
} as const satisfies Record<RuleKindName, RuleKind>;

/** Name of a rule kind (RULE_KIND_NAMES in ./names.ts; RULE_KINDS has a schema for each and no other). */
export type { RuleKindName };

/** Parsed content of a file of kind K. */
export type RuleData<K extends RuleKindName> = z.infer<(typeof RULE_KINDS)[K]['schema']>;
