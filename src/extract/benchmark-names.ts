/**
 * Benchmark and metric names: alias resolution over rules/benchmarks.yaml (kind `benchmarks`).
 *
 * Two ways to read a name:
 * - `resolveBenchmark` / `resolveMetric` read a whole label (a table header, a row label, a
 *   model-index `dataset.type`, an lm-eval task id): "MMLU (5-shot)", "AI2 Reasoning Challenge
 *   (25-Shot)", "arc_challenge", "mmlu_abstract_algebra", "acc_norm". Matching ignores case,
 *   spaces and punctuation; conditions in parentheses or around the name (shots, CoT, Avg, a
 *   metric) are split off and returned.
 * - `findBenchmarkMentions` / `findMetricMentions` find names inside running text, with offsets;
 *   aliases listed in `exactCase` ("DROP", "MATH", "EM") only match in that case there, and ids
 *   only when they look like ids (contain `_` or `/`).
 *
 * The vocabulary is compiled once per rule set (compileRuleSet, CompiledRules.benchmarks). Evidence linking reuses these functions, so the
 * card, the contract and the eval files agree on names.
 */
import type { RuleSet } from '../rules/load.ts';
import { ofKind } from '../rules/load.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { BenchmarksFile } from '../rules/kinds/benchmarks.ts';
import { compileNameScanner, nameRegexSource, scanNames, type NameScanner } from './name-scanner.ts';

/** What the rules say about one benchmark. */
export interface BenchmarkInfo {
  name: string;
  aliases: string[];
  ids: string[];
  group?: string;
  domains: string[];
  languages?: string[];
  /** Default metric when a document names none. */
  metric?: string;
  metricVariant?: string;
  /** Direction: the benchmark's override, else its default metric's. */
  higherIsBetter: boolean;
  scale?: 'percent' | 'fraction' | 'raw';
}

/** What the rules say about one metric. */
export interface MetricInfo {
  name: string;
  aliases: string[];
  /** 'rate': 0.684 and 68.4% are the same value; 'raw': the number has its own unit. */
  kind: 'rate' | 'raw';
  higherIsBetter: boolean;
  unit?: string;
  variants: Array<{ name: string; aliases: string[] }>;
}

/** A metric read from text. */
export interface MetricMatch {
  /** Canonical name. */
  name: string;
  /** Variant (acc_norm, top-1, length-controlled) when the words name one. */
  variant?: string;
  /** The words as written. */
  text: string;
  kind: 'rate' | 'raw';
  higherIsBetter: boolean;
  /** The label carried a percent sign ("win rate %"). */
  percent?: boolean;
}

/** Conditions read around a name: shots, free labels, aggregate marker, split, metric. */
export interface LabelConditions {
  shots?: number;
  /** Labels as the rules name them ("CoT", "maj@1", "average"). */
  conditions: string[];
  /** The label names an aggregate of several tasks ("Avg."). */
  aggregate: boolean;
  split?: string;
  metric?: MetricMatch;
  /** A percent sign appeared in the label ("(win rate %)"). */
  percent: boolean;
}

/** A benchmark read from a label. */
export interface BenchmarkMatch extends LabelConditions {
  /** Canonical name; for a subtask matched by pattern, "<suite>/<subtask>" ("MMLU/abstract_algebra"). */
  name: string;
  /** The benchmark words as written (conditions removed). */
  text: string;
  /** The suite this is part of (MMLU for mmlu_abstract_algebra), if any. */
  group?: string;
  /** How it matched: an alias, an id, or a subtask pattern (its rule id). */
  via: 'alias' | 'id' | `pattern:${string}`;
}

/** A benchmark or metric named inside running text. */
export interface NameMention {
  name: string;
  text: string;
  start: number;
  end: number;
  /** For metric mentions: the variant, if the words name one. */
  variant?: string;
}

