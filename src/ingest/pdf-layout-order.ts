/**
 * PDF layout, step 3 (pure): reading order by recursive XY-cut. A region is split at a column
 * gutter (a vertical strip no fragment crosses, with a wide text column on each side) before it
 * is split at its widest horizontal gap, so a two-column page is read column by column and a
 * full-width title, abstract or table above or below the columns stays in place. Table columns
 * are narrow, so they never count as page columns.
 */
import type { Fragment } from './pdf-layout-text.ts';

/** A page column must be at least this share of the page's text width. */
const MIN_COLUMN_SHARE = 0.25;
/** A gutter is at least this wide, in ems of the body font. */
const MIN_GUTTER_EM = 0.7;
/** A horizontal cut needs a gap of at least this many ems (ordinary line spacing is ~0.25 em). */
const MIN_YGAP_EM = 0.6;

interface Gap {
  start: number;
  end: number;
}

function gaps(intervals: Array<[number, number]>): Gap[] {
  const sorted = intervals.slice().sort((a, b) => a[0] - b[0]);
  const out: Gap[] = [];
  let reach = -Infinity;
  for (const [s, e] of sorted) {
    if (reach !== -Infinity && s > reach) out.push({ start: reach, end: s });
    reach = Math.max(reach, e);
  }
  return out;
}

function extent(frags: Fragment[]): { x0: number; x1: number } {
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const f of frags) {
    x0 = Math.min(x0, f.x0);
    x1 = Math.max(x1, f.x1);
  }
  return { x0, x1 };
}

/** Rows (distinct baselines) a set of fragments covers. */
function rowCount(frags: Fragment[]): number {
  return new Set(frags.map((f) => f.row)).size;
}

function columnCut(frags: Fragment[], textWidth: number, em: number): [Fragment[], Fragment[]] | undefined {
  let best: [Fragment[], Fragment[]] | undefined;
  let bestWidth = 0;
  // the widest few gaps are the only gutter candidates (bounded work on hostile pages)
  const candidates = gaps(frags.map((f) => [f.x0, f.x1]))
    .filter((g) => g.end - g.start >= MIN_GUTTER_EM * em)
    .sort((a, b) => b.end - b.start - (a.end - a.start))
    .slice(0, 12);
  for (const g of candidates) {
    const width = g.end - g.start;
    const left = frags.filter((f) => f.x1 <= g.start);
    const right = frags.filter((f) => f.x0 >= g.end);
    const l = extent(left);
    const r = extent(right);
    if (l.x1 - l.x0 < MIN_COLUMN_SHARE * textWidth || r.x1 - r.x0 < MIN_COLUMN_SHARE * textWidth) continue;
    // a column holds running text: some of its fragments fill most of its width
    const wide = (side: Fragment[], e: { x0: number; x1: number }): boolean =>
      side.filter((f) => f.x1 - f.x0 >= 0.6 * (e.x1 - e.x0)).length >= Math.min(2, rowCount(side));
    if (!wide(left, l) || !wide(right, r)) continue;
    if (width > bestWidth) {
      bestWidth = width;
      best = [left, right];
    }
  }
  return best;
}

function rowCut(frags: Fragment[], minGap: number): Fragment[][] | undefined {
  const candidates = gaps(frags.map((f) => [f.top, f.bottom])).filter((g) => g.end - g.start >= minGap);
  if (candidates.length === 0) return undefined;
  // cut at the widest gap only; the parts are cut again (columns first) by the recursion
  const widest = candidates.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  const above = frags.filter((f) => f.bottom <= widest.start);
  const below = frags.filter((f) => f.top >= widest.end);
  if (above.length === 0 || below.length === 0) return undefined;
  return [above, below];
}

/**
 * Order the fragments of one page into regions, each read top to bottom. `textWidth` is the width
 * the page's text spans; `em` the body font size; `leading` the usual baseline step in ems (a
 * loosely set document has wide gaps between ordinary lines, which must not count as cuts).
 */
export function readingOrder(frags: Fragment[], textWidth: number, em: number, leading = 1.2): Fragment[][] {
  const minGap = Math.max(MIN_YGAP_EM, leading - 1 + 0.5) * em;
  const out: Fragment[][] = [];
  const visit = (region: Fragment[], depth: number): void => {
    if (region.length <= 1 || depth > 60) {
      if (region.length > 0) out.push(region);
      return;
    }
    const cols = columnCut(region, textWidth, em);
    if (cols) {
      visit(cols[0], depth + 1);
      visit(cols[1], depth + 1);
      return;
    }
    const rows = rowCut(region, minGap);
    if (rows) {
      for (const r of rows) visit(r, depth + 1);
      return;
    }
    out.push(region);
  };
  visit(frags, 0);
  return out;
}
