/**
 * PDF layout (pure, no pdfjs): the worker's extraction → the Document blocks every later stage
 * reads, with page and box on every run. Steps: fragments and rows (pdf-layout-text), page
 * furniture dropped (pdf-layout-furniture), reading order by XY-cut (pdf-layout-order), tables
 * (pdf-layout-table), then paragraphs, list items and headings by font size and weight, and
 * paragraphs continued across a column or page break joined again. Images big enough to hold
 * content become an 'image' block and a CONTENT_IMAGE diagnostic: never silently skipped.
 */
import type { BBox, Block, Diagnostic, PdfSpan, SourceRun, TableData, TableRow } from '../model/types.ts';
import type { PdfExtraction, PdfImageBox } from './pdf-types.ts';
import { CAPTION, joinWrapped, pageFragments, roundBox, unionBox, type Fragment } from './pdf-layout-text.ts';
import { shiftRuns } from './runs.ts';
import { dropFurniture } from './pdf-layout-furniture.ts';
import { readingOrder } from './pdf-layout-order.ts';
import { headerAligns, regionLines, segmentLines, type Line } from './pdf-layout-table.ts';
import { unreadTableRegions, type RegionPiece, type TableFragmentSettings } from './pdf-layout-fragments.ts';
import { shippedSegmentationRules } from './shipped-rules.ts';

/** What the layout pass produces. */
export interface PdfLayout {
  blocks: Block[];
  diagnostics: Diagnostic[];
}

/** List markers at the start of a line: bullets, "1.", "2.1", "(a)", "a)", "iv.". */
const MARKER = /^([•◦▪▫●○■□►▸‣⁃∙·*–—-]|\d{1,3}[.)]|\d{1,3}(\.\d{1,3})+\.?|\(\d{1,3}\)|\(?[a-z][.)]|\([ivx]{1,5}\)|[ivx]{1,5}\.)\s+(?=\S)/;
const NUMBERED_HEADING = /^(\d{1,2}(\.\d{1,2})*)\.?\s+\S/;
const TERMINAL = /[.!?:;)"'”’\]]$/;
/** What continues a lead-in that ends in a colon on the next line: a lower-case word or a web address. */
const LEAD_CONTINUATION = /^(?:\p{Ll}|https?:\/\/|www\.)/u;
/** A decimal number that opens a line and is followed by something other than a capitalised word. */
const WRAPPED_DECIMAL = /^\d{1,3}\.\d{1,3}\s+(?!\p{Lu})/u;
/** A line that opens with a short capitalised label and a colon ("Maintainer: ...", "Notes: ..."). */
const LABEL_LINE = /^\p{Lu}[\p{L}\p{N}-]*(?: [\p{L}\p{N}-]+){0,2}:\s+\S/u;

/** An image is content when it covers at least this share of the page and is at least this big. */
const IMAGE_MIN_AREA_SHARE = 0.03;
const IMAGE_MIN_SIDE = 40;
/** An image under more than this many characters of text is a background, not content. */
const BACKGROUND_TEXT_CHARS = 200;

type ProtoKind = 'paragraph' | 'list-item' | 'heading' | 'table' | 'image';

interface Proto {
  kind: ProtoKind;
  page: number;
  lines: Line[];
  size: number;
  allBold: boolean;
  marker?: string;
  table?: TableData;
  image?: BBox;
  top: number;
  x0: number;
  x1: number;
  level?: number;
  /** Text pieces (one per line) with their boxes, built lazily. */
  text?: string;
  runs?: SourceRun[];
  /** A bold run-in heading taken off the front of the text ("**Web** The majority of ..."). */
  runIn?: string;
}

/** Most words of a bold run-in heading. */
const RUN_IN_WORDS = 6;

/**
 * A paragraph that opens with a short phrase in another face (bold, medium) and goes on in the body face
 * on the same line ("**Web** The majority of our documents ...", "**Data.** We collect ...") starts with a run-in
 * heading: headings are not sentences, so it moves out of the text (Block.clauseTitle). A bold label
 * ending in a colon ("**Notes:** Data points ...") is a key-value line and stays.
 */
