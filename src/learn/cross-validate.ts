/**
 * Leave-one-document-out cross-validation (`warrant eval --cv`): for each gold document, fit the
 * models on every other document, judge it with them and score it. The figure that counts: no
 * document is ever scored by weights that saw its gold.
 */
import type { Claim } from '../model/types.ts';
import { decideDocument, labelLogit, roundScore, typeLogits, type Features, type LinearModels } from '../classify/index.ts';
import type { ClassifierSettings } from '../rules/kinds/classifier.ts';
import type { TrainingSettings } from '../rules/kinds/weights.ts';
import { fitModels, linearModelsOf, type Priors, type TrainingCorpus, type TrainingExample } from './train.ts';
import { evaluateClassification, type ClassificationEval, type JudgedSentences } from '../eval/index.ts';

/** How claim types are decided (rules/classifier.yaml `claimTypes`). */
type ClaimTypeSettings = Pick<ClassifierSettings['claimTypes'], 'neighbours' | 'assertsNothing'>;

/** Cross-validated figures plus, per fold, the document held out and how many sentences trained. */
export interface CrossValidation extends ClassificationEval {
  folds: Array<{ doc: string; trainedOn: number }>;
}

/** Relabel a judged document's claims with `models` (label, score and claim type, decided together as the judge does). */
export function relabel(judged: JudgedSentences, features: ReadonlyMap<string, { label: Features; type: Features }>, models: LinearModels, settings: ClaimTypeSettings): JudgedSentences {
  const scored = judged.claims.map((c) => features.get(c.sentenceId));
  const decisions = decideDocument(
    scored.map((f) => f && labelLogit(models.label, f.label)),
    scored.map((f) => f && typeLogits(models.type, f.type)),
    models.label.threshold,
    settings.neighbours,
    settings.assertsNothing,
  );
  const claims = judged.claims.map((c, i): Claim => {
    const d = decisions[i];
    return d ? { ...c, label: d.label, score: roundScore(d.score), type: d.type } : c;
  });
  return { sentences: judged.sentences, claims };
}

/**
 * Leave one document out over every judged gold document. `extra` examples (other gold sets) are
 * always in the training folds and never scored.
 */
export function crossValidate(corpus: TrainingCorpus, priors: Priors, settings: TrainingSettings, claimTypes: ClaimTypeSettings, extra: readonly TrainingExample[] = []): CrossValidation {
  const judged = new Map<string, JudgedSentences>();
  const folds: CrossValidation['folds'] = [];
  for (const [doc, j] of [...corpus.judged].sort((a, b) => a[0].localeCompare(b[0]))) {
    const train = [...corpus.examples.filter((e) => e.doc !== doc), ...extra];
    const models = linearModelsOf(fitModels(train, priors, settings), priors);
    judged.set(doc, relabel(j, corpus.features.get(doc) ?? new Map(), models, claimTypes));
    folds.push({ doc, trainedOn: train.length });
  }
  return { ...evaluateClassification(corpus.gold, judged), folds };
}
