import { z } from 'zod';

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
        })
        .strict(),
      /** lm-evaluation-harness specifics. */
      lmEval: z
        .object({
          /** Filter names that mean "no answer extraction" (the `,none` in "acc,none"). */
          noFilter: z.array(z.string()).min(1),
          /** Keys of a task's results that are not metrics. */
          nonMetricKeys: z.array(z.string()).default([]),
        })
        .strict(),
      /** Verdict thresholds. */
      linking: z
        .object({
          /** z-value for the stderr part of the tolerance (1.96 = 95%). */
          stderrZ: z.number().positive(),
        })
        .strict(),
      /** Scope coverage of language claims. */
      scope: z
        .object({
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
