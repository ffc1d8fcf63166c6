/**
 * PDF layout, step 4 (pure): lines of a region → runs of text lines and tables. A table is two or
 * more consecutive lines made of several separate fragments whose columns line up; its columns
 * come from the rows with the usual number of cells, and a fragment over several columns spans
 * them. Header rows are the rows above the first row of numbers (at most three).
 */
import type { PdfSpan, TableCell, TableData, TableRow } from '../model/types.ts';
import type { Fragment } from './pdf-layout-text.ts';
import { joinParts, joinWrapped, roundBox, unionBox } from './pdf-layout-text.ts';

/** Fragments sharing one baseline inside a region. */
export interface Line {
  page: number;
  frags: Fragment[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  size: number;
  allBold: boolean;
}

/** A run of text lines, or a table. */
export type Segment = { kind: 'lines'; lines: Line[] } | { kind: 'table'; lines: Line[]; table: TableData };

const NUMERIC = /^[-+±~≈<>≤≥]?\s?[$€£]?\(?\d[\d,]*(\.\d*)?\)?\s?(%|[kKMBGT]B?|x|×|pp|ms|s)?(\s?[±]\s?\d+(\.\d+)?)?\*?$/;
const LONE_MARKER = /^([•◦▪▫●○■□►▸‣⁃∙·*–—-]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))$/;

/** Most rows a table header is read as; lines beyond them before the first row of values are left to the fragment pass (pdf-layout-fragments). */
export const MAX_HEADER_ROWS = 3;

/** True for a cell that holds a number ("68.4", "3,209M", "+2.1%", "-", "—" are numbers or blanks). */
export function isNumericCell(text: string): boolean {
  const t = text.trim();
  return NUMERIC.test(t) || /^[-–—]$/.test(t);
}

/**
 * Numbers set close together are still separate cells: split a fragment between two items when
 * the right one is a number after a gap of half an em, or both are numbers after any visible gap.
 */
function splitNumbers(f: Fragment): Fragment[] {
  if (f.parts.length < 2) return [f];
  const out: Fragment[] = [];
  let group = [f.parts[0]!];
  const flush = (): void => {
    const text = joinParts(group, f.size);
    out.push({ ...f, text, x0: group[0]!.x0, x1: group[group.length - 1]!.x1, parts: group });
  };
  for (let i = 1; i < f.parts.length; i++) {
    const a = f.parts[i - 1]!;
    const b = f.parts[i]!;
    const gap = b.x0 - a.x1;
    const rightNumber = isNumericCell(b.text);
    if ((rightNumber && gap >= 0.5 * f.size) || (rightNumber && isNumericCell(a.text) && gap >= 0.2 * f.size)) {
      flush();
      group = [b];
    } else group.push(b);
  }
  flush();
  return out.length > 1 ? out : [f];
}

/**
 * Some producers draw a whole row of numbers as one text item ("78.1 81.9 83.5 73.8"): a fragment
 * that ends in three or more numbers (or is two or more numbers) is split into a cell per number,
 * positions interpolated over its characters.
 */
function splitNumericRun(f: Fragment): Fragment[] {
  const tokens = [...f.text.matchAll(/\S+/g)];
  let k = tokens.length;
  while (k > 0 && isNumericCell(tokens[k - 1]![0])) k--;
  const numbers = tokens.length - k;
  if (numbers < 3 && !(k === 0 && numbers >= 2)) return [f];
  const width = f.x1 - f.x0;
  const xAt = (i: number): number => f.x0 + (width * i) / Math.max(1, f.text.length);
  const out: Fragment[] = [];
  if (k > 0) {
    const end = tokens[k - 1]!.index! + tokens[k - 1]![0].length;
    const text = f.text.slice(0, end);
    out.push({ ...f, text, x1: xAt(end), parts: [{ text, x0: f.x0, x1: xAt(end) }] });
  }
  for (const t of tokens.slice(k)) {
    const x0 = xAt(t.index!);
    const x1 = xAt(t.index! + t[0].length);
    out.push({ ...f, text: t[0], x0, x1, parts: [{ text: t[0], x0, x1 }] });
  }
  return out;
}

