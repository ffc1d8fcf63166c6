/**
 * Leave-one-document-out cross-validation (`warrant eval --cv`): for each gold document, fit the
 * models on every other document, judge it with them and score it. The figure that counts: no
 * document is ever scored by weights that saw its gold.
 */
import type { Claim } from '../model/types.ts';
import { labelLogit, sigmoid, typeLogits, typesInContext, type Features, type LinearModels, type NeighbourSettings } from '../classify/index.ts';
import type { TrainingSettings } from '../rules/kinds/weights.ts';
import { fitModels, linearModelsOf, type Priors, type TrainingCorpus, type TrainingExample } from './train.ts';
import { evaluateClassification, type ClassificationEval, type JudgedSentences } from '../eval/index.ts';

/** Cross-validated figures plus, per fold, the document held out and how many sentences trained. */
export interface CrossValidation extends ClassificationEval {
  folds: Array<{ doc: string; trainedOn: number }>;
}

/** Relabel a judged document's claims with `models` (label, score and claim type, the type in its neighbours' context). */
export function relabel(judged: JudgedSentences, features: ReadonlyMap<string, { label: Features; type: Features }>, models: LinearModels, neighbours: NeighbourSettings): JudgedSentences {
  const logits: Array<Float64Array | undefined> = [];
  const claims = judged.claims.map((c): Claim => {
    const f = features.get(c.sentenceId);
    logits.push(f && typeLogits(models.type, f.type));
    if (!f) return c;
    const score = sigmoid(labelLogit(models.label, f.label));
    const label = score >= models.label.threshold ? 'representation' : 'narrative';
    return { ...c, label, score: Math.round(score * 1000) / 1000 };
  });
  const types = typesInContext(logits, claims.map((c) => c.label === 'representation'), neighbours);
  return { sentences: judged.sentences, claims: claims.map((c, i) => ({ ...c, type: types[i] ?? c.type })) };
}

/**
 * Leave one document out over every judged gold document. `extra` examples (other gold sets) are
 * always in the training folds and never scored.
 */
export function crossValidate(corpus: TrainingCorpus, priors: Priors, settings: TrainingSettings, neighbours: NeighbourSettings, extra: readonly TrainingExample[] = []): CrossValidation {
  const judged = new Map<string, JudgedSentences>();
  const folds: CrossValidation['folds'] = [];
  for (const [doc, j] of [...corpus.judged].sort((a, b) => a[0].localeCompare(b[0]))) {
    const train = [...corpus.examples.filter((e) => e.doc !== doc), ...extra];
    const models = linearModelsOf(fitModels(train, priors, settings), priors);
    judged.set(doc, relabel(j, corpus.features.get(doc) ?? new Map(), models, neighbours));
    folds.push({ doc, trainedOn: train.length });
  }
  return { ...evaluateClassification(corpus.gold, judged), folds };
}
