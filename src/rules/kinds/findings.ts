import { z } from 'zod';

/**
 * Schema of rule files of kind 'findings'. Placeholder shape: the stage that owns this kind
 * replaces `body` with its real schema (keep `kind` and `description`).
 */
export const findingsKind = {
  kind: 'findings',
  schema: z
    .object({
      kind: z.literal('findings'),
      description: z.string().optional(),
    })
    .passthrough(),
};