function takeRunInHeading(p: Proto): void {
  if (p.kind !== 'paragraph' || !p.text || p.lines.length === 0) return;
  const frags = p.lines[0]!.frags;
  const first = frags[0];
  if (!first) return;
  // the rest of the line must be in one face again: a lead in another face before it, not mixed inline styling
  const lead = first.faceLead ?? (frags.length >= 2 && first.allBold && !frags[1]!.allBold ? first.text : undefined);
  if (!lead || !p.text.startsWith(lead) || lead.length > 60 || lead.split(' ').length > RUN_IN_WORDS || !/\p{L}/u.test(lead)) return;
  if (/[:;,?]$/.test(lead) || !/^\p{Lu}/u.test(lead)) return;
  let cut = lead.length;
  while (cut < p.text.length && /\s/.test(p.text[cut]!)) cut++;
  // what follows opens a sentence: a capitalised word and more words after it
  if (cut >= p.text.length || !/^["“(\[]?\p{Lu}\S*(?:\s+\S+){2}/u.test(p.text.slice(cut))) return;
  p.runIn = lead.replace(/\.$/, '');
  p.runs = shiftRuns(p.runs ?? [], cut, p.text.length);
  p.text = p.text.slice(cut);
}

function mode(values: Array<[number, number]>): number {
  const weight = new Map<number, number>();
  for (const [v, w] of values) weight.set(v, (weight.get(v) ?? 0) + w);
  let best = 0;
  let bestW = -1;
  for (const [v, w] of weight) if (w > bestW) [best, bestW] = [v, w];
  return best;
}

function lineText(l: Line): string {
  return l.frags.map((f) => f.text).join(' ');
}

function lineBox(l: Line): BBox {
  return [l.x0, l.top, l.x1, l.bottom];
}

/** Body font size (by characters) and the usual baseline step as a multiple of it. */
function measureBody(pages: Fragment[][]): { body: number; leading: number } {
  const sizes: Array<[number, number]> = [];
  for (const p of pages) for (const f of p) sizes.push([Math.round(f.size * 2) / 2, f.text.length]);
  const body = mode(sizes) || 10;
  const steps: number[] = [];
  for (const p of pages) {
    const lines = p.filter((f) => Math.abs(f.size - body) < 0.6).sort((a, b) => a.x0 - b.x0 || a.baseline - b.baseline);
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1]!;
      const b = lines[i]!;
      if (Math.abs(a.x0 - b.x0) > 2 * body) continue;
      const step = b.baseline - a.baseline;
      if (step > 0.8 * body && step < 2.5 * body) steps.push(step / body);
    }
  }
  steps.sort((a, b) => a - b);
  const leading = steps.length > 0 ? steps[Math.floor(steps.length / 2)]! : 1.2;
  return { body, leading };
}

/** How an item of a list without marker text ends when another follows ("...;", "...; and", "... or"). */
const HANGING_ITEM_END = /(?:;|;?\s(?:and|or))$/;

/**
 * Lists whose bullets are drawn as shapes (a browser's printed page) have no marker text. A block set
 * in by at least an em right below a paragraph that ends in a colon is such a list: it becomes list
 * items, a new one after each line that ends an item ("...;", "...; and"), so the items hang from
 * their lead-in instead of running on from it ("... include: a confirmation step ...; a network ...").
 * A block of the same indent right below an item that ends so goes on with the list.
 */
function markerlessLists(protos: Proto[]): void {
  for (let i = 1; i < protos.length; i++) {
    const lead = protos[i - 1]!;
    const leadLast = lead.lines[lead.lines.length - 1];
    if (lead.kind !== 'paragraph' || !leadLast || !/:$/.test(lineText(leadLast))) continue;
    let at = i;
    let indent: number | undefined;
    let above = leadLast;
    while (at < protos.length) {
      const p = protos[at]!;
      const em = Math.max(p.size, lead.size);
      const first = p.lines[0];
      if (p.kind !== 'paragraph' || !first || p.marker || first.page !== above.page || first.top - above.bottom > 2 * em) break;
      if (indent === undefined ? p.x0 < lead.x0 + em : Math.abs(p.x0 - indent) > 0.3 * em || !HANGING_ITEM_END.test(lineText(above))) break;
      indent ??= p.x0;
      const items: Line[][] = [[]];
      p.lines.forEach((l, j) => {
        items[items.length - 1]!.push(l);
        if (j < p.lines.length - 1 && HANGING_ITEM_END.test(lineText(l))) items.push([]);
      });
      const protosOf = items.map((lines): Proto => ({ ...p, kind: 'list-item', lines, top: lines[0]!.top, x0: Math.min(...lines.map((l) => l.x0)), x1: Math.max(...lines.map((l) => l.x1)) }));
      protos.splice(at, 1, ...protosOf);
      at += protosOf.length;
      above = p.lines[p.lines.length - 1]!;
    }
    i = at;
  }
}

