/**
 * PDF layout, step 1 (pure): pdfjs text items → fragments (runs of items on one baseline with no
 * wide gap) grouped in rows, plus the text helpers the later steps share: ligature
 * normalisation and joining wrapped lines with end-of-line hyphenation undone.
 */
import type { BBox } from '../model/types.ts';
import type { PdfFontInfo, PdfPageData } from './pdf-types.ts';

/** A caption's opening ("Table 3", "Figure 2a", "Fig. 4"): a caption is never a table fragment or a run-on. */
export const CAPTION = /^(table|figure|fig\.|chart|exhibit)\s*[\dA-Z]/i;

/** A run of text on one baseline with no wide horizontal gap: a line of a column, or a table cell. */
export interface Fragment {
  page: number;
  /** Row on its page (fragments of one row share a baseline); unique per page. */
  row: number;
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  /** Dominant font size (by characters). */
  size: number;
  /** Most characters are in a bold face. */
  bold: boolean;
  /** Every character is in a bold face (a run-in bold lead makes this false). */
  allBold: boolean;
  /** The non-blank items it was built from (a table header may pack several cells into one fragment). */
  parts: Array<{ text: string; x0: number; x1: number }>;
  /**
   * Leading text set in another face than the text that follows it in the same fragment: a run-in
   * heading in bold or a medium weight ("**Web** The majority of ..."), whatever the font calls itself.
   */
  faceLead?: string;
}

/** Ligature and presentation forms pdfjs may leave in place (Unicode alphabetic presentation forms). */
const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
  '\u0132': 'IJ',
  '\u0133': 'ij',
  // fonts that map the typographic apostrophe to MODIFIER LETTER APOSTROPHE ("modelʼs"): text reads "model’s"
  '\u02BC': '\u2019',
};
const LIGATURE_RE = /[\uFB00-\uFB06\u0132\u0133\u02BC]/g;

/**
 * The text of a fragment's items rejoined: a space only where the items stand apart by more than a
 * word space, so a word whose ligature is an item of its own ("cuto" + "ff") stays one word.
 */
export function joinParts(parts: ReadonlyArray<{ text: string; x0: number; x1: number }>, size: number): string {
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i > 0 && p.x0 - parts[i - 1]!.x1 > SPACE_GAP_EM * size) text += ' ';
    text += p.text;
  }
  return text;
}

/** Replace ligature characters with their letters; drop zero-width characters. */
export function normalizeLigatures(text: string): string {
  return text.replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c).replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, '');
}

/** Items closer than this (in ems) belong to one fragment; wider gaps separate cells or columns. */
const FRAGMENT_GAP_EM = 0.9;
/** A blank item wider than this (in ems) is a cell or column gap, not a word space. */
const WIDE_BLANK_EM = 1.2;
/** A gap wider than this (in ems) between two items of one fragment becomes a space. */
const SPACE_GAP_EM = 0.12;

interface Box {
  str: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  size: number;
  bold: boolean;
  blank: boolean;
  /** Index of its font in the extraction's font list. */
  font: number;
}

interface Row {
  boxes: Box[];
  baseline: number;
  size: number;
  top: number;
  bottom: number;
  x0: number;
  x1: number;
}

function toBoxes(page: PdfPageData, fonts: PdfFontInfo[]): Box[] {
  const out: Box[] = [];
  for (const it of page.items) {
    if (!it.upright || !(it.size > 0.5) || !Number.isFinite(it.x) || !Number.isFinite(it.y)) continue;
    const f = fonts[it.font];
    const ascent = f?.ascent ?? 0.8;
    const descent = f?.descent ?? -0.2;
    const str = normalizeLigatures(it.str);
    if (str.length === 0) continue;
    const w = Math.max(0, it.w);
    out.push({
      str,
      x0: it.x,
      x1: it.x + w,
      top: it.y - ascent * it.size,
      bottom: it.y - descent * it.size,
      baseline: it.y,
      size: it.size,
      bold: f?.bold ?? false,
      blank: str.trim().length === 0,
      font: it.font,
    });
  }
  return out;
}

