/**
 * Quantities from one table row (a Sentence with context.table). Column headers and the row
 * label give benchmark, metric and shots; a "Model" column (or a row label that names no
 * benchmark while headers do) makes the table transposed: models in rows, benchmarks in columns.
 * In benchmark-row tables, value columns headed by model names give each number its model.
 * Header vocabulary lives in rules/benchmarks.yaml (`tableHeaders`).
 */
import type { Quantity, Sentence } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { TABLE_HEADER_ROLES } from '../rules/kinds/names.ts';
import type { RuleData } from '../rules/kinds/index.ts';
import { benchmarkInfo, metricInfo, type BenchmarksData, nameKey, parseLabel, readConditions, stripMarkup, type MetricMatch, type ParsedLabel } from './benchmark-names.ts';
import { parseCellNumber } from './quantities-numbers.ts';
import { relateModel, type OwnModel } from './quantities-model.ts';
import { splitIn } from './quantities-prose.ts';

type HeaderRole = (typeof TABLE_HEADER_ROLES)[number];

/** What a column is, read from its header. */
type Column =
  | { kind: 'role'; role: HeaderRole; header: string }
  | { kind: 'bench'; header: string; label: ParsedLabel }
  | { kind: 'metric'; header: string; label: ParsedLabel }
  | { kind: 'aggregate'; header: string; label: ParsedLabel }
  | { kind: 'blank'; header: string }
  | { kind: 'other'; header: string; label: ParsedLabel };

/** What table reading needs from the rules, compiled once per rule set. */
export interface TableVocab {
  /** Header key → the role a column with that header plays (rules/benchmarks.yaml `tableHeaders`). */
  headerRoles: Map<string, HeaderRole>;
  /** Memo: column header → what it says (tables repeat their headers on every row); filled as tables are read. */
  columns: Map<string, Column>;
  /** The words that only say how a model's weights are stored or adapted, as one pattern (null: none). */
  weightWords: RegExp | null;
}

/** The table vocabulary of the merged benchmarks rules and the evidence rules (compileRuleSet calls this once). */
export function compileTableVocab(data: BenchmarksData, evidence: Pick<RuleData<'evidence'>, 'modelNames'>): TableVocab {
  const headerRoles = new Map<string, HeaderRole>();
  for (const role of TABLE_HEADER_ROLES) for (const p of data.tableHeaders[role]?.phrases ?? []) headerRoles.set(headerKey(p), role);
  const ev = evidence.modelNames;
  const words = [...(ev?.precisionWords ?? []), ...(ev?.quantisationWords ?? [])].filter((w) => w.trim() !== '');
  const weightWords = words.length ? new RegExp(`(^|[\\s_(/-])(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=$|[\\s_)/-])`, 'gi') : null;
  return { headerRoles, columns: new Map(), weightWords };
}

/** The role a column header plays ("Model", "# Shots", "Metric", "Value", "Size" ...), if it is one of the vocabulary's. */
export function headerRole(header: string, rules: CompiledRules): HeaderRole | undefined {
  return rules.tables.headerRoles.get(headerKey(header));
}

/** Header comparison key; headers of symbols only ("±", "#") are compared as written. */
function headerKey(text: string): string {
  return nameKey(text) || stripMarkup(text).trim();
}

/** What a column header says, read once per rule set (tables repeat their headers on every row). */
function readColumn(header: string, rules: CompiledRules): Column {
  const memo = rules.tables.columns;
  let col = memo.get(header);
  if (!col) {
    if (memo.size > 20_000) memo.clear();
    col = readColumnUncached(header, rules);
    memo.set(header, col);
  }
  return col;
}

function readColumnUncached(header: string, rules: CompiledRules): Column {
  const h = stripMarkup(header).replace(/\s+/g, ' ').trim();
  if (!h) return { kind: 'blank', header: h };
  const role = headerRole(h, rules);
  if (role) return { kind: 'role', role, header: h };
  // Multi-row headers arrive joined with " / ": read the most specific part that names something.
  const parts = h.split(' / ').map((p) => p.trim()).filter(Boolean);
  for (const candidate of parts.length > 1 ? [h, ...parts.reverse()] : [h]) {
    const label = parseLabel(candidate, rules);
    if (label.benchmark) {
      if (candidate !== h) mergeOtherParts(label, parts, candidate, rules);
      return { kind: 'bench', header: h, label };
    }
  }
  const label = parseLabel(h, rules);
  if (!label.core && label.metric) return { kind: 'metric', header: h, label };
  if (!label.core && label.aggregate) return { kind: 'aggregate', header: h, label };
  if (label.aggregate && !label.benchmark) return { kind: 'aggregate', header: h, label };
  return { kind: 'other', header: h, label };
}

