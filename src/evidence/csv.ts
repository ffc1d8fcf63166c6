/**
 * CSV evidence with a header row → raw results. Header names are matched through the aliases in
 * rules/evidence.yaml (`csvColumns`); a header that names a metric (`metricColumns`, e.g. a
 * leaderboard's `win_rate`) holds that metric's values when there is no `value` column. With no
 * benchmark column, the benchmark comes from the file name ("alpaca-eval_leaderboard.csv").
 */
import type { EvidenceRecord } from '../model/types.ts';
import type { RawResult } from './raw-result.ts';
import { malformed } from './parse-source.ts';

/** One parsed CSV row with the 1-based line it starts on. */
export interface CsvRow {
  cells: string[];
  line: number;
}

/** Guess the delimiter from the header line (comma, tab or semicolon). */
export function csvDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** RFC 4180 parsing (quoted cells, doubled quotes, CRLF); an unterminated quote is EVIDENCE_MALFORMED. */
export function parseCsv(text: string, file: string, delimiter = csvDelimiter(text)): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw malformed(file, 'unterminated quoted cell', { line: quoteLine });
  cells.push(cell);
  if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ cells, line: rowLine });
  return rows;
}

/** True when text looks like a CSV table: a `.csv`/`.tsv` name, or a header of ≥ 2 cells and a first row of the same width. */
export function looksLikeCsv(text: string, file = ''): boolean {
  if (/\.(csv|tsv)$/i.test(file)) return true;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 2);
  if (lines.length < 2) return false;
  const d = csvDelimiter(text);
  const widths = lines.map((l) => l.split(d).length);
  return widths[0]! >= 2 && widths[0] === widths[1];
}

/** Column aliases and metric columns from rules/evidence.yaml. */
export interface CsvOptions {
  file: string;
  columns: Array<{ field: string; aliases: string[] }>;
  metricColumns: string[];
  /** Benchmark named by the file name, for CSVs without a benchmark column. */
  benchmarkFromFileName: (name: string) => string | undefined;
  /** Benchmark (with shots / metric words) a column header names, for wide tables ("Model, ARC, MMLU (5-shot)"). */
  benchmarkOfHeader: (header: string) => { name: string; shots?: number; metric?: string } | undefined;
  /** Whether a header names an average of the row's benchmark columns ("Average"). */
  isAggregateHeader?: (header: string) => boolean;
}

