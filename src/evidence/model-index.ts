/**
 * Hugging Face `model-index` front matter → flat results (one per metrics[] item, in document
 * order), following huggingface_hub's model_index_to_eval_results (repocard_data.py):
 * required name, task.type, dataset.type, dataset.name, metrics[].type, metrics[].value;
 * a source name without a url is an error. Lenient mode drops the results with a warning instead.
 */
import type { Diagnostic } from '../model/types.ts';
import { malformed } from './parse-source.ts';
import type { RawResult } from './raw-result.ts';

/** One flat model-index result (huggingface_hub's EvalResult, camel-cased). */
export interface ModelIndexResult {
  modelName: string;
  taskType: string;
  taskName?: string;
  datasetType: string;
  datasetName: string;
  datasetConfig?: string;
  datasetSplit?: string;
  datasetRevision?: string;
  datasetArgs?: Record<string, unknown>;
  metricType: string;
  metricValue: unknown;
  metricName?: string;
  metricConfig?: string;
  metricArgs?: Record<string, unknown>;
  verified?: boolean;
  verifyToken?: unknown;
  sourceName?: string;
  sourceUrl?: string;
  /** Path of the metric in the metadata ("model-index[0].results[2].metrics[0]"). */
  path: string;
  /** Path segments of the same, for line look-ups. */
  pathSegments: Array<string | number>;
}

/** How to parse a model-index. */
export interface ModelIndexOptions {
  /** File or card name, for messages. */
  file: string;
  /** Line of a metadata path, when the YAML text is at hand. */
  lineOf?: (path: Array<string | number>) => number | undefined;
  /** huggingface_hub's ignore_metadata_errors: no error, a warning and no results. */
  lenient?: boolean;
}

