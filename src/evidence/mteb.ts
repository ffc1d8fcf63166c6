/**
 * MTEB result JSON → raw results. Current format (mteb ≥ 1.11): `task_name`, `mteb_version`,
 * `dataset_revision`, `scores: {split: [{main_score, hf_subset, languages, <metrics>}]}`.
 * Older format: `mteb_dataset_name`, `mteb_version`, `{split: {<metrics>} | {subset: {<metrics>}}}`.
 * The model is not in the file (MTEB keeps it in the folder path), so records carry none.
 */
import type { EvidenceRecord } from '../model/types.ts';
import type { RawResult } from './raw-result.ts';
import { malformed } from './parse-source.ts';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Keys of an MTEB score mapping that are not metrics. */
const NOT_METRICS = new Set(['hf_subset', 'languages', 'evaluation_time', 'main_score', 'kg_co2_emissions']);

/** True when parsed JSON is an MTEB result file. */
export function looksLikeMteb(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (typeof value.mteb_version === 'string') return true;
  return (typeof value.task_name === 'string' || typeof value.mteb_dataset_name === 'string') && (isRecord(value.scores) || 'dataset_revision' in value);
}

/** Read an MTEB result file (already parsed JSON). */
export function readMteb(doc: unknown, file: string): RawResult[] {
  if (!isRecord(doc)) throw malformed(file, 'an MTEB result must be a JSON object');
  const task = typeof doc.task_name === 'string' ? doc.task_name : typeof doc.mteb_dataset_name === 'string' ? doc.mteb_dataset_name : undefined;
  if (!task) throw malformed(file, 'an MTEB result needs `task_name` (or `mteb_dataset_name`)');
  const base: EvidenceRecord['methodology'] = { harness: 'mteb' };
  if (typeof doc.mteb_version === 'string') base.harnessVersion = doc.mteb_version;
  if (typeof doc.dataset_revision === 'string') base.datasetRevision = doc.dataset_revision;
  const out: RawResult[] = [];
  const push = (split: string, subset: string | undefined, scores: Json, location: string, subsets: number): void => {
    const methodology: EvidenceRecord['methodology'] = { ...base };
    if (subset) methodology.subset = subset;
    if (Array.isArray(scores.languages)) methodology.languages = scores.languages.filter((l): l is string => typeof l === 'string');
    // A named subset (a language) is part of what was measured: "STS22/en" is not "STS22/de". The card's
    // model-index names it the same way (dataset.config), see model-index.ts.
    void subsets;
    const many = subset !== undefined && subset !== 'default' && subset !== '';
    const common = { benchmarkText: many ? `${task}/${subset}` : task, split, location, methodology };
    const group = many ? { groupText: task, alternates: [] as string[] } : { alternates: [] as string[] };
    let named: string | undefined;
    if (typeof scores.main_score === 'number') {
      named = Object.entries(scores).find(([k, v]) => !NOT_METRICS.has(k) && v === scores.main_score)?.[0];
      out.push({ ...common, ...group, methodology: { ...methodology, mainScore: true }, metricText: named ?? 'main_score', value: scores.main_score, ...(scores.main_score <= 1 ? { scaleHint: 'fraction' as const } : {}) });
    }
    // Every other metric too: a card may state any of them (cos_sim_pearson beside the main cos_sim_spearman).
    for (const [k, v] of Object.entries(scores)) {
      // Older files give "accuracy_stderr" beside "accuracy": the spread of the metric, not a metric.
      if (NOT_METRICS.has(k) || k === named || typeof v !== 'number' || k.endsWith('_stderr')) continue;
      const se = scores[`${k}_stderr`];
      out.push({ ...common, ...group, methodology: { ...methodology }, metricText: k, value: v, ...(v <= 1 ? { scaleHint: 'fraction' as const } : {}), ...(typeof se === 'number' ? { stderr: se } : {}) });
    }
  };
  if (isRecord(doc.scores)) {
    for (const [split, list] of Object.entries(doc.scores)) {
      if (!Array.isArray(list)) throw malformed(file, `scores.${split} must be a list of subsets`);
      list.forEach((s, i) => {
        if (isRecord(s)) push(split, typeof s.hf_subset === 'string' ? s.hf_subset : undefined, s, `scores.${split}[${i}]`, list.length);
      });
    }
  } else {
    for (const [split, block] of Object.entries(doc)) {
      if (!isRecord(block)) continue;
      const nested = Object.entries(block).filter(([, v]) => isRecord(v));
      if (nested.length > 0) for (const [subset, s] of nested) push(split, subset, s as Json, `${split}.${subset}`, nested.length);
      else push(split, undefined, block, split, 1);
    }
  }
  if (out.length === 0) throw malformed(file, 'the MTEB result holds no scores');
  return out;
}
