/**
 * evidence: eval result files → EvidenceRecord[]; claims ↔ evidence links with verdicts.
 *
 * - readEvidence: one file, format detected from content (detect.ts), one module per format.
 * - evidenceFromCard: the card's model-index (declared) and its own numbers (self-reported).
 * - linkEvidence: every quantity of a claim (and every model-index entry, claimId
 *   `${docId}:model-index:${i}`) linked to evidence with a verdict; plus scope coverage links.
 */
import { createHash } from 'node:crypto';
import type { EvidenceRecord, InputFile, Link } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { decodeUtf8, DEFAULT_MAX_BYTES } from '../ingest/index.ts';
import { WarrantError } from '../model/errors.ts';
import type { JudgedDocument } from '../model/judged.ts';
import { detectEvidence } from './detect.ts';
import { readLmEval } from './lm-eval.ts';
import { makeTableResults, parseMakeTables } from './lm-eval-markdown.ts';
import { readLeaderboardV1 } from './leaderboard.ts';
import { hubIdFromPath, modelFromFileName } from './model-from-path.ts';
import type { RawResult } from './raw-result.ts';

export { parseModelIndex } from './model-index.ts';
import { readMteb } from './mteb.ts';
import { parseModelIndex, modelIndexRaw } from './model-index.ts';
import { parseEvalResults, evalResultRaw } from './eval-results.ts';
import { readCsv } from './csv.ts';
import { toRecords } from './record.ts';
import { benchmarkOfLabel, isAggregateLabel, type Names } from './names.ts';
import { declaredRecords, selfReportedRecords } from './card-tables.ts';
import { linkQuantities } from './link.ts';
import { codeBlockRecords } from './card-code-tables.ts';
import { scopeCoverage } from './coverage.ts';
import { malformed } from './parse-source.ts';
import { judgeInJson } from './judges.ts';

export { scopeCoverage, scopeGaps, type ScopeGap } from './coverage.ts';
export { UNDERSTOOD_FORMATS } from './detect.ts';
export { modelIndexId, selfReportedId, cardModelName } from './card-tables.ts';

/** Benchmark named by a file name ("alpaca-eval_leaderboard.csv" → AlpacaEval), trying word runs longest first. */
export function benchmarkFromFileName(name: string, names: Names): string | undefined {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[a-z0-9]+$/i, '');
  const words = base.split(/[_\s.]+|(?<=[a-z])-(?=[a-z])|-/i).filter(Boolean);
  for (let len = Math.min(words.length, 4); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const slice = words.slice(i, i + len);
      for (const joiner of ['-', ' ', '_', '']) {
        const b = names.benchmark(slice.join(joiner));
        if (b) return b.name;
      }
    }
  }
  return undefined;
}

/** Limits of one evidence file (issue 17: evidence files skipped the input size limit). */
export interface EvidenceLimits {
  /** Max bytes (default: the document limit, 20 MiB). */
  maxBytes?: number;
  /** Max results (rows, metric values) in one file (default 200,000). */
  maxRecords?: number;
}

/** Default bound on the results one evidence file may hold. */
export const DEFAULT_MAX_EVIDENCE_RECORDS = 200_000;

function tooManyRecords(file: string, limit: number): WarrantError {
  return new WarrantError('TOO_MANY_RECORDS', `${file} holds more than ${limit} results; split it, or give only the results the card states`, { file, details: { limit } });
}

