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
}

// A number is digits with optional thousands groups and decimals, not glued to letters ("7B" is a word).
const TOKEN_RE = /\d+(?:,\d{3})*(?:\.\d+)?(?![\p{L}\d])|[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;

/** Split text into word and number tokens with offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const lower = raw.toLowerCase().replace(/’/g, "'");
    const isNum = /^\d/.test(raw) && /^[\d,.]+$/.test(raw);
    const token: Token = { text: raw, lower, stem: isNum ? '' : stemWord(lower), start, end, capitalised: /^\p{Lu}/u.test(raw) };
    if (isNum) {
      token.value = Number(raw.replace(/,/g, ''));
      token.stem = `#${token.value}`;
      if (text[end] === '%') token.percent = true;
    }
    out.push(token);
  }
  return out;
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
