import { z } from '../zod.ts';
import { phraseRuleSchema } from './alignment.ts';

/** Legal force a rule assigns. */
const forceSchema = z.enum(['warranty', 'covenant', 'disclaimer', 'definition']);

/**
 * Schema of rule files of kind 'legal' (rules/legal.yaml): legal-force phrases, parties,
 * definition and incorporation phrases, document names and clause-structure words.
 */
export const legalKind = {
  kind: 'legal',
  schema: z
    .object({
      kind: z.literal('legal'),
      description: z.string().optional(),
      classes: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(z.string().min(1)).min(1)).default({}),
      /** Party words: who is bound by a covenant. */
      parties: z.object({ vendor: z.array(z.string().min(1)).min(1), customer: z.array(z.string().min(1)).min(1) }).strict(),
      /** Phrases that give a sentence legal force. */
      forces: z.array(phraseRuleSchema.extend({ force: forceSchema }).strict()).min(1),
      /** When several forces fire, the first in this order wins. */
      priority: z.array(forceSchema).min(1),
      /** Definition verbs that follow a defined term ("means", "shall mean"). */
      definitions: z.array(phraseRuleSchema).min(1),
      /** Phrases that make another document part of the contract. */
      incorporation: z.array(phraseRuleSchema).min(1),
      /** Names of documents an incorporation can point at, and what uploaded role fits each. */
      documents: z.array(phraseRuleSchema.extend({ role: z.enum(['model-card', 'contract', 'evidence', 'attachment']) }).strict()).min(1),
      structure: z
        .object({
          /** Heading words that open an attachment ("Schedule", "Exhibit"). */
          attachments: z.array(z.string().min(1)).min(1),
          /** Words that introduce a cross-reference ("Section", "clause"). */
          references: z.array(z.string().min(1)).min(1),
          /** Lower-case words that continue a document's name ("Model Card dated 14 March 2026", "model card last updated ..."). */
          nameWords: z.array(z.string().min(1)).default([]),
          /** Determiners dropped from the front of a document's name ("This Schedule B" names "Schedule B"). */
          determiners: z.array(z.string().min(1)).default([]),
          /** Connector words between a document's name and the incorporating verb ("Schedule B is hereby ..."). */
          connectors: z.array(z.string().min(1)).default([]),
          /** Words every document name may share, ignored when matching a name to an uploaded document. */
          genericNameWords: z.array(z.string().min(1)).default([]),
          /** Words that open an internal cross-reference ("Clause 11", "Section III"): not incorporation of another document (issue 16). */
          crossReferences: z.array(z.string().min(1)).default([]),
          /** Words that name the agreement a schedule belongs to ("the Agreement"): not incorporation of another document (issue 16). */
          agreementNames: z.array(z.string().min(1)).default([]),
          /** Words that number a document after an agreement name ("Statement of Work No. 2"): the name is still the agreement's. */
          numberWords: z.array(z.string().min(1)).default([]),
          /** Lower-case words that go on naming another document after an agreement name ("Terms of Service"). */
          nameContinuations: z.array(z.string().min(1)).default([]),
        })
        .strict(),
    })
    .strict(),
};