/** Read one evidence file (format detected from content). Throws EVIDENCE_* errors, TOO_LARGE and TOO_MANY_RECORDS. */
export function readEvidence(input: InputFile, rules: CompiledRules, limits: EvidenceLimits = {}): EvidenceRecord[] {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRecords = limits.maxRecords ?? DEFAULT_MAX_EVIDENCE_RECORDS;
  if (input.bytes.byteLength > maxBytes) {
    throw new WarrantError('TOO_LARGE', `${input.name} is ${input.bytes.byteLength} bytes; the limit is ${maxBytes}`, { file: input.name });
  }
  // Rows are counted before they are parsed, so a million-row CSV is refused in milliseconds.
  // (Line-based files only: a pretty-printed JSON file spends many lines on one result.)
  const first = input.bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
  if (first !== 0x7b && first !== 0x5b) {
    let lines = 0;
    for (let i = input.bytes.indexOf(10); i >= 0; i = input.bytes.indexOf(10, i + 1)) {
      if (++lines > maxRecords + 1) throw tooManyRecords(input.name, maxRecords);
    }
  }
  const text = decodeUtf8(input);
  const file = input.name;
  const names = rules.names;
  const er = rules.evidence;
  const idPrefix = `ev-${createHash('sha256').update(input.bytes).digest('hex').slice(0, 12)}`;
  const detected = detectEvidence(text, file);
  const ctx = { names, rules: er, source: file, idPrefix };
  let records: EvidenceRecord[];
  switch (detected.kind) {
    case 'lm-eval': {
      const { format, results } = readLmEval(detected.value, { file, noFilter: er.lmEval.noFilter, nonMetricKeys: er.lmEval.nonMetricKeys, taskMetrics: er.lmEval.taskMetrics, zeroShotTasks: er.lmEval.zeroShotTasks });
      records = toRecords(withPathModel(results, file, false), { ...ctx, format, tier: 'harness' }).records;
      break;
    }
    case 'lm-eval-markdown': {
      const sections = parseMakeTables(detected.text, er.lmEval.averageLabels);
      const { results, emptyAverages } = makeTableResults(sections, { harness: 'lm-evaluation-harness', logFormat: 'make_table Markdown' }, er.lmEval.noFilter);
      // An "Average:" line with no number (a suite that did not run) is said in the records' methodology, not dropped silently.
      if (emptyAverages.length) for (const r of results) r.methodology.emptyAverages = emptyAverages;
      records = toRecords(withPathModel(zeroShot(results, er.lmEval.zeroShotTasks), file, true), { ...ctx, format: 'lm-eval-legacy', tier: 'harness' }).records;
      break;
    }
    case 'leaderboard-v1': {
      const raws = readLeaderboardV1(detected.value, file, (task) => names.benchmark(task)?.group ?? names.benchmark(task.replace(/:/g, '_'))?.group);
      records = toRecords(raws, { ...ctx, format: 'lm-eval-legacy', tier: 'harness' }).records;
      break;
    }
    case 'mteb':
      records = toRecords(withPathModel(readMteb(detected.value, file), file, false), { ...ctx, format: 'mteb', tier: 'harness' }).records;
      break;
    case 'model-index': {
      const parsed = parseModelIndex(detected.value, { file, lineOf: detected.lineOf });
      records = toRecords(parsed.results.map((r) => modelIndexRaw(r, er.modelIndex.datasetNamePrefixes)), { ...ctx, format: 'model-index', tier: 'declared' }).records;
      break;
    }
    case 'eval-results': {
      const entries = parseEvalResults(detected.value, file, detected.lineOf);
      records = toRecords(entries.map(evalResultRaw), { ...ctx, format: 'eval-results', tier: 'declared' }).records;
      break;
    }
    case 'csv': {
      const raws = readCsv(detected.text, {
        file,
        columns: er.csvColumns,
        metricColumns: er.metricColumns.aliases,
        benchmarkFromFileName: (n) => benchmarkFromFileName(n, names),
        benchmarkOfHeader: (h) => benchmarkOfLabel(h, rules),
        isAggregateHeader: (h) => isAggregateLabel(h, rules),
      });
      records = toRecords(raws, { ...ctx, format: 'csv', tier: 'harness' }).records;
      break;
    }
  }
  if (records.length === 0) throw malformed(file, 'the file holds no numeric result');
  if (records.length > maxRecords) throw tooManyRecords(file, maxRecords);
  // A judge named once for the whole file (LLM-as-judge results) applies to every record.
  const judge = 'value' in detected ? judgeInJson(detected.value, er.judges.keys) : undefined;
  if (judge) for (const r of records) r.methodology.judge ??= judge;
  return records;
}

/**
 * Results whose file names no model get the model its path names: an `org__name` folder (what
 * lm-eval and MTEB write), or, for per-model logs (`byBaseName`), the file's base name. The record
 * says so (methodology.modelFrom), and so does the link's note.
 */
function withPathModel(results: RawResult[], file: string, byBaseName: boolean): RawResult[] {
  if (results.every((r) => r.model)) return results;
  const model = byBaseName ? modelFromFileName(file) : hubIdFromPath(file);
  if (!model) return results;
  return results.map((r) => (r.model ? r : { ...r, model, modelFrom: 'file name' }));
}

/** Tasks the harness runs only zero-shot state 0 shots even in a log that prints no shot counts. */
function zeroShot(results: RawResult[], tasks: string[]): RawResult[] {
  const set = new Set(tasks);
  return results.map((r) => (r.shots === undefined && set.has(r.benchmarkText) ? { ...r, shots: 0 } : r));
}

/** Records a card declares about itself: model-index front matter (declared) and its own tables and prose (self-reported). */
export function evidenceFromCard(card: JudgedDocument, rules: CompiledRules): EvidenceRecord[] {
  const names = rules.names;
  const er = rules.evidence;
  const declared = declaredRecords(card, names, er);
  for (const w of declared.warnings) {
    if (!card.doc.diagnostics.some((d) => d.code === w.code && d.message === w.message)) card.doc.diagnostics.push(w);
  }
  return [...declared.records, ...selfReportedRecords(card, names), ...codeBlockRecords(card, names, er, rules)];
}

/** Link every claim with a quantity (and every model-index entry and scope claim) to evidence, with a verdict. */
export function linkEvidence(cards: JudgedDocument[], evidence: EvidenceRecord[], rules: CompiledRules): Link[] {
  return [...linkQuantities(cards, evidence, rules), ...scopeCoverage(cards, evidence, rules)];
}