function rowsOf(boxes: Box[]): Row[] {
  const sorted = boxes.filter((b) => !b.blank || b.x1 > b.x0).sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const rows: Row[] = [];
  for (const b of sorted) {
    let target: Row | undefined;
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i]!;
      if (b.baseline - r.baseline > 2 * Math.max(r.size, b.size)) break;
      if (Math.abs(r.baseline - b.baseline) <= 0.3 * Math.min(r.size, b.size)) {
        target = r;
        break;
      }
    }
    if (target) {
      target.boxes.push(b);
      target.top = Math.min(target.top, b.top);
      target.bottom = Math.max(target.bottom, b.bottom);
      target.x0 = Math.min(target.x0, b.x0);
      target.x1 = Math.max(target.x1, b.x1);
      if (!b.blank) target.size = Math.max(target.size, b.size);
    } else {
      rows.push({ boxes: [b], baseline: b.baseline, size: b.blank ? 0 : b.size, top: b.top, bottom: b.bottom, x0: b.x0, x1: b.x1 });
    }
  }
  // superscripts and subscripts (footnote marks, "×10^3") sit on their own baseline in a smaller
  // size: fold such a row into the larger row it overlaps when it lies horizontally next to it
  const kept: Row[] = [];
  // only short marks are scripts; a run of smaller body text beside a large heading is not
  const small = rows
    .filter((r) => r.size > 0 && r.boxes.reduce((n, b) => n + b.str.trim().length, 0) <= 6)
    .sort((a, b) => a.size - b.size);
  const absorbed = new Set<Row>();
  const byBaseline = rows.slice().sort((a, b) => a.baseline - b.baseline);
  const maxSize = byBaseline.reduce((m, h) => Math.max(m, h.size), 0);
  for (const r of small) {
    // hosts are within a line's height of the mark: look only there (binary search, then a window)
    const reach = 2 * Math.max(maxSize, r.size);
    let lo = 0;
    let hi = byBaseline.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byBaseline[mid]!.baseline < r.baseline - reach) lo = mid + 1;
      else hi = mid;
    }
    const near: Row[] = [];
    for (let k = lo; k < byBaseline.length && byBaseline[k]!.baseline <= r.baseline + reach && near.length < 50; k++) near.push(byBaseline[k]!);
    const host = near.find(
      (h) =>
        h !== r &&
        !absorbed.has(h) &&
        r.size < 0.85 * h.size &&
        Math.min(r.bottom, h.bottom) - Math.max(r.top, h.top) >= 0.5 * (r.bottom - r.top) &&
        h.boxes.some((hb) => !hb.blank && r.x0 <= hb.x1 + 0.5 * h.size && r.x1 >= hb.x0 - 0.5 * h.size),
    );
    if (host) {
      host.boxes.push(...r.boxes);
      absorbed.add(r);
    }
  }
  for (const r of rows) if (!absorbed.has(r) && r.boxes.some((b) => !b.blank)) kept.push(r);
  return kept;
}

/** A raised, smaller mark: a footnote reference ("DeepMind¹") or an exponent ("10³"). */
const RAISED_MARK = /^[\d*†‡§¶,–-]{1,4}$/;

