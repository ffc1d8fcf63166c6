import { z } from '../zod.ts';
import { examplesSchema } from './cues.ts';
import { compilePattern } from '../../text/patterns.ts';
import type { TransformationKind } from '../../model/types.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case words joined by dots or dashes');

/** A rule that matches phrases with token patterns (src/text/patterns.ts syntax). */
export const phraseRuleSchema = z
  .object({
    id,
    patterns: z.array(z.string().min(1)).min(1),
    why: z.string().min(1),
    examples: examplesSchema,
  })
  .strict();

/** A modal word or phrase and its strength on the scale may < should < will < shall/must < warrants. */
const modalitySchema = phraseRuleSchema.extend({ level: z.number().int().min(1).max(5) }).strict();

/** A card sentence and a contract sentence quoting it, written for the rule file. */
const examplePairSchema = z
  .object({
    card: z.string().min(1),
    contract: z.string().min(1),
    why: z.string().min(1),
  })
  .strict();

/**
 * What one transformation kind looks like: pairs the comparison must report it for (`flagged`) and
 * near misses it must not (`notFlagged`); test/align/transformation-examples.test.ts runs them all.
 */
const transformationSchema = z
  .object({
    why: z.string().min(1),
    examples: z.object({ flagged: z.array(examplePairSchema).min(1), notFlagged: z.array(examplePairSchema).min(1) }).strict(),
  })
  .strict();

/** One entry per transformation kind (src/align/transformations/): a kind without examples is a type error here and a load error in the file. */
const transformationsSchema = z
  .object({
    verbatim: transformationSchema,
    'hedge-removed': transformationSchema,
    'modality-strengthened': transformationSchema,
    'number-changed': transformationSchema,
    'scope-broadened': transformationSchema,
    'qualifier-dropped': transformationSchema,
    'negation-flipped': transformationSchema,
  } satisfies Record<TransformationKind, typeof transformationSchema>)
  .strict();

/**
 * Schema of rule files of kind 'alignment' (rules/alignment.yaml): retrieval and similarity
 * settings, and the phrase rules that name what an excerpt changed.
 */
