/**
 * lm-evaluation-harness results JSON → raw results. Current format (0.4+): `results` keyed by task
 * with "metric,filter" keys ("acc,none", "exact_match,get-answer") and "metric_stderr,filter",
 * plus `groups`, `group_subtasks`, `configs`, `versions`, `n-shot`, `n-samples`, `config.model_args`,
 * `git_hash`, `date`, `lm_eval_version`, `task_hashes`. Legacy format (0.3): `results` with plain
 * metric keys ("acc", "acc_stderr") and `versions`.
 */
import type { EvidenceRecord } from '../model/types.ts';
import type { RawResult } from './raw-result.ts';
import { malformed } from './parse-source.ts';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** True when parsed JSON is lm-eval output: `results` of per-task mappings with numeric values, plus `versions` or `configs` or `config`. */
export function looksLikeLmEval(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.results)) return false;
  if (!('versions' in value || 'configs' in value || 'config' in value || 'n-shot' in value)) return false;
  const tasks = Object.values(value.results);
  // Group entries of task groups carry only an `alias` (lm-eval 0.4): every entry is a mapping. A file whose
  // entries hold no number at all is still lm-eval output; the reader then says it has nothing usable.
  return tasks.length > 0 && tasks.every(isRecord);
}

/** True when the file uses the current "metric,filter" keys. */
export function isCurrentLmEval(value: Json): boolean {
  return Object.values(value.results as Json).some((t) => isRecord(t) && Object.keys(t).some((k) => k.includes(',')));
}

/** Options for reading lm-eval output. */
export interface LmEvalOptions {
  file: string;
  /** Filter names meaning "no answer extraction" (rules/evidence.yaml lmEval.noFilter). */
  noFilter: string[];
  /** Result keys that are not metrics. */
  nonMetricKeys: string[];
  /** Tasks that report a named metric under another key (truthfulqa_mc2 → mc2). */
  taskMetrics?: Array<{ task: string; metric: string }>;
  /** Tasks the harness runs only zero-shot. */
  zeroShotTasks?: string[];
}

