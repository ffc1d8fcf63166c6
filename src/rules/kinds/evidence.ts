import { z } from '../zod.ts';
import { CLAIM_TYPES, type ClaimType } from '../../model/types.ts';

/** Header names a CSV column is matched by: examples are header strings that must / must not match. */
const columnExamples = z
  .object({
    match: z.array(z.string()).min(1),
    noMatch: z.array(z.string()).default([]),
  })
  .strict();

/** Fields a CSV evidence column can fill. */
export const CSV_FIELDS = [
  'benchmark',
  'metric',
  'value',
  'model',
  'shots',
  'stderr',
  'n',
  'split',
  'date',
  'revision',
  'harness',
  'harnessVersion',
  'metricVariant',
  'promptHash',
  'mode',
  'judge',
] as const;

/** One CSV column: the field it fills and the header names (compared lower-case, spaces/dashes as `_`). */
const csvColumnSchema = z
  .object({
    field: z.enum(CSV_FIELDS),
    aliases: z.array(z.string()).min(1),
    examples: columnExamples,
  })
  .strict();

/** Schema of rules/evidence.yaml: how evidence files are read and linked (data, not code). */
export const evidenceKind = {
  kind: 'evidence',
  schema: z
    .object({
      kind: z.literal('evidence'),
      description: z.string().optional(),
      /** Header aliases of CSV evidence columns. An empty alias matches an unnamed column (a pandas index). */
      csvColumns: z.array(csvColumnSchema).min(1),
      /** Headers that name a metric and hold its values (a leaderboard's `win_rate` column), used when no `value` column exists. */
      metricColumns: z
        .object({ aliases: z.array(z.string()).min(1), examples: columnExamples })
        .strict(),
      /** Model-name normalisation for matching evidence to a card's model. */
      modelNames: z
        .object({
          /** Characters or words replaced before comparison (Greek letters in "Zephyr-7b-β"). */
          replacements: z.array(z.object({ from: z.string().min(1), to: z.string() }).strict()).default([]),
          /** A name token that gives a model size ("7b", "70B", "1.5b"); regular expression, case-insensitive. */
          sizeToken: z.string().min(1),
          examples: columnExamples,
          /** Name words that say only the number format of the weights (bf16): the same model for evidence. */
          precisionWords: z.array(z.string().min(1)).default([]),
          /** Name words for quantised or adapted weights (QLoRA, SpinQuant, int4): the card's own family in a column header, another model as evidence. */
          quantisationWords: z.array(z.string().min(1)).default([]),
          /** Name words that do not tell models apart ("hf", "base" when the other name has no variant word). */
          neutralWords: z.array(z.string().min(1)).default([]),
          /** A name token that is a release version ("v1.1"); regular expression, case-insensitive. */
          versionToken: z.string().min(1).default('^v\\d+(\\.\\d+)*$'),
          /** Pairs of names that must read as the same model (`match`) or not (`noMatch`), each "a | b". */
          identityExamples: columnExamples.optional(),
        })
        .strict(),
      /** lm-evaluation-harness specifics. */
      lmEval: z
        .object({
          /** Filter names that mean "no answer extraction" (the `,none` in "acc,none"). */
          noFilter: z.array(z.string()).min(1),
          /** Keys of a task's results that are not metrics. */
          nonMetricKeys: z.array(z.string()).default([]),
          /** Tasks whose result key names a metric other than the key ("truthfulqa_mc2" reports mc2 under "acc"). */
          taskMetrics: z.array(z.object({ task: z.string().min(1), metric: z.string().min(1) }).strict()).default([]),
          /** Tasks the harness only runs zero-shot (lm-eval asserts num_fewshot == 0), so a file without shot counts still states 0. */
          zeroShotTasks: z.array(z.string().min(1)).default([]),
          /** Labels of the suite-average line of an lm-eval Markdown log ("Average: 52.99"). */
          averageLabels: z.array(z.string().min(1)).default(['Average']),
        })
        .strict(),
      /** Hugging Face model-index specifics. */
      modelIndex: z
        .object({
          /** Prefixes a harness writes before the benchmark in `dataset.name` ("MTEB Banking77Classification"). */
          datasetNamePrefixes: z.array(z.string().min(1)).default([]),
        })
        .strict()
        .default({ datasetNamePrefixes: [] }),
      /** LLM-as-judge benchmarks: the judge model is part of the methodology (issue 12, item 3). */
      judges: z
        .object({
          /** Canonical benchmarks (rules/benchmarks.yaml names) graded by a judge model. */
          benchmarks: z.array(z.string().min(1)).default([]),
          /** Keys or CSV headers that name the judge model in an evidence file. */
          keys: z.array(z.string().min(1)).default([]),
          /** Words before a judge name in a card ("judged by", "annotator"); compromise-free plain words. */
          cueWords: z.array(z.string().min(1)).default([]),
          /** Texts that name a judge model (`match`) or none (`noMatch`). */
          examples: columnExamples.optional(),
        })
        .strict()
        .default({ benchmarks: [], keys: [], cueWords: [] }),
      /** Verdict thresholds. */
      linking: z
        .object({
          /** z-value for the stderr part of the tolerance (1.96 = 95%). */
          stderrZ: z.number().positive(),
          /** Points a record earns toward being the one a claimed number is judged against (highest sum wins). */
          ranking: z
            .object({
              /** The record's metric is the claim's (or the benchmark's default). */
              metric: z.number(),
              /** The same metric variant (or the default variant for a bare number). */
              metricVariant: z.number(),
              /** The claim names shots and the record has as many. */
              shots: z.number(),
              /** Both name a split: added when it is the same one, subtracted when another. */
              split: z.number(),
              /** A record from an evaluation harness log. */
              harness: z.number(),
              /** The record is its task's main score. */
              mainScore: z.number(),
            })
            .strict(),
        })
        .strict(),
      /** Scope coverage of language claims. */
      scope: z
        .object({
          /** Claim types whose statements are scope statements, checked for eval coverage. */
          claimTypes: z.array(z.enum(CLAIM_TYPES as unknown as [ClaimType, ...ClaimType[]])).min(1),
          /** Languages a benchmark covers when rules/benchmarks.yaml lists none for it. */
          defaultLanguages: z.array(z.string().min(1)).min(1),
          /** Language names (whole words, any case) and their codes. */
          languages: z.array(
            z
              .object({
                code: z.string().min(1),
                /** Other codes of the language in evidence files (ISO 639-3 in MTEB's "eng-Latn"). */
                codes: z.array(z.string().min(1)).default([]),
                names: z.array(z.string().min(1)).min(1),
                examples: columnExamples,
              })
              .strict(),
          ),
        })
        .strict(),
    })
    .strict(),
};
