/**
 * PDF layout, table regions that cannot be read as rows (pure; issue 16). A table with centred,
 * multi-line or rotated headers, or with labels set between its rows, is read line by line into
 * pieces: header words broken across lines ("64k Exten ded thinki ng"), a row label apart from its
 * scores ("Humanity's Last Exam"), a row of numbers outside the table ("AA 61 57 63 60 69 56").
 * Read as sentences they would be judged and make findings. One measure decides, for any piece of
 * text: its fragment likelihood, the share of the signals it shows (no sentence end, few words, no
 * function word, a broken word or mostly numbers). A table's region is the table and the pieces
 * next to it, above or below (within a gap, inside its width, across a page break); in a region,
 * fragment pieces and fragment rows are left out, a table made only of them is left out whole,
 * and the region is reported (PDF_TABLE_UNREAD). Rows that hold values stay.
 */
import type { BBox, TableData, TableRow } from '../model/types.ts';
import { isNumericCell, MAX_HEADER_ROWS } from './pdf-layout-table.ts';
import { CAPTION } from './pdf-layout-text.ts';

/** Settings of the measure (rules/segmentation.yaml `tableFragments`). */
export interface TableFragmentSettings {
  threshold: number;
  shortWords: number;
  functionWords: ReadonlySet<string>;
  maxGapEm: number;
}

/** The signals of one piece of text, each true when it points to a fragment. */
export interface FragmentSignals {
  /** Does not end a sentence, a list item (";") or a lead-in (":"). */
  open: boolean;
  /** At most `shortWords` words. */
  short: boolean;
  /** No function word: labels and numbers, not running prose. */
  plain: boolean;
  /** A word broken off ("Terminal-", "(pointwis", "Reasoning &", a lower-case start) or mostly numbers. */
  brokenOrNumeric: boolean;
}

const SENTENCE_END = /[.!?;:]["'”’)\]]?$/u;
const NUMBER_TOKEN = /^[-+±~≈<>≤≥]?[$€£]?\(?\d[\d.,:/]*\)?(%|[kKMBGT]B?|x|×)?\*{0,2}$/u;
/** A word cut at its end ("Terminal-", "Multi-SWE-") or a dangling connective ("Reasoning &", "39.3* /"). */
const BROKEN_END = /(?:\p{L}-|[&/+])$/u;
/** A piece that starts inside a word or a bracket: a lower-case letter or a closing bracket ("e)", "global 65.5"). */
const BROKEN_START = /^(?:\p{Ll}|[)\]])/u;

function tokens(text: string): string[] {
  return text.split(/[\s|]+/).filter((t) => t.length > 0);
}

function unbalanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return depth !== 0;
}

