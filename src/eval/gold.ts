/**
 * Gold files (GUIDE-representation.md, "Gold file format"): JSONL, one labelled sentence per line.
 * A malformed line is a WarrantError('GOLD_MALFORMED') naming the file and line.
 */
import { z } from '../rules/zod.ts';
import { CLAIM_TYPES, type ClaimType, type Label } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';

const goldLineSchema = z
  .object({
    doc: z.string().min(1),
    text: z.string().min(1),
    label: z.enum(['representation', 'narrative']),
    claimType: z.enum(CLAIM_TYPES as [ClaimType, ...ClaimType[]]),
    quantity: z.record(z.string(), z.unknown()).optional(),
    note: z.string().optional(),
  })
  .passthrough();

/** One labelled sentence, with where it was read from. */
export interface GoldSentence {
  doc: string;
  text: string;
  label: Label;
  claimType: ClaimType;
  quantity?: Record<string, unknown>;
  note?: string;
  /** Gold file and 1-based line. */
  file: string;
  line: number;
}

/** Parse one gold file's text. Blank lines are skipped; anything else must be a valid gold object. */
export function parseGold(text: string, file: string): GoldSentence[] {
  const out: GoldSentence[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw new WarrantError('GOLD_MALFORMED', `not JSON: ${(e as Error).message}`, { file, line: i + 1 });
    }
    const parsed = goldLineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new WarrantError('GOLD_MALFORMED', `${issue.message}${issue.path.length ? ` at ${issue.path.join('.')}` : ''}`, { file, line: i + 1 });
    }
    const g = parsed.data;
    out.push({ doc: g.doc, text: g.text, label: g.label, claimType: g.claimType, quantity: g.quantity, note: g.note, file, line: i + 1 });
  });
  return out;
}

/**
 * Normalised text for matching gold to tool sentences: case, whitespace, Markdown emphasis
 * markers and backslash escapes ignored; typographic quotes and dashes folded to plain ones.
 */
export function matchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~<"'])/g, '$1')
    .replace(/\*\*|__|~~|[*`]/g, '')
    .replace(/(^|[\s(])_+|_+(?=$|[\s).,;:!?])/g, '$1')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\u00a0|\u200b/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A looser key: letters and digits only (used when the normalised text differs in punctuation alone). */
export function looseKey(text: string): string {
  return matchKey(text).replace(/[^\p{L}\p{N}]+/gu, '');
}
