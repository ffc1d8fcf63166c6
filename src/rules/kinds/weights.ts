import { z } from '../zod.ts';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Hyper-parameters `warrant train` used (and uses again when retraining). */
export const trainingSchema = z
  .object({
    /** L2 strength toward each weight's prior (the rule's signed weight, or 0 for lexical features). */
    lambda: z.number().positive().max(1000),
    /** Same, for the claim-type model. */
    typeLambda: z.number().positive().max(1000),
    /** A lexical feature enters the model only when it occurs in at least this many training documents. */
    minDocs: z.number().int().min(1).max(100),
    /** A document's sentences weigh at most this much in total, so one long document cannot dominate. */
    docCap: z.number().positive(),
    /** Optimiser iterations (L-BFGS). */
    iterations: z.number().int().min(1).max(10000),
    /**
     * The claim-type weights are the logistic fit plus `weight` × multinomial naive Bayes over the same
     * count features, Laplace `smoothing` (src/learn/naive-bayes.ts). Weight 0 turns it off.
     */
    naiveBayes: z
      .object({ weight: z.number().min(0).max(1), smoothing: z.number().positive().max(100) })
      .strict()
      .default({ weight: 0, smoothing: 1 }),
  })
  .strict();

/**
 * Schema of rules/weights.json: the linear models' weights, fitted from gold by `warrant train`
 * (DESIGN.md "Judgement is learned from gold"). A feature the file does not list weighs its prior:
 * a cue's or context cue's signed weight from its own rule file, 0 for a lexical feature.
 */
export const weightsKind = {
  kind: 'weights',
  schema: z
    .object({
      kind: z.literal('weights'),
      description: z.string().optional(),
      /** The gold the weights were fitted on: SHA-256 over the gold files (name and bytes, in name order). */
      gold: z
        .object({
          sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256'),
          documents: z.number().int().min(0),
          sentences: z.number().int().min(0),
          /** Each gold set's own hash, when several were trained on together (sha256 combines them). */
          parts: z.array(z.string().regex(/^[0-9a-f]{64}$/)).optional(),
        })
        .strict(),
      /** SHA-256 of the rule files the features come from (every kind but weights), for audit. */
      featureRulesSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      training: trainingSchema,
      label: z
        .object({
          bias: finite,
          threshold: z.number().min(0).max(1),
          weights: z.record(z.string().min(1), finite),
        })
        .strict(),
      claimType: z
        .object({
          classes: z.array(z.string().min(1)).min(1),
          bias: z.record(z.string().min(1), finite),
          /** feature → class → weight (classes absent weigh their prior). */
          weights: z.record(z.string().min(1), z.record(z.string().min(1), finite)),
        })
        .strict(),
    })
    .strict(),
};

/** rules/weights.json as validated. */
export type WeightsFile = z.infer<(typeof weightsKind)['schema']>;
/** Training hyper-parameters as validated. */
export type TrainingSettings = z.infer<typeof trainingSchema>;
