import { z } from 'zod';

/**
 * Schema of rule files of kind 'legal'. Placeholder shape: the stage that owns this kind
 * replaces `body` with its real schema (keep `kind` and `description`).
 */
export const legalKind = {
  kind: 'legal',
  schema: z
    .object({
      kind: z.literal('legal'),
      description: z.string().optional(),
    })
    .passthrough(),
};
