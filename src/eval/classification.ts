/**
 * Scores the classifier against gold sentences: per-class precision/recall/F1, macro-F1, the
 * confusion matrix, claim-type accuracy, segmentation misses and a per-document breakdown.
 * A gold sentence the tool did not produce counts against its class's recall (never skipped).
 */
import { CLAIM_TYPES, type Claim, type ClaimType, type Label, type Sentence } from '../model/types.ts';
import { looseKey, matchKey, type GoldSentence } from './gold.ts';

/** The tool's judged sentences of one document, as the evaluator sees them. */
export interface JudgedSentences {
  sentences: Sentence[];
  claims: Claim[];
}

/** Precision, recall, F1 and support of one class. */
export interface ClassScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Counts of gold label (rows) against predicted label or 'missed' (columns). */
export type Confusion = Record<Label, Record<Label | 'missed', number>>;

/** A gold sentence the tool did not produce. */
export interface SegmentationMiss {
  doc: string;
  text: string;
  label: Label;
  file: string;
  line: number;
}

/** One gold sentence and what the tool said about it. */
export interface GoldOutcome {
  gold: GoldSentence;
  sentenceId?: string;
  predicted?: Label;
  predictedType?: ClaimType;
  score?: number;
}

/** Per-document figures. */
export interface DocumentScore {
  doc: string;
  gold: number;
  matched: number;
  macroF1: number;
  accuracy: number;
  claimTypeAccuracy: number;
}

/**
 * Claim-type figures: accuracy over every gold sentence (a missed sentence counts wrong) and over the
 * matched ones; per type, precision, recall and F1 over the matched sentences (a type neither in the
 * gold nor predicted is left out), their unweighted mean, and the confusions (gold type → predicted
 * type → count, mistakes only, most frequent first) that say where the type model goes wrong.
 */
export interface ClaimTypeScore {
  accuracy: number;
  support: number;
  matchedAccuracy: number;
  macroF1: number;
  perType: Partial<Record<ClaimType, ClassScore>>;
  confusions: Array<{ gold: ClaimType; predicted: ClaimType; count: number }>;
}

/** Classification report (the `classification`, `claimType` and `segmentation` keys of `warrant eval --format json`). */
export interface ClassificationEval {
  classification: { macroF1: number; perClass: Record<Label, ClassScore>; confusion: Confusion; accuracy: number };
  claimType: ClaimTypeScore;
  segmentation: { gold: number; matched: number; missed: SegmentationMiss[] };
  documents: DocumentScore[];
  outcomes: GoldOutcome[];
}

const LABELS: Label[] = ['representation', 'narrative'];

/** Match gold sentences of one document to the tool's sentences (normalised text, then letters-and-digits only). */
export function matchDocument(gold: readonly GoldSentence[], judged: JudgedSentences | undefined): GoldOutcome[] {
  if (!judged) return gold.map((g) => ({ gold: g }));
  const claimById = new Map(judged.claims.map((c) => [c.sentenceId, c]));
  const exact = new Map<string, Sentence[]>();
  const loose = new Map<string, Sentence[]>();
  for (const s of judged.sentences) {
    push(exact, matchKey(s.text), s);
    push(loose, looseKey(s.text), s);
  }
  const used = new Set<string>();
  const take = (pool: Map<string, Sentence[]>, key: string): Sentence | undefined => {
    const list = pool.get(key);
    const s = list?.find((x) => !used.has(x.id)) ?? list?.[0];
    if (s) used.add(s.id);
    return s;
  };
  return gold.map((g) => {
    const s = take(exact, matchKey(g.text)) ?? take(loose, looseKey(g.text));
    const c = s ? claimById.get(s.id) : undefined;
    if (!s || !c) return { gold: g };
    return { gold: g, sentenceId: s.id, predicted: c.label, predictedType: c.type, score: c.score };
  });
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Score a set of outcomes. */
export function scoreOutcomes(outcomes: readonly GoldOutcome[]): Omit<ClassificationEval, 'documents' | 'outcomes'> {
  const confusion: Confusion = {
    representation: { representation: 0, narrative: 0, missed: 0 },
    narrative: { representation: 0, narrative: 0, missed: 0 },
  };
  let typeOk = 0;
  let matched = 0;
  let matchedTypeOk = 0;
  const missed: SegmentationMiss[] = [];
  for (const o of outcomes) {
    confusion[o.gold.label][o.predicted ?? 'missed']++;
    if (o.predicted) {
      matched++;
      if (o.predictedType === o.gold.claimType) {
        typeOk++;
        matchedTypeOk++;
      }
    } else {
      missed.push({ doc: o.gold.doc, text: o.gold.text, label: o.gold.label, file: o.gold.file, line: o.gold.line });
    }
  }
  const perClass = {} as Record<Label, ClassScore>;
  for (const label of LABELS) {
    const other = label === 'representation' ? 'narrative' : 'representation';
    const tp = confusion[label][label];
    const support = confusion[label].representation + confusion[label].narrative + confusion[label].missed;
    perClass[label] = classScore(tp, tp + confusion[other][label], support);
  }
  const n = outcomes.length;
  const correct = confusion.representation.representation + confusion.narrative.narrative;
  const types = scoreTypes(outcomes);
  return {
    classification: {
      macroF1: r4((perClass.representation.f1 + perClass.narrative.f1) / 2),
      perClass,
      confusion,
      accuracy: r4(n === 0 ? 0 : correct / n),
    },
    claimType: { accuracy: r4(n === 0 ? 0 : typeOk / n), support: n, matchedAccuracy: r4(matched === 0 ? 0 : matchedTypeOk / matched), ...types },
    segmentation: { gold: n, matched, missed },
  };
}

/** Precision, recall and F1 (rounded to 4 decimals) of a class predicted `predicted` times, `hit` of them right, with `support` gold sentences. */
function classScore(hit: number, predicted: number, support: number): ClassScore {
  const precision = predicted === 0 ? 0 : hit / predicted;
  const recall = support === 0 ? 0 : hit / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: r4(precision), recall: r4(recall), f1: r4(f1), support };
}