/** Conditions from the other parts of a multi-row header ("MMLU / 5-shot"). */
function mergeOtherParts(label: ParsedLabel, parts: string[], used: string, rules: CompiledRules): void {
  for (const p of parts) {
    if (p === used) continue;
    const c = readConditions(p, rules);
    label.shots ??= c.shots;
    label.metric ??= c.metric;
    label.conditions.push(...c.conditions);
    label.percent ||= c.percent;
  }
}

interface RowContext {
  rules: CompiledRules;
  own: OwnModel;
  sentence: Sentence;
}

interface Reading {
  benchmark?: string;
  benchmarkText?: string;
  metric?: MetricMatch;
  shots?: number;
  split?: string;
  conditions: string[];
  percent: boolean;
  aggregate: boolean;
}

function fromLabel(label: ParsedLabel, text: string): Reading {
  const b = label.benchmark;
  return {
    benchmark: b?.name ?? (label.core || undefined),
    benchmarkText: b?.text ?? (text || undefined),
    metric: label.metric,
    shots: label.shots,
    split: label.split,
    conditions: [...label.conditions],
    percent: label.percent,
    aggregate: label.aggregate,
  };
}

/** Combine two readings: `a` wins where both say something, conditions are joined. */
function merge(a: Reading, b: Reading): Reading {
  return {
    benchmark: a.benchmark ?? b.benchmark,
    benchmarkText: a.benchmarkText ?? b.benchmarkText,
    metric: a.metric ?? b.metric,
    shots: a.shots ?? b.shots,
    split: a.split ?? b.split,
    conditions: [...new Set([...a.conditions, ...b.conditions])],
    percent: a.percent || b.percent,
    aggregate: a.aggregate || b.aggregate,
  };
}

const EMPTY: Reading = { conditions: [], percent: false, aggregate: false };

function build(ctx: RowContext, r: Reading, cellText: string, cellIndex: number, model: string | undefined, ownModel: boolean): Quantity | undefined {
  const n = parseCellNumber(cellText, ctx.rules);
  if (!n) return undefined;
  const conditions = [...r.conditions];
  let shots = r.shots;
  if (n.extra) {
    const c = readConditions(n.extra, ctx.rules);
    shots ??= c.shots;
    conditions.push(...c.conditions);
    if (c.rest) conditions.push(c.rest);
  }
  const known = r.benchmark ? benchmarkInfo(r.benchmark, ctx.rules) : undefined;
  const metricKind = r.metric?.kind ?? (known?.metric ? metricInfo(known.metric, ctx.rules)?.kind : undefined);
  const percent = n.percent || r.percent || r.metric?.percent === true;
  let scale: Quantity['scale'];
  if (percent) scale = 'percent';
  else if (metricKind === 'raw') scale = 'raw';
  else if (metricKind === 'rate') scale = Math.abs(n.value) <= 1 && n.precision > 0 ? 'fraction' : 'percent';
  else scale = known?.scale ?? 'raw';
  const q: Quantity = {
    value: n.value,
    raw: n.raw,
    precision: n.precision,
    scale,
    cell: cellIndex,
    ownModel,
  };
  if (r.benchmark) q.benchmark = r.benchmark;
  if (r.benchmarkText) q.benchmarkText = r.benchmarkText;
  if (r.metric) q.metric = r.metric.name;
  if (scale === 'percent') q.unit = '%';
  if (shots !== undefined) q.shots = shots;
  // A row label such as "LibriSpeech test-clean" names its split inside the benchmark words.
  const split = r.split ?? (r.benchmarkText ? splitIn(r.benchmarkText, ctx.rules) : undefined);
  if (split) q.split = split;
  if (n.comparator) q.comparator = n.comparator;
  if (n.stderr !== undefined) q.stderr = n.stderr;
  if (model) q.model = model;
  if (r.metric?.variant) conditions.push(r.metric.variant);
  if (r.aggregate && !conditions.includes('average')) conditions.push('average');
  if (conditions.length) q.conditions = [...new Set(conditions)];
  return q;
}

function cellAt(cells: string[], i: number): string {
  return stripMarkup(cells[i] ?? '').replace(/\s+/g, ' ').trim();
}