function makeLine(frags: Fragment[], split = true): Line {
  const sorted = (split ? frags.flatMap(splitNumbers).flatMap(splitNumericRun) : frags.slice()).sort((a, b) => a.x0 - b.x0);
  // a list bullet or number drawn as its own fragment belongs to the text after it
  const merged: Fragment[] = [];
  for (const f of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && LONE_MARKER.test(prev.text) && merged.length === 1 && f.x0 - prev.x1 < 3 * Math.max(prev.size, f.size)) {
      merged[0] = { ...f, text: `${prev.text} ${f.text}`, x0: prev.x0, parts: [...prev.parts, ...f.parts], top: Math.min(prev.top, f.top), bottom: Math.max(prev.bottom, f.bottom) };
    } else {
      merged.push(f);
    }
  }
  let main = merged[0]!;
  let [x0, x1, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
  let allBold = true;
  for (const f of merged) {
    if (f.text.length > main.text.length) main = f;
    if (f.x0 < x0) x0 = f.x0;
    if (f.x1 > x1) x1 = f.x1;
    if (f.top < top) top = f.top;
    if (f.bottom > bottom) bottom = f.bottom;
    allBold &&= f.allBold;
  }
  return { page: merged[0]!.page, frags: merged, x0, x1, top, bottom, baseline: merged[0]!.baseline, size: main.size, allBold };
}

function lineTextOf(l: Line): string {
  return l.frags.map((f) => f.text).join(' ');
}

/** Group a region's fragments into lines, top to bottom. */
export function regionLines(frags: Fragment[]): Line[] {
  const byRow = new Map<number, Fragment[]>();
  for (const f of frags) {
    let list = byRow.get(f.row);
    if (!list) byRow.set(f.row, (list = []));
    list.push(f);
  }
  const lines = [...byRow.values()].map((fs) => makeLine(fs)).sort((a, b) => a.baseline - b.baseline);
  // a table row whose cells are centred vertically puts one cell's lines between the baselines of
  // another's: lines that overlap vertically and share no column are one row
  const out: Line[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev) {
      const vOverlap = Math.min(prev.bottom, l.bottom) - Math.max(prev.top, l.top);
      const minH = Math.min(prev.bottom - prev.top, l.bottom - l.top);
      const sharesColumn = l.frags.some((f) => prev.frags.some((g) => Math.min(f.x1, g.x1) - Math.max(f.x0, g.x0) > 0));
      if (vOverlap >= 0.25 * minH && !sharesColumn) {
        out[out.length - 1] = makeLine([...prev.frags, ...l.frags], false);
        continue;
      }
    }
    out.push(l);
  }
  return out;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function spanOf(page: number, boxes: Array<[number, number, number, number]>): PdfSpan {
  const rects = boxes.map(roundBox);
  return { kind: 'pdf', page, bbox: roundBox(unionBox(rects)), rects };
}

function looksLikeTable(lines: Line[]): boolean {
  const multi = lines.filter((l) => l.frags.length >= 2);
  if (multi.length < 2) return false;
  const cells = multi.flatMap((l) => l.frags.map((f) => f.text));
  const numeric = cells.filter(isNumericCell).length;
  // two text columns the order pass could not separate have long cells and no numbers
  return median(cells.map((c) => c.length)) <= 40 || numeric >= 0.3 * cells.length;
}

interface Slot {
  x0: number;
  x1: number;
}

function slotsOf(lines: Line[]): Slot[] {
  const counts = new Map<number, number>();
  for (const l of lines) if (l.frags.length >= 2) counts.set(l.frags.length, (counts.get(l.frags.length) ?? 0) + 1);
  // the widest row shape that recurs: wrapped cells make shorter lines, which must not set the columns
  const multi = [...counts.values()].reduce((a, b) => a + b, 0);
  let mode = 2;
  for (const [n, c] of counts) if (c >= 2 && c >= 0.2 * multi && n > mode) mode = n;
  if (!counts.has(mode)) mode = Math.max(...counts.keys());
  // column k is the union of the k-th cells of the rows with the usual cell count (a long label
  // that reaches under the next column's header must not merge the two columns)
  const basis = lines.filter((l) => l.frags.length === mode);
  const slots: Slot[] = [];
  for (let k = 0; k < mode; k++) {
    slots.push({ x0: Math.min(...basis.map((l) => l.frags[k]!.x0)), x1: Math.max(...basis.map((l) => l.frags[k]!.x1)) });
  }
  return slots;
}

function slotRange(f: Fragment, slots: Slot[]): [number, number] {
  const overlaps = slots.map((s) => Math.max(0, Math.min(f.x1, s.x1) - Math.max(f.x0, s.x0)));
  let bestI = -1;
  let bestO = 0;
  overlaps.forEach((o, i) => {
    if (o > bestO) [bestI, bestO] = [i, o];
  });
  if (bestI < 0) {
    // in a gap between columns: the nearest column by centre
    const c = (f.x0 + f.x1) / 2;
    let bestD = Infinity;
    slots.forEach((s, i) => {
      const d = c < s.x0 ? s.x0 - c : c > s.x1 ? c - s.x1 : 0;
      if (d < bestD) [bestI, bestD] = [i, d];
    });
    return [bestI, bestI];
  }
  // a spanning cell covers most of each neighbouring column it spans
  const covers = (i: number): boolean => overlaps[i]! >= 0.6 * Math.max(1, slots[i]!.x1 - slots[i]!.x0);
  let from = bestI;
  let to = bestI;
  while (from > 0 && covers(from - 1)) from--;
  while (to < slots.length - 1 && covers(to + 1)) to++;
  return [from, to];
}

