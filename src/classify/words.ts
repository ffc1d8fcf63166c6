/**
 * Word normalisation for matching headings, keys and subject phrases: case, punctuation and a
 * plural "s" are ignored, so "Out-of-scope Uses" and "out of scope use" compare equal.
 */

/** Lower-case words of `text`, punctuation removed, a trailing plural "s" dropped from longer words. */
export function normalWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}@]+/u)
    .filter((w) => w.length > 0)
    .map(singular);
}

/**
 * A bounded memo: the value of `key` in `cache`, made once (an undefined value is remembered too).
 * The cache is cleared when it passes `limit` entries, so a long run cannot grow it without end.
 */
export function boundedMemo<V>(cache: Map<string, V>, key: string, make: (key: string) => V, limit: number): V {
  if (cache.has(key)) return cache.get(key) as V;
  if (cache.size > limit) cache.clear();
  const v = make(key);
  cache.set(key, v);
  return v;
}

const normalMemo = new Map<string, string[]>();

/** normalWords, memoised (headings, keys and subjects repeat across a document's sentences). Do not mutate the result. */
export function memoNormalWords(text: string): readonly string[] {
  return boundedMemo(normalMemo, text, normalWords, 5000);
}

function singular(w: string): string {
  if (w.length > 3 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

/** Index of the first occurrence of `phrase` (normalised words) as a contiguous run in `words`, or -1. */
export function findPhrase(words: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0 || phrase.length > words.length) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/** Longest phrase (in words) of `phrases` found in `words`; 0 when none. */
export function longestPhraseMatch(words: readonly string[], phrases: ReadonlyArray<readonly string[]>): number {
  let best = 0;
  for (const p of phrases) if (p.length > best && findPhrase(words, p) >= 0) best = p.length;
  return best;
}
