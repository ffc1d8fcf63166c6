/**
 * `warrant train` core: fit the label and claim-type models from gold sentences and write them as
 * a rule file of kind `weights` (rules/weights.json). Features come from the judge itself (the
 * same code that labels a document), so what is trained is exactly what runs.
 */
import { createHash } from 'node:crypto';
import { CLAIM_TYPES, type ClaimType, type Label } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import { ofKind } from '../rules/load.ts';
import type { TrainingSettings, WeightsFile } from '../rules/kinds/weights.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { labelModel, typeModel, typePriors, type Features, type LinearModels } from '../classify/index.ts';
import { judgeGoldDocuments, matchDocument, type DocumentError } from '../eval/index.ts';
import type { GoldSentence, JudgedSentences } from '../eval/index.ts';
import { fitBinary, fitMultinomial, type SparseExample } from './logistic.ts';
import { fitNaiveBayes } from './naive-bayes.ts';

/** One gold sentence the judge produced, with its features and gold labels. */
export interface TrainingExample {
  doc: string;
  sentenceId: string;
  label: Features;
  type: Features;
  y: Label;
  yType: ClaimType;
}

/** Everything training and cross-validation need, read once. */
export interface TrainingCorpus {
  gold: readonly GoldSentence[];
  examples: TrainingExample[];
  judged: Map<string, JudgedSentences>;
  /** doc → sentence id → features (every sentence, not only gold ones). */
  features: Map<string, Map<string, { label: Features; type: Features }>>;
  errors: DocumentError[];
}

/** Priors the fit regularises toward (from the rules, not from any weights file). */
export interface Priors {
  label: Map<string, number>;
  labelBias: number;
  threshold: number;
  type: Map<string, Float64Array>;
  typeBias: Float64Array;
}

/** A fitted pair of models (weights of the features in their vocabulary). */
export interface FittedModels {
  label: { bias: number; threshold: number; weights: Map<string, number> };
  type: { bias: Float64Array; weights: Map<string, Float64Array> };
}

/** SHA-256 over gold files: each file's name and bytes, in name order (independent of where the folder is). */
export function goldSha256(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(`${f.name}\0${f.bytes.byteLength}\0`);
    h.update(f.bytes);
  }
  return h.digest('hex');
}

/** The hash of several gold sets trained on together (one set: its own hash). */
export function combinedGoldSha256(shas: readonly string[]): string {
  return shas.length === 1 ? shas[0]! : createHash('sha256').update(shas.join('\n')).digest('hex');
}

/** Examples of a further training set, with its documents named apart ("<tag>:<doc>") from the scored ones. */
export function taggedExamples(corpus: TrainingCorpus, tag: string): TrainingExample[] {
  return corpus.examples.map((e) => ({ ...e, doc: `${tag}:${e.doc}` }));
}

/** SHA-256 of the rule files the features come from: every file but the weights. */
export function featureRulesSha256(rules: RuleSet): string {
  const h = createHash('sha256');
  for (const f of [...rules.files].filter((x) => x.kind !== 'weights').sort((a, b) => a.path.localeCompare(b.path))) h.update(`${f.path}\0${f.sha256}\n`);
  return h.digest('hex');
}

/** The priors of a rule set. */
export function priorsOf(rules: CompiledRules): Priors {
  const cr = rules.classifier;
  const tp = typePriors(cr.settings);
  return { label: cr.models.label.prior, labelBias: cr.settings.bias, threshold: cr.settings.threshold, type: tp.prior, typeBias: tp.bias };
}

/** The training settings of a rule set's weights file, or the defaults. */
export function trainingSettingsOf(rules: RuleSet): TrainingSettings {
  const files = ofKind(rules, 'weights');
  return files[files.length - 1]?.data.training ?? DEFAULT_TRAINING;
}

/** Defaults for a first training (no weights file yet). */
export const DEFAULT_TRAINING: TrainingSettings = { lambda: 4, typeLambda: 0.5, minDocs: 2, docCap: 40, iterations: 50, naiveBayes: { weight: 0.04, smoothing: 1 } };

/** Judge every gold document once and pair each matched gold sentence with its features. */
export async function collectTrainingCorpus(gold: readonly GoldSentence[], docsDir: string, rules: CompiledRules, readFile: (p: string) => Uint8Array): Promise<TrainingCorpus> {
  const features = new Map<string, Map<string, { label: Features; type: Features }>>();
  const { judged, errors } = await judgeGoldDocuments(gold, docsDir, rules, readFile, (doc, id, label, type) => {
    let m = features.get(doc);
    if (!m) features.set(doc, (m = new Map()));
    m.set(id, { label, type });
  });
  const examples: TrainingExample[] = [];
  const byDoc = new Map<string, GoldSentence[]>();
  for (const g of gold) {
    const list = byDoc.get(g.doc);
    if (list) list.push(g);
    else byDoc.set(g.doc, [g]);
  }
  for (const [doc, items] of [...byDoc].sort((a, b) => a[0].localeCompare(b[0]))) {
    const j = judged.get(doc);
    const f = features.get(doc);
    if (!j || !f) continue;
    for (const o of matchDocument(items, j)) {
      const x = o.sentenceId !== undefined ? f.get(o.sentenceId) : undefined;
      if (!x) continue;
      examples.push({ doc, sentenceId: o.sentenceId!, label: x.label, type: x.type, y: o.gold.label, yType: o.gold.claimType as ClaimType });
    }
  }
  return { gold, examples, judged, features, errors };
}