/** A fragment over n columns made of exactly n items, one per column, is n cells set close together. */
function splitBySlots(frags: Fragment[], slots: Slot[]): Fragment[] {
  const out: Fragment[] = [];
  for (const f of frags) {
    const [from, to] = slotRange(f, slots);
    if (to === from || f.parts.length !== to - from + 1) {
      out.push(f);
      continue;
    }
    const cols = f.parts.map((p) => slotRange({ ...f, x0: p.x0, x1: p.x1 }, slots));
    const distinct = cols.every((c, i) => c[0] === c[1] && c[0] === from + i);
    if (!distinct) {
      out.push(f);
      continue;
    }
    for (const p of f.parts) out.push({ ...f, text: p.text, x0: p.x0, x1: p.x1, parts: [p] });
  }
  return out;
}

function buildTable(lines: Line[]): TableData {
  const slots = slotsOf(lines);
  // rows set apart by padding: then a line right under another (no padding) continues its row
  const padded = lines.some((l, i) => i > 0 && l.top - lines[i - 1]!.bottom >= 0.9 * l.size);
  const rows: TableRow[] = [];
  let lastBottom = -Infinity;
  for (const line of lines) {
    const placed: Array<{ from: number; to: number; frags: Fragment[] }> = [];
    for (const f of splitBySlots(line.frags, slots)) {
      const [from, to] = slotRange(f, slots);
      const same = placed.find((p) => p.from <= to && from <= p.to);
      if (same) {
        same.frags.push(f);
        same.from = Math.min(same.from, from);
        same.to = Math.max(same.to, to);
      } else placed.push({ from, to, frags: [f] });
    }
    placed.sort((a, b) => a.from - b.from);
    const rowSpan = spanOf(line.page, [[line.x0, line.top, line.x1, line.bottom]]);
    const cells: TableCell[] = [];
    let col = 0;
    for (const p of placed) {
      while (col < p.from) {
        cells.push({ text: '', runs: [], span: rowSpan });
        col++;
      }
      const text = p.frags
        .slice()
        .sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0)
        .map((f) => f.text)
        .join(' ');
      const box: [number, number, number, number] = [
        Math.min(...p.frags.map((f) => f.x0)),
        Math.min(...p.frags.map((f) => f.top)),
        Math.max(...p.frags.map((f) => f.x1)),
        Math.max(...p.frags.map((f) => f.bottom)),
      ];
      const cell: TableCell = { text, runs: [{ start: 0, end: text.length, page: line.page, bbox: roundBox(box) }], span: spanOf(line.page, [box]) };
      if (p.frags.every((f) => f.allBold)) cell.bold = true;
      if (p.to > p.from) cell.colspan = p.to - p.from + 1;
      cells.push(cell);
      col = p.to + 1;
    }
    while (col < slots.length) {
      cells.push({ text: '', runs: [], span: rowSpan });
      col++;
    }
    const prev = rows[rows.length - 1];
    // a row with an empty first cell and no numbers, right under the previous row, is that row's wrapped text
    const gap = line.top - lastBottom;
    if (
      prev &&
      ((/^(\p{Ll}|$)/u.test(cells[0]!.text) && gap < 0.6 * line.size) || (padded && gap < 0.5 * line.size)) &&
      // a short cell that starts with a number is a value of its own row ("+3.7% (non-egregious)")
      cells.every((c) => c.text === '' || (!isNumericCell(c.text) && !(c.text.length <= 25 && /^[-+±~<>≈]?[$€£]?\d/.test(c.text)))) &&
      cells.length === prev.cells.length
    ) {
      cells.forEach((c, k) => {
        const target = prev.cells[k]!;
        if (c.text === '') return;
        if (target.text === '') {
          prev.cells[k] = c;
          return;
        }
        const joined = joinWrapped(target.text, c.text);
        const last = target.runs[target.runs.length - 1];
        if (last && last.end > joined.start) last.end = joined.start;
        for (const r of c.runs) target.runs.push({ ...r, start: r.start + joined.start, end: r.end + joined.start });
        target.text = joined.text;
        if (target.span.kind === 'pdf' && c.span.kind === 'pdf') {
          target.span = { ...target.span, bbox: roundBox(unionBox([target.span.bbox, c.span.bbox])), rects: [...target.span.rects, ...c.span.rects] };
        }
        if (!c.bold) delete target.bold;
      });
      if (prev.span.kind === 'pdf' && rowSpan.kind === 'pdf') {
        prev.span = { ...prev.span, bbox: roundBox(unionBox([prev.span.bbox, rowSpan.bbox])), rects: [...prev.span.rects, ...rowSpan.rects] };
      }
      lastBottom = line.bottom;
      continue;
    }
    rows.push({ cells, span: rowSpan });
    lastBottom = line.bottom;
  }
  const isData = (r: TableRow): boolean => {
    const rest = r.cells.slice(1).filter((c) => c.text.length > 0);
    return rest.length > 0 && rest.filter((c) => isNumericCell(c.text)).length * 2 >= rest.length;
  };
  // a row of sizes under a group header (" | 2B | 9B | 27B") has no row label: still header
  let headerCount = rows.findIndex((r) => isData(r) && r.cells[0]!.text !== '');
  if (headerCount === -1) headerCount = rows.length > 1 ? 1 : 0;
  headerCount = Math.min(headerCount, MAX_HEADER_ROWS);
  return { header: rows.slice(0, headerCount), rows: rows.slice(headerCount), origin: 'pdf' };
}

