import { z } from '../zod.ts';

/** Examples every rule carries: sentences it must match and must not match. */
export const examplesSchema = z
  .object({
    match: z.array(z.string()).min(1),
    noMatch: z.array(z.string()).default([]),
  })
  .strict();

/** Modalities a cue can signal (Claim.modality). */
export const MODALITIES = [
  'definite',
  'hedged',
  'advice',
  'obligation',
  'permission',
  'aspiration',
  'disclaimer',
  'commitment',
  'research',
] as const;

/** One cue: compromise match patterns pulling a sentence toward a label. */
export const cueSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by dots or dashes'),
    direction: z.enum(['representation', 'narrative']),
    weight: z.number().min(0).max(10),
    /** compromise match syntax (https://observablehq.com/@spencermountain/compromise-match-syntax). */
    patterns: z.array(z.string().min(1)).min(1),
    why: z.string().min(1),
    /** Where the cue applies; default everywhere. */
    roles: z.array(z.enum(['model-card', 'contract', 'evidence'])).optional(),
    /** Modality the cue signals when it fires in the main clause (sets Claim.modality). */
    modality: z.enum(MODALITIES).optional(),
    /** The cue marks a vague superlative or comparative: the claim is weak. */
    weak: z.boolean().optional(),
    /** The cue is a negation of the main verb (sets Claim.negated). */
    negation: z.boolean().optional(),
    /**
     * Where in the sentence the cue counts fully: 'main' (default) discounts a match inside a
     * trailing elaboration (classifier.yaml `elaboration`); 'anywhere' never discounts.
     */
    scope: z.enum(['main', 'anywhere']).optional(),
    /** Claim type the cue points to when it fires in the main clause (a pointer to the paper asserts nothing: 'none'). */
    claimType: z
      .enum(['intended-use', 'out-of-scope', 'performance', 'limitation', 'data-handling', 'safety', 'capability', 'language', 'training', 'compliance', 'other', 'none'])
      .optional(),
    /**
     * Patterns for the cue's words in another sense: a match of the cue that one of them overlaps is
     * dropped (e.g. "potentially" modifying an adjective inside a noun phrase, "potentially harmful content",
     * hedges no claim).
     */
    unless: z.array(z.string().min(1)).optional(),
    /** Cue ids this cue overrides: when both fire, the listed cues are dropped (e.g. deontic "may" over hedge "may"). */
    overrides: z.array(z.string()).optional(),
    examples: examplesSchema,
  })
  .strict();

/** Schema of rules/cues/*.yaml. */
export const cuesKind = {
  kind: 'cues',
  schema: z
    .object({
      kind: z.literal('cues'),
      description: z.string().optional(),
      cues: z.array(cueSchema).min(1),
    })
    .strict(),
};

/** One cue rule as validated. */
export type CueRule = z.infer<typeof cueSchema>;
