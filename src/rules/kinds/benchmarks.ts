import { z } from 'zod';

/**
 * Schema of rule files of kind 'benchmarks'. Placeholder shape: the stage that owns this kind
 * replaces `body` with its real schema (keep `kind` and `description`).
 */
export const benchmarksKind = {
  kind: 'benchmarks',
  schema: z
    .object({
      kind: z.literal('benchmarks'),
      description: z.string().optional(),
    })
    .passthrough(),
};