function joinBoxes(
  boxes: Box[],
  rowBaseline: number,
  rowSize: number,
): { text: string; size: number; bold: boolean; allBold: boolean; parts: Fragment['parts']; faceLead?: string } {
  let text = '';
  /** Length of `text` while every solid item so far is in the first item's font; -1 once another font came. */
  let leadUntil = 0;
  let leadFont = -1;
  let faceLead: string | undefined;
  /** Font of the first solid item after the lead. */
  let nextFont = -1;
  const byFont = new Map<number, number>();
  const parts: Fragment['parts'] = [];
  let prev: Box | undefined;
  const bySize = new Map<number, number>();
  let boldChars = 0;
  let chars = 0;
  for (const b of boxes) {
    const raised = !b.blank && b.size < 0.85 * rowSize && b.baseline < rowBaseline - 0.2 * rowSize;
    if (raised && RAISED_MARK.test(b.str.trim())) {
      // after a digit it is an exponent (kept as "10^3"); after a word, a footnote mark (dropped,
      // so "85.2%¹" does not read as a different number)
      if (/\d/.test(text.charAt(text.length - 1))) {
        text += `^${b.str.trim()}`;
        const last = parts[parts.length - 1];
        if (last) {
          last.text += `^${b.str.trim()}`;
          last.x1 = Math.max(last.x1, b.x1);
        }
      }
      prev = b;
      continue;
    }
    if (!b.blank) parts.push({ text: b.str.trim(), x0: b.x0, x1: b.x1 });
    if (prev && !b.blank) {
      const gap = b.x0 - prev.x1;
      const em = Math.max(prev.size, b.size);
      // end-anchored regexes scan the whole string; look at the last character only
      if (gap > SPACE_GAP_EM * em && !/\s/.test(text.charAt(text.length - 1)) && !/^\s/.test(b.str)) text += ' ';
    }
    if (!b.blank && leadUntil >= 0) {
      if (leadFont < 0) leadFont = b.font;
      else if (b.font !== leadFont) {
        faceLead = text.slice(0, leadUntil).replace(/\s+/g, ' ').trim();
        nextFont = b.font;
        leadUntil = -1;
      }
    }
    text += b.str;
    if (!b.blank && leadUntil >= 0) leadUntil = text.length;
    if (!b.blank) {
      const n = b.str.replace(/\s/g, '').length;
      chars += n;
      byFont.set(b.font, (byFont.get(b.font) ?? 0) + n);
      if (b.bold) boldChars += n;
      const key = Math.round(b.size * 2) / 2;
      bySize.set(key, (bySize.get(key) ?? 0) + n);
    }
    prev = b;
  }
  let size = 0;
  let best = -1;
  for (const [s, n] of bySize) if (n > best || (n === best && s > size)) [size, best] = [s, n];
  const joined = { text: text.replace(/\s+/g, ' ').trim(), size, bold: chars > 0 && boldChars * 2 > chars, allBold: chars > 0 && boldChars === chars, parts };
  // a lead counts when the text after it is in the fragment's main face (a link or a bold word inside a
  // sentence is the other way round: the lead is in the main face)
  let mainFont = -1;
  let mainChars = -1;
  for (const [f, n] of byFont) if (n > mainChars) [mainFont, mainChars] = [f, n];
  const isLead = faceLead !== undefined && joined.text.startsWith(faceLead) && nextFont === mainFont && leadFont !== mainFont;
  return isLead ? { ...joined, faceLead } : joined;
}

