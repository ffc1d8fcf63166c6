import { z } from '../zod.ts';
import { examplesSchema } from './cues.ts';
import { TABLE_HEADER_ROLES } from './names.ts';

/** A regular expression written in a rule file: must compile (flags `iu` are added by the engine). */
const regexSource = z.string().min(1).refine(
  (s) => {
    try {
      new RegExp(s, 'iu');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9.@+-]*$/, 'ids are lower-case words joined by dashes or dots');

/** One benchmark: canonical name, the names it goes by, and what it measures. */
export const benchmarkSchema = z
  .object({
    /** Canonical name, as reports show it ("MMLU", "ARC-Challenge"). */
    name: z.string().min(1),
    /** Names as written in prose and table headers; matched ignoring case, spaces and punctuation. */
    aliases: z.array(z.string().min(1)).default([]),
    /** Machine ids: lm-eval task ids, Hugging Face dataset ids; matched ignoring case in headers and metadata, in prose only when they look like ids (contain `_` or `/`). */
    ids: z.array(z.string().min(1)).default([]),
    /** Aliases that are ordinary words in another case ("DROP", "MATH"): they match only in exactly this case. */
    exactCase: z.array(z.string().min(1)).default([]),
    /** Parent benchmark (a subtask's suite), by canonical name. */
    group: z.string().optional(),
    /** Capability domains it measures (ids from `domains`). */
    domains: z.array(idSchema).min(1),
    /** Languages it is in (BCP 47 codes), when not English only or when it matters. */
    languages: z.array(z.string().min(2)).optional(),
    /** Default metric (a canonical metric name) when a document names none. */
    metric: z.string().optional(),
    /** Default metric variant (acc_norm, prompt-strict, ...). */
    metricVariant: z.string().optional(),
    /** Overrides the metric's direction. */
    higherIsBetter: z.boolean().optional(),
    /** Scale results are usually reported on. */
    scale: z.enum(['percent', 'fraction', 'raw']).optional(),
    note: z.string().optional(),
    examples: examplesSchema,
  })
  .strict();

/** A pattern naming the subtasks of a suite (mmlu_abstract_algebra → MMLU), so 57 subjects need not be listed. */
export const subtaskSchema = z
  .object({
    id: idSchema,
    /** Regex over the whole (trimmed) name; a named group `sub` captures the subtask. */
    pattern: regexSource,
    /** Canonical name of the suite. */
    group: z.string().min(1),
    examples: examplesSchema,
  })
  .strict();

/** One metric: canonical name, aliases, variants, direction and scale kind. */
export const metricSchema = z
  .object({
    /** Canonical name (accuracy, exact-match, pass@1, f1, wer, ...). */
    name: z.string().regex(/^[a-z0-9][a-z0-9@.+-]*$/, 'metric names are lower-case'),
    aliases: z.array(z.string().min(1)).min(1),
    /** Aliases matched only in exactly this case in running text ("EM"). */
    exactCase: z.array(z.string().min(1)).default([]),
    /** Variants that are still this metric (acc_norm is accuracy, normalised). */
    variants: z
      .array(z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) }).strict())
      .default([]),
    /** 'rate' values live on 0-1 or 0-100 interchangeably (percent vs fraction); 'raw' values have their own unit. */
    kind: z.enum(['rate', 'raw']),
    higherIsBetter: z.boolean(),
    unit: z.string().optional(),
    examples: examplesSchema,
  })
  .strict();

/** A capability domain and the words that name it in scope statements. */
export const domainSchema = z
  .object({
    id: idSchema,
    /** Phrases (plain words, matched as whole words ignoring case). */
    phrases: z.array(z.string().min(1)).min(1),
    examples: examplesSchema,
  })
  .strict();

/** A condition written next to a benchmark or score ("5-shot", "CoT", "maj@1", "Avg"). */
export const conditionSchema = z
  .object({
    id: idSchema,
    /** Regex; for `shots`, group 1 is the number (digits or a word from `numberWords`). */
    pattern: regexSource,
    /** What the condition sets: shots, an aggregate (average of several tasks), or a free label. */
    sets: z.enum(['shots', 'aggregate', 'label']),
    /** Label recorded in Quantity.conditions (default: the matched words). */
    label: z.string().optional(),
    examples: examplesSchema,
  })
  .strict();

/** A data split and its names. */
export const splitSchema = z
  .object({
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).min(1),
    examples: examplesSchema,
  })
  .strict();

/** Words before a number that qualify it ("at least 90" → >=). */
export const comparatorSchema = z
  .object({
    symbol: z.enum(['>=', '<=', '>', '<', '~']),
    phrases: z.array(z.string().min(1)).min(1),
    examples: examplesSchema,
  })
  .strict();

/** A word list with examples (header roles, units, own-model words). */
const phraseListSchema = z
  .object({
    phrases: z.array(z.string().min(1)).min(1),
    examples: examplesSchema,
  })
  .strict();

/** Roles a table column header can play (defined in the zod-free ./names.ts). */
export { TABLE_HEADER_ROLES };

