/**
 * Finding names from a long list (the benchmark and metric vocabulary: hundreds of names) in running
 * text, with the result of one alternation `(?<![\p{L}\p{N}])(?:longest|…|shortest)(?![\p{L}\p{N}+])`
 * scanned globally, at a fraction of its cost.
 *
 * The alternation tries every name at every word start: about 1 µs each for the benchmarks, most of
 * the cost of reading a sentence's quantities. A name can only match where the text holds its first
 * character, so at an ASCII character the scanner tries, sticky, the same alternation cut down to the
 * names that can start with that character, in the same order: the first alternative that matches is
 * the one the whole alternation would take, so the matches are the same. At a non-ASCII character it
 * tries the whole alternation (Unicode case folding lets "K" (Kelvin sign) match "k" and "ſ" match
 * "s", so no shortcut is taken there). Before any regex, a trie of the names' first parts rules out
 * most word starts ("the", "model"): inside analyze, between sentences tagged by compromise, each regex
 * run is slow to start again, so running fewer is what counts there. test/extract/name-scanner.test.ts
 * holds the scanner to the plain alternation.
 */

/** A compiled name list. */
export interface NameScanner {
  /** 'i': the names match in any case; '': only as written. */
  flags: '' | 'i';
  /** Every name, longest first, sticky: the alternation itself, but for its look-behind (see `alternation`). */
  all: RegExp;
  /** By ASCII code: the names that can start with that character (in `all`'s order), sticky; undefined when none can. */
  byFirst: Array<RegExp | undefined>;
  /**
   * The first parts of the names, folded, as a trie by character code: a name can only match where its
   * first part does, so a word start whose ASCII letters leave the trie before completing one is skipped
   * without a regex. Undefined when some first part holds a non-ASCII character that matches an ASCII one.
   */
  firstParts?: PartTrie;
}

