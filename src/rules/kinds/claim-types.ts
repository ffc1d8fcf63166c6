import { z } from 'zod';

/**
 * Schema of rule files of kind 'claim-types'. Placeholder shape: the stage that owns this kind
 * replaces `body` with its real schema (keep `kind` and `description`).
 */
export const claimTypesKind = {
  kind: 'claim-types',
  schema: z
    .object({
      kind: z.literal('claim-types'),
      description: z.string().optional(),
    })
    .passthrough(),
};
