/**
 * Sentence boundaries in plain text. Breaks after . ! ? (and closing quotes or brackets) when
 * whitespace and a sentence-opening character follow; not after abbreviations, initials or
 * inside numbers, versions and URLs (no whitespace there); always at hard line breaks.
 */

/** Abbreviation lists the splitter consults (rules/segmentation.yaml). */
export interface Abbreviations {
  /** Lower-case words (without the final period) after which a period never ends a sentence. */
  never: ReadonlySet<string>;
  /** Words whose period ends a sentence only when a capitalised word follows ("etc."). */
  final: ReadonlySet<string>;
  /** Words whose period ends a sentence unless a number follows ("No. 2"; the answer "No. Adding ..."). */
  beforeNumber: ReadonlySet<string>;
}

/** A sentence as a [start, end) range of its block's text, trimmed. */
export type Range = [number, number];

const CLOSERS = '"\'”’)]»';
/** Characters that can open a sentence: capitals, letters of scripts without case, digits, opening quotes and brackets, currency. */
const OPENERS = /["'“‘(\[«¿¡*_$€£¥#@<\p{Lu}\p{Lt}\p{Lo}\p{N}]/u;
const HARD_BREAK = /[\u2028\u2029]/;
/**
 * A lower-case product identifier that opens a sentence ("phi-4 is ...", "stable-code-3b is trained ...", "vLLM provides ..."):
 * letters joined to digits by hyphens, underscores or dots, or a name whose capitals follow a short lower-case prefix
 * ("vLLM", "iOS"; not "arXiv preprint", which continues a reference), then a space. Plain lower-case words do not open one.
 */
const IDENTIFIER = /^(?:\p{Ll}[\p{L}\p{N}]*(?:[-_.][\p{L}\p{N}]+)*[-_.]?\p{N}[\p{L}\p{N}]*(?:[-_.][\p{L}\p{N}]+)*|\p{Ll}{1,3}\p{Lu}{2,}[\p{L}\p{N}-]*)\s/u;

/**
 * What follows an author's initial in a list of names: a capitalised name and a comma, the full stop
 * that ends the list ("and S. Mehra. Title ..."), or "and" ("R. Haldane and T. Quist"); or the year of
 * an author-year reference ("Shazeer, N. (2022).").
 */
const NAME_IN_LIST = /^(?:\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}]+)?(?:[,.]|\s+and\s)|\(\d{4}[a-z]?\))/u;

/** What comes before an initial in a list of names: the start, a reference number, a comma or "and". */
const NAME_LIST_BEFORE = /(?:^|\]\s|,\s|\sand\s)$/;

function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[A-Za-z.]/.test(text[i - 1]!)) i--;
  return text.slice(i, dot);
}

