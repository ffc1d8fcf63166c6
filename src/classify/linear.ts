/**
 * The two linear models of the judgement (DESIGN.md "Judgement is learned from gold"):
 * representation vs narrative (logistic) and claim type (multinomial logistic), over the named
 * features the judge reads from a sentence. Weights come from rules/weights.json (fitted by
 * `warrant train`); a feature the file does not list weighs its prior, which is the guide's
 * hand-set value: a cue's or context cue's signed weight, a heading vocabulary's claim-type weight,
 * 0 for a lexical feature. The priors are also what training regularises toward.
 */
import { CLAIM_TYPES, type ClaimType } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import type { CueRule } from '../rules/kinds/cues.ts';
import type { ClassifierSettings, ContextCueRule } from '../rules/kinds/classifier.ts';
import type { WeightsFile } from '../rules/kinds/weights.ts';

/** A sentence's features: name → value (most are 1). */
export type Features = Map<string, number>;

/** Prefixes of the features whose prior comes from a rule (see `labelPrior`, `typePrior`). */
export const FEATURE = {
  cue: 'cue:',
  context: 'ctx:',
  headingType: 'headtype:',
  outerHeadingType: 'outertype:',
  keyType: 'keytype:',
  inheritedKeyType: 'ikeytype:',
  leadType: 'leadtype:',
  triggerType: 'trigtype:',
  cueType: 'cuetype:',
  contextType: 'ctxtype:',
  benchmarkQuantity: 'benchq',
} as const;

/** Fitted label model plus priors. */
export interface LabelModel {
  bias: number;
  threshold: number;
  /** Learned weights (features the weights file lists). */
  learned: Map<string, number>;
  /** Prior weights (from rules), for features the file does not list. */
  prior: Map<string, number>;
  /** Each feature's weight: learned, else prior (one lookup per feature when scoring). Made by labelModel. */
  readonly weights: ReadonlyMap<string, number>;
}

/** Fitted claim-type model plus priors. */
export interface TypeModel {
  classes: ClaimType[];
  bias: Float64Array;
  learned: Map<string, Float64Array>;
  prior: Map<string, Float64Array>;
  /** Each feature's weights by class: learned, else prior. Made by typeModel. */
  readonly weights: ReadonlyMap<string, Float64Array>;
}

/** Learned weights over the priors: one map. */
function overPriors<W>(learned: ReadonlyMap<string, W>, prior: ReadonlyMap<string, W>): Map<string, W> {
  const weights = new Map<string, W>(prior);
  for (const [f, w] of learned) weights.set(f, w);
  return weights;
}

/** A label model. Its weight table is made here from `learned` and `prior`: change neither afterwards. */
export function labelModel(bias: number, threshold: number, learned: Map<string, number>, prior: Map<string, number>): LabelModel {
  return { bias, threshold, learned, prior, weights: overPriors(learned, prior) };
}

/** A claim-type model over CLAIM_TYPES. Its weight table is made here, as for labelModel. */
export function typeModel(bias: Float64Array, learned: Map<string, Float64Array>, prior: Map<string, Float64Array>): TypeModel {
  return { classes: [...CLAIM_TYPES], bias, learned, prior, weights: overPriors(learned, prior) };
}

/** Both models, compiled once per rule set. */
export interface LinearModels {
  label: LabelModel;
  type: TypeModel;
  /** The weights file's gold record, when weights were fitted. */
  gold?: WeightsFile['gold'];
}

/** Signed prior of every cue and context feature: the rule's own weight toward its direction. */
export function labelPriors(cues: Iterable<CueRule>, context: Iterable<ContextCueRule>): Map<string, number> {
  const prior = new Map<string, number>();
  for (const c of cues) prior.set(FEATURE.cue + c.id, c.direction === 'representation' ? c.weight : -c.weight);
  for (const c of context) prior.set(FEATURE.context + c.id, c.direction === 'representation' ? c.weight : -c.weight);
  return prior;
}

/**
 * Claim-type priors: each "<source>type:<t>" feature votes for class t with the hand-set weight of
 * its source (rules/classifier.yaml `claimTypes`), so the unfitted model is the guide's vocabulary
 * vote; 'other' wins below `minScore`.
 */