/** A cell that names a row: not blank, not a number or dash. */
function isLabelCell(text: string): boolean {
  return text !== '' && !/^[-–—?]+$/.test(text) && !/^[~≈≥≤<>±\s\d.,%*+-]+$/u.test(text);
}

/** Quantities of one table-row sentence. */
export function tableQuantities(sentence: Sentence, rules: CompiledRules, own: OwnModel): Quantity[] {
  const t = sentence.context.table;
  if (!t) return [];
  const row = readRow(t, rules);
  const ctx: RowContext = { rules, own, sentence };
  // Models in rows: a "Model" column, or benchmark headers over a row label that names no benchmark, aggregate or metric.
  const transposed = row.modelCol >= 0 || (row.benchCol < 0 && row.benchHeaders > 0 && !row.rowLabel.benchmark && !row.rowLabel.aggregate && !row.rowLabel.metric);
  return transposed ? modelsInRows(row, ctx) : benchmarksInRows(row, ctx);
}

/** One table row read against its columns: where the roles are, the facts they give, the row's label. */
interface RowLayout {
  table: NonNullable<Sentence['context']['table']>;
  cells: string[];
  columns: Column[];
  roleIndex: (role: HeaderRole) => number;
  modelCol: number;
  benchCol: number;
  metricCol: number;
  shotsCol: number;
  splitCol: number;
  benchHeaders: number;
  metricHeaders: number;
  /** Facts the role columns give the row. */
  rowFacts: Reading;
  /** The row's own standard error ("Stderr", "±" column). */
  stderr: number | undefined;
  labelCol: number;
  labelText: string;
  rowLabel: ReturnType<typeof parseLabel>;
}

function readRow(t: NonNullable<Sentence['context']['table']>, rules: CompiledRules): RowLayout {
  const cells = t.cells;
  const width = Math.max(cells.length, t.headers.length);
  const columns: Column[] = [];
  for (let i = 0; i < width; i++) columns.push(readColumn(t.headers[i] ?? '', rules));
  const roleIndex = (role: HeaderRole): number => columns.findIndex((c) => c.kind === 'role' && c.role === role);
  const modelCol = roleIndex('model');
  const benchCol = roleIndex('benchmark');
  const metricCol = roleIndex('metric');
  const shotsCol = roleIndex('shots');
  const splitCol = roleIndex('split');
  const benchHeaders = columns.filter((c) => c.kind === 'bench').length;
  const metricHeaders = columns.filter((c) => c.kind === 'metric').length;

  let rowFacts: Reading = { ...EMPTY, conditions: [] };
  if (metricCol >= 0 && cellAt(cells, metricCol)) {
    const text = cellAt(cells, metricCol);
    const label = parseLabel(text, rules);
    // A "Metric" column sometimes holds benchmark names ("ARC (25-shot)"): read whatever it names.
    rowFacts = merge(rowFacts, label.benchmark ? fromLabel(label, text) : { ...EMPTY, metric: label.metric, shots: label.shots, conditions: label.core ? [label.core, ...label.conditions] : label.conditions, percent: label.percent, aggregate: label.aggregate });
  }
  if (shotsCol >= 0) {
    const c = readConditions(cellAt(cells, shotsCol), rules);
    const bare = /^\d+$/.exec(cellAt(cells, shotsCol));
    rowFacts = merge(rowFacts, { ...EMPTY, shots: c.shots ?? (bare ? Number(bare[0]) : undefined), conditions: c.conditions, metric: c.metric });
  }
  if (splitCol >= 0 && cellAt(cells, splitCol)) rowFacts = merge(rowFacts, { ...EMPTY, split: cellAt(cells, splitCol) });
  const conditionCols = columns.map((c, j) => (c.kind === 'role' && c.role === 'condition' ? j : -1)).filter((j) => j >= 0);
  for (const j of conditionCols) if (isLabelCell(cellAt(cells, j)) && !/^none$/i.test(cellAt(cells, j))) rowFacts = merge(rowFacts, { ...EMPTY, conditions: [cellAt(cells, j)] });
  // A standard-error column ("Stderr", "±") qualifies the row's value.
  const stderrCol = roleIndex('stderr');
  const stderrCell = stderrCol >= 0 ? cellAt(cells, stderrCol).replace(/^±\s*/, '') : '';
  const stderr = /^\d+(?:\.\d+)?$/.test(stderrCell) ? Number(stderrCell) : undefined;

  // Label of the row: the benchmark column, else the model column, else the row-label column, else the first label-like cell.
  let labelCol = benchCol >= 0 ? benchCol : modelCol;
  if (labelCol < 0 && t.rowLabel !== undefined) labelCol = t.headers.indexOf(t.rowLabel);
  if (labelCol < 0) {
    labelCol = cells.findIndex((_c, j) => {
      const col = columns[j];
      return isLabelCell(cellAt(cells, j)) && !(col?.kind === 'role' && ['ignore', 'group', 'condition', 'split', 'stderr'].includes(col.role));
    });
  }
  let labelText = labelCol >= 0 ? cellAt(cells, labelCol) : '';
  // A number is not a row label (training-log tables have no label column).
  if (!isLabelCell(labelText)) labelText = '';
  if (!labelText && t.groupLabel) labelText = stripMarkup(t.groupLabel);
  const rowLabel = parseLabel(labelText, rules);
  return { table: t, cells, columns, roleIndex, modelCol, benchCol, metricCol, shotsCol, splitCol, benchHeaders, metricHeaders, rowFacts, stderr, labelCol, labelText, rowLabel };
}

