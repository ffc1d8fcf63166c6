import { z } from 'zod';

/**
 * Schema of rule files of kind 'alignment'. Placeholder shape: the stage that owns this kind
 * replaces `body` with its real schema (keep `kind` and `description`).
 */
export const alignmentKind = {
  kind: 'alignment',
  schema: z
    .object({
      kind: z.literal('alignment'),
      description: z.string().optional(),
    })
    .passthrough(),
};
