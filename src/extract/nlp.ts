/**
 * The one import site of compromise (STYLE.md: one import site per heavy dependency).
 * Tags a sentence once and runs precompiled pattern sets over the tagged terms, returning
 * matches as character offsets into the sentence text.
 */
import nlp from 'compromise';

/** One term of a tagged sentence with its offsets in the sentence text (end exclusive). */
export interface Token {
  /** The term as written (empty for the hidden half of a contraction). */
  text: string;
  /** Normalised form (lower case, punctuation removed). */
  normal: string;
  /** For contractions: the word the term stands for ("not" in "don't"). */
  implicit?: string;
  start: number;
  end: number;
  /** Punctuation and spaces after the term (",", ". ", "; "). */
  post: string;
  tags: ReadonlySet<string>;
}

/** A sentence tagged by compromise, ready for any number of pattern sets. */
export interface ParsedSentence {
  text: string;
  tokens: Token[];
  /** compromise's view of the sentence (opaque outside this module). */
  readonly view: unknown;
  /** Index of each compromise sentence's first token in `tokens`. */
  readonly sentenceStarts: number[];
}

/** A named pattern to compile. */
export interface PatternSpec {
  id: string;
  pattern: string;
}

/** A set of patterns compiled once (compromise "net") for fast sweeping over many sentences. */
export interface CompiledPatterns {
  readonly net: unknown;
  /** Pattern string → the ids that share it (compromise deduplicates identical patterns). */
  readonly idsByPattern: ReadonlyMap<string, string[]>;
  readonly size: number;
}

/** A pattern that matched, with offsets into the sentence text. */
export interface PatternMatch {
  id: string;
  text: string;
  start: number;
  end: number;
  /** Token range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
}

interface RawTerm {
  text: string;
  pre: string;
  post: string;
  normal: string;
  implicit?: string;
  tags: Set<string>;
}
interface RawView {
  docs: RawTerm[][];
  sweep: (net: unknown, opts?: object) => { found: Array<{ id?: string; match: string; view: { ptrs: number[][] } }> };
}

/** Tag one sentence (one compromise call) and index its terms by character offset. */
export function parseSentence(text: string): ParsedSentence {
  const view = nlp(text) as unknown as RawView;
  const tokens: Token[] = [];
  const sentenceStarts: number[] = [];
  let offset = 0;
  for (const sentence of view.docs) {
    sentenceStarts.push(tokens.length);
    for (const term of sentence) {
      offset += term.pre.length;
      const start = offset;
      offset += term.text.length;
      tokens.push({ text: term.text, normal: term.normal, implicit: term.implicit, start, end: offset, post: term.post, tags: term.tags });
      offset += term.post.length;
    }
  }
  return { text, tokens, view, sentenceStarts };
}

/** Problem with a match pattern, or undefined when compromise can parse it. */
export function checkPattern(pattern: string): string | undefined {
  try {
    const lib = nlp as unknown as { parseMatch: (p: string) => unknown[] };
    const parsed = lib.parseMatch(pattern);
    if (!Array.isArray(parsed) || parsed.length === 0) return 'pattern parses to nothing';
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Compile patterns once; reuse the result for every sentence. */
export function compilePatterns(specs: PatternSpec[]): CompiledPatterns {
  const idsByPattern = new Map<string, string[]>();
  for (const s of specs) {
    const ids = idsByPattern.get(s.pattern);
    if (ids) ids.push(s.id);
    else idsByPattern.set(s.pattern, [s.id]);
  }
  const lib = nlp as unknown as { buildNet: (m: Array<{ match: string }>) => unknown };
  const net = lib.buildNet([...idsByPattern.keys()].map((match) => ({ match })));
  return { net, idsByPattern, size: specs.length };
}

/** Every match of a compiled pattern set in a parsed sentence, in text order. */
export function matchPatterns(parsed: ParsedSentence, compiled: CompiledPatterns): PatternMatch[] {
  if (compiled.size === 0 || parsed.tokens.length === 0) return [];
  const view = parsed.view as RawView;
  const { found } = view.sweep(compiled.net, { tagger: false });
  const out: PatternMatch[] = [];
  for (const f of found) {
    const ptr = f.view.ptrs[0];
    if (!ptr) continue;
    const base = parsed.sentenceStarts[ptr[0]!] ?? 0;
    const tokenStart = base + ptr[1]!;
    const tokenEnd = base + ptr[2]!;
    if (tokenEnd <= tokenStart) continue;
    const first = parsed.tokens[tokenStart]!;
    let end = first.end;
    for (let i = tokenStart; i < tokenEnd; i++) end = Math.max(end, parsed.tokens[i]!.end);
    const text = parsed.text.slice(first.start, end);
    for (const id of compiled.idsByPattern.get(f.match) ?? []) {
      out.push({ id, text, start: first.start, end, tokenStart, tokenEnd });
    }
  }
  out.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  return out;
}

/** Does `pattern` match anywhere in `text`? (For rule examples and tests; compiles each time.) */
export function patternMatches(text: string, pattern: string): boolean {
  return matchPatterns(parseSentence(text), compilePatterns([{ id: 'p', pattern }])).length > 0;
}