/** Split a region's text lines into paragraphs and list items. */
function paragraphs(lines: Line[], leading: number): Proto[] {
  const out: Proto[] = [];
  if (lines.length === 0) return out;
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const width = Math.max(1, right - left);
  let cur: Proto | undefined;
  const start = (l: Line): void => {
    const text = lineText(l);
    const m = MARKER.exec(text);
    // "1. Introduction" in a larger or bold face is a heading, decided later; keep the marker there too
    const kind: ProtoKind = m ? 'list-item' : 'paragraph';
    cur = { kind, page: l.page, lines: [l], size: l.size, allBold: l.allBold, top: l.top, x0: l.x0, x1: l.x1 };
    if (m) cur.marker = m[1]!;
    out.push(cur);
  };
  for (const l of lines) {
    if (!cur) {
      start(l);
      continue;
    }
    const prev = cur.lines[cur.lines.length - 1]!;
    const em = Math.max(prev.size, l.size);
    const text = lineText(l);
    const prevText = lineText(prev);
    const step = l.baseline - prev.baseline;
    const shortBy = (right - prev.x1) / width;
    // a list item's bold lead may fill its first line; the item goes on under the hanging indent
    const itemGoesOn = cur.kind === 'list-item' && l.x0 > cur.x0 + 0.3 * em;
    // a line ending in a colon goes on when the next line does not open a sentence ("... repository:" / "https://...")
    const colonGoesOn = /:$/.test(prevText) && LEAD_CONTINUATION.test(text);
    // a line that ends short or not in a word, followed by a "Label: value" line ("... /anycoder" / "Maintainer: @akhaliq"), ends its paragraph
    const labelLine = LABEL_LINE.test(text) && (shortBy > 0.15 || !/[\p{L},]$/u.test(prevText));
    // a decimal at the start of a wrapped line is part of the sentence ("... Claude" / "3.7 (Anthropic, 2025)"), not an
    // item number: the line above runs to the margin without ending a sentence and no capitalised word follows the number
    // A numbered clause wraps the same way ("2.3 ... not less than" / "99.5 per cent ..."): the figure is not an item
    // number, and taking it as one would strip it from the clause (issue 16).
    const wrappedNumber = (cur.kind === 'paragraph' || (cur.kind === 'list-item' && l.x0 > cur.x0 - 0.3 * em)) && shortBy < 0.05 && !TERMINAL.test(prevText) && WRAPPED_DECIMAL.test(text);
    const split =
      Math.abs(prev.size - l.size) > 0.1 * em ||
      (prev.allBold !== l.allBold && !itemGoesOn) ||
      step > leading * em * 1.35 ||
      (MARKER.test(text) && !wrappedNumber) ||
      (cur.kind === 'paragraph' && l.x0 - left >= 0.6 * em && l.x0 - left <= 6 * em && prev.x0 - left < 0.6 * em && cur.lines.length >= 1 && shortBy > 0.02) ||
      (shortBy > 0.15 && TERMINAL.test(prevText) && !colonGoesOn) ||
      labelLine ||
      (shortBy > 0.45 && /^[\p{Lu}\d]/u.test(text)) ||
      (cur.kind === 'list-item' && l.x0 < cur.x0 - 0.3 * em);
    if (split) start(l);
    else {
      cur.lines.push(l);
      cur.x0 = Math.min(cur.x0, l.x0);
      cur.x1 = Math.max(cur.x1, l.x1);
    }
  }
  return out;
}

