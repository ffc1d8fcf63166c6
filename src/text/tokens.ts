/**
 * Word and number tokens with offsets, for retrieval, token alignment and phrase patterns.
 * Punctuation is dropped; each token keeps its character offsets so the words involved in a
 * transformation can be quoted from the sentence as written.
 */

/** One word or number of a sentence. */
export interface Token {
  /** As written. */
  text: string;
  /** Lower-cased, curly apostrophes straightened. */
  lower: string;
  /** Light stem used for matching ("retains" → "retain", "summarisation" → "summarization"). */
  stem: string;
  start: number;
  end: number;
  /** Numeric value for number tokens ("8,000" → 8000). */
  value?: number;
  /** A "%" follows the number. */
  percent?: boolean;
  /** First character is an upper-case letter. */
  capitalised: boolean;
  /** Part of a multi-word name read as one word (a metric alias); weighs like a stopword. */
  absorbed?: boolean;
  /** Match key (lemma, synonym group or `@product`), set by src/align/keys.ts; falls back to the stem. */
  key?: string;
  /** A unit glued to the number ("80GB" → "gb"). */
  unit?: string;
  /** Inside parentheses: an aside (citation, abbreviation, detail) that weighs less in similarity. */
  aside?: boolean;
}

// A number is digits with optional thousands groups and decimals. A number glued to a scale or
// unit ("1,500B", "80GB") is a number when it stands alone; after a name and a hyphen
// ("Falcon-7B") it is part of the name. "512x512" is two numbers. The marks ~ ≈ ≥ ≤ are tokens:
// an approximation or a bound is part of what a figure says.
const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const TOKEN_RE = new RegExp(
  [
    // A version ("0.4.2", "v1.2") is one word, not numbers: "0.4.2" → "0.4.5" is a new version, not 2 → 5.
    String.raw`(?<![\p{L}\p{N}.])(?:[vV]\d+(?:\.\d+)+|\d+(?:\.\d+){2,})(?![\p{L}\d]|\.\d)`,
    // A clock time ("08:00") is one word too, not the numbers 8 and 0.
    String.raw`(?<![\p{L}\p{N}:])\d{1,2}:\d{2}(?::\d{2})?(?![\p{L}\d:])`,
    String.raw`${NUM}(?=[x×]\d)`,
    // "1.5x faster": the number is 1.5, the "x" a times sign (not "1" and a word "5x").
    String.raw`${NUM}(?=[x×](?![\p{L}\d]))`,
    String.raw`(?<=\d[x×])${NUM}(?![\p{L}\d])`,
    String.raw`(?<![\p{L}\p{N}][-/]?)${NUM}(?:[BMKT]|bn|GB|MB|TB|KB|ms)(?![\p{L}\d])`,
    String.raw`${NUM}(?![\p{L}\d])`,
    String.raw`[~≈≥≤]`,
    // A word never starts right after a digit: that is the "x" of "512x512".
    String.raw`(?<!\d)[\p{L}\p{N}]+(?:['’]\p{L}+)*`,
  ].join('|'),
  'gu',
);

const VERSION = /^\d+(?:\.\d+){2,}$/;

const WORD_NUMBERS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100 };

/** Scale suffixes and words: "1,500B" and "1,500 billion" are the same number. */
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9, t: 1e12, trillion: 1e12 };

/** Split text into word and number tokens with offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const lower = raw.toLowerCase().replace(/’/g, "'");
    const glued = /^(\d[\d,]*(?:\.\d+)?)([A-Za-z]+)$/.exec(raw);
    const isNum = (/^\d/.test(raw) && /^[\d,.]+$/.test(raw) && !VERSION.test(raw)) || (glued !== null && /^(?:[BMKT]|bn|GB|MB|TB|KB|ms)$/.test(glued[2]!) && !/[\p{L}\p{N}][-/]?$/u.test(text.slice(Math.max(0, start - 2), start)));
    const token: Token = { text: raw, lower, stem: isNum ? '' : stemWord(lower), start, end, capitalised: /^\p{Lu}/u.test(raw) };
    if (isNum) {
      const digits = glued ? glued[1]! : raw;
      const suffix = glued ? glued[2]! : '';
      token.value = Number(digits.replace(/,/g, '')) * (SCALE[suffix.toLowerCase()] ?? 1);
      if (suffix && SCALE[suffix.toLowerCase()] === undefined) token.unit = suffix.toLowerCase();
      token.stem = `#${token.value}`;
      if (text[end] === '%') token.percent = true;
    }
    // Small numbers in words ("about two weeks") are numbers; "one" is too often a pronoun.
    if (!isNum && WORD_NUMBERS[lower] !== undefined) {
      token.value = WORD_NUMBERS[lower];
      token.stem = `#${token.value}`;
    }
    out.push(token);
  }
  markAsides(text, out);
  // A lone "x" after a number is a times sign ("32 x 8 x A100").
  for (let i = 1; i < out.length; i++) if ((out[i]!.lower === 'x' || out[i]!.lower === '×') && out[i - 1]!.value !== undefined) out[i]!.absorbed = true;
  // "2,000 billion": the scale word multiplies the number; "32 x 8 GPUs" is 256 GPUs.
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t.value === undefined) continue;
    const next = out[i + 1];
    if (next && next.value === undefined && SCALE[next.lower] !== undefined && next.lower.length > 2) {
      t.value *= SCALE[next.lower]!;
      t.stem = `#${t.value}`;
      next.absorbed = true;
      continue;
    }
    const times = out[i + 2];
    if (next && times && (next.lower === 'x' || next.lower === '×') && times.value !== undefined && /^\s+$/.test(text.slice(t.end, next.start)) && /^\s+$/.test(text.slice(next.end, times.start))) {
      t.value *= times.value;
      t.stem = `#${t.value}`;
      next.absorbed = true;
      times.absorbed = true;
      delete times.value;
      times.stem = times.lower;
      i += 2;
    }
  }
  return out;
}

/** Mark tokens inside parentheses as asides. */
function markAsides(text: string, tokens: Token[]): void {
  let depth = 0;
  let ti = 0;
  for (let i = 0; i < text.length && ti < tokens.length; i++) {
    while (ti < tokens.length && tokens[ti]!.start < i) ti++;
    if (ti < tokens.length && tokens[ti]!.start === i && depth > 0) tokens[ti]!.aside = true;
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
  }
}

/** A light English stemmer: enough to meet "retains"/"retain", "languages"/"language", British/US -ise. */
export function stemWord(lower: string): string {
  let w = lower.replace(/'s$/, '');
  w = w.replace(/is(ation|ations|e|ed|es|ing)$/, 'iz$1').replace(/^licen[cs]e/, 'license');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3).replace(/([^aeiouls])\1$/, '$1');
  else if (w.length >= 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2).replace(/([^aeiouls])\1$/, '$1');
  else if (w.length > 4 && /(ss|x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length >= 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The sentence text covered by tokens [from, to) (inclusive of punctuation between them). */
export function sliceTokens(text: string, tokens: Token[], from: number, to: number): string {
  if (to <= from) return '';
  return text.slice(tokens[from]!.start, tokens[to - 1]!.end);
}
