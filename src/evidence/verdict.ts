/**
 * The verdict of one evidence record on one claimed number (issue 5):
 * - other-model: the evidence is for another model of the family (size, variant, version);
 * - methodology-mismatch: shots, metric, answer extraction, split or harness version differ, or the
 *   claim states no methodology a reader could check while the evidence has one;
 * - supported: |Δ| ≤ tolerance = max(half a unit of the claim's shown precision, z × stderr);
 * - self-consistent: within tolerance, but the record is the same card's own model-index or table;
 * - contradicted: beyond tolerance; the note says whether the evidence is worse or better.
 */
import type { Comparator, EvidenceRecord, Verdict } from '../model/types.ts';
import type { EvidenceRules } from './evidence-rules.ts';
import { modelRelation } from './models.ts';
import { isCardEntryOf } from './card-tables.ts';

/** A number a claim (or a model-index entry) states, normalised like evidence values. */
export interface ClaimedNumber {
  claimId: string;
  quantityIndex: number;
  docId: string;
  /** Where the number comes from in the card. */
  origin: 'model-index' | 'table' | 'prose';
  benchmark: string;
  metric?: string;
  /** Percent scale for rates. */
  value: number;
  raw: string;
  /** Half a unit of the shown precision, on the value's scale. */
  halfUnit: number;
  shots?: number;
  split?: string;
  metricVariant?: string;
  harnessVersion?: string;
  conditions?: string[];
  comparator?: Comparator;
  /** Model the number is about (table row / model-index name / the card's model). */
  model: string;
  /** The number is about the card's own model (not a comparison row). */
  own: boolean;
  /** Record that states this very number (excluded as its own evidence). */
  selfRecordId?: string;
  /** The benchmark's usual metric and variant (rules/benchmarks.yaml), read for a claim that names none. */
  defaultMetric?: string;
  defaultVariant?: string;
  /** Direction of the claim's metric (for "worse" / "better"). */
  higherIsBetter: boolean;
  /** Declared record whose methodology the claim inherits (same card, same number). */
  inheritedFrom?: string;
  /** Every name the card uses for its own model (title, model-index, front matter), for own numbers. */
  ownNames?: string[];
  /** Dataset revision the claim was measured on (MTEB model-index `dataset.revision`). */
  datasetRevision?: string;
  /** How the claim's model was read when the card does not say it plainly (a copied table header). */
  modelNote?: string;
  /** Named subset (MTEB language config) the claim is about. */
  subset?: string;
  /** Judge model the claim names (LLM-as-judge benchmarks). */
  judge?: string;
}

/** A verdict with the numbers and the reason in words. */
export interface Judgement {
  verdict: Verdict;
  expected: number;
  observed: number;
  tolerance: number;
  /** How the evidence compares with the claim on the metric's direction, when they differ. */
  direction?: 'better' | 'worse';
  note: string;
}

/** Format a number for notes: up to 4 decimals, no trailing zeros. */
export function fmt(x: number): string {
  return String(Number(x.toFixed(4)));
}

function describeMethod(shots: number | undefined, metric: string | undefined, variant: string | undefined): string {
  const parts = [shots === undefined ? undefined : `${shots}-shot`, metric, variant ? `(${variant})` : undefined].filter(Boolean);
  return parts.length ? parts.join(' ') : 'no stated methodology';
}