/** Text and runs of a text proto: wrapped lines joined, hyphenation undone, the marker stripped. */
/** Where sentences may start inside a line: after end punctuation and a space, before a capital or digit. */
const SENTENCE_GAP = /[.!?:;]["'”’)\]]?\s+(?=["“(\[]?[\p{Lu}\d])/gu;

/**
 * The x position of a character of a line's text, by linear interpolation inside the fragment it
 * falls in (fragments are joined with one space in the line text).
 */
function charX(l: Line, index: number): number {
  let at = 0;
  for (const f of l.frags) {
    const end = at + f.text.length;
    if (index <= end) {
      const t = f.text.length === 0 ? 0 : Math.max(0, Math.min(1, (index - at) / f.text.length));
      return f.x0 + t * (f.x1 - f.x0);
    }
    at = end + 1;
  }
  return l.x1;
}

/**
 * Runs of one line: one per piece between sentence boundaries, each with its own box, so a
 * sentence that starts or ends mid-line gets a rectangle covering only its words.
 */
function lineRuns(l: Line, piece: string, offsetInLine: number, start: number): SourceRun[] {
  const cuts = [0];
  for (const m of piece.matchAll(SENTENCE_GAP)) cuts.push(m.index! + m[0].length);
  cuts.push(piece.length);
  const runs: SourceRun[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!;
    let b = cuts[k + 1]!;
    if (k + 1 < cuts.length - 1) while (b > a && /\s/.test(piece[b - 1]!)) b--;
    if (b <= a) continue;
    const x0 = k === 0 ? l.x0 : charX(l, offsetInLine + a);
    const x1 = k + 1 === cuts.length - 1 ? l.x1 : charX(l, offsetInLine + b);
    runs.push({ start: start + a, end: start + b, page: l.page, bbox: roundBox([x0, l.top, Math.max(x0 + 0.01, x1), l.bottom]) });
  }
  return runs;
}

/** Text and runs of a text proto: wrapped lines joined, hyphenation undone, the marker stripped. */
function buildText(p: Proto): void {
  let text = '';
  const runs: SourceRun[] = [];
  p.lines.forEach((l, i) => {
    const full = lineText(l);
    const skip = i === 0 && p.marker && p.kind === 'list-item' ? (MARKER.exec(full)?.[0].length ?? 0) : 0;
    const piece = full.slice(skip);
    if (piece.length === 0) return;
    const joined = joinWrapped(text, piece);
    // a removed hyphen shortens the previous run by one character
    const prevRun = runs[runs.length - 1];
    if (prevRun && prevRun.end > joined.start) prevRun.end = joined.start;
    text = joined.text;
    runs.push(...lineRuns(l, text.slice(joined.start), skip, joined.start));
  });
  p.text = text;
  p.runs = runs;
}

const BULLET = /^[•◦▪▫●○■□►▸‣⁃∙·*–—-]$/;

function isHeading(p: Proto, body: number): boolean {
  const text = p.text ?? '';
  if (p.kind === 'list-item' && p.marker && BULLET.test(p.marker)) return false;
  if (text.length === 0 || text.length > 200 || p.lines.length > 3 || !/\p{L}/u.test(text)) return false;
  if (CAPTION.test(text)) return false;
  if (p.size >= body * 1.15 && text.length <= 150) return true;
  if (!p.allBold || p.size < body * 0.95 || p.lines.length > 2) return false;
  if (NUMBERED_HEADING.test(text)) return true;
  return !/[.,;:]$/.test(text) && text.length <= 100;
}

function assignLevels(protos: Proto[]): void {
  const heads = protos.filter((p) => p.kind === 'heading');
  const styleKey = (p: Proto): number => Math.round(p.size * 2) / 2 + (p.allBold ? 0.25 : 0);
  const styles = [...new Set(heads.map(styleKey))].sort((a, b) => b - a);
  const numbered = heads.filter((p) => NUMBERED_HEADING.test(p.text ?? ''));
  const maxNumberedSize = numbered.length > 0 ? Math.max(...numbered.map((p) => Math.round(p.size * 2) / 2)) : Infinity;
  const titleOffset = numbered.length > 0 ? new Set(heads.map((p) => Math.round(p.size * 2) / 2).filter((s) => s > maxNumberedSize)).size : 0;
  for (const p of heads) {
    const m = NUMBERED_HEADING.exec(p.text ?? '');
    const level = m ? m[1]!.split('.').length + titleOffset : styles.indexOf(styleKey(p)) + 1;
    p.level = Math.max(1, Math.min(6, level));
  }
}

/**
 * The order pass cuts at wide row gaps, and tables have them (under a header, between row
 * groups): a region that ends in a multi-cell line is joined with the region right below it
 * when that one starts with a multi-cell line in the same horizontal range.
 */
function joinTableRegions(regions: Line[][], em: number): Line[][] {
  const out: Line[][] = [];
  for (const r of regions) {
    const prev = out[out.length - 1];
    if (prev && r.length > 0 && prev.length > 0) {
      const a = prev[prev.length - 1]!;
      const b = r[0]!;
      const ax0 = Math.min(...prev.map((l) => l.x0));
      const ax1 = Math.max(...prev.map((l) => l.x1));
      const bx0 = Math.min(...r.map((l) => l.x0));
      const bx1 = Math.max(...r.map((l) => l.x1));
      const overlap = Math.min(ax1, bx1) - Math.max(ax0, bx0);
      // the next region's first row lines up with the cells of the rows above
      const cellsAbove = prev.filter((l) => l.frags.length >= 2).flatMap((l) => l.frags);
      const aligned = b.frags.filter((f) => cellsAbove.some((c) => Math.min(c.x1, f.x1) - Math.max(c.x0, f.x0) > 0)).length;
      const tableAbove = a.frags.length >= 2 || (cellsAbove.length > 0 && aligned >= 0.5 * b.frags.length) || headerAligns(a, b.frags);
      if (tableAbove && b.frags.length >= 2 && b.top >= a.bottom - 1 && b.top - a.bottom < 3 * em && overlap > 0.5 * Math.min(ax1 - ax0, bx1 - bx0)) {
        prev.push(...r);
        continue;
      }
    }
    out.push(r.slice());
  }
  return out;
}

function isFloat(p: Proto, body: number): boolean {
  // footnotes (smaller than the body text) sit between a page's last line and the next page's first
  return p.kind === 'table' || p.kind === 'image' || (p.kind === 'paragraph' && (CAPTION.test(p.text ?? '') || p.size < 0.9 * body));
}

function canContinue(prev: Proto, next: Proto): boolean {
  if (next.kind !== 'paragraph' || (prev.kind !== 'paragraph' && prev.kind !== 'list-item')) return false;
  const a = prev.text ?? '';
  const b = next.text ?? '';
  // a lead-in ending in a colon goes on in the block right below it, even in another face
  // ("... for best performance:" over "temperature=1.0, top_p = 0.95")
  const last = prev.lines[prev.lines.length - 1];
  if (/:$/.test(a) && LEAD_CONTINUATION.test(b) && last && last.page === next.page && next.top >= last.bottom - 1 && next.top - last.bottom < 1.5 * Math.max(prev.size, next.size)) return true;
  if (Math.abs(prev.size - next.size) > 0.1 * Math.max(prev.size, next.size)) return false;
  if (a.length === 0 || b.length === 0 || TERMINAL.test(a) || CAPTION.test(b)) return false;
  // a sentence goes on with a lower-case word or a parenthesis ("... Gemini 2.5 Pro Experimental" / "(05-06) and ...")
  if (/^\p{Ll}/u.test(b)) return true;
  return /^\((?!\p{Lu}\)|\d{1,3}\)|[a-z]{1,4}\))/u.test(b) && a.split(/\s+/).length >= 4;
}

