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
  /** The net indexed for candidate lookup by a sentence's words and tags. */
  readonly index: NetIndex;
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
  index?: number[];
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

const NET_POSITION = Symbol('netPosition');

/**
 * A compromise net indexed for candidate lookup from a sentence's own words and tags. compromise's
 * sweep walks every hook of the net for every sentence and filters hundreds of candidates by their
 * needs; here each present word or tag counts towards the matches that need or want it, so only the
 * matches whose needs are all present are ever looked at. The candidates come out in compromise's
 * order (first present hook in net order, then net order), one per match string as compromise keeps.
 */
interface NetIndex {
  matches: NetMatch[];
  /** Hook key → ids of matches that need it, ids that want it, and its position in the net. */
  keys: Map<string, { needOf: number[]; wantOf: number[]; pos: number }>;
  /** Per match id: hook keys (needs then wants), number of needs. */
  hookKeys: string[][];
  needCount: Int32Array;
  always: NetMatch[];
  /** Scratch counters, valid where the stamp equals the current generation. */
  stamp: Int32Array;
  needs: Int32Array;
  wants: Int32Array;
  generation: number;
}

function indexNet(net: RawNet): NetIndex {
  const hookNames = Object.keys(net.hooks);
  // Matches that share a match string share their hooks: the first in net order is the one a sweep keeps.
  const distinct = [...new Set(hookNames.flatMap((n) => net.hooks[n]!))].sort((a, b) => netPosition(a) - netPosition(b));
  const byString = new Map<string, NetMatch>();
  for (const m of distinct) if (!byString.has(m.match)) byString.set(m.match, m);
  const matches = [...byString.values()];
  const keys = new Map<string, { needOf: number[]; wantOf: number[]; pos: number }>();
  hookNames.forEach((name, pos) => keys.set(name, { needOf: [], wantOf: [], pos }));
  const hookKeys: string[][] = [];
  const needCount = new Int32Array(matches.length);
  matches.forEach((m, id) => {
    const needs = [...new Set(m.needs)];
    const wants = [...new Set(m.wants)];
    needCount[id] = needs.length;
    for (const k of needs) keys.get(k)?.needOf.push(id);
    for (const k of wants) keys.get(k)?.wantOf.push(id);
    hookKeys.push([...needs, ...wants].filter((k) => keys.has(k)));
  });
  const n = matches.length;
  return { matches, keys, hookKeys, needCount, always: net.always, stamp: new Int32Array(n), needs: new Int32Array(n), wants: new Int32Array(n), generation: 0 };
}

/** Position of a match in the net: the order compromise built its hook lists in (the order of the match list). */
function netPosition(m: NetMatch): number {
  const pos = (m as NetMatch & { [NET_POSITION]?: number })[NET_POSITION];
  if (pos === undefined) throw new Error('net built from unnumbered matches');
  return pos;
}


/** Number the matches in list order before buildNet, so net order survives hook grouping. */
function numberMatches<T extends object>(list: T[]): T[] {
  list.forEach((m, i) => Object.defineProperty(m, NET_POSITION, { value: i, enumerable: false }));
  return list;
}

/** The matches of the net worth trying on a sentence whose words and tags are `haves`, in compromise's order. */
function candidatesFor(ix: NetIndex, haves: ReadonlySet<string>, termCount: number): NetMatch[] {
  const gen = ++ix.generation;
  if (gen > 0x3fffffff) {
    ix.stamp.fill(0);
    ix.generation = 1;
  }
  const g = ix.generation;
  const { stamp, needs, wants, needCount } = ix;
  const touched: number[] = [];
  for (const key of haves) {
    const k = ix.keys.get(key);
    if (!k) continue;
    for (const id of k.needOf) {
      if (stamp[id] !== g) {
        stamp[id] = g;
        needs[id] = 0;
        wants[id] = 0;
        touched.push(id);
      }
      needs[id]!++;
    }
    for (const id of k.wantOf) {
      if (stamp[id] !== g) {
        stamp[id] = g;
        needs[id] = 0;
        wants[id] = 0;
        touched.push(id);
      }
      wants[id]!++;
    }
  }
  const passed: Array<{ m: NetMatch; first: number; id: number }> = [];
  for (const id of touched) {
    const m = ix.matches[id]!;
    if (needs[id] !== needCount[id]) continue;
    if (m.ifNo !== undefined && m.ifNo.some((no) => haves.has(no))) continue;
    if (m.wants.length > 0 && wants[id]! < m.minWant) continue;
    if (termCount < m.minWords) continue;
    let first = Infinity;
    for (const key of ix.hookKeys[id]!) if (haves.has(key)) first = Math.min(first, ix.keys.get(key)!.pos);
    passed.push({ m, first, id });
  }
  passed.sort((a, b) => a.first - b.first || a.id - b.id);
  const out = passed.map((p) => p.m);
  for (const m of ix.always) if (termCount >= m.minWords) out.push(m);
  return out;
}

/** A post-tagger match as compromise's sweep returns it (the net entry with the matched pointer). */
type Found = NetMatch & { pointer: number[] };