/** Methodology differences between a claim and a record, in words; empty when none. */
export function methodologyDifferences(c: ClaimedNumber, r: EvidenceRecord, options: { variantOpen?: boolean } = {}): string[] {
  const out: string[] = [];
  // A claim that names no metric means the benchmark's usual one ("ARC 25-shot" = acc_norm).
  const usual = c.metric === undefined && c.metricVariant === undefined;
  const metric = c.metric ?? c.defaultMetric;
  const variant = usual ? c.defaultVariant : c.metricVariant;
  const byConvention = usual && c.defaultMetric !== undefined ? ' by the benchmark\'s usual metric' : '';
  if (c.shots !== undefined && r.shots !== undefined && c.shots !== r.shots) out.push(`shots differ (claim ${c.shots}-shot, evidence ${r.shots}-shot)`);
  if (metric !== undefined && r.metric !== metric) out.push(`metric differs (claim ${metric}${byConvention}, evidence ${r.metric})`);
  const rv = typeof r.methodology.metricVariant === 'string' ? r.methodology.metricVariant : undefined;
  // Harness output names its metric keys exactly ("acc" is plain accuracy); other files may just be silent.
  const exact = r.format === 'lm-eval' || r.format === 'lm-eval-legacy' || r.format === 'mteb';
  // An open variant (acc vs acc_norm, the claim silent) is settled by the caller; answer extraction (a
  // harness filter such as strict-match) is never open: a silent claim cannot be matched to it.
  const isFilter = rv !== undefined && rv === r.methodology.filter;
  if (r.metric === metric && rv !== variant && (rv !== undefined || exact) && (!options.variantOpen || isFilter)) {
    if (rv === undefined) out.push(`metric variant differs (claim ${variant}${byConvention}, evidence plain ${r.metric})`);
    else if (variant === undefined) out.push(`the claim does not state the metric variant or answer extraction; the evidence uses ${rv}`);
    else out.push(`metric variant or answer extraction differs (claim ${variant}${byConvention}, evidence ${rv})`);
  }
  if (c.split !== undefined && r.split !== undefined && c.split.toLowerCase() !== r.split.toLowerCase()) out.push(`split differs (claim ${c.split}, evidence ${r.split})`);
  // A claim that states its shots cannot be confirmed by a run that does not say how many it used.
  // Harness output that prints no shot count ran the task's default (zero-shot); it cannot confirm a few-shot claim.
  if (c.shots !== undefined && c.shots > 0 && r.shots === undefined && r.tier === 'harness') out.push(`the claim is ${c.shots}-shot; the evidence does not state its shot count (a harness run's default is zero-shot)`);
  const rr = typeof r.methodology.datasetRevision === 'string' ? r.methodology.datasetRevision : undefined;
  if (c.datasetRevision !== undefined && rr !== undefined && c.datasetRevision !== rr) out.push(`dataset revision differs (claim ${c.datasetRevision.slice(0, 12)}, evidence ${rr.slice(0, 12)}): different test data`);
  const rh = r.methodology.harnessVersion;
  if (c.harnessVersion !== undefined && rh !== undefined && c.harnessVersion !== rh) out.push(`harness version differs (claim ${c.harnessVersion}, evidence ${rh})`);
  const claimStates = c.shots !== undefined || c.metric !== undefined || c.metricVariant !== undefined || (c.conditions?.length ?? 0) > 0;
  const evidenceStates = r.shots !== undefined || rv !== undefined;
  // A bare number for a benchmark with a usual metric means that metric (compared above); with none
  // known, nothing says the two numbers measure the same thing.
  if (!claimStates && evidenceStates && c.defaultMetric === undefined) {
    out.push(`the claim states no methodology a reader could check; the evidence is ${describeMethod(r.shots, r.metric, rv)}`);
  }
  return out;
}

/** Judge one record against one claimed number. `relation` 'related' means the record is for another model of the family. */
export function judge(c: ClaimedNumber, r: EvidenceRecord, rules: EvidenceRules, relation: 'same' | 'unknown' | 'related', options: { variantOpen?: boolean } = {}): Judgement {
  const expected = c.value;
  const observed = r.value;
  const z = rules.linking.stderrZ;
  const fromStderr = r.stderr !== undefined ? z * r.stderr : 0;
  // Half a unit of the last printed digit of either side: a leaderboard printing 45.7 cannot contradict 45.73.
  const evidenceHalf = evidenceHalfUnit(r);
  const tolerance = Number(Math.max(c.halfUnit, evidenceHalf, fromStderr).toPrecision(6));
  const delta = observed - expected;
  const why =
    fromStderr >= Math.max(c.halfUnit, evidenceHalf)
      ? `${z} × stderr ${fmt(r.stderr!)}${typeof r.methodology.stderrSource === 'string' ? `, ${r.methodology.stderrSource}` : ''}`
      : evidenceHalf > c.halfUnit
        ? `half a unit of the evidence's shown precision (${String(r.rawValue)})`
        : `half a unit of the claim's shown precision (${c.raw})`;
  const rv = typeof r.methodology.metricVariant === 'string' ? r.methodology.metricVariant : undefined;
  const method = [r.shots === undefined ? undefined : `${r.shots}-shot`, r.metric, rv].filter(Boolean).join(' ');
  const numbers = `claim ${fmt(expected)} (${c.raw}), evidence ${fmt(observed)} (${method}) in ${r.source}${r.location ? ` at ${r.location}` : ''}`;
  const base: Pick<Judgement, 'expected' | 'observed' | 'tolerance' | 'direction'> = { expected, observed, tolerance };
  if (delta !== 0) base.direction = (c.higherIsBetter ? delta > 0 : delta < 0) ? 'better' : 'worse';
  if (relation === 'related') {
    return { ...base, verdict: 'other-model', note: `The evidence is for ${r.model}, not ${c.model}: ${numbers}. Another size, variant or revision of a model does not back this claim.` };
  }
  const diffs = [...methodologyDifferences(c, r, options), ...judgeDifferences(c, r, rules)];
  const lowerBetter = !c.higherIsBetter;
  const better = lowerBetter ? delta < 0 : delta > 0;
  const gap = `${better ? 'better' : 'worse'} than claimed by ${fmt(Math.abs(delta))}`;
  if (diffs.length) {
    return { ...base, verdict: 'methodology-mismatch', note: `Same benchmark, different methodology: ${diffs.join('; ')}. ${numbers} (evidence ${gap}); the numbers cannot be compared as they stand.` };
  }
  const unnamed = relation === 'unknown' ? ' The evidence names no model; it is taken to be the card\'s.' : '';
  // A difference exactly at the tolerance counts as within it (61.95 shown as 61.9); allow for binary noise.
  const eps = 1e-9 * Math.max(1, Math.abs(expected));
  let ok = Math.abs(delta) <= tolerance + eps;
  if (c.comparator === '>=' || c.comparator === '>') ok = lowerBetter ? observed <= expected + tolerance + eps : observed >= expected - tolerance - eps;
  if (c.comparator === '<=' || c.comparator === '<') ok = lowerBetter ? observed >= expected - tolerance - eps : observed <= expected + tolerance + eps;
  // A claim that states no shot count agrees with a k-shot result only by being the same measurement; when
  // the numbers differ, nothing says they measure the same thing, so the gap is not a contradiction.
  if (!ok && c.shots === undefined && r.shots !== undefined && r.shots > 0) {
    return { ...base, verdict: 'methodology-mismatch', note: `Same benchmark, methodology not comparable: the claim states no shot count and the evidence is ${r.shots}-shot; ${numbers} (evidence ${gap}), beyond the tolerance ±${fmt(tolerance)}, so the gap cannot be read as a contradiction.${unnamed}` };
  }
  // The card's own model-index or table agreeing with its prose is consistency, not independent evidence (issue 16).
  if (ok && isFromSameCard(c, r)) {
    return { ...base, verdict: 'self-consistent', note: `Self-consistent (the card agrees with itself; no independent evidence): ${numbers}; |Δ| ${fmt(Math.abs(delta))} is within the tolerance ±${fmt(tolerance)} (${why}).${unnamed}` };
  }
  if (ok) {
    return { ...base, verdict: 'supported', note: `Supported: ${numbers}; |Δ| ${fmt(Math.abs(delta))} is within the tolerance ±${fmt(tolerance)} (${why}).${unnamed}` };
  }
  return { ...base, verdict: 'contradicted', note: `Contradicted: ${numbers}; the evidence is ${gap}, beyond the tolerance ±${fmt(tolerance)} (${why}).${unnamed}` };
}