function mergeInto(prev: Proto, next: Proto): void {
  const joined = joinWrapped(prev.text ?? '', next.text ?? '');
  const runs = prev.runs ?? [];
  const last = runs[runs.length - 1];
  if (last && last.end > joined.start) last.end = joined.start;
  const shift = joined.start;
  for (const r of next.runs ?? []) runs.push({ ...r, start: r.start + shift, end: r.end + shift });
  prev.text = joined.text;
  prev.runs = runs;
  prev.lines.push(...next.lines);
}

function spanOfRuns(runs: SourceRun[], fallbackPage: number): PdfSpan {
  const withBox = runs.filter((r) => r.bbox !== undefined && r.page !== undefined);
  if (withBox.length === 0) return { kind: 'pdf', page: fallbackPage, bbox: [0, 0, 0, 0], rects: [] };
  const page = withBox[0]!.page!;
  const endPage = withBox[withBox.length - 1]!.page!;
  const rects = withBox.map((r) => r.bbox!);
  const span: PdfSpan = { kind: 'pdf', page, bbox: roundBox(unionBox(withBox.filter((r) => r.page === page).map((r) => r.bbox!))), rects };
  if (endPage !== page) span.endPage = endPage;
  return span;
}

/**
 * A table cut by a page break goes on at the top of the next page, often without its header row
 * (a header is repeated only when the producer was told to): a headerless table that is the first
 * block of a page, right after a table that ends the page before, with as many columns set at the
 * same places, takes that table's header, so its rows still say which column is which model or
 * metric. Floats between the two (images, footnotes, a "(continued)" caption) are stepped over; a
 * caption of its own ("Table 4: ...") opens another table.
 */
function continuedTables(protos: Proto[], body: number): void {
  for (let i = 1; i < protos.length; i++) {
    const next = protos[i]!;
    if (next.kind !== 'table' || !next.table || next.table.header.length > 0 || next.table.rows.length === 0) continue;
    const prev = tableBefore(protos, i, body);
    if (!prev?.table || prev.page !== next.page - 1 || prev.table.header.length === 0 || prev.table.rows.length === 0) continue;
    if (!sameColumns(prev.table.rows[prev.table.rows.length - 1]!, next.table.rows[0]!, body)) continue;
    next.table = { ...next.table, header: prev.table.header };
  }
}

/** The table right before protos[i], with only floats of its page or the page before between them; undefined when there is none. */
function tableBefore(protos: readonly Proto[], i: number, body: number): Proto | undefined {
  for (let back = i - 1; back >= 0; back--) {
    const p = protos[back]!;
    if (p.kind === 'table') return p;
    if (p.page < protos[i]!.page - 1 || !isFloat(p, body) || newCaption(p)) return undefined;
  }
  return undefined;
}

let continuedWords: RegExp | undefined;

/** A caption that names a table or figure of its own ("Table 4: ..."), not the rest of one ("Table 3 (continued)", rules/segmentation.yaml `continuedWords`). */
function newCaption(p: Proto): boolean {
  const text = p.text ?? '';
  if (p.kind !== 'paragraph' || !CAPTION.test(text)) return false;
  const words = shippedSegmentationRules().continuedWords;
  continuedWords ??= words.length > 0 ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') : /(?!)/;
  return !continuedWords.test(text);
}

/** Two rows with the same cells at the same places: each cell's left edge, centre or right edge within an em of the other's. */
function sameColumns(a: TableRow, b: TableRow, body: number): boolean {
  if (a.cells.length !== b.cells.length || a.cells.length < 2) return false;
  return a.cells.every((ca, k) => {
    const cb = b.cells[k]!;
    if ((ca.colspan ?? 1) !== (cb.colspan ?? 1) || ca.span.kind !== 'pdf' || cb.span.kind !== 'pdf') return false;
    const [ax0, , ax1] = ca.span.bbox;
    const [bx0, , bx1] = cb.span.bbox;
    return Math.abs(ax0 - bx0) <= body || Math.abs(ax1 - bx1) <= body || Math.abs((ax0 + ax1) / 2 - (bx0 + bx1) / 2) <= body;
  });
}