/** Flat results plus warnings (lenient mode). */
export interface ModelIndexParse {
  results: ModelIndexResult[];
  warnings: Diagnostic[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function optionalString(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : String(v);
}

class ModelIndexProblem extends Error {
  constructor(
    message: string,
    readonly path: Array<string | number>,
  ) {
    super(message);
  }
}

/** Set an optional field only when it has a value: a result holds no undefined keys. */
function setDefined<K extends keyof ModelIndexResult>(r: ModelIndexResult, k: K, v: ModelIndexResult[K] | undefined): void {
  if (v !== undefined) r[k] = v;
}

function pathText(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Parse the value of a card's `model-index` key. Throws EVIDENCE_MALFORMED unless lenient. */
export function parseModelIndex(modelIndex: unknown, options: ModelIndexOptions): ModelIndexParse {
  try {
    return { results: flatten(modelIndex), warnings: [] };
  } catch (e) {
    if (!(e instanceof ModelIndexProblem)) throw e;
    const message = `invalid model-index at ${pathText(e.path)}: ${e.message}`;
    if (options.lenient) {
      return { results: [], warnings: [{ code: 'model-index-invalid', severity: 'warning', message: `${message}; its eval results are not loaded` }] };
    }
    throw malformed(options.file, message, { line: options.lineOf?.(e.path) });
  }
}

function flatten(modelIndex: unknown): ModelIndexResult[] {
  const root: Array<string | number> = ['model-index'];
  if (!Array.isArray(modelIndex)) throw new ModelIndexProblem('must be a list of models', root);
  const out: ModelIndexResult[] = [];
  modelIndex.forEach((model, mi) => {
    const mp = [...root, mi];
    if (!isRecord(model)) throw new ModelIndexProblem('each entry must be a mapping', mp);
    if (model.name === undefined || model.name === null) throw new ModelIndexProblem('`name` is required (the model the results belong to)', mp);
    const results = model.results;
    if (!Array.isArray(results)) throw new ModelIndexProblem('`results` must be a list', [...mp, 'results']);
    results.forEach((result, ri) => {
      const rp = [...mp, 'results', ri];
      if (!isRecord(result)) throw new ModelIndexProblem('each result must be a mapping', rp);
      const task = result.task;
      const dataset = result.dataset;
      if (!isRecord(task) || task.type === undefined || task.type === null) throw new ModelIndexProblem('`task.type` is required', [...rp, 'task']);
      if (!isRecord(dataset)) throw new ModelIndexProblem('`dataset` is required', rp);
      if (dataset.type === undefined || dataset.type === null) throw new ModelIndexProblem('`dataset.type` is required', [...rp, 'dataset']);
      if (dataset.name === undefined || dataset.name === null) throw new ModelIndexProblem('`dataset.name` is required', [...rp, 'dataset']);
      const source = result.source;
      let sourceName: string | undefined;
      let sourceUrl: string | undefined;
      if (source !== undefined && source !== null) {
        if (!isRecord(source)) throw new ModelIndexProblem('`source` must be a mapping', [...rp, 'source']);
        sourceName = optionalString(source.name);
        sourceUrl = optionalString(source.url);
        if (sourceName !== undefined && sourceUrl === undefined) throw new ModelIndexProblem('a source `name` needs a source `url`', [...rp, 'source']);
      }
      const metrics = result.metrics;
      if (!Array.isArray(metrics)) throw new ModelIndexProblem('`metrics` must be a list', [...rp, 'metrics']);
      metrics.forEach((metric, xi) => {
        const xp = [...rp, 'metrics', xi];
        if (!isRecord(metric)) throw new ModelIndexProblem('each metric must be a mapping', xp);
        if (metric.type === undefined || metric.type === null) throw new ModelIndexProblem('`type` is required', xp);
        if (!('value' in metric) || metric.value === undefined) throw new ModelIndexProblem('`value` is required', xp);
        const r: ModelIndexResult = {
          modelName: String(model.name),
          taskType: String(task.type),
          datasetType: String(dataset.type),
          datasetName: String(dataset.name),
          metricType: String(metric.type),
          metricValue: metric.value,
          path: pathText(xp),
          pathSegments: xp,
        };
        setDefined(r, 'taskName', optionalString(task.name));
        setDefined(r, 'datasetConfig', optionalString(dataset.config));
        setDefined(r, 'datasetSplit', optionalString(dataset.split));
        setDefined(r, 'datasetRevision', optionalString(dataset.revision));
        setDefined(r, 'datasetArgs', isRecord(dataset.args) ? dataset.args : undefined);
        setDefined(r, 'metricName', optionalString(metric.name));
        setDefined(r, 'metricConfig', optionalString(metric.config));
        setDefined(r, 'metricArgs', isRecord(metric.args) ? metric.args : undefined);
        setDefined(r, 'verified', typeof metric.verified === 'boolean' ? metric.verified : undefined);
        setDefined(r, 'verifyToken', metric.verifyToken ?? undefined);
        setDefined(r, 'sourceName', sourceName);
        setDefined(r, 'sourceUrl', sourceUrl);
        out.push(r);
      });
    });
  });
  return out;
}

/**
 * The benchmark a harness-written `dataset.name` gives: "MTEB AmazonReviewsClassification (en)" with
 * config "en" → "AmazonReviewsClassification/en" (the MTEB reader's task/subset), or undefined when
 * the name does not start with one of `prefixes`.
 */
export function harnessDatasetName(r: Pick<ModelIndexResult, 'datasetName' | 'datasetConfig'>, prefixes: readonly string[]): string | undefined {
  const prefix = prefixes.find((p) => r.datasetName.startsWith(p));
  if (!prefix) return undefined;
  let task = r.datasetName.slice(prefix.length).trim();
  const config = r.datasetConfig?.trim();
  if (config && task.endsWith(`(${config})`)) task = task.slice(0, -(config.length + 2)).trim();
  if (!task) return undefined;
  return config && config !== 'default' ? `${task}/${config}` : task;
}

/** A field a card left unset ("unknown", "none", "null", or absent). */
function isUnknown(s: string | undefined): boolean {
  return s === undefined || /^(unknown|none|null)$/i.test(s.trim());
}

/**
 * A flat model-index result as a raw result: the benchmark from dataset.name, then dataset.type, then
 * dataset.config (a config such as "default" or "en" names no benchmark); shots from dataset.args.
 */
export function modelIndexRaw(r: ModelIndexResult, prefixes: readonly string[] = []): RawResult {
  const args = r.datasetArgs ?? {};
  const shotsArg = args.num_few_shot ?? args.num_fewshot ?? args.n_shot ?? args.shots;
  const shots = typeof shotsArg === 'number' ? shotsArg : typeof shotsArg === 'string' && /^\d+$/.test(shotsArg) ? Number(shotsArg) : undefined;
  const harnessName = harnessDatasetName(r, prefixes);
  // A harness-written name is the harness's own task id: the evidence files use exactly it.
  const texts = (harnessName ? [harnessName] : [r.datasetName, r.datasetType, r.datasetConfig, r.taskName]).filter((t): t is string => !isUnknown(t));
  const methodology: RawResult['methodology'] = { taskType: r.taskType };
  if (r.verified !== undefined) methodology.verified = r.verified;
  if (r.sourceName) methodology.sourceName = r.sourceName;
  if (r.sourceUrl) methodology.sourceUrl = r.sourceUrl;
  if (r.datasetConfig) methodology.datasetConfig = r.datasetConfig;
  if (r.datasetRevision && !isUnknown(r.datasetRevision)) methodology.datasetRevision = r.datasetRevision;
  if (harnessName) methodology.subset = r.datasetConfig ?? 'default';
  if (r.metricConfig) methodology.metricConfig = r.metricConfig;
  if (r.datasetArgs) methodology.datasetArgs = r.datasetArgs;
  const value = typeof r.metricValue === 'number' || typeof r.metricValue === 'string' ? r.metricValue : String(r.metricValue);
  const raw: RawResult = {
    benchmarkText: texts[0] ?? r.datasetName,
    alternates: texts.slice(1),
    metricText: isUnknown(r.metricType) ? undefined : r.metricType,
    metricAlternates: r.metricName ? [r.metricName] : [],
    value,
    model: r.modelName,
    location: r.path,
    methodology,
  };
  if (shots !== undefined) raw.shots = shots;
  if (r.datasetSplit) raw.split = r.datasetSplit;
  return raw;
}