export const alignmentKind = {
  kind: 'alignment',
  schema: z
    .object({
      kind: z.literal('alignment'),
      description: z.string().optional(),
      /** Word lists a pattern can name with `@name`. */
      classes: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(z.string().min(1)).min(1)).default({}),
      retrieval: z
        .object({
          /** Candidates kept from BM25 for token-level alignment. */
          topK: z.number().int().min(1).max(100),
          k1: z.number().min(0).max(5),
          b: z.number().min(0).max(1),
          /** Candidates scoring below this share of the best candidate's BM25 score are not aligned. */
          minScoreRatio: z.number().min(0).max(1).default(0),
        })
        .strict(),
      similarity: z
        .object({
          /** Minimum similarity for a card sentence to count as the source. */
          threshold: z.number().min(0).max(1),
          /** Weight of the contract-side coverage (how much of the clause the card explains) against the two-sided F1 (0 = F1 only). */
          blend: z.number().min(0).max(1),
          /** Weights of stopwords and legal framing words relative to content words. */
          stopwordWeight: z.number().min(0).max(1),
          framingWeight: z.number().min(0).max(1),
          /** Weight of numbers relative to content words (a quoted figure is strong evidence of the source). */
          numberWeight: z.number().min(0).max(10),
          /** Credit for a number aligned with a different number (a changed number still marks the source). */
          changedNumberCredit: z.number().min(0).max(1),
          /** A table row must beat the best prose sentence by more than this to be the source (contracts quote prose). */
          rowMargin: z.number().min(0).max(1),
          /** Fewest content words and numbers a contract sentence must share with a card sentence to derive from it. */
          minShared: z.number().int().min(1).max(10),
          /** Weight of words in parentheses (citations, abbreviations) relative to other words. */
          asideWeight: z.number().min(0).max(1).default(0.3),
          /** Credit for a contract word found in the card sentence's section headings rather than the sentence. */
          contextCredit: z.number().min(0).max(1).default(0.7),
          /** Factor on the card side's coverage when it leads (a short card sentence the clause contains whole). */
          containment: z.number().min(0).max(1).default(0.8),
          /** Added to a candidate's score (not its similarity) when it makes the same kind of claim as the clause. */
          claimTypeBonus: z.number().min(0).max(1).default(0),
          /** Weight of a contract word the card never uses, as a share of the card's rarest word's weight. */
          unknownWordWeight: z.number().min(0).max(1).default(1),
          /** The contract side's coverage below which containment does not count. */
          containmentMinCoverage: z.number().min(0).max(1).default(0.25),
          /** Share of a contract sentence's content words that must be copied for `verbatim`. */
          verbatimCoverage: z.number().min(0).max(1),
        })
        .strict(),
      /** Groups of general-English synonyms; each group reads as one word when sentences are matched. */
      synonyms: z.array(z.array(z.string().regex(/^\S+$/, 'a synonym is one word')).min(2)).default([]),
      stopwords: z.array(z.string().min(1)).min(1),
      /** Generic nouns that name the product in a card or a contract ("model", "service"): they read as the product's name. */
      /** Word classes whose members a contract can add to a list to broaden scope ("English" → "English and French"). */
      scopeClasses: z.array(z.string()).default([]),
      /** The word class of units ("hours", "GB"): the same figure with another unit changes the number. */
      unitClass: z.string().optional(),
      /** Relative pronouns ("that", "which"): a negation within three words after one describes a noun and does not negate the claim. */
      relatives: z.array(z.string().min(1)).default([]),
      productNouns: z.array(z.string().min(1)).default([]),
      /** Words a schedule adds around a quoted sentence ("Provider warrants that ..."). */
      framing: z.array(z.string().min(1)).default([]),
      hedges: z.array(phraseRuleSchema).min(1),
      modality: z.array(modalitySchema).min(1),
      /** Restricting qualifiers (language, user group, use): dropping one broadens scope. */
      scopes: z.array(phraseRuleSchema).default([]),
      /** Wide-scope phrases ("all languages", "any purpose"): adding one broadens scope. */
      widenings: z.array(phraseRuleSchema).default([]),
      /** Quantifier widening: a narrow quantifier replaced by a wide one. */
      quantifiers: z.object({ narrow: phraseRuleSchema, wide: phraseRuleSchema }).strict(),
      /** Conditions on a claim ("5-shot", "in our evaluation", "on MMLU"). */
      qualifiers: z.array(phraseRuleSchema).default([]),
      negations: z.array(phraseRuleSchema).min(1),
      /** Bounds on a figure (`bound.lower`, `bound.upper`): a negation inside one is not a flip; a changed bound changes the number. */
      comparators: z.array(phraseRuleSchema).default([]),
      /** Ranges of values ("between 2 and 5"). */
      ranges: z.array(phraseRuleSchema).default([]),
      /** Each transformation kind with flagged / not-flagged example pairs. */
      transformations: transformationsSchema,
      /** Card → contract pairs with every drift kind they show (several at once); the test suite aligns each one. */
      driftExamples: z
        .array(
          z
            .object({
              card: z.string().min(1),
              contract: z.string().min(1),
              expect: z.array(transformationsSchema.keyof()),
              why: z.string().min(1),
            })
            .strict(),
        )
        .default([]),
    })
    .strict()
    // Every pattern compiles against the file's word classes, so a bad pattern is an error at its line.
    .superRefine((d, ctx) => {
      const groups: Array<[string, Array<{ patterns: string[] }>]> = [
        ['hedges', d.hedges],
        ['modality', d.modality],
        ['scopes', d.scopes],
        ['widenings', d.widenings],
        ['qualifiers', d.qualifiers],
        ['negations', d.negations],
        ['comparators', d.comparators],
        ['ranges', d.ranges],
      ];
      const check = (patterns: string[], path: Array<string | number>): void =>
        patterns.forEach((p, j) => {
          try {
            compilePattern(p, d.classes);
          } catch (e) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message, path: [...path, 'patterns', j] });
          }
        });
      for (const [name, rules] of groups) rules.forEach((r, i) => check(r.patterns, [name, i]));
      check(d.quantifiers.narrow.patterns, ['quantifiers', 'narrow']);
      check(d.quantifiers.wide.patterns, ['quantifiers', 'wide']);
      if (d.unitClass && !d.classes[d.unitClass]) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unitClass names unknown word class "${d.unitClass}"`, path: ['unitClass'] });
      d.scopeClasses.forEach((c, i) => {
        if (!d.classes[c]) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `scopeClasses names unknown word class "${c}"`, path: ['scopeClasses', i] });
      });
    }),
};