/** Model name and revision from `config.model_args` ("pretrained=org/name,revision=abc,dtype=bfloat16" or a mapping) or `model_name`. */
export function modelFromArgs(doc: Json): { model?: string; revision?: string; args?: string } {
  const config = isRecord(doc.config) ? doc.config : {};
  const raw = config.model_args;
  let args: Record<string, string> = {};
  if (typeof raw === 'string') {
    for (const part of raw.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) args[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  } else if (isRecord(raw)) {
    args = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  }
  const model = args.pretrained ?? args.model ?? args.model_name ?? args.engine ?? (typeof doc.model_name === 'string' ? doc.model_name : undefined);
  const revision = args.revision ?? (typeof doc.model_revision === 'string' ? doc.model_revision : undefined);
  return { model, revision, args: typeof raw === 'string' ? raw : undefined };
}

function dateOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString();
  if (typeof v === 'string' && v.trim()) {
    const n = Number(v);
    return Number.isFinite(n) && /^\d+(\.\d+)?$/.test(v.trim()) ? new Date(n * 1000).toISOString() : v;
  }
  return undefined;
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Parent of each task: `group_subtasks`, else a `configs[task].group` present in the file, else the alias indentation. */
function parentsOf(doc: Json, tasks: string[]): Map<string, string> {
  const parents = new Map<string, string>();
  const present = new Set(tasks);
  if (isRecord(doc.group_subtasks)) {
    for (const [group, subs] of Object.entries(doc.group_subtasks)) {
      if (Array.isArray(subs)) for (const s of subs) if (typeof s === 'string' && s !== group) parents.set(s, group);
    }
  }
  const configs = isRecord(doc.configs) ? doc.configs : {};
  for (const t of tasks) {
    if (parents.has(t)) continue;
    const c = configs[t];
    if (!isRecord(c)) continue;
    const groups = Array.isArray(c.group) ? c.group : [c.group];
    const g = groups.find((x): x is string => typeof x === 'string' && present.has(x) && x !== t);
    if (g) parents.set(t, g);
  }
  // Alias indentation (" - humanities", "  - formal_logic") shows the tree in files without group_subtasks.
  const results = doc.results as Json;
  const stack: Array<{ task: string; level: number }> = [];
  for (const t of tasks) {
    const r = results[t];
    const alias = isRecord(r) && typeof r.alias === 'string' ? r.alias : t;
    const m = /^(\s*)-\s/.exec(alias);
    const level = m ? m[1]!.length + 1 : 0;
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    if (!parents.has(t) && level > 0 && stack.length) parents.set(t, stack[stack.length - 1]!.task);
    stack.push({ task: t, level });
  }
  return parents;
}

function rootOf(task: string, parents: Map<string, string>): string {
  let t = task;
  const seen = new Set<string>();
  while (parents.has(t) && !seen.has(t)) {
    seen.add(t);
    t = parents.get(t)!;
  }
  return t;
}

interface MetricKey {
  key: string;
  metric: string;
  filter?: string;
  stderrKey: string;
}

function metricKeys(entry: Json, current: boolean, nonMetric: Set<string>): MetricKey[] {
  const out: MetricKey[] = [];
  for (const [key, v] of Object.entries(entry)) {
    if (numberOf(v) === undefined) continue;
    if (current) {
      const comma = key.indexOf(',');
      const metric = comma >= 0 ? key.slice(0, comma) : key;
      const filter = comma >= 0 ? key.slice(comma + 1) : undefined;
      if (metric.endsWith('_stderr') || nonMetric.has(metric)) continue;
      out.push({ key, metric, filter, stderrKey: `${metric}_stderr${filter === undefined ? '' : `,${filter}`}` });
    } else {
      if (key.endsWith('_stderr') || nonMetric.has(key)) continue;
      out.push({ key, metric: key, stderrKey: `${key}_stderr` });
    }
  }
  return out;
}

/** Read lm-eval output (already parsed JSON). Throws EVIDENCE_MALFORMED when `results` is unusable. */
export function readLmEval(doc: unknown, options: LmEvalOptions): { format: EvidenceRecord['format']; results: RawResult[] } {
  if (!isRecord(doc) || !isRecord(doc.results)) throw malformed(options.file, 'lm-eval output needs a `results` mapping of tasks');
  const current = isCurrentLmEval(doc);
  const results = doc.results;
  const groupsBlock = isRecord(doc.groups) ? doc.groups : {};
  const tasks = Object.keys(results);
  const parents = parentsOf(doc, tasks);
  const children = new Map<string, string[]>();
  for (const [c, p] of parents) children.set(p, [...(children.get(p) ?? []), c]);
  const leavesOf = (t: string): string[] => {
    const kids = children.get(t);
    return kids && kids.length ? kids.flatMap(leavesOf) : [t];
  };
  const configs = isRecord(doc.configs) ? doc.configs : {};
  const nShot = isRecord(doc['n-shot']) ? doc['n-shot'] : {};
  const nSamples = isRecord(doc['n-samples']) ? doc['n-samples'] : {};
  const versions = isRecord(doc.versions) ? doc.versions : {};
  const hashes = isRecord(doc.task_hashes) ? doc.task_hashes : {};
  const higher = isRecord(doc.higher_is_better) ? doc.higher_is_better : {};
  const { model, revision, args } = modelFromArgs(doc);
  const harnessVersion = typeof doc.lm_eval_version === 'string' ? doc.lm_eval_version : undefined;
  const gitHash = typeof doc.git_hash === 'string' ? doc.git_hash : undefined;
  const date = dateOf(doc.date);
  const nonMetric = new Set(options.nonMetricKeys);
  const noFilter = new Set(options.noFilter);

  // lm-eval 0.3 gives one `config.num_fewshot` for the whole run.
  const runShots = !current && isRecord(doc.config) ? numberOf(doc.config.num_fewshot) : undefined;
  const zeroShot = new Set(options.zeroShotTasks ?? []);
  const ownShots = (t: string): number | undefined =>
    numberOf(nShot[t]) ?? (isRecord(configs[t]) ? numberOf(configs[t].num_fewshot) : undefined) ?? runShots ?? (zeroShot.has(t) ? 0 : undefined);
  const shotsOf = (t: string): number | undefined => {
    const leaves = leavesOf(t).filter((l) => l !== t);
    // A group's own n-shot is not what its subtasks ran with (lm-eval 0.4 writes 0 for `mmlu` whose subjects ran 5-shot):
    // the subtasks' common shot count is the group's.
    if (leaves.length > 0) {
      const shots = new Set(leaves.map(ownShots));
      if (shots.size === 1 && [...shots][0] !== undefined) return [...shots][0];
      return shots.size === 1 ? ownShots(t) : undefined;
    }
    return ownShots(t);
  };
  const taskMetric = new Map((options.taskMetrics ?? []).map((m) => [m.task, m.metric]));
  const nOf = (t: string): number | undefined => {
    const s = nSamples[t];
    return isRecord(s) ? numberOf(s.effective) ?? numberOf(s.original) : undefined;
  };

  const out: RawResult[] = [];
  for (const task of tasks) {
    const entry = results[task];
    if (!isRecord(entry)) continue;
    const root = rootOf(task, parents);
    const config = isRecord(configs[task]) ? configs[task] : undefined;
    for (const mk of metricKeys(entry, current, nonMetric)) {
      const value = numberOf(entry[mk.key]);
      if (value === undefined) continue;
      let stderr = numberOf(entry[mk.stderrKey]);
      const methodology: EvidenceRecord['methodology'] = { harness: 'lm-evaluation-harness' };
      if (harnessVersion) methodology.harnessVersion = harnessVersion;
      if (gitHash) methodology.gitHash = gitHash;
      if (mk.filter !== undefined) methodology.filter = mk.filter;
      const hash = hashes[task];
      if (typeof hash === 'string') methodology.promptHash = hash;
      if (versions[task] !== undefined) methodology.taskVersion = String(versions[task]);
      if (args) methodology.modelArgs = args;
      if (config && typeof config.output_type === 'string') methodology.outputType = config.output_type;
      const hib = isRecord(higher[task]) ? higher[task][mk.metric] : undefined;
      if (typeof hib === 'boolean') methodology.higherIsBetter = hib;
      // Groups: lm-eval 0.4.0-0.4.1 report the spread across subtasks as the group's "stderr". When the
      // subtasks are in the file, the standard error of the group mean is recomputed from them.
      const leaves = leavesOf(task).filter((l) => l !== task);
      if (leaves.length > 1) {
        const pooled = pooledStderr(task, leaves, mk, results, nOf, value);
        if (pooled !== undefined) {
          if (stderr !== undefined) methodology.reportedStderr = stderr;
          methodology.stderrSource = `pooled from ${leaves.length} subtasks`;
          stderr = pooled;
        }
        methodology.subtasks = leaves.length;
      }
      const named = taskMetric.get(task);
      const raw: RawResult = {
        benchmarkText: task,
        metricText: named && mk.metric === 'acc' ? named : mk.metric,
        value,
        scaleHint: 'fraction',
        location: `results.${task}["${mk.key}"]`,
        methodology,
      };
      // A task that only reports one of its benchmark's metrics (truthfulqa_mc2) is that benchmark, not a part of it.
      if (root !== task && !named) raw.groupText = root;
      if (mk.filter !== undefined && !noFilter.has(mk.filter)) raw.answerFilter = mk.filter;
      if (task in groupsBlock || leaves.length > 0) methodology.isGroup = true;
      if (config && typeof config.dataset_path === 'string') raw.alternates = [config.dataset_path];
      if (stderr !== undefined) raw.stderr = stderr;
      const n = nOf(task);
      if (n !== undefined) raw.n = n;
      const shots = shotsOf(task);
      if (shots !== undefined) raw.shots = shots;
      const split = config?.test_split ?? config?.validation_split;
      if (typeof split === 'string') raw.split = split;
      if (model) raw.model = model;
      if (revision) raw.revision = revision;
      if (date) raw.date = date;
      out.push(raw);
      const mean = leaves.length > 1 ? unweightedMean(leaves, mk, results) : undefined;
      // A group's score is the size-weighted mean of its subtasks; reports (the Open LLM Leaderboard's MMLU)
      // often give the unweighted mean instead. When the two differ, both are records, each saying which it is.
      if (mean && Math.abs(mean.value - value) > 1e-6) {
        methodology.aggregation = 'size-weighted';
        const m2: EvidenceRecord['methodology'] = { ...methodology, aggregation: 'unweighted', stderrSource: `from ${leaves.length} subtask stderrs` };
        delete m2.reportedStderr;
        const r2: RawResult = { ...raw, value: mean.value, location: `${raw.location} (unweighted mean of ${leaves.length} subtasks)`, methodology: m2 };
        if (mean.stderr !== undefined) r2.stderr = mean.stderr;
        else delete r2.stderr;
        out.push(r2);
      }
    }
  }
  if (out.length === 0) throw malformed(options.file, 'lm-eval `results` holds no numeric metric');
  return { format: current ? 'lm-eval' : 'lm-eval-legacy', results: out };
}

/**
 * Standard error of a group mean from its subtasks: n_i from n-samples, else from a binary metric's
 * own stderr (se² = p(1-p)/(n-1), lm-eval's sample stderr); used only when the size-weighted mean
 * of the subtasks reproduces the group's value.
 */
function pooledStderr(
  _task: string,
  leaves: string[],
  mk: MetricKey,
  results: Json,
  nOf: (t: string) => number | undefined,
  groupValue: number,
): number | undefined {
  let total = 0;
  let weighted = 0;
  let variance = 0;
  for (const leaf of leaves) {
    const e = results[leaf];
    if (!isRecord(e)) return undefined;
    const p = numberOf(e[mk.key]);
    const se = numberOf(e[mk.stderrKey]);
    if (p === undefined || se === undefined || se <= 0) return undefined;
    let n = nOf(leaf);
    if (n === undefined) {
      if (p < 0 || p > 1) return undefined;
      n = (p * (1 - p)) / (se * se) + 1;
    }
    total += n;
    weighted += n * p;
    variance += n * n * se * se;
  }
  if (total <= 0 || Math.abs(weighted / total - groupValue) > 0.001) return undefined;
  return Math.sqrt(variance) / total;
}

/** Unweighted mean of a metric over subtasks, with the standard error of that mean (√Σse²/k) when every subtask has one. */
function unweightedMean(leaves: string[], mk: MetricKey, results: Json): { value: number; stderr?: number } | undefined {
  let sum = 0;
  let variance = 0;
  let allStderr = true;
  for (const leaf of leaves) {
    const e = results[leaf];
    if (!isRecord(e)) return undefined;
    const p = numberOf(e[mk.key]);
    if (p === undefined) return undefined;
    sum += p;
    const se = numberOf(e[mk.stderrKey]);
    if (se === undefined) allStderr = false;
    else variance += se * se;
  }
  const k = leaves.length;
  return allStderr ? { value: sum / k, stderr: Math.sqrt(variance) / k } : { value: sum / k };
}
