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
    return p.fragments.filter((f) => !running.has(f) && !pageNumbers.has(f));
  });
}
