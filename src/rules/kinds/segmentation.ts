import { z } from '../zod.ts';
import { examplesSchema } from './cues.ts';

/**
 * One abbreviation group: words whose final period does not end a sentence.
 * Examples: `match` texts must stay one sentence, `noMatch` texts must split.
 */
export const abbreviationGroupSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by dots or dashes'),
    /** Words as written without their final period ("e.g", "Inc", "approx"); matched case-insensitively. */
    words: z.array(z.string().regex(/^[A-Za-z][A-Za-z.]*[A-Za-z]$|^[A-Za-z]$/, 'a word without its final period')).min(1),
    /**
     * 'never': the period never ends a sentence; 'unless-capital': it ends one when a capitalised word follows ("etc.");
     * 'unless-number': it ends one unless a number follows ("No. 2" vs the answer "No. Adding ...").
     */
    ends: z.enum(['never', 'unless-capital', 'unless-number']),
    why: z.string().min(1),
    examples: examplesSchema,
  })
  .strict();

/**
 * How PDF ingestion tells a table it could not read as rows from prose (issue 16): a piece of text
 * next to a table, or a table row, is a fragment when it does not end a sentence and scores at
 * least `threshold` on the share of fragment signals it shows (short, no function word, a broken
 * word or mostly numbers).
 */
export const tableFragmentsSchema = z
  .object({
    /** Share of the signals (open end, short, no function word, broken or numeric) at or above which a piece is a fragment. */
    threshold: z.number().min(0).max(1),
    /** At most this many words is short. */
    shortWords: z.number().int().min(1),
    /** Words whose presence marks running prose (articles, auxiliaries, prepositions, pronouns). */
    functionWords: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).min(1),
    /** A piece belongs to a table's region when it is at most this many ems above or below it (or another piece of it). */
    maxGapEm: z.number().min(0),
    why: z.string().min(1),
    /** `match`: pieces that are fragments; `noMatch`: prose that is not, however short. */
    examples: examplesSchema,
  })
  .strict();

/** Schema of rules/segmentation.yaml: what the sentence splitter must not split at. */
export const segmentationKind = {
  kind: 'segmentation',
  schema: z
    .object({
      kind: z.literal('segmentation'),
      description: z.string().optional(),
      abbreviations: z.array(abbreviationGroupSchema).min(1),
      /** Words that make a colon prefix a clause ("Here are the methods: ...") rather than a "Key: value" label. */
      clauseWords: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).default([]),
      /** Words that name a numbered division of a document ("Section I: PREAMBLE", "ARTICLE 2 – LICENCE"): such a line is a heading. */
      divisionWords: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).default([]),
      /** Small words a title leaves in lower case ("Grant of Licence", "LIMITATION OF LIABILITY"): not counted when judging a title's capitals. */
      titleSmallWords: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).default([]),
      /** Verbs that make a line opening with a quoted term a definition ('"Licensee" means ...'): in plain text it opens a block of its own after a sentence end. */
      definitionVerbs: z.array(z.string().regex(/^[a-z]+( [a-z]+)*$/, 'lower-case words')).default([]),
      /** Words that name a numbered caption ("Table 3: Malware refusals", "Figure 2a: ..."): such a number is not a "Key: value" key. */
      captionWords: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).default([]),
      /** Words that mark a caption as the rest of a table cut by a page break ("Table 3 (continued)"): in a PDF such a caption does not open another table. */
      continuedWords: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).default([]),
      /** Month names and abbreviations: a line that is only a date made of them ("dated November 24, 2022") is not a sentence. */
      monthNames: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).default([]),
      /** PDF table regions that cannot be read as rows: what makes a piece of text a fragment (issue 16). */
      tableFragments: tableFragmentsSchema.optional(),
    })
    .strict(),
};
