import { z } from '../zod.ts';

/** Phrases whose frequency marks a document's role when the caller gives none. */
const signalSchema = z
  .object({
    role: z.enum(['model-card', 'contract']),
    /** Whole words or phrases, matched case-insensitively at word boundaries. */
    phrases: z.array(z.string().min(2)).min(1),
    weight: z.number().positive().max(10),
  })
  .strict();

/** Schema of rules/roles.yaml: role guessing from document text. */
export const rolesKind = {
  kind: 'roles',
  schema: z
    .object({
      kind: z.literal('roles'),
      description: z.string().optional(),
      /** Front-matter keys that only model cards carry (Hugging Face card metadata). */
      cardMetadataKeys: z.array(z.string()).default([]),
      signals: z.array(signalSchema).min(1),
      /** File-name words, for a file whose text is not read (the web page presets a PDF's or DOCX's role from its name); the first entry that matches wins. */
      names: z
        .array(z.object({ role: z.enum(['model-card', 'contract']), words: z.array(z.string().min(2)).min(1) }).strict())
        .default([]),
      /** Contract when contract score ≥ ratio × card score (and > 0). */
      contractRatio: z.number().positive(),
      examples: z
        .object({ contract: z.array(z.string()).min(1), 'model-card': z.array(z.string()).min(1) })
        .strict(),
    })
    .strict(),
};
