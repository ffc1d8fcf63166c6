/**
 * Hugging Face `.eval_results/*.yaml` entries (and the Hub API's wrapped form) → flat entries,
 * following huggingface_hub's parse_eval_result_entries (_eval_results.py): required dataset.id,
 * dataset.task_id and value; a source name, user or org without a url is an error.
 */
import { malformed } from './parse-source.ts';
import type { RawResult } from './raw-result.ts';

/** One flat `.eval_results` entry (huggingface_hub's EvalResultEntry, camel-cased). */
export interface EvalResultEntry {
  datasetId: string;
  taskId: string;
  datasetRevision?: string;
  /** Dataset config and split, when an entry gives them. */
  datasetConfig?: string;
  datasetSplit?: string;
  value: unknown;
  verifyToken?: unknown;
  date?: string;
  sourceUrl?: string;
  sourceName?: string;
  sourceUser?: string;
  sourceOrg?: string;
  notes?: string;
  /** From the Hub API wrapper: the file the entry came from and whether the Hub verified it. */
  filename?: string;
  verified?: boolean;
  /** Index of the entry in the file. */
  index: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

/** True when a parsed YAML value looks like an `.eval_results` file (or the API's wrapped list). */
export function looksLikeEvalResults(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every((item) => {
    if (!isRecord(item)) return false;
    const entry = isRecord(item.data) ? item.data : item;
    return isRecord(entry.dataset) && ('value' in entry || 'id' in entry.dataset);
  });
}

/** Parse a list of entries. Throws EVIDENCE_MALFORMED naming the entry (and line, when `lineOf` is given). */
export function parseEvalResults(value: unknown, file: string, lineOf?: (path: Array<string | number>) => number | undefined): EvalResultEntry[] {
  if (!Array.isArray(value)) throw malformed(file, '.eval_results must be a YAML list of entries', { line: 1 });
  return value.map((item, i) => {
    const fail = (message: string, path: Array<string | number>): never => {
      throw malformed(file, `entry ${i + 1}: ${message}`, { line: lineOf?.([i, ...path]) });
    };
    if (!isRecord(item)) return fail('each entry must be a mapping', []);
    const wrapped = isRecord(item.data);
    const entry = wrapped ? (item.data as Record<string, unknown>) : item;
    const prefix = wrapped ? ['data'] : [];
    const dataset = entry.dataset;
    if (!isRecord(dataset)) return fail('`dataset` is required', prefix);
    if (dataset.id === undefined || dataset.id === null) return fail('`dataset.id` is required', [...prefix, 'dataset']);
    if (dataset.task_id === undefined || dataset.task_id === null) return fail('`dataset.task_id` is required', [...prefix, 'dataset']);
    if (!('value' in entry) || entry.value === null || entry.value === undefined) return fail('`value` is required', prefix);
    const out: EvalResultEntry = { datasetId: String(dataset.id), taskId: String(dataset.task_id), value: entry.value, index: i };
    const source = entry.source;
    if (source !== undefined && source !== null) {
      if (!isRecord(source)) return fail('`source` must be a mapping', [...prefix, 'source']);
      const url = str(source.url);
      for (const k of ['name', 'user', 'org'] as const) {
        if (source[k] !== undefined && source[k] !== null && url === undefined) fail(`a source \`${k}\` needs a source \`url\``, [...prefix, 'source']);
      }
      if (url !== undefined) out.sourceUrl = url;
      if (str(source.name) !== undefined) out.sourceName = str(source.name);
      if (str(source.user) !== undefined) out.sourceUser = str(source.user);
      if (str(source.org) !== undefined) out.sourceOrg = str(source.org);
    }
    if (str(dataset.revision) !== undefined) out.datasetRevision = str(dataset.revision);
    if (str(dataset.config) !== undefined) out.datasetConfig = str(dataset.config);
    if (str(dataset.split) !== undefined) out.datasetSplit = str(dataset.split);
    if (entry.verifyToken !== undefined && entry.verifyToken !== null) out.verifyToken = entry.verifyToken;
    if (str(entry.date) !== undefined) out.date = str(entry.date);
    if (str(entry.notes) !== undefined) out.notes = str(entry.notes);
    if (wrapped) {
      if (str(item.filename) !== undefined) out.filename = str(item.filename);
      if (typeof item.verified === 'boolean') out.verified = item.verified;
    }
    return out;
  });
}

/** An `.eval_results` entry as a raw result (benchmark from dataset.id, then task_id). */
export function evalResultRaw(e: EvalResultEntry): RawResult {
  const methodology: RawResult['methodology'] = {};
  if (e.verified !== undefined) methodology.verified = e.verified;
  if (e.sourceName) methodology.sourceName = e.sourceName;
  if (e.sourceUrl) methodology.sourceUrl = e.sourceUrl;
  if (e.notes) methodology.notes = e.notes;
  if (e.datasetRevision) methodology.datasetRevision = e.datasetRevision;
  if (e.filename) methodology.filename = e.filename;
  methodology.taskId = e.taskId;
  if (e.datasetConfig) methodology.datasetConfig = e.datasetConfig;
  const raw: RawResult = {
    benchmarkText: e.datasetId,
    alternates: [e.datasetId.split('/').pop()!, ...(e.datasetConfig ? [e.datasetConfig] : []), e.taskId],
    value: typeof e.value === 'number' || typeof e.value === 'string' ? e.value : String(e.value),
    location: `entry ${e.index + 1}`,
    methodology,
  };
  if (e.date) raw.date = e.date;
  if (e.datasetSplit) raw.split = e.datasetSplit;
  return raw;
}
