import { z } from '../zod.ts';
import { MODALITIES } from './cues.ts';

/**
 * Context conditions the engine knows how to test (kinds are code; their weights are data).
 * - table-row-number: a table row with a numeric cell
 * - table-row: any table row
 * - key-value: a "Key: value" line
 * - key: a key-value line whose key matches `phrases`
 * - empty-value: a key-value line whose whole value is one of `phrases`, or has no letter or digit ("None", "More information needed", "-")
 * - row-label-header: a table row whose first column's header is one of `phrases` (a glossary: "Term | Definition")
 * - lead-in: the sentence ends with a colon (introduces a list or a table)
 * - list-lead-hedged / list-lead-definite: a list item whose lead-in is hedged / definite
 * - list-lead-subject: a list item whose lead-in's subject belongs to subject group `group` ("You agree not to use the Model:": reader)
 * - section: the nearest heading (or the run-in key of the paragraph) matches `phrases`
 * - role: the document role is one of `roles`
 * - verbless: no verb in the sentence (captions, titles, labels)
 * - fragment: the segmenter marked the sentence as a heading-like short line
 * - question: the sentence is a question
 * - link-only: the sentence or its value is a URL, an e-mail address or a file path, or its Markdown block is one link ("[GitHub Repo](...)")
 * - subject: the grammatical subject belongs to subject group `group` (see `subjects`)
 * - product-name: the subject names the document's own product (title or front matter)
 * - imperative: the sentence opens with a bare verb (an instruction, or a use in a list of uses)
 */
export const CONTEXT_CONDITIONS = [
  'table-row-number',
  'table-row',
  'key-value',
  'key',
  'empty-value',
  'row-label-header',
  'lead-in',
  'list-lead-hedged',
  'list-lead-definite',
  'list-lead-subject',
  'section',
  'role',
  'verbless',
  'fragment',
  'question',
  'link-only',
  'subject',
  'product-name',
  'imperative',
] as const;

/** One context cue: a condition on the sentence's context with a direction and weight. */
export const contextCueSchema = z
  .object({
    id: z.string().regex(/^context\.[a-z0-9.-]+$/, 'context cue ids start with "context."'),
    condition: z.enum(CONTEXT_CONDITIONS),
    direction: z.enum(['representation', 'narrative']),
    weight: z.number().min(0).max(10),
    why: z.string().min(1),
    /** Phrases for 'section', 'key', 'empty-value' and 'row-label-header' (normalised words). */
    phrases: z.array(z.string().min(1)).optional(),
    /** Roles for 'role'; also restricts any cue to these roles. */
    roles: z.array(z.enum(['model-card', 'contract', 'evidence'])).optional(),
    /** Subject group for 'subject' and 'list-lead-subject'. */
    group: z.string().optional(),
    /** Claim type this context implies, when it fires (e.g. a lead-in asserts nothing: 'none'). */
    claimType: z.string().optional(),
    /** Weight `claimType` adds (default: claimTypes.cue). */
    claimTypeWeight: z.number().min(0).optional(),
  })
  .strict();

/** A group of subject words ("the model", "Customer", "developers"). */
export const subjectGroupSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** Words or phrases (normalised, lower case); matched against the subject's words. */
    words: z.array(z.string().min(1)).min(1),
    /** Phrases that must precede a word for it to count (e.g. possessive "our"), optional. */
    description: z.string().optional(),
  })
  .strict();

