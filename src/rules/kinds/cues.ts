import { z } from 'zod';

/** Examples every rule carries: sentences it must match and must not match. */
export const examplesSchema = z
  .object({
    match: z.array(z.string()).min(1),
    noMatch: z.array(z.string()).default([]),
  })
  .strict();

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