/** The fragment signals of a piece of text. */
export function fragmentSignals(text: string, s: TableFragmentSettings): FragmentSignals {
  const t = text.trim();
  const words = tokens(t);
  const numbers = words.filter((w) => NUMBER_TOKEN.test(w)).length;
  const lower = words.map((w) => w.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
  return {
    open: !SENTENCE_END.test(t),
    short: words.length <= s.shortWords,
    plain: !lower.some((w) => s.functionWords.has(w)),
    brokenOrNumeric: BROKEN_END.test(t) || BROKEN_START.test(t) || unbalanced(t) || words.some((w) => /\p{L}-$/u.test(w)) || (words.length > 0 && numbers * 2 >= words.length),
  };
}

/** Fragment likelihood of a piece of text: the share of its signals that point to a fragment (0 for a piece that ends a sentence). */
export function fragmentLikelihood(text: string, s: TableFragmentSettings): number {
  const sig = fragmentSignals(text, s);
  if (!sig.open || text.trim().length === 0) return 0;
  return [sig.open, sig.short, sig.plain, sig.brokenOrNumeric].filter(Boolean).length / 4;
}

/** True when a piece of text reads as a table fragment, not as a sentence. */
export function isFragmentText(text: string, s: TableFragmentSettings): boolean {
  return fragmentLikelihood(text, s) >= s.threshold;
}

function rowText(r: TableRow): string {
  return r.cells
    .map((c) => c.text.trim())
    .filter((t) => t.length > 0)
    .join(' ');
}

/** A value in a cell: a number, maybe bracketed or signed ("(+8.2)", "[3.1]", "72.7% whole"). */
const VALUE_TOKEN = /^[(\[]?[-+±~≈<>≤≥]?[$€£]?\d[\d.,:/]*(%|[kKMBGT]B?|x|×)?[)\]]?\*{0,2}$/u;

/** A row that holds a value: some cell after the label is or opens with a number. */
function hasValue(r: TableRow): boolean {
  return r.cells.slice(1).some((c) => {
    const t = c.text.trim();
    return t.length > 0 && (isNumericCell(t) || VALUE_TOKEN.test(t.split(/\s+/)[0]!));
  });
}

/** A row of numbers: most of its filled cells after the label are numbers. */
function numericMajority(r: TableRow): boolean {
  const rest = r.cells.slice(1).filter((c) => c.text.trim().length > 0);
  return rest.length > 0 && rest.filter((c) => isNumericCell(c.text)).length * 2 >= rest.length;
}

/**
 * Fragment likelihood of a table row: the text signals plus one of its own, a partial row (at most
 * a third of the columns filled), as a share of the five. A row that holds a value, or whose text
 * does not start in the first column (a centred group label), is a row: 0.
 */
export function rowFragmentLikelihood(r: TableRow, s: TableFragmentSettings): number {
  const text = rowText(r);
  if (text.length === 0 || hasValue(r) || r.cells[0]!.text.trim().length === 0) return 0;
  const sig = fragmentSignals(text, s);
  if (!sig.open) return 0;
  const filled = r.cells.filter((c) => c.text.trim().length > 0).length;
  const partial = filled <= Math.max(1, r.cells.length / 3);
  return [sig.open, sig.short, sig.plain, sig.brokenOrNumeric, partial].filter(Boolean).length / 5;
}

/**
 * Body rows of a table that are not rows: header lines beyond the header (the reader keeps at most
 * three; the lines after them, before the first row of values, are the rest of a header broken
 * across lines: "64k Exten ded thinki ng"), and rows whose fragment likelihood reaches the
 * threshold (a label wrapped or centred apart from its row).
 */
export function fragmentRows(table: TableData, s: TableFragmentSettings): number[] {
  const firstData = table.header.length >= MAX_HEADER_ROWS ? table.rows.findIndex((r) => r.cells[0]!.text !== '' && numericMajority(r)) : -1;
  const out: number[] = [];
  table.rows.forEach((r, i) => {
    if (rowText(r).length === 0) return;
    // header words, not prose that a formula or a figure set in columns left above the values
    const overflow = firstData > 0 && i < firstData && !numericMajority(r) && fragmentSignals(rowText(r), s).plain;
    if (overflow || rowFragmentLikelihood(r, s) >= s.threshold) out.push(i);
  });
  return out;
}

/** One block of a page as the region pass sees it. */
export interface RegionPiece {
  kind: 'table' | 'text' | 'heading' | 'other';
  page: number;
  box: BBox;
  /** Font size of the piece (tables: of their first line). */
  size: number;
  text?: string;
  table?: TableData;
}

/** A table region with something left out. */
export interface UnreadRegion {
  page: number;
  /** Last page, when the region goes on over a page break. */
  endPage?: number;
  box: BBox;
  /** Boxes of what was left out. */
  rects: BBox[];
  /** Text pieces left out (paragraphs, labels, headings). */
  pieces: number;
  /** Table rows left out (tables left out whole count all their rows). */
  rows: number;
  /** A table of the region was left out whole. */
  whole: boolean;
}

/** What the region pass decides. */
export interface RegionDecision {
  /** Indexes of pieces to leave out (text pieces and whole tables). */
  drop: Set<number>;
  /** Rows to leave out of the tables that stay, by piece index. */
  dropRows: Map<number, number[]>;
  regions: UnreadRegion[];
}

function union(boxes: BBox[]): BBox {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

/**
 * Find the table regions of a document's blocks (in reading order) and what in them cannot be read
 * as rows. A text piece joins a region when it is a fragment, lies inside the width of the region's
 * tables and at most `maxGapEm` above or below one of its pieces (or opens the next page right
 * after a region that ends its page), and is not a caption or a heading set larger than the table.
 * An em is the larger font size of the two pieces, at least `body` (the document's body size).
 */
export function unreadTableRegions(pieces: readonly RegionPiece[], s: TableFragmentSettings, body = 0): RegionDecision {
  const drop = new Set<number>();
  const dropRows = new Map<number, number[]>();
  const regions: UnreadRegion[] = [];
  const lastOnPage = (i: number): boolean => i + 1 >= pieces.length || pieces[i + 1]!.page !== pieces[i]!.page;
  const firstOnPage = (i: number): boolean => i === 0 || pieces[i - 1]!.page !== pieces[i]!.page;

  const candidate = (i: number, tableSize: number): boolean => {
    const p = pieces[i]!;
    if (p.kind !== 'text' && p.kind !== 'heading') return false;
    const text = p.text ?? '';
    if (CAPTION.test(text)) return false;
    if (p.kind === 'heading' && p.size > 1.1 * tableSize) return false;
    return isFragmentText(text, s);
  };
  const adjacent = (a: number, b: number, x0: number, x1: number): boolean => {
    const pa = pieces[a]!;
    const pb = pieces[b]!;
    // chart and table labels set small are measured in the body's ems
    const em = Math.max(pa.size, pb.size, body);
    const inside = pb.box[0] >= x0 - em && pb.box[2] <= x1 + em;
    if (!inside) return false;
    if (pa.page !== pb.page) return pb.page === pa.page + 1 && lastOnPage(a) && firstOnPage(b);
    // above or below: the gap between the boxes, whichever comes first on the page
    const gap = Math.max(pb.box[1] - pa.box[3], pa.box[1] - pb.box[3]);
    return gap <= s.maxGapEm * em;
  };

  const byPage = new Map<number, number[]>();
  pieces.forEach((p, i) => {
    let list = byPage.get(p.page);
    if (!list) byPage.set(p.page, (list = []));
    list.push(i);
  });
  const inRegion = new Set<number>();
  for (let t = 0; t < pieces.length; t++) {
    if (pieces[t]!.kind !== 'table' || inRegion.has(t)) continue;
    // grow the region from this table over the pieces next to it or to another of its pieces, on
    // its page (above or below, whatever the reading order), and on over a page break
    const members = [t];
    inRegion.add(t);
    let x0 = pieces[t]!.box[0];
    let x1 = pieces[t]!.box[2];
    const size = pieces[t]!.size;
    // until nothing joins: a table that joins widens the region, and a piece passed over may fit then
    for (let grew = true; grew; ) {
      grew = false;
      for (let k = 0; k < members.length; k++) {
        const a = members[k]!;
        for (const j of [...(byPage.get(pieces[a]!.page) ?? []), ...(byPage.get(pieces[a]!.page + 1) ?? [])]) {
          const p = pieces[j]!;
          if (inRegion.has(j) || !(p.kind === 'table' || candidate(j, size)) || !adjacent(a, j, x0, x1)) continue;
          members.push(j);
          inRegion.add(j);
          grew = true;
          if (p.kind === 'table') [x0, x1] = [Math.min(x0, p.box[0]), Math.max(x1, p.box[2])];
        }
      }
    }
    members.sort((a, b) => a - b);

    const rects: BBox[] = [];
    let texts = 0;
    let rows = 0;
    let whole = false;
    for (const m of members) {
      const p = pieces[m]!;
      if (p.kind === 'table' && p.table) {
        const bad = fragmentRows(p.table, s);
        if (bad.length === 0) continue;
        const bodyRows = p.table.rows.length;
        // a table with no row left is not a table that was read: it goes whole
        if (bad.length >= bodyRows) {
          drop.add(m);
          whole = true;
          rows += bodyRows;
          rects.push(p.box);
        } else {
          dropRows.set(m, bad);
          rows += bad.length;
          for (const k of bad) {
            const span = p.table.rows[k]!.span;
            if (span.kind === 'pdf') rects.push(span.bbox);
          }
        }
      } else if (p.kind !== 'table') {
        drop.add(m);
        texts++;
        rects.push(p.box);
      }
    }
    if (rects.length === 0) continue;
    const page = pieces[members[0]!]!.page;
    const endPage = pieces[members[members.length - 1]!]!.page;
    const region: UnreadRegion = { page, box: union(members.filter((m) => pieces[m]!.page === page).map((m) => pieces[m]!.box)), rects, pieces: texts, rows, whole };
    if (endPage !== page) region.endPage = endPage;
    regions.push(region);
  }
  return { drop, dropRows, regions };
}
