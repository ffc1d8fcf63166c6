/**
 * Benchmark and metric names for the evidence stage: a thin view over the alias resolution in
 * src/extract/benchmark-names.ts (rules/benchmarks.yaml), so the card, the contract and the
 * evidence files agree on what "the same benchmark" and "the same metric" are.
 */
import type { CompiledRules } from '../rules/compile.ts';
import { benchmarkInfo, findDomains, metricInfo, parseLabel, resolveBenchmark, resolveMetric } from '../extract/index.ts';

/** What the evidence stage needs to know about a canonical benchmark. */
export interface BenchmarkFacts {
  name: string;
  /** Capability domains the benchmark evaluates (scope coverage). */
  domains: string[];
  /** Languages it evaluates, when rules/benchmarks.yaml lists them. */
  languages?: string[];
  /** The metric a bare number for this benchmark means, and its variant (ARC → accuracy, acc_norm). */
  primaryMetric?: string;
  primaryVariant?: string;
  /** Canonical group for a subtask (an MMLU subject → MMLU). */
  group?: string;
}

/** A metric as the rules know it. */
export interface MetricFacts {
  name: string;
  /** Variant named by the words (acc_norm, length-controlled). */
  variant?: string;
  /** Rates live on 0-1 or 0-100 interchangeably; evidence puts them on the percent scale. */
  rate: boolean;
  higherIsBetter: boolean;
}

/** Name resolution bound to a rule set. */
export interface Names {
  /** Canonical benchmark (and its group, for subtasks) for a label as written, or undefined. */
  benchmark(text: string): { name: string; group?: string } | undefined;
  /** Canonical metric (and variant) for a label as written, or undefined. */
  metric(text: string): MetricFacts | undefined;
  /** Facts about a benchmark by canonical name. */
  info(name: string): BenchmarkFacts | undefined;
  /** Capability domains a scope statement names. */
  domainsIn(text: string): string[];
}

/** Names resolved through rules/benchmarks.yaml; compileRuleSet builds them once (CompiledRules.names). */
export function namesFor(rules: CompiledRules): Names {
  const benchmarkMemo = new Map<string, { name: string; group?: string } | undefined>();
  const names: Names = {
    benchmark(text) {
      if (!benchmarkMemo.has(text)) {
        const m = resolveBenchmark(text, rules);
        benchmarkMemo.set(text, m ? { name: m.name, ...(m.group && m.group !== m.name ? { group: m.group } : {}) } : undefined);
      }
      return benchmarkMemo.get(text);
    },
    metric(text) {
      const m = resolveMetric(text, rules);
      if (m) return { name: m.name, ...(m.variant ? { variant: m.variant } : {}), rate: m.kind === 'rate', higherIsBetter: m.higherIsBetter };
      const info = metricInfo(text, rules);
      return info ? { name: info.name, rate: info.kind === 'rate', higherIsBetter: info.higherIsBetter } : undefined;
    },
    info(name) {
      const b = benchmarkInfo(name, rules);
      if (!b) return undefined;
      const facts: BenchmarkFacts = { name: b.name, domains: b.domains };
      if (b.languages) facts.languages = b.languages;
      if (b.metric) facts.primaryMetric = b.metric;
      if (b.metricVariant) facts.primaryVariant = b.metricVariant;
      if (b.group) facts.group = b.group;
      return facts;
    },
    domainsIn(text) {
      return findDomains(text, rules);
    },
  };
  return names;
}

/** A column label read as a benchmark with its conditions ("MMLU (5-shot)" → MMLU, 5 shots); aggregates ("Average") are not benchmarks. */
export function benchmarkOfLabel(label: string, rules: CompiledRules): { name: string; shots?: number; metric?: string } | undefined {
  const parsed = parseLabel(label, rules);
  if (!parsed.benchmark || parsed.aggregate) return undefined;
  return { name: parsed.benchmark.name, ...(parsed.shots !== undefined ? { shots: parsed.shots } : {}), ...(parsed.metric ? { metric: parsed.metric.text } : {}) };
}

/** True when a column label names an aggregate ("Average", "Avg.") rather than a benchmark. */
export function isAggregateLabel(label: string, rules: CompiledRules): boolean {
  const parsed = parseLabel(label, rules);
  return parsed.aggregate === true && !parsed.benchmark;
}