/**
 * A header set tight enough to read as one fragment ("Resolution DocVQA InfoVQA TextVQA") is still
 * a row: its items fall one by one into distinct columns, left to right.
 */
export function headerAligns(line: Line, cols: Array<{ x0: number; x1: number }>): boolean {
  if (line.frags.length !== 1 || cols.length < 2) return false;
  const parts = line.frags[0]!.parts;
  if (parts.length < 2 || parts.length > cols.length) return false;
  let last = -1;
  for (const p of parts) {
    const hits = cols.map((c, i) => (Math.min(c.x1, p.x1) - Math.max(c.x0, p.x0) > 0 ? i : -1)).filter((i) => i >= 0);
    if (hits.length !== 1 || hits[0]! <= last) return false;
    last = hits[0]!;
  }
  return true;
}

/** Split a region's lines into text runs and tables. */
export function segmentLines(lines: Line[]): Segment[] {
  const out: Segment[] = [];
  let text: Line[] = [];
  const flushText = (): void => {
    if (text.length > 0) out.push({ kind: 'lines', lines: text });
    text = [];
  };
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.frags.length < 2) {
      text.push(lines[i]!);
      i++;
      continue;
    }
    // extend over multi-fragment lines, letting a single-fragment line through when another
    // multi-fragment line follows it closely (a row label or a wrapped cell)
    let j = i + 1;
    let end = i + 1;
    // the horizontal extent of lines i..j-1, kept as j advances
    let runX0 = lines[i]!.x0;
    let runX1 = lines[i]!.x1;
    while (j < lines.length) {
      const l = lines[j]!;
      const prev = lines[j - 1]!;
      runX0 = Math.min(runX0, prev.x0);
      runX1 = Math.max(runX1, prev.x1);
      const gap = l.top - prev.bottom;
      const em = Math.max(l.size, prev.size);
      // rows of cells may be padded apart; a wrapped line inside a cell is not
      if (gap >= 2 * em || (gap >= 1.2 * em && l.frags.length < 2)) break;
      if (l.frags.length >= 2) {
        end = j + 1;
        j++;
        continue;
      }
      const next = lines[j + 1];
      if (next && next.frags.length >= 2 && next.top - l.bottom < 1.2 * Math.max(l.size, next.size)) {
        j++;
        continue;
      }
      // a wrapped cell's last line, inside the table's width but not in its first column
      const wrappedCell = l.x0 > runX0 + 2 * l.size && l.x1 <= runX1 + l.size && !isNumericCell(lineTextOf(l));
      // or a wrapped first-column label going on in lower case ("System prompt" / "extraction")
      const wrappedLabel = l.x0 <= runX0 + 2 * l.size && /^\p{Ll}/u.test(lineTextOf(l)) && gap < 0.6 * em;
      if (wrappedCell || wrappedLabel) {
        end = j + 1;
        j++;
        continue;
      }
      break;
    }
    let run = lines.slice(i, end);
    if (looksLikeTable(run)) {
      // a spanning group header ("Shards", "Quantized (GB)") sits alone on the line above
      const runX0 = Math.min(...run.map((r) => r.x0));
      const runX1 = Math.max(...run.map((r) => r.x1));
      while (text.length > 0) {
        const above = text[text.length - 1]!;
        const below = run[0]!;
        const fits =
          (above.frags.length === 1 && above.frags[0]!.text.length <= 40 && above.x0 > runX0 + 2 * above.size && above.x1 <= runX1 + above.size) ||
          headerAligns(above, slotsOf(run));
        if (!fits || below.top - above.bottom > 1.2 * Math.max(above.size, below.size)) break;
        run = [text.pop()!, ...run];
      }
      flushText();
      out.push({ kind: 'table', lines: run, table: buildTable(run) });
    } else {
      text.push(...run);
    }
    i = end;
  }
  flushText();
  return out;
}
