import { z } from '../zod.ts';
import { CLAIM_TYPES } from '../../model/types.ts';

/**
 * The closed set of finding ids the assess stage can raise (kinds are code: each id has a
 * detector in src/assess/). rules/findings.yaml gives each its severity, wording and remedy.
 */
export const FINDING_IDS = [
  'representation-without-evidence',
  'performance-contradicted',
  'performance-understated',
  'model-index-disagreement',
  'number-without-methodology',
  'evidence-other-model',
  'evidence-stale',
  'scope-without-coverage',
  'contract-hedge-removed',
  'contract-modality-strengthened',
  'contract-number-changed',
  'contract-scope-broadened',
  'contract-qualifier-dropped',
  'contract-negation-flipped',
  'whole-document-incorporation',
  'incorporated-document-missing',
  'evidence-missing-summary',
  'vague-superlative',
  'image-only-content',
  'missing-limitations',
  'input-diagnostic',
  'invalid-suppression',
] as const;

/** A finding id. */
export type FindingId = (typeof FINDING_IDS)[number];

/** True when `id` is a finding id the engine knows. */
export function isFindingId(id: string): id is FindingId {
  return (FINDING_IDS as readonly string[]).includes(id);
}

/** Placeholders every claim-located finding's message may use. */
const CLAIM_PARAMS = ['text', 'document', 'claimType', 'label', 'section', 'clause'] as const;
const LINK_PARAMS = ['benchmark', 'metric', 'claimed', 'observed', 'tolerance', 'note', 'evidence'] as const;
const DRIFT_PARAMS = [...CLAIM_PARAMS, 'cardText', 'cardDocument', 'from', 'to', 'note', 'similarity'] as const;

/** The {placeholders} each finding's message template may use (the detector fills exactly these). */
export const FINDING_PLACEHOLDERS: Record<FindingId, readonly string[]> = {
  'representation-without-evidence': [...CLAIM_PARAMS, 'numbers', 'benchmarks', 'suggestion'],
  'performance-contradicted': [...CLAIM_PARAMS, ...LINK_PARAMS, 'direction'],
  'performance-understated': [...CLAIM_PARAMS, ...LINK_PARAMS],
  'model-index-disagreement': [...CLAIM_PARAMS, ...LINK_PARAMS],
  'number-without-methodology': [...CLAIM_PARAMS, ...LINK_PARAMS, 'missing'],
  'evidence-other-model': [...CLAIM_PARAMS, ...LINK_PARAMS],
  'evidence-stale': [...CLAIM_PARAMS, ...LINK_PARAMS],
  'scope-without-coverage': [...CLAIM_PARAMS, 'note'],
  'contract-hedge-removed': DRIFT_PARAMS,
  'contract-modality-strengthened': DRIFT_PARAMS,
  'contract-number-changed': DRIFT_PARAMS,
  'contract-scope-broadened': DRIFT_PARAMS,
  'contract-qualifier-dropped': DRIFT_PARAMS,
  'contract-negation-flipped': DRIFT_PARAMS,
  'whole-document-incorporation': [...CLAIM_PARAMS, 'phrase', 'target', 'exposed'],
  'incorporated-document-missing': [...CLAIM_PARAMS, 'phrase', 'target', 'exposed'],
  'evidence-missing-summary': ['document', 'count', 'benchmarks', 'advice', 'first'],
  'vague-superlative': CLAIM_PARAMS,
  'image-only-content': ['document', 'page', 'code', 'diagnostic', 'place'],
  'missing-limitations': ['document', 'claimTypes'],
  'input-diagnostic': ['document', 'code', 'diagnostic', 'page', 'line', 'place'],
  'invalid-suppression': ['document', 'line', 'problem'],
};

/** Severity a finding can have; `off` means the detector does not report it. */
export const severitySchema = z.enum(['error', 'warning', 'note', 'off']);

const placeholderRe = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Placeholder names used in a message template, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholderRe)].map((m) => m[1]!);
}

/** One finding definition of rules/findings.yaml. */
export const findingDefinitionSchema = z
  .object({
    id: z.string().refine(isFindingId, { message: `unknown finding id; the engine knows: ${FINDING_IDS.join(', ')}` }),
    severity: severitySchema,
    /** Short name (SARIF rule name, headings). */
    title: z.string().min(1),
    /** Message template with {placeholders} (see FINDING_PLACEHOLDERS). */
    message: z.string().min(1),
    /** Why this matters, in words. */
    rationale: z.string().min(1),
    /** What to do, for this case: a template with the same {placeholders} as the message (issue 16). */
    remedy: z.string().min(1),
    /** Claim types the detector looks at (claim-based findings). */
    claimTypes: z.array(z.enum(CLAIM_TYPES as [string, ...string[]])).min(1).optional(),
    /** Document diagnostic codes this finding reports (image-only-content). */
    diagnosticCodes: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'diagnostic codes are UPPER_SNAKE_CASE')).min(1).optional(),
    /** Section heading words (lower case) that count as the section the finding looks for (missing-limitations). */
    headings: z.array(z.string().min(1)).min(1).optional(),
    /** Quantity fields of which at least one must be present for a number to be checkable (number-without-methodology). */
    methodologyFields: z.array(z.enum(['shots', 'metric', 'split', 'conditions'])).min(1).optional(),
    /** Illustrations: a flagged wording and a safer one. */
    examples: z
      .array(z.object({ flagged: z.string().min(1), better: z.string().min(1).optional() }).strict())
      .optional(),
  })
  .strict()
  .superRefine((def, ctx) => {
    if (!isFindingId(def.id)) return;
    const allowed = FINDING_PLACEHOLDERS[def.id];
    for (const field of ['message', 'remedy'] as const) {
      for (const p of placeholdersOf(def[field])) {
        if (!allowed.includes(p)) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `unknown placeholder {${p}} for ${def.id}; allowed: ${allowed.map((a) => `{${a}}`).join(', ')}`,
          });
        }
      }
    }
  });

/** A validated finding definition. */
export type FindingDefinition = z.infer<typeof findingDefinitionSchema> & { id: FindingId };

/** Schema of rule files of kind 'findings' (rules/findings.yaml): the finding catalogue. */
export const findingsKind = {
  kind: 'findings',
  schema: z
    .object({
      kind: z.literal('findings'),
      description: z.string().optional(),
      findings: z
        .array(findingDefinitionSchema)
        .min(1)
        .superRefine((defs, ctx) => {
          const seen = new Set<string>();
          defs.forEach((d, i) => {
            if (seen.has(d.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate finding id ${d.id}` });
            seen.add(d.id);
          });
        }),
    })
    .strict(),
};