/** Schema of rules/classifier.yaml. */
export const classifierKind = {
  kind: 'classifier',
  schema: z
    .object({
      kind: z.literal('classifier'),
      description: z.string().optional(),
      /** Added to the cue sum before the logistic: the prior toward representation. */
      bias: z.number(),
      /** Score at or above which a sentence is a representation. */
      threshold: z.number().min(0).max(1),
      /** Elaboration: text after these markers is a subordinate elaboration; main-scope cues there count `discount`×. */
      elaboration: z
        .object({
          discount: z.number().min(0).max(1),
          markers: z.array(z.string().min(1)),
        })
        .strict(),
      /** Introductory phrases ("In our experiments,") skipped when finding the subject: words that open them. */
      introWords: z.array(z.string().min(1)).default([]),
      /**
       * Personal pronouns that are the subject where they open a clause ("we", "they"): the word after them (past
       * any adverbs) is read as the verb when the tagger took a compound or participle for an adjective or noun
       * ("We open-source ...", "we up-sampled ...", "They fine-tuned ...").
       */
      personalSubjects: z.array(z.string().min(1)).default([]),
      /**
       * Verbs whose "that" clause is what the sentence states ("Customer acknowledges that Provider is audited ...",
       * "Note that the model sends ..."): the subject is read in the clause after "that", also after "X and Y that".
       */
      complementVerbs: z.array(z.string().regex(/^[a-z]+$/, 'lower-case single words')).default([]),
      /** Words of titles and file names that do not name the product ("model", "card", "readme"). */
      nameStopwords: z.array(z.string().min(1)).default([]),
      /** Pronouns that decide a subject's group when they open it ("our fine-tuned LLMs", "your content"). */
      subjectPronouns: z.array(z.string().min(1)).default([]),
      /**
       * Possessives among subjectPronouns that yield to the head noun when its group is `group`: "your prompts" are
       * the product's data, while "your use of the Model" stays the reader's.
       */
      possessiveHeads: z.object({ pronouns: z.array(z.string().min(1)), group: z.string().min(1) }).strict().optional(),
      /**
       * Pronoun subjects ("it", "they") that refer back to the subject of the paragraph's previous sentence:
       * "Composer is our training library. It provides ..." is about Composer, not the product.
       */
      referringSubjects: z.array(z.string().min(1)).default([]),
      /** Words that end a subject's first noun phrase ("Customer prompts of ..."): its head noun is just before. */
      subjectHeadBreaks: z.array(z.string().min(1)).default([]),
      /** Modalities of the narrative cues that make a list lead-in hedged (condition `list-lead-hedged`). */
      hedgedLeadModalities: z.array(z.enum(MODALITIES)).min(1),
      /** Subject groups, matched in order; first hit wins. */
      subjects: z.array(subjectGroupSchema).default([]),
      context: z.array(contextCueSchema).default([]),
      /**
       * Work per sentence is bounded: a sentence longer than this many characters is judged on its
       * first `maxSentenceChars` (cut at a word boundary) and the document gets a diagnostic.
       */
      maxSentenceChars: z.number().int().min(200).max(1_000_000).default(3000),
      /** Word classes the lexical features read (src/classify/lexical.ts); the weights of the features are learned. */
      lexical: z
        .object({
          /** Forms of "be" before a past participle: a passive. */
          auxiliaries: z.array(z.string().min(1)),
          /** Last words before a colon that leave the clause open ("intended for:", "such as:"), beyond prepositions and verbs. */
          openColonWords: z.array(z.string().min(1)),
          firstPerson: z.array(z.string().min(1)),
          secondPerson: z.array(z.string().min(1)),
          /** What the claim-type model's topic features (the mean word vector, rules/word-vectors.json) are multiplied by; 0 leaves them out. */
          topicScale: z.number().min(0).max(100).default(0),
        })
        .strict()
        .default({
          auxiliaries: ['is', 'are', 'was', 'were', 'be', 'been', 'being'],
          openColonWords: ['as', 'like', 'following', 'include', 'including', 'follows'],
          firstPerson: ['we', 'our', 'us'],
          secondPerson: ['you', 'your'],
          topicScale: 0,
        }),
      /** How many learned lexical features an explanation lists, and the smallest contribution it shows. */
      explanation: z
        .object({
          maxLexical: z.number().int().min(0).max(50),
          minContribution: z.number().min(0),
        })
        .strict()
        .default({ maxLexical: 4, minContribution: 0.3 }),
      /** Claim-type scoring: how much section, key and list lead-in weigh against sentence triggers. */
      claimTypes: z
        .object({
          section: z.number(),
          outerSection: z.number(),
          key: z.number(),
          /** A paragraph's run-in key, for the paragraph's later sentences. */
          inheritedKey: z.number(),
          listLead: z.number(),
          /** Weight a cue's `claimType` adds. */
          cue: z.number(),
          /** Minimum total for a type to win; below it the sentence is 'other' (or 'none' when it asserts nothing). */
          minScore: z.number(),
          /** Neighbouring sentences as context for the type (src/classify/type-context.ts); window 0 or weight 0: off. */
          neighbours: z
            .object({
              window: z.number().int().min(0).max(20),
              weight: z.number().min(0).max(10),
              floor: z.number().gt(0).max(1),
            })
            .strict()
            .default({ window: 0, weight: 0, floor: 0.02 }),
          /**
           * Label and type decided together (src/classify/decide.ts): how much the claim-type model's
           * "asserts nothing" (none) reading counts against a representation; 0: the label model alone.
           */
          assertsNothing: z.number().min(0).max(10).default(0),
        })
        .strict(),
    })
    .strict()
    .superRefine((file, ctx) => {
      // A condition that reads a subject group or phrases would silently never hold without them.
      const groups = new Set(file.subjects.map((g) => g.id));
      file.context.forEach((c, i) => {
        if ((c.condition === 'subject' || c.condition === 'list-lead-subject') && (c.group === undefined || !groups.has(c.group))) {
          ctx.addIssue({ code: 'custom', path: ['context', i, 'group'], message: `${c.id}: condition ${c.condition} needs a group from subjects (${[...groups].join(', ')}), got ${JSON.stringify(c.group)}` });
        }
        if ((c.condition === 'key' || c.condition === 'section' || c.condition === 'empty-value') && !c.phrases?.length) {
          ctx.addIssue({ code: 'custom', path: ['context', i, 'phrases'], message: `${c.id}: condition ${c.condition} needs phrases` });
        }
      });
      if (file.possessiveHeads && !groups.has(file.possessiveHeads.group)) {
        ctx.addIssue({ code: 'custom', path: ['possessiveHeads', 'group'], message: `possessiveHeads needs a group from subjects (${[...groups].join(', ')}), got ${JSON.stringify(file.possessiveHeads.group)}` });
      }
    }),
};

/** The classifier settings as validated. */
export type ClassifierSettings = z.infer<(typeof classifierKind)['schema']>;
/** One context cue as validated. */
export type ContextCueRule = z.infer<typeof contextCueSchema>;
