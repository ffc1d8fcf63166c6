/**
 * `warrant eval --model-index`: the quantity extractor's accuracy meter against the numbers a
 * Hugging Face card declares in its `model-index` front matter (issue 3, item 4).
 *
 * For each card with model-index front matter: the front matter is removed, the body goes
 * through the real pipeline (ingest → segment → extractQuantities), and (benchmark, metric,
 * value) tuples are scored against the model-index entries:
 * - values are equal after scale normalisation (0.6459 = 64.59 for rate metrics) and rounding
 *   the declared value to the precision the card shows (79.4 = 0.7940015785);
 * - a metric the card does not state is compatible with any declared metric (the bare "ARC
 *   (25-shot) | 62.03" row means the benchmark's usual metric); stated metrics must agree;
 * - only quantities attributed to the card's own model count (comparison columns are not in its
 *   metadata), and for precision only those on benchmarks the model-index covers: a number for a
 *   benchmark the metadata does not list cannot be judged against it. The own model is named by
 *   the body's title, or by `model-index[0].name` (the only thing kept from the front matter).
 * Recall: declared entries (deduplicated) found among the own-model quantities.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from '../text/yaml.ts';
import type { Quantity } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { ingest } from '../ingest/index.ts';
import { segmentDocument } from '../segment/index.ts';
import { benchmarkInfo, extractQuantities, metricInfo, nameKey, parseLabel, resolveBenchmark, resolveMetric } from '../extract/index.ts';
import { parseModelIndex } from '../evidence/index.ts';

/** One declared (benchmark, metric, value) of a card's model-index. */
export interface DeclaredResult {
  benchmark: string;
  metric?: string;
  /** Declared value on the percent scale for rate metrics, else as declared. */
  value: number;
  rawValue: number;
  /** Decimals the metadata shows, on the scale of `value`. */
  precision: number;
  /** Where in the metadata ("model-index[0].results[2].metrics[0]"). */
  path: string;
}

/** An extracted quantity as scored. */
export interface ScoredQuantity {
  sentenceId: string;
  benchmark: string;
  metric?: string;
  raw: string;
  value: number;
  model?: string;
  /** The declared entry it matched (its path), if any. */
  matched?: string;
}

/** Figures for one card. */
export interface ModelIndexDocResult {
  doc: string;
  /** model-index[0].name. */
  model?: string;
  declared: number;
  /** Own-model quantities on benchmarks the model-index covers (precision's denominator). */
  predicted: number;
  correct: number;
  found: number;
  precision: number;
  recall: number;
  /** Declared entries no own-model quantity matched. */
  missed: DeclaredResult[];
  /** Own-model quantities on covered benchmarks that match no declared entry. */
  wrong: ScoredQuantity[];
  /** Own-model quantities on benchmarks the model-index does not cover (not scored). */
  unscored: number;
  /**
   * Whether the body restates the model-index: its own-model numbers name at least half of the declared
   * benchmarks. Only such cards are scored (a card whose metadata is not restated, e.g. an MTEB model-index
   * of 900 entries beside a prose body, says nothing about extraction).
   */
  restates: boolean;
  /** Declared benchmarks (distinct) and how many of them the body's own numbers name. */
  declaredBenchmarks: number;
  namedBenchmarks: number;
}

/** The model-index evaluation over a folder of cards. */
export interface ModelIndexEvaluation {
  precision: number;
  recall: number;
  /** Declared entries (deduplicated) over all cards. */
  support: number;
  /** Own-model quantities scored for precision. */
  predicted: number;
  perDoc: ModelIndexDocResult[];
  /** Cards that could not be read (their declared results are not in `support`). */
  errors?: Array<{ doc: string; error: string }>;
  /** Cards with a model-index their body does not restate: listed, not scored. */
  notRestated: Array<{ doc: string; declared: number; declaredBenchmarks: number; namedBenchmarks: number }>;
}

const FRONT_MATTER = /^\uFEFF?(\s*---[ \t]*\r?\n)([\s\S]*?)(\r?\n---[ \t]*(?:\r?\n|$))/;

/** Split a Markdown card into its front matter (parsed) and body; metadata null when there is none. */
export function splitCard(text: string): { metadata: Record<string, unknown> | null; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { metadata: null, body: text };
  let metadata: unknown;
  try {
    metadata = parseYaml(m[2]!);
  } catch {
    return { metadata: null, body: text.slice(m[0].length) };
  }
  const body = text.slice(m[0].length);
  return { metadata: metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : null, body };
}

