/**
 * judge: sentences → claims (claim type, quantities, label, score, cues).
 * Tags each sentence once with compromise (src/text/compromise.ts), sweeps the precompiled cue and
 * trigger patterns of rules/cues and rules/claims, adds context cues from rules/classifier.yaml,
 * and scores the sum with a logistic; the label and the claim type are then decided together, the
 * type in its neighbours' context (src/classify/decide.ts). Quantities come from src/extract/quantities.ts.
 */
import type { Block, Claim, Document, Sentence } from '../model/types.ts';
import { fileStem } from '../model/names.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { extractQuantities } from '../extract/index.ts';
import type { CompiledClassifier } from './compile.ts';
import { judgeSentence, modalityOf, roundScore, sortCues, type JudgeEnv, type SentenceJudgement, type SubjectReference } from './judge.ts';
import { normalWords } from './words.ts';
import { decideDocument, type Decision } from './decide.ts';
import type { Features } from './linear.ts';

/** Receives each sentence's model features (for `warrant train` and cross-validation). */
export type FeatureSink = (sentenceId: string, label: Features, type: Features) => void;

/** Judge every sentence of one document: one Claim per sentence, in sentence order. */
export function judgeSentences(doc: Document, sentences: Sentence[], rules: CompiledRules, sink?: FeatureSink): Claim[] {
  const compiled = rules.classifier;
  const blocks = new Map<string, Block>();
  for (const b of doc.blocks) blocks.set(b.id, b);
  const env: JudgeEnv = { doc, rules: compiled, role: doc.role, productNames: productNames(doc, compiled), blocks, leads: new Map() };
  const blockKey = new Map<string, string | undefined>();
  // The subject of each paragraph's latest sentence with a clause, for a pronoun subject after it.
  const blockSubject = new Map<string, SubjectReference>();
  const read = sentences.map((s) => {
    // A paragraph that opens with a run-in key ("Intended Use Cases: ...") lends the key to its later sentences.
    const first = !blockKey.has(s.blockId);
    const inherited = s.context.keyValue || first ? undefined : blockKey.get(s.blockId);
    const quantities = extractQuantities(s, doc, rules);
    const j = judgeSentence(boundedSentence(s, doc, compiled.settings.maxSentenceChars), env, inherited, quantities.some((q) => q.benchmark !== undefined), blockSubject.get(s.blockId));
    if (first) blockKey.set(s.blockId, j.key);
    if (j.subjectReference) blockSubject.set(s.blockId, j.subjectReference);
    sink?.(s.id, j.features, j.typeFeatures);
    return { s, j, quantities };
  });
  // Label and claim type, decided together; the type in the context of the neighbouring sentences.
  const settings = compiled.settings;
  const decisions = decideDocument(
    read.map((r) => r.j.labelLogit),
    read.map((r) => r.j.typeLogits),
    compiled.models.label.threshold,
    settings.claimTypes.neighbours,
    settings.claimTypes.assertsNothing,
  );
  return read.map(({ s, j, quantities }, i) => {
    const claim: Claim = { id: s.id, sentenceId: s.id, docId: doc.id, ...decided(decisions[i]!, j, settings.explanation.minContribution), quantities };
    if (quantities[0]) claim.quantity = quantities[0];
    if (j.subject) claim.subject = j.subject;
    if (j.negated) claim.negated = true;
    if (j.weak) claim.weak = true;
    return claim;
  });
}

/**
 * What a decision sets on a claim: label, score, type, modality and cues; the claim-type model's
 * "asserts nothing" evidence is explained as a context cue when it reaches `minContribution`.
 */
export function decided(d: Decision, j: Pick<SentenceJudgement, 'modality' | 'cues'>, minContribution: number): Pick<Claim, 'label' | 'score' | 'type' | 'modality' | 'cues'> {
  const cues =
    -d.assertsNothing >= minContribution
      ? sortCues([
          ...j.cues,
          {
            id: 'context.asserts-nothing',
            direction: 'narrative',
            weight: roundScore(-d.assertsNothing),
            text: '',
            why: "the claim-type model's best reading is 'none' (asserts nothing), and a representation asserts something",
          },
        ])
      : j.cues;
  return { label: d.label, score: roundScore(d.score), type: d.type, modality: modalityOf(d.label, j.modality), cues };
}

/**
 * The sentence the judge reads: a sentence longer than `max` characters (a table flattened into
 * one line, a run-on list) is judged on its opening window, cut at a word boundary, so the work per
 * sentence is bounded; the document records that it was (SENTENCE_TRUNCATED).
 */
function boundedSentence(s: Sentence, doc: Document, max: number): Sentence {
  if (s.text.length <= max) return s;
  const cut = s.text.lastIndexOf(' ', max);
  const text = s.text.slice(0, cut > max / 2 ? cut : max);
  doc.diagnostics.push({
    code: 'SENTENCE_TRUNCATED',
    severity: 'info',
    message: `a sentence of ${s.text.length} characters was judged on its first ${text.length}`,
    span: s.span,
  });
  return { ...s, text };
}

/**
 * Words that name the document's own product: front matter, level-1 headings, file name. Only the
 * file's own name counts, not the folders it sits in: "/work/shared/.../licence.md" must not make
 * "work" a product name (a "Derivative Work" would then be the product).
 */
export function productNames(doc: Document, compiled: CompiledClassifier): Set<string> {
  const stop = new Set(compiled.settings.nameStopwords.flatMap(normalWords));
  const sources: string[] = [fileStem(doc.name)];
  for (const k of ['model_name', 'title', 'name']) {
    const v = doc.metadata[k];
    if (typeof v === 'string') sources.push(v);
  }
  const h1 = doc.blocks.find((b) => b.kind === 'heading' && (b.level ?? 1) === 1);
  if (h1) sources.push(h1.text);
  const out = new Set<string>();
  for (const src of sources) {
    for (const w of normalWords(src)) if (w.length >= 3 && /\p{L}/u.test(w) && !stop.has(w)) out.add(w);
  }
  return out;
}

export { compileClassifier } from './compile.ts';
export { logitsInContext, type NeighbourSettings } from './type-context.ts';
export { roundScore } from './judge.ts';
export { decideDocument, type Decision } from './decide.ts';
export { labelLogit, labelModel, pickType, predictType, sigmoid, typeLogits, typeModel, typePriors, type Features, type LabelModel, type LinearModels, type TypeModel } from './linear.ts';