/** Header normal form: lower case, trimmed, spaces and dashes as `_`. */
export function headerKey(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function numberCell(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim().replace(/%$/, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** Read CSV evidence. Throws EVIDENCE_MALFORMED (file and line) for a missing value column or ragged rows. */
export function readCsv(text: string, options: CsvOptions): RawResult[] {
  const { file } = options;
  const rows = parseCsv(text, file);
  if (rows.length === 0) throw malformed(file, 'the CSV is empty', { line: 1 });
  const header = rows[0]!;
  const keys = header.cells.map(headerKey);
  const field = new Map<string, number>();
  keys.forEach((k, i) => {
    for (const col of options.columns) {
      if (col.aliases.some((a) => headerKey(a) === k) && !field.has(col.field)) field.set(col.field, i);
    }
  });
  const metricCols = keys.map((k, i) => [k, i] as const).filter(([k]) => options.metricColumns.some((a) => headerKey(a) === k));
  const valueCol = field.get('value');
  // Wide tables: one column per benchmark, one row per model (a leaderboard export).
  const benchmarkCols =
    valueCol === undefined && metricCols.length === 0 && !field.has('benchmark')
      ? header.cells.map((h, i) => ({ i, b: [...field.values()].includes(i) ? undefined : options.benchmarkOfHeader(h) })).filter((x): x is { i: number; b: { name: string; shots?: number; metric?: string } } => x.b !== undefined)
      : [];
  if (valueCol === undefined && metricCols.length === 0 && benchmarkCols.length === 0) {
    throw malformed(file, `no value column in the header (${header.cells.map((c) => JSON.stringify(c)).join(', ')}); expected one of ${options.columns.find((c) => c.field === 'value')?.aliases.join(', ')}, a metric column (${options.metricColumns.join(', ')}) or benchmark columns`, { line: header.line, column: 1 });
  }
  // An "Average" column of a wide table averages the row's benchmark columns.
  const averageCols = benchmarkCols.length > 1 && options.isAggregateHeader ? header.cells.map((h, i) => ({ h, i })).filter(({ h, i }) => ![...field.values()].includes(i) && options.isAggregateHeader!(h)) : [];
  let fixedBenchmark: string | undefined;
  if (!field.has('benchmark') && benchmarkCols.length === 0) {
    fixedBenchmark = options.benchmarkFromFileName(file);
    if (!fixedBenchmark) {
      throw malformed(file, `no benchmark column in the header, and the file name names no known benchmark; add a column named ${options.columns.find((c) => c.field === 'benchmark')?.aliases.join(' / ')}`, { line: header.line, column: 1 });
    }
  }
  const out: RawResult[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== header.cells.length) {
      throw malformed(file, `row has ${row.cells.length} cells but the header has ${header.cells.length}`, { line: row.line });
    }
    const get = (f: string): string | undefined => {
      const i = field.get(f);
      const v = i === undefined ? undefined : row.cells[i]!.trim();
      return v === '' ? undefined : v;
    };
    const targets: Array<{ col: number; metric?: string; benchmark?: string; shots?: number }> =
      valueCol !== undefined
        ? [{ col: valueCol, metric: get('metric') }]
        : metricCols.length > 0
          ? metricCols.map(([, i]) => ({ col: i, metric: header.cells[i]!.trim() }))
          : benchmarkCols.map(({ i, b }) => ({ col: i, benchmark: b.name, ...(b.metric ? { metric: b.metric } : {}), ...(b.shots !== undefined ? { shots: b.shots } : {}) }));
    for (const a of averageCols) {
      const value = numberCell(row.cells[a.i]);
      if (value === undefined) continue;
      const members = benchmarkCols.map((b) => b.b.name);
      const raw: RawResult = { benchmarkText: a.h.trim(), value, location: `line ${row.line}`, methodology: { aggregation: 'average of the row' }, aggregateOf: members, scaleHint: 'percent' };
      const model = get('model');
      if (model) raw.model = model;
      out.push(raw);
    }
    for (const t of targets) {
      const value = numberCell(row.cells[t.col]);
      if (value === undefined) continue;
      const methodology: EvidenceRecord['methodology'] = {};
      const harness = get('harness');
      if (harness) methodology.harness = harness;
      const hv = get('harnessVersion');
      if (hv) methodology.harnessVersion = hv;
      const variant = get('metricVariant');
      const ph = get('promptHash');
      if (ph) methodology.promptHash = ph;
      const mode = get('mode');
      if (mode) methodology.mode = mode;
      const judge = get('judge');
      if (judge) methodology.judge = judge;
      const benchmarkText = t.benchmark ?? get('benchmark') ?? fixedBenchmark!;
      const raw: RawResult = { benchmarkText, value, location: `line ${row.line}`, methodology };
      if (t.metric) raw.metricText = t.metric;
      if (variant) raw.answerFilter = variant;
      if (/%\s*$/.test(row.cells[t.col]!)) raw.scaleHint = 'percent';
      const stderr = numberCell(get('stderr'));
      if (stderr !== undefined && valueCol === undefined && metricCols.length + benchmarkCols.length > 1) {
        // one stderr column cannot belong to several metric columns
      } else if (stderr !== undefined) raw.stderr = stderr;
      const n = numberCell(get('n'));
      if (n !== undefined) raw.n = n;
      const shots = numberCell(get('shots')) ?? t.shots;
      if (shots !== undefined) raw.shots = shots;
      const model = get('model');
      if (model) raw.model = model;
      for (const k of ['split', 'revision', 'date'] as const) {
        const v = get(k);
        if (v) raw[k] = v;
      }
      out.push(raw);
    }
  }
  return out;
}
