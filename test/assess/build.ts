/**
 * Hand-built judged documents, evidence, links and alignments for assess and report tests
 * (the stages that produce them land in parallel; these use only the data model).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Block, Claim, ClaimType, Diagnostic, Document, Label, PdfSpan, Quantity, Role, Sentence, TextSpan } from '../../src/model/types.ts';
import type { JudgedDocument } from '../../src/model/judged.ts';
import { parseRuleFile, rulesFromFiles, type RuleFile, type RuleSet } from '../../src/rules/load.ts';
import type { ReportedFinding } from '../../src/model/types.ts';
import { assessFindings } from '../../src/assess/index.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { renderFindings } from '../../src/report/messages.ts';

/** assessFindings, each finding with its message and remedy rendered from the rule set's catalogue (as the report holds them). */
export function assessRendered(...args: Parameters<typeof assessFindings>): ReportedFinding[] {
  return renderFindings(assessFindings(...args), findingCatalogue(args[1]));
}

/** The rule files this issue owns, parsed from the repo (independent of other kinds' files). */
export const OWN_RULE_PATHS = ['findings.yaml', 'profiles/procurement.yaml', 'profiles/vendor-release.yaml'];

/** Rules dir of the repo. */
export const RULES_DIR = new URL('../../rules/', import.meta.url);

/** Parse this rule files into a rule set (plus extra in-memory files). */
export function ownRuleFiles(): RuleFile[] {
  return OWN_RULE_PATHS.map((p) => parseRuleFile(p, readFileSync(new URL(p, RULES_DIR), 'utf8'), 'rules'));
}

/** A rule set of this rule files plus extra files. */
export function ownRules(extra: RuleFile[] = []): RuleSet {
  return rulesFromFiles([...ownRuleFiles(), ...extra]);
}

/** One line of a hand-built document. */
export interface LineSpec {
  text: string;
  /** A heading line (no sentence) at this level. */
  heading?: number;
  type?: ClaimType;
  label?: Label;
  weak?: boolean;
  quantities?: Quantity[];
  clauseRef?: string;
  /** PDF page (PDF documents). */
  page?: number;
}

/** A hand-built document: the judged document and its source text. */
export interface Built {
  judged: JudgedDocument;
  source: string;
  /** Sentence id per line index (undefined for headings and blank lines). */
  ids: Array<string | undefined>;
}

/** Build a text (Markdown) document: one sentence per non-heading, non-blank line. */
export function textDoc(name: string, role: Role, lines: LineSpec[], diagnostics: Diagnostic[] = []): Built {
  const source = lines.map((l) => (l.heading ? `${'#'.repeat(l.heading)} ${l.text}` : l.text)).join('\n') + '\n';
  const id = createHash('sha256').update(source).digest('hex');
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  const claims: Claim[] = [];
  const ids: Array<string | undefined> = [];
  const lineStarts: number[] = [];
  let offset = 0;
  const path: string[] = [];
  lines.forEach((l, i) => {
    lineStarts.push(offset);
    const raw = l.heading ? `${'#'.repeat(l.heading)} ${l.text}` : l.text;
    const col = raw.length - l.text.length + 1;
    const span: TextSpan = { kind: 'text', line: i + 1, column: col, endLine: i + 1, endColumn: col + l.text.length, offset: offset + col - 1, endOffset: offset + col - 1 + l.text.length };
    offset += raw.length + 1;
    if (l.text.trim() === '') {
      ids.push(undefined);
      return;
    }
    const blockId = `${id.slice(0, 8)}-b${i}`;
    if (l.heading) {
      path.splice(l.heading - 1);
      path[l.heading - 1] = l.text;
      blocks.push({ id: blockId, kind: 'heading', sectionPath: path.slice(0, l.heading - 1), text: l.text, runs: [{ start: 0, end: l.text.length, sourceOffset: span.offset }], span, level: l.heading });
      ids.push(undefined);
      return;
    }
    blocks.push({ id: blockId, kind: 'paragraph', sectionPath: [...path], text: l.text, runs: [{ start: 0, end: l.text.length, sourceOffset: span.offset }], span });
    const sid = `${id.slice(0, 8)}-s${sentences.length}`;
    ids.push(sid);
    sentences.push({
      id: sid,
      docId: id,
      blockId,
      index: sentences.length,
      text: l.text,
      sectionPath: [...path],
      span,
      blockOffset: 0,
      context: { role, blockKind: 'paragraph', ...(l.clauseRef ? { clauseRef: l.clauseRef } : {}) },
    });
    claims.push(claimOf(sid, id, l));
  });
  const doc: Document = { id, name, role, mediaType: 'text/markdown', metadata: {}, blocks, lineStarts, diagnostics };
  return { judged: { doc, sentences, claims }, source, ids };
}

/** Build a PDF document: one sentence per line, with a page each. */
export function pdfDoc(name: string, role: Role, lines: LineSpec[], diagnostics: Diagnostic[] = []): Built {
  const id = createHash('sha256').update(`%PDF ${name} ${lines.map((l) => l.text).join('\n')}`).digest('hex');
  const sentences: Sentence[] = [];
  const claims: Claim[] = [];
  const blocks: Block[] = [];
  const ids: Array<string | undefined> = [];
  lines.forEach((l, i) => {
    const page = l.page ?? 1;
    const y = 72 + 14 * i;
    const span: PdfSpan = { kind: 'pdf', page, bbox: [72, y, 500, y + 12], rects: [[72, y, 500, y + 12]] };
    const blockId = `${id.slice(0, 8)}-b${i}`;
    blocks.push({ id: blockId, kind: l.heading ? 'heading' : 'paragraph', sectionPath: [], text: l.text, runs: [{ start: 0, end: l.text.length, page, bbox: span.bbox }], span, ...(l.heading ? { level: l.heading } : {}) });
    if (l.heading) {
      ids.push(undefined);
      return;
    }
    const sid = `${id.slice(0, 8)}-s${sentences.length}`;
    ids.push(sid);
    sentences.push({ id: sid, docId: id, blockId, index: sentences.length, text: l.text, sectionPath: [], span, blockOffset: 0, context: { role, blockKind: 'paragraph' } });
    claims.push(claimOf(sid, id, l));
  });
  const pages = Math.max(1, ...lines.map((l) => l.page ?? 1), ...diagnostics.map((d) => (d.span?.kind === 'pdf' ? d.span.page : 1)));
  const doc: Document = { id, name, role, mediaType: 'application/pdf', metadata: {}, blocks, pageCount: pages, pageSizes: Array.from({ length: pages }, () => [612, 792] as [number, number]), diagnostics };
  return { judged: { doc, sentences, claims }, source: '', ids };
}

function claimOf(sid: string, docId: string, l: LineSpec): Claim {
  const quantities = l.quantities ?? [];
  return {
    id: sid,
    sentenceId: sid,
    docId,
    type: l.type ?? 'none',
    label: l.label ?? 'narrative',
    score: l.label === 'representation' ? 0.9 : 0.1,
    cues: [],
    quantities,
    ...(quantities[0] ? { quantity: quantities[0] } : {}),
    ...(l.weak ? { weak: true } : {}),
  };
}

/** A quantity as the extractor would give it. */
export function qty(benchmark: string, raw: string, extra: Partial<Quantity> = {}): Quantity {
  const value = Number(raw.replace('%', ''));
  const precision = raw.includes('.') ? raw.split('.')[1]!.replace('%', '').length : 0;
  return { benchmark, benchmarkText: benchmark, value, raw, precision, scale: 'percent', ownModel: true, ...extra };
}
