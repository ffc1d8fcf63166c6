/**
 * PDF layout, step 2 (pure): page furniture. Running headers and footers are fragments in the
 * top or bottom band of a page whose text (digits masked) recurs on several pages; page numbers
 * are number-only fragments in those bands. Both are dropped before reading order is built.
 */
import type { Fragment } from './pdf-layout-text.ts';

/** Share of the page height, from the top and from the bottom, where furniture lives. */
const BAND = 0.12;
/** Text that is only a page number ("12", "- 12 -", "Page 3 of 9", "iv"). */
const PAGE_NUMBER = /^(page\s*)?[-–—(]?\s*(\d{1,4}|[ivxlc]{1,7})\s*[-–—)]?(\s*(of|\/)\s*\d{1,4})?$/i;

function furnitureKey(f: Fragment, pageHeight: number): string | undefined {
  const band = f.bottom <= pageHeight * BAND ? 'top' : f.top >= pageHeight * (1 - BAND) ? 'bottom' : undefined;
  if (!band) return undefined;
  const text = f.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  return `${band}|${text}`;
}

/**
 * Remove running headers/footers and page numbers. `pages` holds the fragments of each page and
 * its height. A band text counts as running when it occurs on at least two pages and on at least
 * a fifth of the pages that have text.
 */
export function dropFurniture(pages: Array<{ fragments: Fragment[]; height: number }>): Fragment[][] {
  const pagesWith = new Map<string, Set<number>>();
  pages.forEach((p, i) => {
    for (const f of p.fragments) {
      const key = furnitureKey(f, p.height);
      if (!key) continue;
      let set = pagesWith.get(key);
      if (!set) pagesWith.set(key, (set = new Set()));
      set.add(i);
    }
  });
  const textPages = pages.filter((p) => p.fragments.length > 0).length;
  const needed = Math.max(2, Math.ceil(textPages / 5));
  return pages.map((p) => {
    const running = new Set(
      p.fragments.filter((f) => {
        const key = furnitureKey(f, p.height);
        return key !== undefined && (pagesWith.get(key)?.size ?? 0) >= needed;
      }),
    );
    // a number is a page number when nothing but furniture shares its line (a table's last row
    // near the bottom of a page keeps its numbers)
    const content = new Map<number, number>();
    for (const g of p.fragments) if (!running.has(g) && !PAGE_NUMBER.test(g.text.trim())) content.set(g.row, (content.get(g.row) ?? 0) + 1);
    const pageNumbers = new Set(
      p.fragments.filter((f) => furnitureKey(f, p.height) !== undefined && PAGE_NUMBER.test(f.text.trim()) && !content.has(f.row)),
    );
    const kept = p.fragments.filter((f) => !running.has(f) && !pageNumbers.has(f));
    return dropTableOfContents(kept);
  });
}

/** Dot leaders of a table-of-contents entry ("2.1 Quantization . . . . . 4"). */
const LEADER = /(\.\s?){5,}|…{3,}/;
/** A fragment that is only a page reference. */
const PAGE_REF = /^\d{1,4}$/;
/** Minimum leader rows that make a page a table of contents. */
const TOC_MIN_ROWS = 5;

/**
 * Drop a table of contents: navigation, not content (it would otherwise read as a table of
 * section titles and page numbers). Rows with dot leaders always go; on a page with at least
 * TOC_MIN_ROWS of them, rows that end in a bare page reference and the "Contents" title go too.
 */
export function dropTableOfContents(fragments: Fragment[]): Fragment[] {
  const rows = new Map<number, Fragment[]>();
  for (const f of fragments) {
    let r = rows.get(f.row);
    if (!r) rows.set(f.row, (r = []));
    r.push(f);
  }
  const leaderRows = new Set([...rows].filter(([, fs]) => fs.some((f) => LEADER.test(f.text))).map(([row]) => row));
  if (leaderRows.size === 0) return fragments;
  const tocPage = leaderRows.size >= TOC_MIN_ROWS;
  const drop = new Set(leaderRows);
  if (tocPage) {
    for (const [row, fs] of rows) {
      const last = [...fs].sort((a, b) => a.x1 - b.x1).at(-1)!;
      const text = fs.map((f) => f.text).join(' ').trim();
      if ((fs.length > 1 && PAGE_REF.test(last.text.trim())) || /^(table of )?contents$/i.test(text)) drop.add(row);
    }
  }
  return fragments.filter((f) => !drop.has(f.row));
}