/** Decimal places of a number as written in YAML (1e-8 notation counted by its digits). */
function decimalsOf(v: unknown): number {
  const text = typeof v === 'string' ? v.trim() : String(v);
  const m = /^-?\d*(?:\.(\d+))?(?:e([-+]?\d+))?$/i.exec(text);
  if (!m) return 0;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

/** Round to `decimals` places, as a comparable string. */
function rounded(v: number, decimals: number): string {
  return v.toFixed(Math.max(0, Math.min(20, decimals)));
}

function isRateMetric(metric: string | undefined, benchmark: string, rules: CompiledRules): boolean {
  const m = metric ?? benchmarkInfo(benchmark, rules)?.metric;
  return m ? metricInfo(m, rules)?.kind === 'rate' : false;
}

/** The declared results of a model-index, deduplicated, with benchmark and metric resolved through the rules. */
export function declaredResults(modelIndex: unknown, rules: CompiledRules, file = '<card>'): DeclaredResult[] {
  const { results } = parseModelIndex(modelIndex, { file, lenient: true });
  const out: DeclaredResult[] = [];
  for (const r of results) {
    const value = typeof r.metricValue === 'number' ? r.metricValue : Number(r.metricValue);
    if (!Number.isFinite(value)) continue;
    // Some cards name the benchmark in metrics[].type ("ARC (25-shot)") with the training set as dataset.
    const fromMetric = resolveBenchmark(r.metricType, rules);
    // The dataset name is the most specific ("MATH Lvl 5 (4-Shot)" over type hendrycks/competition_math), then config, then type.
    const bench =
      fromMetric ??
      [r.datasetName, r.datasetConfig, r.datasetType].map((t) => (t ? resolveBenchmark(t, rules) : undefined)).find((b) => b !== undefined);
    // A benchmark the rules do not know is kept under its name as written (conditions removed), so it still counts for recall.
    const benchmark = bench?.name ?? (parseLabel(r.datasetName, rules).core || r.datasetName);
    const metric = (fromMetric ? undefined : resolveMetric(r.metricType, rules)?.name) ?? (r.metricName ? resolveMetric(r.metricName, rules)?.name : undefined) ?? fromMetric?.metric?.name;
    const scaled = isRateMetric(metric, benchmark, rules) && Math.abs(value) <= 1;
    const shown = Math.max(0, decimalsOf(r.metricValue) - (scaled ? 2 : 0));
    out.push({ benchmark, ...(metric ? { metric } : {}), value: scaled ? value * 100 : value, rawValue: value, precision: shown, path: r.path });
  }
  // The same result declared twice (once with a metric, once without) counts once.
  const kept: DeclaredResult[] = [];
  for (const d of out) {
    const dup = kept.find((k) => nameKey(k.benchmark) === nameKey(d.benchmark) && Math.abs(k.value - d.value) < 1e-9 && (k.metric === d.metric || !k.metric || !d.metric));
    if (dup) {
      if (!dup.metric && d.metric) dup.metric = d.metric;
      continue;
    }
    kept.push({ ...d });
  }
  return kept;
}

/** A quantity's value on the percent scale (rates) with the decimals it shows there. */
function normalised(q: Quantity): { value: number; precision: number } {
  if (q.scale === 'fraction') return { value: q.value * 100, precision: Math.max(0, q.precision - 2) };
  return { value: q.value, precision: q.precision };
}

/** Does a quantity state a declared result? */
export function quantityMatches(q: Quantity, d: DeclaredResult): boolean {
  if (!q.benchmark || nameKey(q.benchmark) !== nameKey(d.benchmark)) return false;
  if (q.metric && d.metric && q.metric !== d.metric) return false;
  const n = normalised(q);
  // Equal at the precision both show: the card usually rounds the metadata (79.4 for 0.7940015785), sometimes the other way (32.4222 for 32.42).
  const p = Math.min(n.precision, d.precision);
  if (rounded(d.value, p) === rounded(n.value, p)) return true;
  // A rate shown as a bare fraction where the metadata has one too.
  if (q.scale === 'raw' && Math.abs(d.rawValue) <= 1) {
    const pr = Math.min(q.precision, d.precision + 2);
    return rounded(d.rawValue, pr) === rounded(q.value, pr);
  }
  return false;
}

function listCards(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(md|markdown)$/i.test(name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Score the quantities extracted from one card's body against its declared model-index. */
export async function evaluateCard(name: string, text: string, rules: CompiledRules): Promise<ModelIndexDocResult | undefined> {
  const { metadata, body } = splitCard(text);
  const modelIndex = metadata?.['model-index'];
  if (modelIndex === undefined) return undefined;
  const declared = declaredResults(modelIndex, rules, name);
  const model = Array.isArray(modelIndex) && modelIndex[0] && typeof modelIndex[0] === 'object' ? String((modelIndex[0] as { name?: unknown }).name ?? '') || undefined : undefined;
  const doc = await ingest({ name, bytes: new TextEncoder().encode(body), role: 'model-card', mediaType: 'text/markdown' });
  // Only the model's name is kept from the front matter (as the pipeline reads it when the front
  // matter is present), so a card without a title still knows its own model; no value is kept.
  if (model) doc.metadata = { ...doc.metadata, model_name: model };
  const sentences = segmentDocument(doc);
  const covered = new Set(declared.map((d) => nameKey(d.benchmark)));
  const scored: Array<{ q: Quantity; s: ScoredQuantity }> = [];
  const named = new Set<string>();
  let unscored = 0;
  for (const sentence of sentences) {
    for (const q of extractQuantities(sentence, doc, rules)) {
      if (!q.ownModel || !q.benchmark) continue;
      if (covered.has(nameKey(q.benchmark))) named.add(nameKey(q.benchmark));
      if (!covered.has(nameKey(q.benchmark))) {
        unscored++;
        continue;
      }
      scored.push({ q, s: { sentenceId: sentence.id, benchmark: q.benchmark, ...(q.metric ? { metric: q.metric } : {}), raw: q.raw, value: q.value, ...(q.model ? { model: q.model } : {}) } });
    }
  }
  const foundPaths = new Set<string>();
  let correct = 0;
  const wrong: ScoredQuantity[] = [];
  for (const { q, s } of scored) {
    const hits = declared.filter((d) => quantityMatches(q, d));
    if (hits.length > 0) {
      correct++;
      s.matched = hits[0]!.path;
      for (const h of hits) foundPaths.add(h.path);
    } else wrong.push(s);
  }
  const missed = declared.filter((d) => !foundPaths.has(d.path));
  const found = declared.length - missed.length;
  return {
    doc: name,
    ...(model ? { model } : {}),
    declared: declared.length,
    predicted: scored.length,
    correct,
    found,
    precision: scored.length ? correct / scored.length : declared.length ? 0 : 1,
    recall: declared.length ? found / declared.length : 1,
    missed,
    wrong,
    unscored,
    // Decided from which benchmarks the body names, never from whether its values match.
    restates: covered.size > 0 && named.size * 2 >= covered.size,
    declaredBenchmarks: covered.size,
    namedBenchmarks: named.size,
  };
}

/**
 * Evaluate every Markdown card under `docsDir` whose body restates its model-index front matter
 * (the others are listed in `notRestated`).
 * Precision = own-model quantities matching a declared entry / own-model quantities on declared
 * benchmarks; recall = declared entries matched / declared entries (both pooled over cards).
 */
export async function evaluateModelIndex(docsDir: string, rules: CompiledRules): Promise<ModelIndexEvaluation> {
  const perDoc: ModelIndexDocResult[] = [];
  const notRestated: ModelIndexEvaluation['notRestated'] = [];
  const errors: Array<{ doc: string; error: string }> = [];
  for (const file of listCards(docsDir)) {
    const name = relative(docsDir, file).split(sep).join('/');
    try {
      const result = await evaluateCard(name, readFileSync(file, 'utf8'), rules);
      if (result?.restates) perDoc.push(result);
      else if (result) notRestated.push({ doc: name, declared: result.declared, declaredBenchmarks: result.declaredBenchmarks, namedBenchmarks: result.namedBenchmarks });
    } catch (e) {
      // A card the pipeline cannot read is reported, not fatal: the other cards still count.
      errors.push({ doc: name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const predicted = perDoc.reduce((n, d) => n + d.predicted, 0);
  const correct = perDoc.reduce((n, d) => n + d.correct, 0);
  const support = perDoc.reduce((n, d) => n + d.declared, 0);
  const found = perDoc.reduce((n, d) => n + d.found, 0);
  return {
    precision: predicted ? correct / predicted : support ? 0 : 1,
    recall: support ? found / support : 1,
    support,
    predicted,
    perDoc,
    notRestated,
    ...(errors.length ? { errors } : {}),
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The evaluation as a terminal table: totals, then one line per card with its misses and disagreements. */
export function formatModelIndex(e: ModelIndexEvaluation): string {
  const lines = [`Quantities vs model-index: precision ${pct(e.precision)} (${e.predicted} scored), recall ${pct(e.recall)} (${e.support} declared)`];
  for (const d of e.perDoc) {
    lines.push(`  ${d.doc}${d.model ? ` [${d.model}]` : ''}: precision ${d.correct}/${d.predicted}, recall ${d.found}/${d.declared}${d.unscored ? `, ${d.unscored} on undeclared benchmarks` : ''}`);
    for (const m of d.missed) lines.push(`    missed  ${m.benchmark}${m.metric ? ` ${m.metric}` : ''} ${m.rawValue} (${m.path})`);
    for (const w of d.wrong) lines.push(`    differs ${w.benchmark}${w.metric ? ` ${w.metric}` : ''} ${w.raw} (${w.sentenceId})`);
  }
  for (const n of e.notRestated) lines.push(`  ${n.doc}: not scored, the body restates ${n.namedBenchmarks} of ${n.declaredBenchmarks} declared benchmarks (${n.declared} entries)`);
  for (const err of e.errors ?? []) lines.push(`  ${err.doc}: not read: ${err.error}`);
  return `${lines.join('\n')}\n`;
}