/** Schema of rules/benchmarks.yaml (kind: benchmarks). */
export const benchmarksFileSchema = z
  .object({
    kind: z.literal('benchmarks'),
    description: z.string().optional(),
    benchmarks: z.array(benchmarkSchema).default([]),
    subtasks: z.array(subtaskSchema).default([]),
    metrics: z.array(metricSchema).default([]),
    domains: z.array(domainSchema).default([]),
    conditions: z.array(conditionSchema).default([]),
    splits: z.array(splitSchema).default([]),
    comparators: z.array(comparatorSchema).default([]),
    /** Number words used in shot counts ("zero-shot", "five-shot"). */
    numberWords: z.record(z.string().min(1), z.number().int().min(0)).default({}),
    /** Units or nouns after a number that make it a size, count or date, not a score ("7B", "15T tokens"). */
    measureUnits: phraseListSchema.optional(),
    /** Words before a number that make it a version or a name, not a score ("v3.1", "version 2"). */
    versionWords: phraseListSchema.optional(),
    /** Row or column labels that stand for an aggregate of several benchmarks ("Avg.", "Average"). */
    aggregates: phraseListSchema.optional(),
    /** How numbers attach to names in running text. */
    prose: z
      .object({
        /** Words that end a clause: a benchmark or metric is not carried across them. */
        clauseBreaks: phraseListSchema,
        /** Words that introduce a comparison model ("compared to Llama 2's 45.3"). */
        comparisons: phraseListSchema,
        /** Words between a number and the benchmark after it ("86.1% on HumanEval"). */
        benchmarkAfter: phraseListSchema,
        /** Words between a name and the number after it ("WER of 4.2%", "MMLU: 68.4"). */
        valueAfter: phraseListSchema,
        /** Nouns after a dataset name in prose ("on the imdb dataset"): they make an unknown name a benchmark. */
        datasetNouns: phraseListSchema.optional(),
        /**
         * Nouns for what a model produces ("responses", "outputs"): a percentage of them ("in 63% of its AIME
         * responses", "12% of the generated solutions") is a share of the model's outputs, not a score.
         */
        shareNouns: phraseListSchema.optional(),
        /** Words that may precede a model name at the start of a clause ("the", "base"): skipped when reading the subject. */
        subjectLead: z.array(z.string().min(1)).default([]),
        /** Words that introduce a dataset phrase ("on", "using"). */
        datasetLead: z.array(z.string().min(1)).default([]),
        /** Words before such a noun that are not a dataset name ("the same dataset", "the evaluation set"). */
        notDatasetNames: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    /** Vocabulary of table column headers, by role. */
    tableHeaders: z.partialRecord(z.enum(TABLE_HEADER_ROLES), phraseListSchema).default({}),
    /** How a card names its own model. */
    ownModel: z
      .object({
        /** Words a table uses for the card's own model ("Ours", "This model"). */
        selfWords: z.array(z.string().min(1)).default([]),
        /** Title words that are not part of the model name ("Model Card for"). */
        titleNoise: z.array(z.string().min(1)).default([]),
        /** First-level headings that are section titles, not model names ("Model Details"). */
        notTitles: z.array(z.string().min(1)).default([]),
        /** Words that, with a size, make a column header a size variant of the own model ("7B Params"). */
        sizeWords: z.array(z.string().min(1)).default([]),
        /** Release-variant words that do not make another model ("Instruct", "Chat", "Base"): "Llama 3.1 8B Instruct" is the Llama 3.1 card's own. */
        variantWords: z.array(z.string().min(1)).default([]),
        examples: examplesSchema,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    const metricNames = new Set(file.metrics.map((m) => m.name));
    const domainIds = new Set(file.domains.map((d) => d.id));
    const benchmarkNames = new Set(file.benchmarks.map((b) => b.name));
    // Cross-references are only checked within one file when the file defines the list referred to,
    // so a user file may add benchmarks that use the shipped metrics and domains.
    file.benchmarks.forEach((b, i) => {
      if (b.metric && metricNames.size > 0 && !metricNames.has(b.metric)) {
        ctx.addIssue({ code: 'custom', message: `unknown metric "${b.metric}"`, path: ['benchmarks', i, 'metric'] });
      }
      if (domainIds.size > 0) {
        b.domains.forEach((d, j) => {
          if (!domainIds.has(d)) ctx.addIssue({ code: 'custom', message: `unknown domain "${d}"`, path: ['benchmarks', i, 'domains', j] });
        });
      }
      if (b.group && !benchmarkNames.has(b.group)) {
        ctx.addIssue({ code: 'custom', message: `unknown group "${b.group}"`, path: ['benchmarks', i, 'group'] });
      }
    });
    file.subtasks.forEach((s, i) => {
      if (benchmarkNames.size > 0 && !benchmarkNames.has(s.group)) {
        ctx.addIssue({ code: 'custom', message: `unknown group "${s.group}"`, path: ['subtasks', i, 'group'] });
      }
    });
    const seen = new Map<string, string>();
    file.benchmarks.forEach((b, i) => {
      for (const a of [b.name, ...b.aliases, ...b.ids]) {
        const key = a.toLowerCase().replace(/[^\p{L}\p{N}+@]+/gu, '');
        const prev = seen.get(key);
        if (prev !== undefined && prev !== b.name) {
          ctx.addIssue({ code: 'custom', message: `alias "${a}" of ${b.name} is already an alias of ${prev}`, path: ['benchmarks', i, 'aliases'] });
        }
        seen.set(key, b.name);
      }
    });
  });

/** Rule kind 'benchmarks': benchmark and metric aliases, scales, conditions and capability domains. */
export const benchmarksKind = {
  kind: 'benchmarks',
  schema: benchmarksFileSchema,
};

/** Parsed content of a benchmarks rule file. */
export type BenchmarksFile = z.infer<typeof benchmarksFileSchema>;
