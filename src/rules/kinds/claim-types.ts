import { z } from '../zod.ts';
import { CLAIM_TYPES, type ClaimType } from '../../model/types.ts';
import { examplesSchema } from './cues.ts';

const CLAIM_TYPE_NAMES = CLAIM_TYPES as unknown as [ClaimType, ...ClaimType[]];

/** A sentence trigger: compromise patterns that point to a claim type. */
export const claimTriggerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by dots or dashes'),
    weight: z.number().min(0).max(10),
    /** compromise match syntax. */
    patterns: z.array(z.string().min(1)).min(1),
    roles: z.array(z.enum(['model-card', 'contract', 'evidence'])).optional(),
    examples: examplesSchema,
  })
  .strict();

/** One claim type: the section headings and key names that announce it, and sentence triggers. */
export const claimTypeEntrySchema = z
  .object({
    type: z.enum(CLAIM_TYPE_NAMES),
    /** Heading phrases, matched on normalised words (case, punctuation and plural "s" ignored) anywhere in a heading. */
    headings: z.array(z.string().min(1)).default([]),
    /** Key phrases of "Key: value" lines and bold run-in keys (default: the heading phrases too). */
    keys: z.array(z.string().min(1)).default([]),
    triggers: z.array(claimTriggerSchema).default([]),
    /** Breaks ties between types with equal evidence: the higher priority (the more specific claim) wins. */
    priority: z.number().optional(),
  })
  .strict();

/** Schema of rules/claims/*.yaml. */
export const claimTypesKind = {
  kind: 'claim-types',
  schema: z
    .object({
      kind: z.literal('claim-types'),
      description: z.string().optional(),
      types: z.array(claimTypeEntrySchema).min(1),
    })
    .strict(),
};

/** One claim-type entry as validated. */
export type ClaimTypeEntry = z.infer<typeof claimTypeEntrySchema>;
/** One claim-type trigger as validated. */
export type ClaimTrigger = z.infer<typeof claimTriggerSchema>;