/** A label read completely: benchmark (if any), metric (if any) and conditions. */
export interface ParsedLabel extends LabelConditions {
  benchmark?: BenchmarkMatch;
  /** The words left when conditions and metric are removed (the raw benchmark name when unknown). */
  core: string;
}

interface MetricEntry {
  info: MetricInfo;
  variant?: string;
}

interface CompiledCondition {
  id: string;
  re: RegExp;
  sets: 'shots' | 'aggregate' | 'label';
  label?: string;
}

/** The benchmark, metric, condition and domain vocabulary of a rule set, compiled. */
export interface BenchmarkVocabulary {
  benchmarks: Map<string, BenchmarkInfo>;
  benchmarkByKey: Map<string, { name: string; via: 'alias' | 'id'; exact?: Set<string> }>;
  subtasks: Array<{ id: string; re: RegExp; group: string }>;
  metrics: Map<string, MetricInfo>;
  metricByKey: Map<string, MetricEntry>;
  benchmarkScanners: NameScanner[];
  benchmarkScanKey: Map<string, string>;
  metricScanners: NameScanner[];
  conditions: CompiledCondition[];
  numberWords: Map<string, number>;
  splits: Map<string, string>;
  domains: Array<{ id: string; re: RegExp }>;
  data: BenchmarksData;
  labelMemo: Map<string, ParsedLabel>;
}

/** The merged benchmarks rules (all files of kind `benchmarks`, later files extending earlier ones). */
export type BenchmarksData = Omit<BenchmarksFile, 'kind' | 'description'>;

/**
 * Name keys and stripped labels already computed, by text: the same short labels (metric and benchmark
 * names, table headers, scanned mentions) are keyed again and again across a card's sentences, tables
 * and links. Pure functions of the text, so remembered; short texts only, and forgotten wholesale when full.
 */
const MEMO_TEXT_MAX = 160;
const MEMO_SIZE_MAX = 20_000;
const nameKeyMemo = new Map<string, string>();
const strippedMemo = new Map<string, string>();

function remembered(memo: Map<string, string>, text: string, compute: (text: string) => string): string {
  if (text.length > MEMO_TEXT_MAX) return compute(text);
  let out = memo.get(text);
  if (out === undefined) {
    if (memo.size >= MEMO_SIZE_MAX) memo.clear();
    out = compute(text);
    memo.set(text, out);
  }
  return out;
}

/** Name key for comparisons: lower case, Greek letters spelled out, only letters, digits, '+' and '@'. */
export function nameKey(text: string): string {
  return remembered(nameKeyMemo, text, computeNameKey);
}

function computeNameKey(text: string): string {
  return stripMarkup(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[αβγδ]/g, (c) => GREEK[c] ?? c)
    .replace(/[^\p{L}\p{N}+@]+/gu, '');
}