/** Features of the vocabulary: every feature with a prior, and others seen in at least `minDocs` documents. */
function vocabulary(examples: readonly TrainingExample[], pick: (e: TrainingExample) => Features, hasPrior: (f: string) => boolean, minDocs: number): string[] {
  const docs = new Map<string, Set<string>>();
  for (const e of examples) {
    for (const f of pick(e).keys()) {
      let s = docs.get(f);
      if (!s) docs.set(f, (s = new Set()));
      s.add(e.doc);
    }
  }
  return [...docs].filter(([f, d]) => hasPrior(f) || d.size >= minDocs).map(([f]) => f).sort();
}

function docWeights(examples: readonly TrainingExample[], cap: number): number[] {
  const count = new Map<string, number>();
  for (const e of examples) count.set(e.doc, (count.get(e.doc) ?? 0) + 1);
  return examples.map((e) => Math.min(1, cap / count.get(e.doc)!));
}

function sparse(features: Features, index: ReadonlyMap<string, number>): { index: Int32Array; value: Float64Array } {
  const idx: number[] = [];
  const val: number[] = [];
  for (const [f, v] of features) {
    const i = index.get(f);
    if (i !== undefined && v !== 0) {
      idx.push(i);
      val.push(v);
    }
  }
  return { index: Int32Array.from(idx), value: Float64Array.from(val) };
}

/** Fit both models on `examples`. Deterministic. */
export function fitModels(examples: readonly TrainingExample[], priors: Priors, settings: TrainingSettings): FittedModels {
  const weights = docWeights(examples, settings.docCap);

  // Label model.
  const lv = vocabulary(examples, (e) => e.label, (f) => priors.label.has(f), settings.minDocs);
  const lIndex = new Map(lv.map((f, i) => [f, i]));
  const lPrior = Float64Array.from(lv, (f) => priors.label.get(f) ?? 0);
  const lData: SparseExample[] = examples.map((e, i) => ({ ...sparse(e.label, lIndex), weight: weights[i]!, y: e.y === 'representation' ? 1 : 0 }));
  const lx = fitBinary(lData, lPrior, { lambda: settings.lambda, iterations: settings.iterations }, priors.labelBias);
  const labelWeights = new Map<string, number>();
  lv.forEach((f, i) => labelWeights.set(f, lx[i + 1]!));

  // Claim-type model. The label is not one of its features: trained on gold labels it would be judged
  // on predicted ones (measured: 0.642 with it, 0.655 without, leave one document out); the judge
  // only keeps a representation from being 'none'.
  const k = CLAIM_TYPES.length;
  const typeFeatures = examples.map((e) => e.type);
  const tv = vocabulary(
    examples.map((e, i) => ({ ...e, type: typeFeatures[i]! })),
    (e) => e.type,
    (f) => priors.type.has(f),
    settings.minDocs,
  );
  const tIndex = new Map(tv.map((f, i) => [f, i]));
  const tPrior = new Float64Array(tv.length * k);
  tv.forEach((f, i) => {
    const p = priors.type.get(f);
    if (p) tPrior.set(p, i * k);
  });
  const tData: SparseExample[] = examples.map((e, i) => ({ ...sparse(typeFeatures[i]!, tIndex), weight: weights[i]!, y: CLAIM_TYPES.indexOf(e.yType) }));
  const tx = fitMultinomial(tData.filter((d) => d.y >= 0), k, tPrior, priors.typeBias, { lambda: settings.typeLambda, iterations: settings.iterations });
  const typeWeights = new Map<string, Float64Array>();
  tv.forEach((f, i) => typeWeights.set(f, tx.slice(k + i * k, k + (i + 1) * k)));
  const typeBias = tx.slice(0, k);

  // Blended with naive Bayes over the same features (src/learn/naive-bayes.ts): the blend is linear, so it is shipped as one set of weights.
  const nb = settings.naiveBayes;
  if (nb.weight > 0) {
    const counted = fitNaiveBayes(
      tData.map((d, i) => ({ features: typeFeatures[i]!, y: d.y, weight: d.weight })),
      tv,
      k,
      nb.smoothing,
    );
    for (const [f, w] of counted.weights) {
      const v = typeWeights.get(f)!;
      for (let c = 0; c < k; c++) v[c]! += nb.weight * w[c]!;
    }
    for (let c = 0; c < k; c++) typeBias[c]! += nb.weight * counted.bias[c]!;
  }

  return quantise({ label: { bias: lx[0]!, threshold: priors.threshold, weights: labelWeights }, type: { bias: typeBias, weights: typeWeights } }, priors);
}