/** The record is the claim's own card speaking (its model-index or a table of it), not an evidence file. */
export function isFromSameCard(c: ClaimedNumber, r: EvidenceRecord): boolean {
  return r.tier !== 'harness' && isCardEntryOf(r, c.docId);
}

/**
 * LLM-as-judge benchmarks (rules/evidence.yaml `judges.benchmarks`, or any claim or record naming a judge):
 * the judge model and its version are part of the methodology (issue 12: a harness whose judge was
 * upgraded silently). Evidence judged by another model, or by one it does not name, cannot confirm
 * the claim; the note names both judges.
 */
export function judgeDifferences(c: ClaimedNumber, r: EvidenceRecord, rules: EvidenceRules): string[] {
  const rj = typeof r.methodology.judge === 'string' && r.methodology.judge.trim() ? r.methodology.judge.trim() : undefined;
  const judged = rules.judges.benchmarks.includes(c.benchmark) || rj !== undefined || c.judge !== undefined;
  if (!judged) return [];
  const claim = c.judge ?? 'not named';
  if (rj === undefined) return [`${c.benchmark} is graded by a judge model and the evidence does not name its judge (claim's judge: ${claim}, evidence's judge: not named)`];
  if (c.judge === undefined) return [`${c.benchmark} is graded by a judge model and the claim does not name its judge (claim's judge: not named, evidence's judge: ${rj})`];
  if (modelRelation(c.judge, rj, rules) !== 'same') return [`judge model differs (claim's judge: ${c.judge}, evidence's judge: ${rj})`];
  return [];
}

/**
 * Half a unit of the last digit the evidence prints, on the record's scale. Only for values printed as
 * text or short numbers (a CSV's "45.7"); a harness's full-precision float (0.5750853242320819) prints
 * no rounding worth counting.
 */
export function evidenceHalfUnit(r: EvidenceRecord): number {
  // Harness JSON stores floats, not printed figures (1.0 is written 1): their precision is not a rounding.
  const printedFigure = typeof r.rawValue === 'string' || r.format === 'csv' || r.format === 'card-table' || r.format === 'model-index' || r.format === 'eval-results';
  if (!printedFigure) return 0;
  const raw = String(r.rawValue).trim().replace(/%$/, '');
  if (!/^[-+]?\d*\.?\d+$/.test(raw)) return 0;
  const decimals = /\.(\d+)$/.exec(raw)?.[1]?.length ?? 0;
  if (decimals > 6) return 0;
  const factor = r.methodology.scale === 'fraction' ? 100 : 1;
  return 0.5 * 10 ** -decimals * factor;
}