export function typePriors(settings: ClassifierSettings): { prior: Map<string, Float64Array>; bias: Float64Array } {
  const ct = settings.claimTypes;
  const k = CLAIM_TYPES.length;
  const prior = new Map<string, Float64Array>();
  const vote = (name: string, t: ClaimType, w: number): void => {
    const v = new Float64Array(k);
    v[CLAIM_TYPES.indexOf(t)] = w;
    prior.set(name, v);
  };
  for (const t of CLAIM_TYPES) {
    vote(FEATURE.headingType + t, t, ct.section);
    vote(FEATURE.outerHeadingType + t, t, ct.outerSection);
    vote(FEATURE.keyType + t, t, ct.key);
    vote(FEATURE.inheritedKeyType + t, t, ct.inheritedKey);
    vote(FEATURE.leadType + t, t, 1);
    vote(FEATURE.triggerType + t, t, 1);
    vote(FEATURE.cueType + t, t, ct.cue);
    vote(FEATURE.contextType + t, t, 1);
  }
  vote(FEATURE.benchmarkQuantity, 'performance', ct.key);
  const bias = new Float64Array(k);
  bias[CLAIM_TYPES.indexOf('other')] = ct.minScore;
  return { prior, bias };
}

/** Build the models from priors and an optional weights file (the last one of the rule set wins). */
export function buildLinearModels(settings: ClassifierSettings, labelPrior: Map<string, number>, file: WeightsFile | undefined, where: string): LinearModels {
  const tp = typePriors(settings);
  if (!file) return { label: labelModel(settings.bias, settings.threshold, new Map(), labelPrior), type: typeModel(tp.bias, new Map(), tp.prior) };
  const labelLearned = new Map(Object.entries(file.label.weights));
  const index = new Map<string, number>();
  for (const c of file.claimType.classes) {
    const i = CLAIM_TYPES.indexOf(c as ClaimType);
    if (i < 0) throw new WarrantError('RULES_INVALID', `weights: claimType class "${c}" is not a claim type (${CLAIM_TYPES.join(', ')})`, { file: where });
    index.set(c, i);
  }
  const bias = new Float64Array(CLAIM_TYPES.length);
  for (const [c, b] of Object.entries(file.claimType.bias)) {
    const i = index.get(c);
    if (i === undefined) throw new WarrantError('RULES_INVALID', `weights: claimType.bias names "${c}", which is not among claimType.classes`, { file: where });
    bias[i] = b;
  }
  const typeLearned = new Map<string, Float64Array>();
  for (const [f, byClass] of Object.entries(file.claimType.weights)) {
    const v = new Float64Array(CLAIM_TYPES.length);
    for (const [c, w] of Object.entries(byClass)) {
      const i = index.get(c);
      if (i === undefined) throw new WarrantError('RULES_INVALID', `weights: claimType.weights.${f} names "${c}", which is not among claimType.classes`, { file: where });
      v[i] = w;
    }
    typeLearned.set(f, v);
  }
  return { label: labelModel(file.label.bias, file.label.threshold, labelLearned, labelPrior), type: typeModel(bias, typeLearned, tp.prior), gold: file.gold };
}

/** Logit of the label model: bias + Σ weight × value. */
export function labelLogit(m: LabelModel, features: Features): number {
  const weights = m.weights;
  let sum = m.bias;
  // A feature without a weight adds 0 × value: left out.
  for (const [f, v] of features) {
    const w = weights.get(f);
    if (w !== undefined) sum += w * v;
  }
  return sum;
}

/** Logistic. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The claim-type model's score (logit) of each class for one sentence, in CLAIM_TYPES order. */
export function typeLogits(m: TypeModel, features: Features): Float64Array {
  const weights = m.weights;
  const z = Float64Array.from(m.bias);
  for (const [f, v] of features) {
    const w = weights.get(f);
    if (w === undefined) continue;
    for (let c = 0; c < z.length; c++) z[c]! += w[c]! * v;
  }
  return z;
}

/**
 * The claim type with the highest score. A representation asserts something, so it is never
 * 'none' (guide: 'none' is for sentences that assert nothing).
 */
export function pickType(z: Float64Array, representation: boolean): ClaimType {
  const none = CLAIM_TYPES.indexOf('none');
  let best = -1;
  for (let c = 0; c < z.length; c++) {
    if (representation && c === none) continue;
    if (best < 0 || z[c]! > z[best]! + 1e-12) best = c;
  }
  return CLAIM_TYPES[best]!;
}

/** The claim type of one sentence on its own features (in its neighbours' context: decideDocument). */
export function predictType(m: TypeModel, features: Features, representation: boolean): ClaimType {
  return pickType(typeLogits(m, features), representation);
}