/** Smallest change from its prior a claim-type weight must make to be kept (smaller ones stay at the prior). */
const TYPE_MIN_CHANGE = 0.005;

/**
 * The weights as they are shipped: label weights to 4 decimals, claim-type weights to 3, and
 * claim-type weights within TYPE_MIN_CHANGE of their prior left at it. Cross-validation scores
 * these same numbers, so the figure measured is the model shipped.
 */
function quantise(f: FittedModels, priors: Priors): FittedModels {
  const label = new Map<string, number>();
  for (const [name, w] of f.label.weights) label.set(name, round(w));
  const type = new Map<string, Float64Array>();
  for (const [name, v] of f.type.weights) {
    const p = priors.type.get(name);
    type.set(name, v.map((w, c) => (Math.abs(w - (p?.[c] ?? 0)) < TYPE_MIN_CHANGE ? (p?.[c] ?? 0) : round(w, 3))));
  }
  return { label: { ...f.label, bias: round(f.label.bias), weights: label }, type: { bias: f.type.bias.map((b) => round(b)), weights: type } };
}

/** The judge's models for fitted weights (features outside the vocabulary keep their priors). */
export function linearModelsOf(fitted: FittedModels, priors: Priors): LinearModels {
  return { label: labelModel(fitted.label.bias, fitted.label.threshold, fitted.label.weights, priors.label), type: typeModel(fitted.type.bias, fitted.type.weights, priors.type) };
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Metadata written beside the weights. */
export interface WeightsMeta {
  goldSha256: string;
  /** Each gold set's hash, when there were several. */
  parts?: string[];
  documents: number;
  sentences: number;
  featureRulesSha256: string;
  settings: TrainingSettings;
}

/**
 * The weights as a rule file. Only weights that differ from their prior are written (a feature the
 * file leaves out weighs its prior), rounded to 4 decimals.
 */
export function weightsFileOf(fitted: FittedModels, priors: Priors, meta: WeightsMeta): WeightsFile {
  const label: Record<string, number> = {};
  for (const [f, w] of [...fitted.label.weights].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (w !== (priors.label.get(f) ?? 0)) label[f] = w;
  }
  const typeWeights: Record<string, Record<string, number>> = {};
  for (const [f, v] of [...fitted.type.weights].sort((a, b) => a[0].localeCompare(b[0]))) {
    const p = priors.type.get(f);
    const byClass: Record<string, number> = {};
    CLAIM_TYPES.forEach((c, i) => {
      if (v[i]! !== (p?.[i] ?? 0)) byClass[c] = v[i]!;
    });
    if (Object.keys(byClass).length > 0) typeWeights[f] = byClass;
  }
  const bias: Record<string, number> = {};
  CLAIM_TYPES.forEach((c, i) => (bias[c] = fitted.type.bias[i]!));
  return {
    kind: 'weights',
    description:
      'Fitted by `warrant train` from the gold named below (regularised logistic regression toward the rules\u2019 own weights). ' +
      'Do not edit by hand: add gold and retrain (README, "Retraining").',
    gold: { sha256: meta.goldSha256, documents: meta.documents, sentences: meta.sentences, ...(meta.parts && meta.parts.length > 1 ? { parts: meta.parts } : {}) },
    featureRulesSha256: meta.featureRulesSha256,
    training: meta.settings,
    label: { bias: fitted.label.bias, threshold: fitted.label.threshold, weights: label },
    claimType: { classes: [...CLAIM_TYPES], bias, weights: typeWeights },
  };
}

/** JSON text of a weights file (JSON is YAML; rules/weights.json): one feature a line, so diffs stay readable. */
export function weightsJson(file: WeightsFile): string {
  const { label, claimType, ...head } = file;
  const j = (v: unknown): string => JSON.stringify(v);
  const entries = (o: Record<string, unknown>): string =>
    Object.entries(o)
      .map(([k, v]) => `      ${j(k)}: ${j(v)}`)
      .join(',\n');
  const headLines = Object.entries(head).map(([k, v]) => `  ${j(k)}: ${j(v)},`);
  return [
    '{',
    ...headLines,
    '  "label": {',
    `    "bias": ${label.bias},`,
    `    "threshold": ${label.threshold},`,
    '    "weights": {',
    entries(label.weights),
    '    }',
    '  },',
    '  "claimType": {',
    `    "classes": ${j(claimType.classes)},`,
    `    "bias": ${j(claimType.bias)},`,
    '    "weights": {',
    entries(claimType.weights),
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
