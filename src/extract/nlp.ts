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
  /** The net's hooks as a Map (word or #Tag → matches that need or want it). */
  readonly hooks: ReadonlyMap<string, readonly NetMatch[]>;
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
  document: RawTerm[][];
  methods: {
    one: {
      cacheDoc: (document: RawTerm[][]) => Array<Set<string>>;
      match: (docs: RawTerm[][], todo: NetMatch) => { ptrs: number[][] };
    };
  };
}

/** One compiled match of a compromise net (buildNet's output). */
interface NetMatch {
  match: string;
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  ifNo?: string[];
}

interface RawNet {
  hooks: Record<string, NetMatch[]>;
  always: NetMatch[];
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

let knownTags: Set<string> | undefined;

/**
 * Problem with a match pattern, or undefined when it is usable: compromise must parse it, brackets
 * must balance, and every #Tag must be one of compromise's tags (an unknown tag silently matches nothing).
 */
export function checkPattern(pattern: string): string | undefined {
  let depth = 0;
  for (const ch of pattern.replace(/\/[^/]*\//g, '')) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (depth < 0) return 'unbalanced brackets';
  }
  if (depth !== 0) return 'unbalanced brackets';
  knownTags ??= new Set(Object.keys((nlp as unknown as { world: () => { model: { one: { tagSet: Record<string, unknown> } } } }).world().model.one.tagSet));
  for (const m of pattern.matchAll(/#([A-Za-z]+)/g)) if (!knownTags.has(m[1]!)) return `unknown tag #${m[1]} (it would match nothing)`;
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
  const net = lib.buildNet([...idsByPattern.keys()].map((match) => ({ match }))) as RawNet;
  return { net, hooks: new Map(Object.entries(net.hooks)), idsByPattern, size: specs.length };
}

/** Every match of a compiled pattern set in a parsed sentence, in text order. */
export function matchPatterns(parsed: ParsedSentence, compiled: CompiledPatterns): PatternMatch[] {
  if (compiled.size === 0 || parsed.tokens.length === 0) return [];
  const out: PatternMatch[] = [];
  for (const f of sweep(parsed.view as RawView, compiled)) {
    const ptr = f.ptr;
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

/**
 * compromise's sweep, with the candidate lookup driven by the sentence's own words and tags
 * (a few dozen) instead of by every hook of the net (hundreds): same matches, less work per sentence.
 */
function sweep(view: RawView, compiled: CompiledPatterns): Array<{ match: string; ptr: number[] }> {
  const document = view.document;
  const one = view.methods.one;
  const caches = one.cacheDoc(document);
  const always = (compiled.net as RawNet).always;
  const out: Array<{ match: string; ptr: number[] }> = [];
  for (let n = 0; n < document.length; n++) {
    const haves = caches[n]!;
    const terms = document[n]!;
    const seen = new Set<string>();
    const candidates: NetMatch[] = [];
    for (const key of haves) {
      const list = compiled.hooks.get(key);
      if (!list) continue;
      for (const m of list) {
        if (seen.has(m.match)) continue;
        seen.add(m.match);
        candidates.push(m);
      }
    }
    candidates.push(...always);
    for (const m of candidates) {
      if (terms.length < m.minWords) continue;
      if (!m.needs.every((need) => haves.has(need))) continue;
      if (m.ifNo !== undefined && m.ifNo.some((no) => haves.has(no))) continue;
      if (m.wants.length > 0 && m.wants.filter((w) => haves.has(w)).length < m.minWant) continue;
      for (const ptr of one.match([terms], m).ptrs) out.push({ match: m.match, ptr: [n, ptr[1]!, ptr[2]!] });
    }
  }
  return out;
}

/** Does `pattern` match anywhere in `text`? (For rule examples and tests; compiles each time.) */
export function patternMatches(text: string, pattern: string): boolean {
  return matchPatterns(parseSentence(text), compilePatterns([{ id: 'p', pattern }])).length > 0;
}