/** A node of the first-part trie: whether a first part ends here, and the next characters (folded codes). */
interface PartTrie {
  end: boolean;
  next: Map<number, PartTrie>;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The parts of a name: its runs of letters, digits, '+' and '@'. */
function nameParts(name: string): string[] {
  return name.split(/[^\p{L}\p{N}+@]+/u).filter(Boolean);
}

/** Regex source matching a name with any separators between its parts ("ARC-Challenge" ~ "ARC Challenge"). */
export function nameRegexSource(name: string): string {
  return nameParts(name).map(escapeRegex).join('[\\s\\-_/.]*');
}

/**
 * The alternation without its look-behind, which scanNames checks itself: compiled into each of a scanner's
 * regexes, the Unicode classes of the look-behind cost more than the names when the regexes are first used.
 */
function alternation(sources: string[], flags: string): RegExp {
  return new RegExp(`(?:${sources.join('|')})(?![\\p{L}\\p{N}+])`, `y${flags}u`);
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** The alternation's look-behind `(?<![\p{L}\p{N}])` at `i`: no letter or digit (code point) ends there. */
function startsWord(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  if (before < 128) return !((before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122));
  const pair = (before & 0xfc00) === 0xdc00 && i >= 2 && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800;
  return !LETTER_OR_DIGIT.test(text.slice(pair ? i - 2 : i - 1, i));
}

/** Every ASCII character, each at the index of its code. */
const ASCII = String.fromCharCode(...Array.from({ length: 128 }, (_, code) => code));

/** The codes of the ASCII characters a character matches under the flags. */
function asciiMatchesOf(char: string, flags: '' | 'i'): number[] {
  const code = char.charCodeAt(0);
  if (code < 128) {
    // Ignoring case, an ASCII character matches only its ASCII other case.
    const other = flags === 'i' ? (char.toLowerCase() === char ? char.toUpperCase() : char.toLowerCase()).charCodeAt(0) : code;
    return other === code ? [code] : [code, other];
  }
  // Unicode case folding matches some others to ASCII: "K" (Kelvin sign) to "k" and "K", "ſ" (long s) to "s" and "S".
  return [...ASCII.matchAll(new RegExp(escapeRegex(char), `g${flags}u`))].map((m) => m.index!);
}

/**
 * Compile names into a scanner: longest first, so "MMLU-Pro" wins over "MMLU" at the same position.
 * `flags`: 'i' to ignore case, '' for names that only match as written. Undefined when no name has a part.
 */
export function compileNameScanner(names: string[], flags: '' | 'i'): NameScanner | undefined {
  const unique = [...new Set(names)].sort((a, b) => b.length - a.length);
  const alternatives = unique
    .map((name) => ({ source: nameRegexSource(name), first: String.fromCodePoint(nameParts(name)[0]?.codePointAt(0) ?? 0) }))
    .filter((a) => a.source !== '');
  if (alternatives.length === 0) return undefined;
  const asciiMatches = new Map<string, number[]>();
  const buckets: string[][] = Array.from({ length: 128 }, () => []);
  for (const { source, first } of alternatives) {
    let codes = asciiMatches.get(first);
    if (!codes) {
      codes = asciiMatchesOf(first, flags);
      asciiMatches.set(first, codes);
    }
    for (const code of codes) buckets[code]!.push(source);
  }
  // Ignoring case, "M" and "m" start the same names: one regex for both.
  const compiled = new Map<string, RegExp>();
  const byFirst = buckets.map((sources) => {
    if (sources.length === 0) return undefined;
    const key = sources.join('|');
    let re = compiled.get(key);
    if (!re) compiled.set(key, (re = alternation(sources, flags)));
    return re;
  });
  return { flags, all: alternation(alternatives.map((a) => a.source), flags), byFirst, firstParts: firstPartTrie(unique, flags) };
}

/** ASCII folded as the flags compare it: 'i' compares ASCII letters in lower case. */
function fold(code: number, flags: '' | 'i'): number {
  return flags === 'i' && code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * The trie of the names' first parts, up to a first part's first non-ASCII character (there a text must
 * hold a non-ASCII character too, and the scanner tries the regex). Undefined when a first part holds a
 * non-ASCII character matching an ASCII one (the Kelvin sign matches "k"): the trie would miss those.
 */
function firstPartTrie(names: string[], flags: '' | 'i'): PartTrie | undefined {
  const root: PartTrie = { end: false, next: new Map() };
  for (const name of names) {
    const part = nameParts(name)[0];
    if (part === undefined) continue;
    let node = root;
    let complete = true;
    for (const ch of part) {
      const code = ch.charCodeAt(0);
      if (code >= 128) {
        if (asciiMatchesOf(ch, flags).length > 0) return undefined;
        complete = false;
        break;
      }
      const key = fold(code, flags);
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = { end: false, next: new Map() }));
      node = child;
    }
    if (complete) node.end = true;
    // A part cut at a non-ASCII character: the walk reaches this node and then meets a non-ASCII character.
  }
  return root;
}

/**
 * Whether some name's first part may match at `i`: false only when the ASCII letters, digits, '+' and '@'
 * from `i` leave the trie before any first part is complete (a non-ASCII character on the way: maybe).
 */
function mayStartName(text: string, i: number, trie: PartTrie, flags: '' | 'i'): boolean {
  let node = trie;
  for (let j = i; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (code >= 128) return true;
    const child = node.next.get(fold(code, flags));
    if (!child) return false;
    if (child.end) return true;
    node = child;
  }
  return false;
}

/** Every name in the text, in order, as the global alternation finds them (each match resumes after the last). */
export function scanNames(text: string, scanner: NameScanner): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const re = code < 128 ? scanner.byFirst[code] : scanner.all;
    if (re !== undefined && startsWord(text, i) && (code >= 128 || !scanner.firstParts || mayStartName(text, i, scanner.firstParts, scanner.flags))) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m !== null) {
        out.push(m);
        i += m[0].length;
        continue;
      }
    }
    // A Unicode search never starts inside a surrogate pair.
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return out;
}