const GREEK: Record<string, string> = { α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta' };

/** Like nameKey but keeping case: for aliases that only match in one spelling. */
function caseKey(text: string): string {
  return stripMarkup(text).normalize('NFKC').replace(/[^\p{L}\p{N}+@]+/gu, '');
}

/** Remove Markdown emphasis, code ticks and link syntax from a short label. */
export function stripMarkup(text: string): string {
  return remembered(strippedMemo, text, computeStripped);
}

function computeStripped(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`|~~)/g, '')
    .replace(/(^|\s)[*_](\S)/g, '$1$2')
    .replace(/(\S)[*_](\s|$)/g, '$1$2')
    .trim();
}

function scanner(names: string[], flags: '' | 'i'): NameScanner[] {
  const compiled = compileNameScanner(names, flags);
  return compiled ? [compiled] : [];
}

/** Merge all files of kind `benchmarks` (shipped first, user files after; a later entry with the same name replaces an earlier one). */
export function benchmarksData(rules: CompiledRules): BenchmarksData {
  return rules.benchmarks.data;
}

function mergeFiles(rules: RuleSet): BenchmarksData {
  const out: BenchmarksData = {
    benchmarks: [],
    subtasks: [],
    metrics: [],
    domains: [],
    conditions: [],
    splits: [],
    comparators: [],
    numberWords: {},
    tableHeaders: {},
  };
  const replace = <T>(list: T[], item: T, same: (a: T) => boolean): void => {
    const i = list.findIndex(same);
    if (i >= 0) list[i] = item;
    else list.push(item);
  };
  for (const file of ofKind(rules, 'benchmarks')) {
    const d = file.data as BenchmarksFile;
    for (const b of d.benchmarks) replace(out.benchmarks, b, (x) => x.name === b.name);
    for (const s of d.subtasks) replace(out.subtasks, s, (x) => x.id === s.id);
    for (const m of d.metrics) replace(out.metrics, m, (x) => x.name === m.name);
    for (const dm of d.domains) replace(out.domains, dm, (x) => x.id === dm.id);
    for (const c of d.conditions) replace(out.conditions, c, (x) => x.id === c.id);
    for (const s of d.splits) replace(out.splits, s, (x) => x.name === s.name);
    for (const c of d.comparators) replace(out.comparators, c, (x) => x.symbol === c.symbol);
    Object.assign(out.numberWords, d.numberWords);
    Object.assign(out.tableHeaders, d.tableHeaders);
    if (d.measureUnits) out.measureUnits = d.measureUnits;
    if (d.versionWords) out.versionWords = d.versionWords;
    if (d.aggregates) out.aggregates = d.aggregates;
    if (d.ownModel) out.ownModel = d.ownModel;
    if (d.prose) out.prose = d.prose;
  }
  return out;
}

/** The benchmark vocabulary of a rule set (compileRuleSet calls this once). */
export function compileBenchmarks(rules: RuleSet): BenchmarkVocabulary {
  const data = mergeFiles(rules);

  const metrics = new Map<string, MetricInfo>();
  const metricByKey = new Map<string, MetricEntry>();
  const metricProse: string[] = [];
  const metricProseExact: string[] = [];
  for (const m of data.metrics) {
    const info: MetricInfo = { name: m.name, aliases: m.aliases, kind: m.kind, higherIsBetter: m.higherIsBetter, unit: m.unit, variants: m.variants };
    metrics.set(m.name, info);
    const exactKeys = new Set(m.exactCase.map(nameKey));
    for (const a of [m.name, ...m.aliases]) {
      if (!metricByKey.has(nameKey(a))) metricByKey.set(nameKey(a), { info });
      if (!exactKeys.has(nameKey(a))) metricProse.push(a);
    }
    metricProseExact.push(...m.exactCase);
    for (const v of m.variants) {
      for (const a of v.aliases) {
        metricByKey.set(nameKey(a), { info, variant: v.name });
        metricProse.push(a);
      }
    }
  }

  const benchmarks = new Map<string, BenchmarkInfo>();
  const benchmarkByKey = new Map<string, { name: string; via: 'alias' | 'id'; exact?: Set<string> }>();
  const benchProse: string[] = [];
  const benchProseExact: string[] = [];
  const benchmarkScanKey = new Map<string, string>();
  for (const b of data.benchmarks) {
    const metric = b.metric ? metrics.get(b.metric) : undefined;
    benchmarks.set(b.name, {
      name: b.name,
      aliases: b.aliases,
      ids: b.ids,
      group: b.group,
      domains: b.domains,
      languages: b.languages,
      metric: b.metric,
      metricVariant: b.metricVariant,
      higherIsBetter: b.higherIsBetter ?? metric?.higherIsBetter ?? true,
      scale: b.scale,
    });
    const exactKeys = new Set(b.exactCase.map(nameKey));
    for (const a of [b.name, ...b.aliases]) {
      benchmarkByKey.set(nameKey(a), { name: b.name, via: 'alias' });
      benchmarkScanKey.set(nameKey(a), b.name);
      if (!exactKeys.has(nameKey(a))) benchProse.push(a);
    }
    for (const a of b.exactCase) {
      benchProseExact.push(a);
      benchmarkScanKey.set(nameKey(a), b.name);
      // "DROP", "MATH": in labels too only this spelling (or an id's) names the benchmark; "Math" is a category.
      const entry = benchmarkByKey.get(nameKey(a));
      if (entry) (entry.exact ??= new Set()).add(caseKey(a));
    }
    for (const id of b.ids) {
      const existing = benchmarkByKey.get(nameKey(id));
      if (existing?.exact) existing.exact.add(caseKey(id));
      if (!existing) benchmarkByKey.set(nameKey(id), { name: b.name, via: 'id' });
      benchmarkScanKey.set(nameKey(id), b.name);
      // Ids are read in prose only when they look like ids, never when they are plain words ("drop").
      if (/[_/]/.test(id)) benchProse.push(id);
    }
  }

  return {
    benchmarks,
    benchmarkByKey,
    subtasks: data.subtasks.map((s) => ({ id: s.id, re: new RegExp(s.pattern, 'iu'), group: s.group })),
    metrics,
    metricByKey,
    benchmarkScanners: [...scanner(benchProse, 'i'), ...scanner(benchProseExact, '')],
    benchmarkScanKey,
    metricScanners: [...scanner(metricProse, 'i'), ...scanner(metricProseExact, '')],
    conditions: data.conditions.map((c) => ({ id: c.id, re: new RegExp(c.pattern, 'giu'), sets: c.sets, label: c.label })),
    numberWords: new Map(Object.entries(data.numberWords).map(([k, v]) => [k.toLowerCase(), v])),
    splits: new Map(data.splits.flatMap((s) => [s.name, ...s.aliases].map((a) => [nameKey(a), s.name] as [string, string]))),
    domains: data.domains.map((d) => ({
      id: d.id,
      re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...d.phrases].sort((a, b) => b.length - a.length).map(nameRegexSource).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
    })),
    data,
    labelMemo: new Map(),
  };
}

/** What the rules say about a benchmark, by canonical name (or any alias or id). */
export function benchmarkInfo(name: string, rules: CompiledRules): BenchmarkInfo | undefined {
  const v = rules.benchmarks;
  const direct = v.benchmarks.get(name);
  if (direct) return direct;
  const byKey = v.benchmarkByKey.get(nameKey(name));
  return byKey ? v.benchmarks.get(byKey.name) : undefined;
}

/** What the rules say about a metric, by canonical name or alias. */
export function metricInfo(name: string, rules: CompiledRules): MetricInfo | undefined {
  const v = rules.benchmarks;
  return v.metrics.get(name) ?? v.metricByKey.get(nameKey(name))?.info;
}

/** Every benchmark whose domains include `domain` (for scope-coverage checks). */
export function benchmarksForDomain(domain: string, rules: CompiledRules): string[] {
  return [...rules.benchmarks.benchmarks.values()].filter((b) => b.domains.includes(domain)).map((b) => b.name);
}

/** Capability domains named in a text ("intended for question answering and code generation" → question-answering, code). */
export function findDomains(text: string, rules: CompiledRules): string[] {
  return rules.benchmarks.domains.filter((d) => d.re.test(text)).map((d) => d.id);
}

/** Canonical split name for a word ("dev" → validation), if it names one. */
export function resolveSplit(text: string, rules: CompiledRules): string | undefined {
  return rules.benchmarks.splits.get(nameKey(text));
}

/**
 * Read a metric label ("acc", "acc_norm", "normalized accuracy", "Pass@1", "win rate %", "WER").
 * The whole label must name the metric (after Markdown and a trailing "%"/"(%)" are removed).
 */
export function resolveMetric(text: string, rules: CompiledRules): MetricMatch | undefined {
  const v = rules.benchmarks;
  const clean = stripMarkup(text);
  const percent = /%/.test(clean);
  const entry = v.metricByKey.get(nameKey(clean)) ?? v.metricByKey.get(nameKey(clean.replace(/\(?\s*%\s*\)?/g, ' ')));
  if (!entry) return undefined;
  return {
    name: entry.info.name,
    variant: entry.variant,
    text: clean,
    kind: entry.info.kind,
    higherIsBetter: entry.info.higherIsBetter,
    ...(percent ? { percent } : {}),
  };
}

/** Read shots, labels, aggregate marker, split and metric from condition words ("3-shot F1", "CoT", "Avg"). */
export function readConditions(text: string, rules: CompiledRules): LabelConditions & { rest: string } {
  const v = rules.benchmarks;
  const out: LabelConditions & { rest: string } = { conditions: [], aggregate: false, percent: /%/.test(text), rest: '' };
  let rest = stripMarkup(text);
  const whole = resolveMetric(rest, rules);
  if (whole) return { ...out, metric: whole, percent: whole.percent ?? out.percent };
  for (const c of v.conditions) {
    c.re.lastIndex = 0;
    rest = rest.replace(c.re, (m: string, g1?: string) => {
      if (c.sets === 'shots') {
        const n = g1 === undefined ? NaN : /^\d+$/.test(g1) ? Number(g1) : (v.numberWords.get(g1.toLowerCase()) ?? NaN);
        if (!Number.isNaN(n)) out.shots ??= n;
      } else if (c.sets === 'aggregate') {
        out.aggregate = true;
        out.conditions.push(c.label ?? m.trim());
      } else {
        out.conditions.push(c.label ?? m.trim());
      }
      // Keep metric words glued to a condition ("Pass@1-COT"): cut the condition only.
      return ' ';
    });
  }
  rest = rest.replace(/%/g, ' ').replace(/[\s,;:/+()_-]+$/u, '').replace(/^[\s,;:/+()_-]+/u, '').trim();
  if (rest) {
    const metric = resolveMetric(rest, rules);
    if (metric) {
      out.metric = metric;
      rest = '';
    } else {
      const split = resolveSplit(rest, rules);
      if (split) {
        out.split = split;
        rest = '';
      } else {
        // Try metric mentions inside the rest ("acc norm strict").
        const mentions = findMetricMentions(rest, rules);
        if (mentions.length === 1) {
          const m = mentions[0]!;
          out.metric = { name: m.name, variant: m.variant, text: m.text, kind: v.metrics.get(m.name)!.kind, higherIsBetter: v.metrics.get(m.name)!.higherIsBetter };
          rest = (rest.slice(0, m.start) + ' ' + rest.slice(m.end)).replace(/^[\s,;:/()-]+|[\s,;:/()-]+$/gu, '').trim();
        }
      }
    }
  }
  out.rest = rest;
  return out;
}

/** Look up a bare benchmark name (no conditions): alias, id, then subtask patterns. */
function lookupBenchmark(core: string, v: BenchmarkVocabulary): Omit<BenchmarkMatch, keyof LabelConditions> | undefined {
  const key = nameKey(core);
  if (!key) return undefined;
  const hit = v.benchmarkByKey.get(key);
  if (hit && (!hit.exact || hit.exact.has(caseKey(core)))) return { name: hit.name, text: core, group: v.benchmarks.get(hit.name)?.group, via: hit.via };
  const trimmed = stripMarkup(core);
  for (const s of v.subtasks) {
    const m = s.re.exec(trimmed);
    if (m) {
      // A pattern with a `sub` group names a subtask of its suite ("MMLU/abstract_algebra"); without one it is an alias pattern.
      const sub = m.groups?.sub;
      return { name: sub ? `${s.group}/${sub.toLowerCase().replace(/-/g, '_')}` : s.group, text: trimmed, group: s.group, via: `pattern:${s.id}` };
    }
  }
  return undefined;
}

/**
 * Read a label completely: "MMLU (5-shot)" → MMLU, shots 5; "DROP (3-shot F1)" → DROP, f1, 3;
 * "HumanEval pass@1" → HumanEval, pass@1; "Avg." → aggregate; "Pile-test (BPB)" → Pile, bits-per-byte.
 * Returns the conditions even when no benchmark is named (core = the leftover words).
 */
export function parseLabel(text: string, rules: CompiledRules): ParsedLabel {
  const v = rules.benchmarks;
  // Table headers and row labels repeat row after row: read each once per rule set.
  let hit = v.labelMemo.get(text);
  if (!hit) {
    if (v.labelMemo.size > 20_000) v.labelMemo.clear();
    hit = readLabel(text, rules, v);
    v.labelMemo.set(text, hit);
  }
  return cloneLabel(hit);
}

function cloneLabel(l: ParsedLabel): ParsedLabel {
  return {
    ...l,
    conditions: [...l.conditions],
    ...(l.metric ? { metric: { ...l.metric } } : {}),
    ...(l.benchmark ? { benchmark: { ...l.benchmark, conditions: [...l.benchmark.conditions], ...(l.benchmark.metric ? { metric: { ...l.benchmark.metric } } : {}) } } : {}),
  };
}

function readLabel(text: string, rules: CompiledRules, v: BenchmarkVocabulary): ParsedLabel {
  const clean = stripMarkup(text).replace(/\s+/g, ' ').trim();
  const base: ParsedLabel = { conditions: [], aggregate: false, percent: /%/.test(clean), core: clean };
  if (!clean) return base;
  const direct = lookupBenchmark(clean, v);
  if (direct) return { ...base, benchmark: { ...direct, conditions: [], aggregate: false, percent: false }, core: clean };

  // Split off bracketed parts; each is a condition group.
  const groups: string[] = [];
  let core = clean.replace(/[([]([^)\]]*)[)\]]/g, (_m, inner: string) => {
    groups.push(inner);
    return ' ';
  });
  core = core.replace(/\s+/g, ' ').trim();
  // "MMLU - 5 shot", "MMLU: acc": the part after a dash-with-spaces or colon is conditions too.
  const sep = /\s[-–—:|]\s|:\s/.exec(core);
  if (sep && !lookupBenchmark(core, v)) {
    groups.push(core.slice(sep.index + sep[0].length));
    core = core.slice(0, sep.index).trim();
  }
  const merged: LabelConditions = { conditions: [], aggregate: false, percent: base.percent };
  const absorb = (c: LabelConditions & { rest: string }): string => {
    merged.shots ??= c.shots;
    merged.conditions.push(...c.conditions);
    merged.aggregate ||= c.aggregate;
    merged.split ??= c.split;
    merged.metric ??= c.metric;
    merged.percent ||= c.percent;
    return c.rest;
  };
  for (const g of groups) {
    const rest = absorb(readConditions(g, rules));
    if (rest) merged.conditions.push(rest);
  }
  let found = lookupBenchmark(core, v);
  if (!found && core) {
    // Conditions written without brackets: "GSM8K 5-shot", "HumanEval pass@1", "MMLU avg".
    const coreConds = readConditionsAround(core, rules, v);
    if (coreConds) {
      found = coreConds.found;
      absorb(coreConds.conditions);
      core = coreConds.found.text;
    }
  }
  if (found) return { ...merged, benchmark: { ...found, ...merged, conditions: merged.conditions }, core };
  // No benchmark: the label may still be an aggregate ("Avg.") or a metric ("Accuracy").
  const rest = readConditions(core, rules);
  return { ...merged, ...absorbInto(merged, rest), core: rest.rest };
}

function absorbInto(into: LabelConditions, c: LabelConditions): LabelConditions {
  return {
    shots: into.shots ?? c.shots,
    conditions: [...into.conditions, ...c.conditions],
    aggregate: into.aggregate || c.aggregate,
    split: into.split ?? c.split,
    metric: into.metric ?? c.metric,
    percent: into.percent || c.percent,
  };
}

/** A label whose only benchmark mention covers everything but condition and metric words. */
function readConditionsAround(core: string, rules: CompiledRules, v: BenchmarkVocabulary): { found: Omit<BenchmarkMatch, keyof LabelConditions>; conditions: LabelConditions & { rest: string } } | undefined {
  const mentions = findBenchmarkMentions(core, rules);
  if (mentions.length !== 1) return undefined;
  const m = mentions[0]!;
  const outside = `${core.slice(0, m.start)} ${core.slice(m.end)}`.trim();
  const conditions = readConditions(outside, rules);
  if (conditions.rest) return undefined;
  const found = lookupBenchmark(m.text, v) ?? { name: m.name, text: m.text, group: v.benchmarks.get(m.name)?.group, via: 'alias' as const };
  return { found, conditions };
}

/**
 * Resolve a benchmark label to its canonical name: "MMLU (5-shot)" → MMLU (shots 5);
 * "AI2 Reasoning Challenge (25-Shot)", "ARC (25-shot)", "arc_challenge", "ai2_arc" → ARC-Challenge;
 * "mmlu_abstract_algebra" → subtask of group MMLU. Undefined when the label names no known benchmark.
 */
export function resolveBenchmark(text: string, rules: CompiledRules): BenchmarkMatch | undefined {
  return parseLabel(text, rules).benchmark;
}

function scan(text: string, scanners: NameScanner[], keyToName: (key: string, matched: string) => { name: string; variant?: string } | undefined): NameMention[] {
  const found: NameMention[] = [];
  for (const scanner of scanners) {
    for (const m of scanNames(text, scanner)) {
      const hit = keyToName(nameKey(m[0]), m[0]);
      if (hit) found.push({ name: hit.name, text: m[0], start: m.index!, end: m.index! + m[0].length, ...(hit.variant ? { variant: hit.variant } : {}) });
    }
  }
  // Longest first; drop overlaps.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: NameMention[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) {
      if (f.end - f.start > last.end - last.start) out[out.length - 1] = f;
      continue;
    }
    out.push(f);
  }
  return out;
}

/** Benchmarks named in running text, in order, with offsets (longest alias wins: "MMLU-Pro" over "MMLU"). */
export function findBenchmarkMentions(text: string, rules: CompiledRules): NameMention[] {
  const v = rules.benchmarks;
  return scan(text, v.benchmarkScanners, (key) => {
    const name = v.benchmarkScanKey.get(key);
    return name ? { name } : undefined;
  });
}

/** Metrics named in running text, in order, with offsets ("top-1 accuracy", "WER", "pass@1"). */
export function findMetricMentions(text: string, rules: CompiledRules): NameMention[] {
  const v = rules.benchmarks;
  return scan(text, v.metricScanners, (key) => {
    const e = v.metricByKey.get(key);
    return e ? { name: e.info.name, variant: e.variant } : undefined;
  });
}

/** A condition named in running text ("5-shot", "CoT", "maj@1"), with offsets. */
export interface ConditionMention {
  id: string;
  sets: 'shots' | 'aggregate' | 'label';
  /** Label to record (the rule's label, or the words as written). */
  label: string;
  shots?: number;
  start: number;
  end: number;
}

/** Conditions named in running text, in order (the `conditions` rules, scanned). */
export function findConditions(text: string, rules: CompiledRules): ConditionMention[] {
  const v = rules.benchmarks;
  const out: ConditionMention[] = [];
  for (const c of v.conditions) {
    c.re.lastIndex = 0;
    for (const m of text.matchAll(c.re)) {
      const g1 = m[1];
      const shots = c.sets === 'shots' && g1 !== undefined ? (/^\d+$/.test(g1) ? Number(g1) : v.numberWords.get(g1.toLowerCase())) : undefined;
      if (c.sets === 'shots' && shots === undefined) continue;
      out.push({ id: c.id, sets: c.sets, label: c.label ?? m[0].trim(), ...(shots !== undefined ? { shots } : {}), start: m.index!, end: m.index! + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