/** Models in rows, benchmarks in columns. */
function modelsInRows(row: RowLayout, ctx: RowContext): Quantity[] {
  const { table: t, cells, columns, modelCol, benchCol, labelCol, labelText, rowFacts } = row;
  const rules = ctx.rules;
  const modelText = (modelCol >= 0 ? cellAt(cells, modelCol) : labelText) || (t.groupLabel ? stripMarkup(t.groupLabel) : '');
  if (!modelText) return [];
  // A "Size" column next to the model name completes it ("Llama 2" + "7B").
  const sizeAt = columns.findIndex((c, j) => (c.kind === 'blank' || (c.kind === 'role' && c.role === 'ignore')) && /^\d+(\.\d+)?\s*[BMKT]$/i.test(cellAt(cells, j)));
  const sizeSuffix = sizeAt >= 0 ? ` ${cellAt(cells, sizeAt)}` : '';
  const model = `${modelText}${/\d\s*[BMKT]\b/i.test(modelText) ? '' : sizeSuffix}`;
  const own = relateModel(withoutWeightWords(modelText, rules), ctx.own, rules) !== 'other';
  const rowBench = benchCol >= 0 ? parseLabel(cellAt(cells, benchCol), rules) : undefined;
  const resultsTable = row.benchHeaders > 0 || row.metricHeaders > 0 || rowBench?.benchmark !== undefined;
  if (!resultsTable) return [];
  const out: Quantity[] = [];
  columns.forEach((col, j) => {
    if (j === modelCol || j === labelCol || j === benchCol) return;
    let reading: Reading | undefined;
    if (col.kind === 'bench') reading = merge(rowFacts, fromLabel(col.label, col.header));
    else if (col.kind === 'metric') reading = merge(rowBench ? fromLabel(rowBench, cellAt(cells, benchCol)) : rowFacts, fromLabel(col.label, ''));
    else if (col.kind === 'aggregate') reading = merge(rowFacts, { ...fromLabel(col.label, col.header), benchmark: undefined, benchmarkText: col.header, aggregate: true });
    else if (col.kind === 'other') reading = merge(rowFacts, { ...fromLabel(col.label, col.header), benchmark: col.label.core || col.header });
    else if (col.kind === 'role' && col.role === 'value' && rowBench) reading = merge(rowFacts, fromLabel(rowBench, cellAt(cells, benchCol)));
    if (!reading) return;
    const q = build(ctx, reading, cells[j] ?? '', j, model, own);
    if (!q) return;
    // A "±" / "Stderr" column right after a benchmark column is that column's standard error (never a claimed value).
    const next = columns[j + 1];
    if (q.stderr === undefined && next?.kind === 'role' && next.role === 'stderr') {
      const se = cellAt(cells, j + 1).replace(/^±\s*/, '');
      if (/^\d+(?:\.\d+)?$/.test(se)) q.stderr = Number(se);
    }
    out.push(q);
  });
  return out;
}

