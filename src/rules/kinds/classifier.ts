import { z } from 'zod';

/**
 * Schema of rule files of kind 'classifier'. Placeholder shape: the stage that owns this kind
 * replaces `body` with its real schema (keep `kind` and `description`).
 */
export const classifierKind = {
  kind: 'classifier',
  schema: z
    .object({
      kind: z.literal('classifier'),
      description: z.string().optional(),
    })
    .passthrough(),
};
