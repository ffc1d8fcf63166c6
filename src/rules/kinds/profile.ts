import { z } from 'zod';

/**
 * Schema of rule files of kind 'profile'. Placeholder shape: the stage that owns this kind
 * replaces `body` with its real schema (keep `kind` and `description`).
 */
export const profileKind = {
  kind: 'profile',
  schema: z
    .object({
      kind: z.literal('profile'),
      description: z.string().optional(),
    })
    .passthrough(),
};
