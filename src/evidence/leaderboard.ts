/**
 * Open LLM Leaderboard v1 result files (open-llm-leaderboard/results and details_* datasets,
 * written by lighteval's harness backend): `results` keyed "harness|arc:challenge|25" (suite,
 * task, shots) with plain metric keys ("acc", "acc_norm", "mc2", their "_stderr"), an "all"
 * average, and the model in `config_general` (or `config`) `model_name` / `model_sha`.
 * The leaderboard's MMLU is the unweighted mean of the 57 `hendrycksTest-*` subjects: that mean
 * is added as its own result, with the standard error of the mean from the subjects' stderrs.
 * Leaderboard v2 files are lm-evaluation-harness 0.4 output and go through lm-eval.ts.
 */
import type { RawResult } from './raw-result.ts';
import { malformed } from './parse-source.ts';

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Read a v1 result file (parsed JSON). `groupOf` names the group a task belongs to (an MMLU subject → MMLU). */
export function readLeaderboardV1(doc: unknown, file: string, groupOf: (task: string) => string | undefined): RawResult[] {
  if (!isRecord(doc) || !isRecord(doc.results)) throw malformed(file, 'a leaderboard result needs a `results` mapping');
  const config = isRecord(doc.config_general) ? doc.config_general : isRecord(doc.config) ? doc.config : {};
  const model = typeof config.model_name === 'string' ? config.model_name : undefined;
  const revision = typeof config.model_sha === 'string' && config.model_sha ? config.model_sha : undefined;
  const versions = isRecord(doc.versions) ? doc.versions : {};
  const base: RawResult['methodology'] = { harness: 'lm-evaluation-harness', source: 'Open LLM Leaderboard v1' };
  if (typeof config.lighteval_sha === 'string' && config.lighteval_sha) base.gitHash = config.lighteval_sha;
  const out: RawResult[] = [];
  const groups = new Map<string, Array<{ task: string; metric: string; value: number; stderr?: number; shots: number }>>();
  for (const [key, entry] of Object.entries(doc.results)) {
    const m = /^([\w-]+)\|([^|]+)\|(\d+)$/.exec(key);
    if (!m || !isRecord(entry)) continue;
    const task = m[2]!;
    const shots = Number(m[3]);
    for (const [metric, v] of Object.entries(entry)) {
      const value = num(v);
      if (value === undefined || metric.endsWith('_stderr')) continue;
      const stderr = num(entry[`${metric}_stderr`]);
      const methodology: RawResult['methodology'] = { ...base };
      if (versions[key] !== undefined) methodology.taskVersion = String(versions[key]);
      // "arc:challenge" is lm-eval's arc_challenge; "truthfulqa:mc" its truthfulqa_mc.
      const raw: RawResult = { benchmarkText: task, alternates: [task.replace(/:/g, '_')], metricText: metric, value, scaleHint: 'fraction', shots, location: `results["${key}"].${metric}`, methodology };
      if (stderr !== undefined) raw.stderr = stderr;
      if (model) raw.model = model;
      if (revision) raw.revision = revision;
      const group = groupOf(task);
      if (group) {
        raw.groupText = group;
        const list = groups.get(`${group}\u0000${metric}`) ?? [];
        list.push({ task, metric, value, ...(stderr !== undefined ? { stderr } : {}), shots });
        groups.set(`${group}\u0000${metric}`, list);
      }
      out.push(raw);
    }
  }
  for (const [key, list] of groups) {
    if (list.length < 2) continue;
    const [group, metric] = key.split('\u0000') as [string, string];
    const shots = new Set(list.map((l) => l.shots));
    const value = list.reduce((s, l) => s + l.value, 0) / list.length;
    const methodology: RawResult['methodology'] = { ...base, aggregation: 'unweighted', subtasks: list.length, isGroup: true };
    const raw: RawResult = { benchmarkText: group, metricText: metric, value, scaleHint: 'fraction', location: `unweighted mean of ${list.length} ${group} subtasks`, methodology };
    if (shots.size === 1) raw.shots = [...shots][0]!;
    if (list.every((l) => l.stderr !== undefined)) {
      raw.stderr = Math.sqrt(list.reduce((s, l) => s + l.stderr! ** 2, 0)) / list.length;
      methodology.stderrSource = `from ${list.length} subtask stderrs`;
    }
    if (model) raw.model = model;
    if (revision) raw.revision = revision;
    out.push(raw);
  }
  if (out.length === 0) throw malformed(file, 'the leaderboard result holds no numeric metric');
  return out;
}
