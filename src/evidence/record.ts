/**
 * RawResult → EvidenceRecord: names resolved through rules/benchmarks.yaml, rates put on the
 * percent scale (0.684 → 68.4, the raw value kept), ids assigned.
 */
import type { EvidenceRecord, EvidenceTier } from '../model/types.ts';
import type { RawResult } from './raw-result.ts';
import type { MetricFacts, Names } from './names.ts';
import type { EvidenceRules } from './evidence-rules.ts';

/** Where records come from and how they are named. */
export interface RecordContext {
  names: Names;
  rules: EvidenceRules;
  source: string;
  format: EvidenceRecord['format'];
  tier: EvidenceTier;
  /** Record ids are `${idPrefix}:${index}` unless `idOf` is given. */
  idPrefix: string;
  idOf?: (raw: RawResult, index: number) => string;
}

/** Parse "68.4", "68.4%", "0.684" → number and whether a percent sign was written. */
export function parseValue(value: number | string): { value: number; percentSign: boolean } | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { value, percentSign: false } : undefined;
  const t = value.trim();
  const m = /^([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*(%?)$/.exec(t);
  if (!m) return undefined;
  return { value: Number(m[1]), percentSign: m[4] === '%' };
}

/** Resolve a benchmark from several candidate texts (first that resolves). */
export function resolveBenchmarkText(names: Names, texts: Array<string | undefined>): { name: string; group?: string; text: string } | undefined {
  for (const t of texts) {
    if (!t) continue;
    const b = names.benchmark(t);
    if (b) return { ...b, text: t };
  }
  return undefined;
}

/** Convert raw results into records; results whose value is not a number are skipped and counted. */
export function toRecords(raws: RawResult[], ctx: RecordContext): { records: EvidenceRecord[]; skipped: number } {
  const records: EvidenceRecord[] = [];
  let skipped = 0;
  raws.forEach((raw, i) => {
    const parsed = parseValue(raw.value);
    if (!parsed) {
      skipped++;
      return;
    }
    const resolved = resolveBenchmarkText(ctx.names, [raw.benchmarkText, ...(raw.alternates ?? [])]);
    const group = raw.groupText ? ctx.names.benchmark(raw.groupText)?.name ?? raw.groupText : resolved?.group;
    // A subtask whose name resolves to its group's benchmark keeps its own raw name.
    let benchmark = resolved?.name ?? raw.benchmarkText;
    if (group && benchmark === group && raw.groupText) benchmark = raw.benchmarkText;
    const facts = ctx.names.info(benchmark) ?? (group ? ctx.names.info(group) : undefined);
    let metric: MetricFacts | undefined;
    for (const m of [raw.metricText, ...(raw.metricAlternates ?? [])]) {
      if (!m) continue;
      metric = ctx.names.metric(m);
      if (metric) break;
    }
    let metricName = metric?.name;
    let variant = metric?.variant;
    if (!metricName && raw.metricText) metricName = raw.metricText;
    if (!metricName && facts?.primaryMetric) {
      metricName = facts.primaryMetric;
      variant = facts.primaryVariant;
    }
    metricName ??= 'score';
    const rate = metric ? metric.rate : (ctx.names.metric(metricName)?.rate ?? (facts?.primaryMetric ? ctx.names.metric(facts.primaryMetric)?.rate : undefined) ?? false);
    let value = parsed.value;
    let stderr = raw.stderr;
    const fraction = rate && !parsed.percentSign && raw.scaleHint !== 'percent' && (raw.scaleHint === 'fraction' || Math.abs(parsed.value) <= 1);
    if (fraction) {
      value = round(parsed.value * 100);
      if (stderr !== undefined) stderr = round(stderr * 100);
    }
    if (!Number.isFinite(value) || (stderr !== undefined && !Number.isFinite(stderr))) {
      skipped++;
      return;
    }
    const methodology: EvidenceRecord['methodology'] = { ...raw.methodology, scale: fraction ? 'fraction' : rate ? 'percent' : 'raw' };
    const metricVariant = variant ?? raw.answerFilter;
    if (metricVariant) methodology.metricVariant = metricVariant;
    const record: EvidenceRecord = {
      id: ctx.idOf ? ctx.idOf(raw, i) : `${ctx.idPrefix}:${i}`,
      source: ctx.source,
      location: raw.location,
      format: ctx.format,
      tier: ctx.tier,
      benchmark,
      benchmarkText: resolved?.text ?? raw.benchmarkText,
      metric: metricName,
      value,
      rawValue: raw.value,
      methodology,
    };
    if (group && group !== benchmark) record.group = group;
    if (raw.aggregateOf?.length) {
      record.methodology.aggregateOf = [...new Set(raw.aggregateOf.map((t) => ctx.names.benchmark(t)?.name ?? t))].sort();
    }
    if (raw.modelFrom) record.methodology.modelFrom = raw.modelFrom;
    if (raw.model) record.model = raw.model;
    if (raw.revision) record.revision = raw.revision;
    if (stderr !== undefined) record.stderr = stderr;
    if (raw.n !== undefined) record.n = raw.n;
    if (raw.shots !== undefined) record.shots = raw.shots;
    if (raw.split) record.split = raw.split;
    if (raw.date) record.date = raw.date;
    records.push(record);
  });
  return { records, skipped };
}

/** Round away binary noise from scaling (0.6424914675767918 × 100) without losing shown digits. */
function round(x: number): number {
  return Number(x.toPrecision(12));
}
