import { z } from '../zod.ts';
import { CLAIM_TYPES } from '../../model/types.ts';
import { FINDING_IDS, isFindingId, type FindingId } from './names.ts';

/** The finding ids and their check, from the zod-free ./names.ts (what the engine imports at run time). */
export { FINDING_IDS, isFindingId, type FindingId };

/** Placeholders every claim-located finding's message may use. */
const CLAIM_PARAMS = ['text', 'document', 'claimType', 'label', 'section', 'clause'] as const;
const LINK_PARAMS = ['benchmark', 'metric', 'claimed', 'observed', 'tolerance', 'note', 'evidence'] as const;
const DRIFT_PARAMS = [...CLAIM_PARAMS, 'cardText', 'cardDocument', 'from', 'to', 'note', 'similarity'] as const;

/** The {placeholders} each finding's message and remedy template may use (src/report/messages.ts renders exactly these from the finding's args). */
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

/** A flagged wording and a safer one, shown to readers. */
export const findingWordingSchema = z.object({ flagged: z.string().min(1), better: z.string().min(1).optional() }).strict();

/** A flagged wording and a safer one. */
export type FindingWording = z.infer<typeof findingWordingSchema>;

/** One example analysis: a card (Markdown, or DOCX built from its lines), optionally a contract and evidence files. */
export const findingExampleSchema = z
  .object({
    /** What the example shows. */
    note: z.string().min(1).optional(),
    /** A flagged example the pipeline does not flag yet, and why: the table test expects it unflagged until this goes. */
    gap: z.string().min(1).optional(),
    /** The model card as Markdown. */
    card: z.string().min(1),
    /** Read the card as a DOCX built from its lines ("# " headings, "![...](...)" an inline picture). */
    cardFormat: z.enum(['markdown', 'docx']).optional(),
    /** A contract as Markdown. */
    contract: z.string().min(1).optional(),
    /** Evidence files: name (its extension picks the reader) and content. */
    evidence: z.array(z.object({ name: z.string().min(1), text: z.string().min(1) }).strict()).optional(),
  })
  .strict();

/** One example analysis of a finding. */
export type FindingExample = z.infer<typeof findingExampleSchema>;

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
    /** Illustrations for readers (SARIF rule help, the report page): a flagged wording and a safer one. */
    wording: z.array(findingWordingSchema).optional(),
    /**
     * Inputs the finding is raised on and inputs it is not (test/assess/finding-examples.test.ts runs each
     * through the whole pipeline; every shipped finding has both). Written for the purpose: never text copied
     * from a real card or contract. Optional so a user's override of a definition need not repeat them.
     */
    examples: z.object({ flagged: z.array(findingExampleSchema).min(1), notFlagged: z.array(findingExampleSchema).min(1) }).strict().optional(),
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