/** Benchmarks (or an aggregate, or a metric) in rows, models (or metrics) in columns. */
function benchmarksInRows(row: RowLayout, ctx: RowContext): Quantity[] {
  const { table: t, cells, columns, labelCol, labelText, metricCol, shotsCol, splitCol, modelCol, benchCol, rowFacts } = row;
  const rules = ctx.rules;
  let label = row.rowLabel;
  let rowReading = fromLabel(label, labelText);
  if (!label.benchmark && t.groupLabel && labelCol >= 0 && cellAt(cells, labelCol)) {
    // Grouped rows: "MMLU" group with "STEM", "Humanities" rows; the row label is then a condition.
    const group = parseLabel(stripMarkup(t.groupLabel), rules);
    if (group.benchmark) {
      label = group;
      rowReading = merge(fromLabel(group, stripMarkup(t.groupLabel)), { ...EMPTY, conditions: [labelText] });
    }
  }
  rowReading = merge(rowFacts.benchmark ? rowFacts : rowReading, rowFacts.benchmark ? rowReading : rowFacts);
  const rowHasBenchmark = rowReading.benchmark !== undefined && (label.benchmark !== undefined || rowFacts.benchmark !== undefined);
  const metricEvidence = rowReading.metric !== undefined || row.metricHeaders > 0 || (benchCol >= 0 && metricCol >= 0);
  // An aggregate row ("Avg.", "Total") counts only in a results table: one whose headers name a metric, a benchmark or a value.
  const resultsTable = metricCol >= 0 || row.metricHeaders > 0 || row.benchHeaders > 0 || row.roleIndex('value') >= 0;
  const isAggregate = rowReading.aggregate && !label.benchmark && !rowFacts.benchmark && resultsTable;
  // A row counts when it names a known benchmark, an aggregate of a results table, or an unknown benchmark with a metric.
  if (!rowHasBenchmark && !isAggregate && !(metricEvidence && rowReading.benchmark)) return [];
  if (isAggregate) rowReading = { ...rowReading, benchmark: undefined, benchmarkText: labelText };
  const valueCols = columns.map((c, j) => ({ c, j })).filter(({ c, j }) => j !== labelCol && j !== metricCol && j !== shotsCol && j !== splitCol && j !== modelCol && !(c.kind === 'role' && c.role !== 'value'));
  // Beside columns named by model, a blank-headed column is a model we cannot name (a spanned group header lost in a PDF).
  const namedModels = valueCols.some(({ c }) => c.kind === 'other');
  const out: Quantity[] = [];
  for (const { c, j } of valueCols) {
    let reading = rowReading;
    let model: string | undefined = ctx.own.display;
    let isOwn = true;
    if (c.kind === 'blank' && namedModels) {
      model = undefined;
      isOwn = false;
    }
    if (c.kind === 'metric') reading = merge(rowReading, { ...EMPTY, metric: c.label.metric, shots: c.label.shots, conditions: c.label.conditions, percent: c.label.percent });
    else if (c.kind === 'other') {
      const rel = relateModel(withoutWeightWords(c.header, rules), ctx.own, rules);
      model = c.header;
      isOwn = rel !== 'other';
      // A multi-row header "WER (%) / Heron ASR v2": the upper rows give the metric, the last names the model.
      const parts = c.header.split(' / ').map((p) => p.trim()).filter(Boolean);
      if (parts.length > 1) {
        model = parts[parts.length - 1];
        for (const part of parts.slice(0, -1)) {
          const cond = readConditions(part, rules);
          reading = merge(reading, { ...EMPTY, metric: cond.metric, shots: cond.shots, conditions: cond.conditions, percent: cond.percent });
        }
      }
    } else if (c.kind === 'bench') {
      // A benchmark in both row and column: the column is a sub-measure ("MMLU" row, "STEM" column) only when the row is an aggregate.
      if (!isAggregate) continue;
      reading = merge(fromLabel(c.label, c.header), rowReading);
    } else if (c.kind === 'aggregate') continue;
    const q = build(ctx, reading, cells[j] ?? '', j, model, isOwn);
    if (q) {
      if (row.stderr !== undefined && q.stderr === undefined) q.stderr = row.stderr;
      out.push(q);
    }
  }
  return out;
}

/**
 * A model name without the words that only say how its weights are stored or adapted ("Llama 3.2 1B
 * QLoRA" → "Llama 3.2 1B"; rules/evidence.yaml `modelNames.precisionWords` and `quantisationWords`):
 * such a column is the card's own family (issue 12); the column keeps its full name as its model, so
 * evidence is still matched to the exact variant.
 */
function withoutWeightWords(name: string, rules: CompiledRules): string {
  const re = rules.tables.weightWords;
  if (!re) return name;
  const stripped = name.replace(re, '$1').replace(/\s{2,}/g, ' ').replace(/[\s(/-]+$/, '').trim();
  return stripped || name;
}