/** Per-type precision, recall and F1 of the matched outcomes, and their confusions. */
function scoreTypes(outcomes: readonly GoldOutcome[]): Pick<ClaimTypeScore, 'macroF1' | 'perType' | 'confusions'> {
  const tp = new Map<ClaimType, number>();
  const goldCount = new Map<ClaimType, number>();
  const predictedCount = new Map<ClaimType, number>();
  const mistakes = new Map<string, { gold: ClaimType; predicted: ClaimType; count: number }>();
  const bump = (m: Map<ClaimType, number>, t: ClaimType): void => void m.set(t, (m.get(t) ?? 0) + 1);
  for (const o of outcomes) {
    const p = o.predictedType;
    if (o.predicted === undefined || p === undefined) continue;
    const g = o.gold.claimType;
    bump(goldCount, g);
    bump(predictedCount, p);
    if (p === g) bump(tp, g);
    else {
      const key = `${g}\u0000${p}`;
      const m = mistakes.get(key) ?? { gold: g, predicted: p, count: 0 };
      m.count++;
      mistakes.set(key, m);
    }
  }
  const perType: Partial<Record<ClaimType, ClassScore>> = {};
  let sum = 0;
  let classes = 0;
  for (const t of CLAIM_TYPES) {
    const support = goldCount.get(t) ?? 0;
    const predicted = predictedCount.get(t) ?? 0;
    if (support === 0 && predicted === 0) continue;
    perType[t] = classScore(tp.get(t) ?? 0, predicted, support);
    sum += perType[t].f1;
    classes++;
  }
  const confusions = [...mistakes.values()].sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted));
  return { macroF1: r4(classes === 0 ? 0 : sum / classes), perType, confusions };
}

/** Evaluate gold sentences against judged documents (keyed by the gold `doc` path). */
export function evaluateClassification(gold: readonly GoldSentence[], judged: ReadonlyMap<string, JudgedSentences>): ClassificationEval {
  const byDoc = new Map<string, GoldSentence[]>();
  for (const g of gold) push(byDoc, g.doc, g);
  const outcomes: GoldOutcome[] = [];
  const documents: DocumentScore[] = [];
  for (const [doc, items] of [...byDoc].sort((a, b) => a[0].localeCompare(b[0]))) {
    const o = matchDocument(items, judged.get(doc));
    outcomes.push(...o);
    const s = scoreOutcomes(o);
    documents.push({
      doc,
      gold: items.length,
      matched: s.segmentation.matched,
      macroF1: s.classification.macroF1,
      accuracy: s.classification.accuracy,
      claimTypeAccuracy: s.claimType.accuracy,
    });
  }
  return { ...scoreOutcomes(outcomes), documents, outcomes };
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