function tableSpan(t: TableData, page: number): PdfSpan {
  // a continued table's header is on the page before (continuedTables): its span is this page's rows
  const rows = [...t.header, ...t.rows].filter((r) => r.span.kind !== 'pdf' || r.span.page === page);
  const rects = rows.map((r) => (r.span.kind === 'pdf' ? r.span.bbox : ([0, 0, 0, 0] as BBox)));
  return { kind: 'pdf', page, bbox: roundBox(unionBox(rects)), rects };
}

const NUMBER_TOKEN = /^[-+±~<>]?[$]?\d[\d.,:]*(%|[kKMBx×])?$/;

function numericShare(text: string): number {
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  return tokens.length === 0 ? 0 : tokens.filter((t) => NUMBER_TOKEN.test(t)).length / tokens.length;
}

/** A block that is the labels of a vector chart: a short run of bare numbers, or a "table" of scattered values. */
function isChartPiece(p: Proto): boolean {
  if (p.kind === 'table' && p.table) {
    const cells = p.table.rows.flatMap((r) => r.cells);
    const filled = cells.filter((c) => c.text.length > 0);
    if (filled.length === 0) return false;
    // several numbers packed in one "cell" are bar labels side by side, not a table column
    const packed = filled.filter((c) => c.text.split(/\s+/).filter((t) => NUMBER_TOKEN.test(t)).length >= 2).length;
    const noLabel = p.table.rows.filter((r) => r.cells[0]!.text === '').length;
    return packed >= 0.3 * filled.length || (noLabel > 0.4 * p.table.rows.length && cells.length - filled.length >= 0.25 * cells.length);
  }
  if (p.kind !== 'paragraph' && p.kind !== 'list-item') return false;
  const text = p.lines.map(lineText).join(' ');
  return text.length <= 40 && numericShare(text) >= 0.5;
}

/**
 * Vector charts leave their tick labels and values as loose numbers; read as text they would be
 * claims without a benchmark. Three or more such pieces in a row (one short label may sit between)
 * are a chart: replaced by one image-like block and reported, never silently dropped.
 */