/** Fragments of one page, in row order (top to bottom), left to right within a row. */
export function pageFragments(page: PdfPageData, fonts: PdfFontInfo[]): Fragment[] {
  const out: Fragment[] = [];
  const rows = rowsOf(toBoxes(page, fonts)).sort((a, b) => a.baseline - b.baseline);
  rows.forEach((row, rowIndex) => {
    const boxes = row.boxes.sort((a, b) => a.x0 - b.x0);
    let group: Box[] = [];
    let reach = -Infinity;
    const flush = (): void => {
      const solid = group.filter((b) => !b.blank);
      if (solid.length > 0) {
        const j = joinBoxes(group, row.baseline, row.size);
        if (j.text.length > 0) {
          let [x0, x1, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
          for (const b of solid) {
            if (b.x0 < x0) x0 = b.x0;
            if (b.x1 > x1) x1 = b.x1;
            if (b.top < top) top = b.top;
            if (b.bottom > bottom) bottom = b.bottom;
          }
          out.push({
            page: page.page,
            row: rowIndex,
            text: j.text,
            x0,
            x1,
            top,
            bottom,
            baseline: row.baseline,
            size: j.size,
            bold: j.bold,
            allBold: j.allBold,
            parts: j.parts,
            ...(j.faceLead ? { faceLead: j.faceLead } : {}),
          });
        }
      }
      group = [];
      reach = -Infinity;
    };
    for (const b of boxes) {
      const em = Math.max(row.size, 1);
      // pdfjs turns a wide positioning gap into a blank item; a wide blank separates cells
      if (b.blank && b.x1 - b.x0 > WIDE_BLANK_EM * em) continue;
      // the gap is measured in the smaller of the two neighbours' sizes: a large heading in one
      // column must not pull the body text of the next column into its fragment
      const last = [...group].reverse().find((g) => !g.blank);
      const gapEm = Math.max(1, b.blank || !last ? em : Math.min(last.size, b.size));
      // a jump to double or half the size (a decorative step numeral beside body text) starts a new fragment
      const jump = !b.blank && last !== undefined && Math.max(last.size, b.size) >= 2 * Math.min(last.size, b.size);
      if (group.length > 0 && (jump || b.x0 - reach > FRAGMENT_GAP_EM * gapEm)) flush();
      group.push(b);
      reach = Math.max(reach, b.x1);
    }
    flush();
  });
  return out;
}

/** Union of boxes. */
export function unionBox(boxes: BBox[]): BBox {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

/** Round a box to 0.01 pt (stable output, smaller JSON). */
export function roundBox(b: BBox): BBox {
  return b.map((v) => Math.round(v * 100) / 100) as BBox;
}

/** Prefixes that are written with a hyphen, so a line break after them keeps it ("self-", "non-"). */
const KEEP_HYPHEN = /(^|[^\p{L}])(self|non|cross|well|co|state|real|open|fine|high|low|long|short|post|pre|zero|few|one|two|multi-turn)-$/iu;

/** An acronym or a word with digits before the hyphen ("LLM-", "GPT4-"): a compound, not a split word. */
const ACRONYM_HYPHEN = /(^|[^\p{L}\p{N}])[\p{Lu}\p{N}]{2,}-$/u;

/**
 * Join a wrapped line to the text before it: "mod-" + "els" → "models" (end-of-line hyphen before
 * a lower-case continuation is removed), otherwise one space. Returns the joined text and where
 * the new line's text starts in it.
 */
/**
 * A hyphen at a line end inside a name, path or compound: the word before it already holds a hyphen, a
 * digit, a slash, a dot or an underscore ("meta-llama/llama-", "gpt2-"), or the word after it does
 * ("models/blob/main"). Hyphenation splits plain words, never these (issue 16: "llama-models").
 */
function namedCompound(before: string, next: string): boolean {
  const prev = /\S*$/u.exec(before.slice(0, -1))?.[0] ?? '';
  const following = (/^\S*/u.exec(next)?.[0] ?? '').replace(/[.,;:!?)\]'"”’]+$/u, '');
  return /[-/_\d@]|\.\p{L}/u.test(prev) || /[-/_\d@]|\.\p{L}/u.test(following);
}

export function joinWrapped(before: string, next: string): { text: string; start: number } {
  if (before.length === 0) return { text: next, start: 0 };
  if (/[\p{L}\p{N}]-$/u.test(before) && /^\p{Ll}/u.test(next) && (KEEP_HYPHEN.test(before) || ACRONYM_HYPHEN.test(before) || namedCompound(before, next))) {
    return { text: before + next, start: before.length };
  }
  if (/\p{L}[-\u00AD]$/u.test(before) && /^\p{Ll}/u.test(next)) {
    const cut = before.slice(0, -1);
    return { text: cut + next, start: cut.length };
  }
  // "Gemma3-" + "4B-IT": a compound split after its hyphen keeps the hyphen, without a space
  if (/[\p{L}\p{N}]-$/u.test(before) && /^[\p{Lu}\p{N}]/u.test(next)) return { text: before + next, start: before.length };
  if (/\u00AD$/.test(before)) {
    const cut = before.slice(0, -1);
    return { text: cut + next, start: cut.length };
  }
  return { text: `${before} ${next}`, start: before.length + 1 };
}