interface RawWorld {
  hooks: string[];
  model: { two: { matches: unknown[] } };
  methods: {
    one: {
      buildNet: (matches: unknown[], world: RawWorld) => RawNet;
      parseMatch: (pattern: string, opts: object, world: RawWorld) => unknown;
      cacheDoc: (document: RawTerm[][]) => Array<Set<string>>;
      match: (docs: RawTerm[][], todo: NetMatch) => { ptrs: number[][] };
      bulkTagger: (found: Found[], document: RawTerm[][], world: RawWorld) => void;
      tokenize: { fromString: (text: string, world: RawWorld) => RawTerm[][] };
    };
    two: { quickSplit: (document: RawTerm[][]) => RawTerm[][] };
  };
}

interface RawDoc extends RawView {
  update: (ptrs: number[][]) => RawView;
  compute: (hooks: string[]) => void;
  uncache: () => void;
  unfreeze: () => void;
}

/**
 * compromise's own pipeline (the hooks nlp() runs), set up once. Two changes, neither of which alters a
 * tag: the post-tagger's sweep looks up candidate matches from the sentence's own words and tags (same
 * matches, same order as compromise's sweep, which walks every hook of its net for every sentence), and
 * the chunker is not run (nothing here reads chunks; checkPattern refuses <Chunk> patterns).
 */
interface Pipeline {
  View: new (document: RawTerm[][]) => RawDoc;
  world: RawWorld;
  before: string[];
  after: string[];
  /** compromise's post-tagger net, indexed; undefined when compromise has no postTagger hook. */
  postTagger?: NetIndex;
}

let pipeline: Pipeline | undefined;

function setUp(): Pipeline {
  const world = (nlp as unknown as { world: () => RawWorld }).world();
  const at = world.hooks.indexOf('postTagger');
  const before = at < 0 ? world.hooks.slice() : world.hooks.slice(0, at);
  const after = at < 0 ? [] : world.hooks.slice(at + 1).filter((h) => h !== 'chunks');
  const View = (nlp('') as unknown as { constructor: Pipeline['View'] }).constructor;
  pipeline = { View, world, before, after, postTagger: at < 0 ? undefined : indexNet(buildPostTagNet(world)) };
  return pipeline;
}

/**
 * compromise's post-tagger net, built on copies of its matches: buildNet parses each match in place,
 * including `notIf`, which compromise's own net may already have parsed (parsing it twice fails).
 */
function buildPostTagNet(world: RawWorld): RawNet {
  const notIfs = new Map<Record<string, unknown>, unknown>();
  const copies = world.model.two.matches.map((m) => {
    const copy = { ...(m as Record<string, unknown>) };
    if (copy.notIf !== undefined) {
      notIfs.set(copy, typeof copy.notIf === 'string' ? world.methods.one.parseMatch(copy.notIf, {}, world) : copy.notIf);
      delete copy.notIf;
    }
    return copy;
  });
  const net = world.methods.one.buildNet(numberMatches(copies), world);
  for (const [copy, notIf] of notIfs) copy.notIf = notIf;
  return net;
}

/** Tokenise and tag `text` as nlp(text) does (same tags), with less work per sentence. */
function tagText(text: string): RawView {
  const p = pipeline ?? setUp();
  const doc = new p.View(p.world.methods.one.tokenize.fromString(text, p.world));
  if (doc.document.length === 0) return doc;
  doc.compute(p.before);
  if (p.postTagger) postTag(doc, p.world, p.postTagger);
  if (p.after.length > 0) doc.compute(p.after);
  return doc;
}

/** compromise's postTagger: its match net swept over the comma-split sentence, then applied as tags. */
function postTag(doc: RawDoc, world: RawWorld, net: NetIndex): void {
  const one = world.methods.one;
  // As compromise does: the comma-split pieces, re-read through pointers into the document.
  const ptrs = world.methods.two.quickSplit(doc.docs).map((terms) => {
    const index = terms[0]!.index!;
    return [index[0]!, index[1]!, index[1]! + terms.length];
  });
  const document = doc.update(ptrs).docs;
  const caches = one.cacheDoc(document);
  const found: Found[] = [];
  for (let n = 0; n < document.length; n++) {
    const terms = document[n]!;
    for (const m of candidatesFor(net, caches[n]!, terms.length)) {
      for (const ptr of one.match([terms], m).ptrs) found.push({ ...m, pointer: [n, ptr[1]!, ptr[2]!] });
    }
  }
  one.bulkTagger(found, document, world);
  doc.uncache();
  doc.unfreeze();
}

/** Tag one sentence (one compromise call) and index its terms by character offset. */
export function parseSentence(text: string): ParsedSentence {
  const view = tagText(text);
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
  if (/<[A-Za-z]+>/.test(pattern)) return 'chunk syntax <Chunk> is not available (sentences are tagged without chunking)';
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
  const net = lib.buildNet(numberMatches([...idsByPattern.keys()].map((match) => ({ match })))) as RawNet;
  return { net, index: indexNet(net), idsByPattern, size: specs.length };
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
  out.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id) || a.end - b.end);
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
  const out: Array<{ match: string; ptr: number[] }> = [];
  for (let n = 0; n < document.length; n++) {
    const terms = document[n]!;
    for (const m of candidatesFor(compiled.index, caches[n]!, terms.length)) {
      for (const ptr of one.match([terms], m).ptrs) out.push({ match: m.match, ptr: [n, ptr[1]!, ptr[2]!] });
    }
  }
  return out;
}

/** Does `pattern` match anywhere in `text`? (For rule examples and tests; compiles each time.) */
export function patternMatches(text: string, pattern: string): boolean {
  return matchPatterns(parseSentence(text), compilePatterns([{ id: 'p', pattern }])).length > 0;
}