function chartDebris(protos: Proto[]): Array<{ from: number; count: number; box: BBox }> {
  const found: Array<{ from: number; count: number; box: BBox }> = [];
  let i = 0;
  while (i < protos.length) {
    if (!isChartPiece(protos[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    let pieces = 1;
    while (j < protos.length) {
      if (isChartPiece(protos[j]!)) {
        pieces++;
        j++;
      } else if (j + 1 < protos.length && isChartPiece(protos[j + 1]!) && protos[j]!.kind === 'paragraph' && protos[j]!.lines.length === 1 && lineText(protos[j]!.lines[0]!).length <= 30) {
        j++;
      } else break;
    }
    if (pieces >= 3) {
      const boxes = protos.slice(i, j).flatMap((p) => p.lines.map(lineBox));
      found.push({ from: i, count: j - i, box: unionBox(boxes) });
    }
    i = j;
  }
  // splice from the end so earlier indexes stay valid
  return found.reverse();
}

/** Images that hold content: big enough, not a page background under running text; overlapping boxes merged. */
function contentImages(images: PdfImageBox[], frags: Fragment[], width: number, height: number): BBox[] {
  const clipped: BBox[] = [];
  for (const im of images) {
    const b: BBox = [Math.max(0, im.bbox[0]), Math.max(0, im.bbox[1]), Math.min(width, im.bbox[2]), Math.min(height, im.bbox[3])];
    const w = b[2] - b[0];
    const h = b[3] - b[1];
    if (w < IMAGE_MIN_SIDE || h < IMAGE_MIN_SIDE || w * h < IMAGE_MIN_AREA_SHARE * width * height) continue;
    clipped.push(b);
  }
  const merged: BBox[] = [];
  for (const b of clipped) {
    const hit = merged.findIndex((m) => Math.min(m[2], b[2]) - Math.max(m[0], b[0]) > 0 && Math.min(m[3], b[3]) - Math.max(m[1], b[1]) > 0);
    if (hit >= 0) merged[hit] = unionBox([merged[hit]!, b]);
    else merged.push(b);
  }
  return merged.filter((b) => {
    const inside = frags.filter((f) => f.x0 >= b[0] - 1 && f.x1 <= b[2] + 1 && f.top >= b[1] - 1 && f.bottom <= b[3] + 1);
    return inside.reduce((n, f) => n + f.text.length, 0) <= BACKGROUND_TEXT_CHARS;
  });
}

let fragmentSettings: TableFragmentSettings | null | undefined;

/** The shipped fragment measure (rules/segmentation.yaml `tableFragments`), or null when the file has none. */
function shippedFragmentSettings(): TableFragmentSettings | null {
  if (fragmentSettings === undefined) {
    const t = shippedSegmentationRules().tableFragments;
    fragmentSettings = t ? { threshold: t.threshold, shortWords: t.shortWords, functionWords: new Set(t.functionWords), maxGapEm: t.maxGapEm } : null;
  }
  return fragmentSettings;
}

/**
 * Table regions that cannot be read as rows (issue 16): their fragments are left out, not read as
 * sentences, and each such region is reported once.
 */
function dropTableFragments(protos: Proto[], settings: TableFragmentSettings, body: number, diagnostics: Diagnostic[]): Proto[] {
  const pieces: RegionPiece[] = protos.map((p) => {
    const kind = p.kind === 'table' ? 'table' : p.kind === 'heading' ? 'heading' : p.kind === 'image' ? 'other' : 'text';
    const box: BBox = p.kind === 'image' && p.image ? p.image : [p.x0, Math.min(...p.lines.map((l) => l.top)), p.x1, Math.max(...p.lines.map((l) => l.bottom))];
    const piece: RegionPiece = { kind, page: p.page, box, size: p.size };
    if (p.text !== undefined) piece.text = p.text;
    if (p.table) piece.table = p.table;
    return piece;
  });
  const { drop, dropRows, regions } = unreadTableRegions(pieces, settings, body);
  for (const r of regions) {
    const left = r.pieces + r.rows;
    const message = r.whole
      ? `table on page ${r.page} could not be read as rows; left out (${left} ${left === 1 ? 'piece' : 'pieces'} of text)`
      : `part of a table on page ${r.page} could not be read as rows; ${left} ${left === 1 ? 'piece' : 'pieces'} of text left out`;
    const span: PdfSpan = { kind: 'pdf', page: r.page, bbox: roundBox(r.box), rects: r.rects.map(roundBox) };
    if (r.endPage !== undefined) span.endPage = r.endPage;
    diagnostics.push({ code: 'PDF_TABLE_UNREAD', severity: 'warning', message, span });
  }
  // in page order with the page's other diagnostics (the sort is stable)
  const pageOf = (d: Diagnostic): number => (d.span?.kind === 'pdf' ? d.span.page : 0);
  diagnostics.sort((a, b) => pageOf(a) - pageOf(b));
  for (const [i, rows] of dropRows) {
    const t = protos[i]!.table!;
    const bad = new Set(rows);
    protos[i]!.table = { ...t, rows: t.rows.filter((_, k) => !bad.has(k)) };
  }
  return protos.filter((_, i) => !drop.has(i));
}

/** Options of the layout pass. */
export interface PdfLayoutOptions {
  /** The fragment measure for table regions; default the shipped one (rules/segmentation.yaml); null turns the pass off. */
  tableFragments?: TableFragmentSettings | null;
}

/** Lay out an extraction into blocks (ids `b0`, `b1`, ... in reading order) and diagnostics. */
export function layoutPdf(ex: PdfExtraction, options: PdfLayoutOptions = {}): PdfLayout {
  const diagnostics: Diagnostic[] = [];
  const rawPages = ex.pages.map((p) => ({ fragments: pageFragments(p, ex.fonts), height: p.height }));
  const furnished = dropFurniture(rawPages);
  const { body, leading } = measureBody(furnished);
  // a giant step numeral or drop cap is decoration, and it would bridge the column gutter
  const kept = furnished.map((frags) => frags.filter((f) => !(f.size >= 4 * body && f.text.length <= 3)));
  const protos: Proto[] = [];

  ex.pages.forEach((page, pi) => {
    if (page.truncated) {
      diagnostics.push({ code: 'PDF_PAGE_TRUNCATED', severity: 'warning', message: `page ${page.page} has ${page.truncated} text items; only the first ones were read`, span: { kind: 'pdf', page: page.page, bbox: [0, 0, page.width, page.height], rects: [] } });
    }
    if (page.error) {
      diagnostics.push({ code: 'PDF_PAGE_UNREADABLE', severity: 'warning', message: `page ${page.page} could not be read: ${page.error}`, span: { kind: 'pdf', page: page.page, bbox: [0, 0, page.width, page.height], rects: [] } });
    }
    const frags = kept[pi]!;
    const pageProtos: Proto[] = [];
    if (frags.length > 0) {
      let x0 = Infinity;
      let x1 = -Infinity;
      for (const f of frags) {
        if (f.x0 < x0) x0 = f.x0;
        if (f.x1 > x1) x1 = f.x1;
      }
      for (const lines of joinTableRegions(readingOrder(frags, x1 - x0, body, leading).map(regionLines), body)) {
        for (const seg of segmentLines(lines)) {
          if (seg.kind === 'table') {
            const first = seg.lines[0]!;
            pageProtos.push({ kind: 'table', page: page.page, lines: seg.lines, size: first.size, allBold: false, table: seg.table, top: Math.min(...seg.lines.map((l) => l.top)), x0: Math.min(...seg.lines.map((l) => l.x0)), x1: Math.max(...seg.lines.map((l) => l.x1)) });
          } else {
            pageProtos.push(...paragraphs(seg.lines, leading));
          }
        }
      }
    }
    for (const chart of chartDebris(pageProtos)) {
      const box = roundBox(chart.box);
      const span: PdfSpan = { kind: 'pdf', page: page.page, bbox: box, rects: [box] };
      diagnostics.push({ code: 'CONTENT_CHART', severity: 'warning', message: `content not analysable (chart) on page ${page.page}`, span });
      pageProtos.splice(chart.from, chart.count, { kind: 'image', page: page.page, lines: [], size: 0, allBold: false, image: chart.box, top: chart.box[1], x0: chart.box[0], x1: chart.box[2] });
    }
    const images = contentImages(page.images, rawPages[pi]!.fragments, page.width, page.height);
    for (const im of images) {
      const span: PdfSpan = { kind: 'pdf', page: page.page, bbox: roundBox(im), rects: [roundBox(im)] };
      diagnostics.push({ code: 'CONTENT_IMAGE', severity: 'warning', message: `content not analysable (image) on page ${page.page}`, span });
      const proto: Proto = { kind: 'image', page: page.page, lines: [], size: 0, allBold: false, image: im, top: im[1], x0: im[0], x1: im[2] };
      // before the first block below it in the same column, else at the end of the page
      const at = pageProtos.findIndex((p) => p.kind !== 'image' && p.top >= im[1] && Math.min(p.x1, im[2]) - Math.max(p.x0, im[0]) > 0);
      if (at >= 0) pageProtos.splice(at, 0, proto);
      else pageProtos.push(proto);
    }
    if (frags.length === 0 && images.length === 0 && rawPages[pi]!.fragments.length === 0 && !page.error) {
      diagnostics.push({ code: 'CONTENT_NO_TEXT', severity: 'warning', message: `no text found on page ${page.page} (text drawn as shapes, or a blank page)`, span: { kind: 'pdf', page: page.page, bbox: [0, 0, page.width, page.height], rects: [] } });
    }
    protos.push(...pageProtos);
  });

  markerlessLists(protos);
  for (const p of protos) if (p.kind !== 'table' && p.kind !== 'image') buildText(p);
  for (const p of protos) if ((p.kind === 'paragraph' || p.kind === 'list-item') && isHeading(p, body)) {
    p.kind = 'heading';
    p.marker = undefined;
    // the heading keeps its number: rebuild the text with it
    buildText(p);
  }
  assignLevels(protos);
  for (const p of protos) takeRunInHeading(p);
  const settings = options.tableFragments === undefined ? shippedFragmentSettings() : options.tableFragments;
  const readable = settings ? dropTableFragments(protos, settings, body, diagnostics) : protos;

  // a paragraph cut by a column or page break continues in the next block
  // (floats in between, a table, an image or a caption, are stepped over)
  const merged: Proto[] = [];
  for (const p of readable) {
    let back = merged.length - 1;
    while (back >= 0 && merged.length - back <= 4 && isFloat(merged[back]!, body)) back--;
    const prev = back >= 0 ? merged[back] : undefined;
    if (prev && canContinue(prev, p)) mergeInto(prev, p);
    else if (p.kind === 'table' || p.kind === 'image' || (p.text ?? '').length > 0) merged.push(p);
  }

  continuedTables(merged, body);

  const blocks: Block[] = [];
  const stack: Array<{ level: number; text: string }> = [];
  // the paragraph a list hangs under ("The model is intended for:")
  let lead: string | undefined;
  for (const p of merged) {
    const id = `b${blocks.length}`;
    if (p.kind !== 'list-item') lead = p.kind === 'paragraph' && /:$/.test(p.text ?? '') ? id : undefined;
    if (p.kind === 'heading') {
      const level = p.level ?? 1;
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      blocks.push({ id, kind: 'heading', level, sectionPath: stack.map((s) => s.text), text: p.text ?? '', runs: p.runs ?? [], span: spanOfRuns(p.runs ?? [], p.page) });
      stack.push({ level, text: p.text ?? '' });
      continue;
    }
    const sectionPath = stack.map((s) => s.text);
    if (p.kind === 'table' && p.table) {
      blocks.push({ id, kind: 'table', sectionPath, text: '', runs: [], span: tableSpan(p.table, p.page), table: p.table });
    } else if (p.kind === 'image' && p.image) {
      const box = roundBox(p.image);
      blocks.push({ id, kind: 'image', sectionPath, text: '', runs: [{ start: 0, end: 0, page: p.page, bbox: box }], span: { kind: 'pdf', page: p.page, bbox: box, rects: [box] } });
    } else {
      const block: Block = { id, kind: p.kind === 'list-item' ? 'list-item' : 'paragraph', sectionPath, text: p.text ?? '', runs: p.runs ?? [], span: spanOfRuns(p.runs ?? [], p.page) };
      if (p.runIn) block.clauseTitle = p.runIn;
      if (p.kind === 'list-item') {
        block.marker = p.marker;
        block.depth = 0;
        if (lead) block.leadBlockId = lead;
      }
      blocks.push(block);
    }
  }
  return { blocks, diagnostics };
}