function isBoundary(text: string, punct: number, next: number, abbr: Abbreviations): boolean {
  const nextChar = text[next];
  if (nextChar === undefined) return true;
  const p = text[punct]!;
  if (!OPENERS.test(nextChar) && !((p === '?' || p === '!') && /\p{Ll}/u.test(nextChar)) && !IDENTIFIER.test(text.slice(next, next + 40))) return false;
  if (p !== '.') return true;
  // ellipsis followed by a capital still ends a sentence; periods inside it do not
  const word = wordBefore(text, punct);
  if (!word) return true;
  const bare = word.replace(/^\.+/, '');
  const lower = bare.toLowerCase();
  if (abbr.never.has(lower)) return false;
  // an initial in a list of names ("A. Souly, Q. Lu, D. Bowen, and A. Beutel, ...")
  if (/^\p{Lu}$/u.test(bare) && NAME_LIST_BEFORE.test(text.slice(Math.max(0, punct - 8), punct - 1)) && NAME_IN_LIST.test(text.slice(next, next + 40))) return false;
  if (abbr.final.has(lower)) return /[A-Z]/.test(nextChar) && !/^[A-Z][a-z]*\./.test(text.slice(next));
  if (abbr.beforeNumber.has(lower)) return !/[\p{N}#]/u.test(nextChar);
  return true;
}

/** How a colon at the end of a line (a soft line break follows) ends a sentence. */
export interface SplitOptions {
  /**
   * 'always': the lead-in ends there (contracts: "... the following notice:" over the prescribed text);
   * 'unquoted' (default): unless the next line opens with a quotation that completes the sentence
   * ('... described in the papers:\n"Title A" and "Title B".').
   */
  lineColon?: 'always' | 'unquoted';
}

/** Split `text` into trimmed sentence ranges. Never throws; ranges are ordered and disjoint. */
export function splitSentences(text: string, abbr: Abbreviations, options: SplitOptions = {}): Range[] {
  const lineColon = options.lineColon ?? 'unquoted';
  const out: Range[] = [];
  let start = 0;
  const emit = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push([s, e]);
    else if (e > s && out.length > 0 && out[out.length - 1]![1] <= s) {
      // stray punctuation: attach to the previous sentence
      out[out.length - 1]![1] = e;
    }
  };
  let depth = 0;
  let hasWord = false;
  /** Inside a quotation opened in this sentence ("... the following notice: "Licensed under X. All Rights Reserved.""). */
  let quoted = false;
  const quote = (c: string): void => {
    if (c === '“') quoted = true;
    else if (c === '”') quoted = false;
    else if (c === '"') quoted = !quoted;
  };
  const close = (from: number, to: number): void => {
    for (let x = from; x < to; x++) if ((text[x] === ')' || text[x] === ']') && depth > 0) depth--;
  };
  const restart = (at: number): void => {
    start = at;
    depth = 0;
    hasWord = false;
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (HARD_BREAK.test(c)) {
      emit(i);
      restart(i + 1);
      continue;
    }
    if (c === '"' || c === '“' || c === '”') quote(c);
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (!hasWord && /\p{L}/u.test(c)) hasWord = true;
    if (c === '。' || c === '！' || c === '？') {
      // full-width terminators end a sentence without a following space
      let j = i + 1;
      while (j < text.length && CLOSERS.includes(text[j]!)) j++;
      emit(j);
      restart(j);
      i = j - 1;
      continue;
    }
    if (c === ':' && hasWord && depth === 0 && !quoted) {
      // a colon that ends its line introduces what the next line says ("... the following statement:\n“...”"):
      // the lead-in is a sentence of its own
      let k = i + 1;
      while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
      if (text[k] === '\n' || text[k] === '\r') {
        while (k < text.length && /\s/.test(text[k]!)) k++;
        if (k < text.length && OPENERS.test(text[k]!) && (lineColon === 'always' || !/["'“‘«]/.test(text[k]!))) {
          emit(i + 1);
          restart(i + 1);
        }
      }
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
    let j = i + 1;
    while (j < text.length && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
    const punctEnd = j;
    while (j < text.length && CLOSERS.includes(text[j]!)) {
      quote(text[j]!);
      j++;
    }
    close(punctEnd, j);
    if (j < text.length && !/\s/.test(text[j]!)) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < text.length && /\s/.test(text[k]!) && !HARD_BREAK.test(text[k]!)) k++;
    if (k < text.length && HARD_BREAK.test(text[k]!)) {
      i = k - 1;
      continue;
    }
    // a period inside an open parenthesis that closes soon does not end the sentence
    if (depth > 0) {
      const window = text.slice(j, j + 120);
      const at = window.indexOf(')');
      if (at >= 0 && !/[.!?]["”’]?\s+[A-Z]/.test(window.slice(0, at))) {
        i = j - 1;
        continue;
      }
    }
    // a period inside a quotation that closes soon is the quotation's, not the sentence's
    if (quoted && /^[^"”]{0,200}["”]/.test(text.slice(j, j + 201))) {
      i = j - 1;
      continue;
    }
    // a sentence needs a word: "2." or "(iv)." before the first word does not end one
    if (!hasWord) {
      i = j - 1;
      continue;
    }
    if (isBoundary(text, punctEnd - 1, k, abbr)) {
      emit(j);
      restart(j);
    }
    i = j - 1;
  }
  emit(text.length);
  return out;
}
