/**
 * The one import site of compromise (STYLE.md: one import site per heavy dependency).
 * Tags a sentence once and runs precompiled pattern sets over the tagged terms, returning
 * matches as character offsets into the sentence text.
 */
import { createHash } from 'node:crypto';
import nlp from 'compromise';
import { decodeNet, encodeNet, netStore } from './net-cache.ts';

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

/** Do two matches share any character of the sentence? */
export function matchesOverlap(a: Pick<PatternMatch, 'start' | 'end'>, b: Pick<PatternMatch, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
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
 * needs; here each match is filed under one of its needs (a word rather than a common tag), so only
 * matches whose rarest need is present are ever looked at. The candidates come out in compromise's
 * order (first present hook in net order, then net order), one per match string as compromise keeps.
 */
interface MatchInfo {
  /** Needs and wants as hook positions (a repeated want counts twice, as compromise counts it). */
  needs: Int32Array;
  wants: Int32Array;
  /** Keys (positions) whose presence rules it out. */
  ifNo: Int32Array;
  minWant: number;
  minWords: number;
  /** Positions of its distinct hook keys. */
  hooks: Int32Array;
  /** Which terms it can start on (null: any). */
  start: StartTest | null;
  /** How to try it only where it can start (null: let compromise try every start). */
  eachStart: EachStart | null;
}

interface NetIndex {
  matches: NetMatch[];
  /** Hook key → ids of the matches filed under it, and its position in the net. */
  keys: Map<string, { filed: number[]; pos: number }>;
  /** The same for "#Tag" keys, by tag name. */
  tagKeys: Map<string, { filed: number[]; pos: number }>;
  /** Per match id, in one shape (compromise's match objects come in many): what its candidacy reads. */
  info: MatchInfo[];
  /** Ids of the matches tried on every sentence (compromise's `always`), in net order. */
  alwaysIds: number[];
  /** Scratch: a match was looked at for the current sentence when its stamp equals the generation. */
  stamp: Int32Array;
  /** Scratch: a hook key is present in the current sentence when its entry equals the generation. */
  present: Int32Array;
  generation: number;
  /** Scratch: where each present hook key occurs in the current sentence (see Occurrences). */
  at: Occurrences;
}

/**
 * The terms each present hook key occurs on, in term order, for the sentence candidatesFor last looked
 * at: a match whose first token is tested by a hook key (StartTest.keys) is tried on those terms only.
 * Key k's first occurrence is head[k]; occurrence o is on term term[o], and next[o] is the key's next one (-1: none).
 */
interface Occurrences {
  head: Int32Array;
  tail: Int32Array;
  /** The term of the key's latest occurrence (a term names a key once however many of its fields do). */
  last: Int32Array;
  term: Int32Array;
  next: Int32Array;
  count: number;
}

function indexNet(net: RawNet): NetIndex {
  const hookNames = Object.keys(net.hooks);
  // Matches that share a match string share their hooks: the first in net order is the one a sweep keeps.
  const distinct = [...new Set(hookNames.flatMap((n) => net.hooks[n]!))].sort((a, b) => netPosition(a) - netPosition(b));
  const byString = new Map<string, NetMatch>();
  for (const m of distinct) if (!byString.has(m.match)) byString.set(m.match, m);
  const matches = [...byString.values()];
  const keys = new Map<string, { filed: number[]; pos: number }>();
  hookNames.forEach((name, pos) => keys.set(name, { filed: [], pos }));
  // How selective a key is: a word is rarer than a tag, a tag few matches hook on rarer than a common one.
  const spread = (k: string): number => (k.startsWith('#') ? 1000 : 0) + (net.hooks[k]?.length ?? 0);
  const info: MatchInfo[] = [];
  matches.forEach((m, id) => {
    const own = [...new Set(m.needs)].filter((k) => keys.has(k));
    const pos = (k: string): number => keys.get(k)!.pos;
    const minWant = m.wants.length > 0 ? m.minWant : 0;
    info.push({
      needs: Int32Array.from(own.map(pos)),
      wants: Int32Array.from(m.wants.filter((k) => keys.has(k)).map(pos)),
      ifNo: new Int32Array(0),
      minWant,
      minWords: m.minWords,
      hooks: Int32Array.from([...new Set([...m.needs, ...m.wants])].filter((k) => keys.has(k)).map(pos)),
      start: startTest(m, keys),
      eachStart: eachStartOf(m),
    });
    const wants = [...new Set(m.wants)].filter((k) => keys.has(k));
    const anchor = own.length > 0 ? own.reduce((best, k) => (spread(k) < spread(best) ? k : best)) : undefined;
    // A match that wants one of a few words (and needs only common tags) is looked at only when one of them is there.
    if (anchor !== undefined && !(minWant > 0 && wants.length > 0 && wants.reduce((sum, k) => sum + spread(k), 0) < spread(anchor))) {
      keys.get(anchor)!.filed.push(id);
    } else {
      // Only wants: it is a candidate when any of them is present.
      for (const k of wants) keys.get(k)!.filed.push(id);
    }
  });
  // The words and tags of ifNo lists are noted like hooks (with nothing filed under them), so their presence is known.
  matches.forEach((m, id) => {
    if (!m.ifNo) return;
    info[id]!.ifNo = Int32Array.from(m.ifNo, (k) => {
      let key = keys.get(k);
      if (key === undefined) keys.set(k, (key = { filed: [], pos: keys.size }));
      return key.pos;
    });
  });
  // Matches with neither needs nor wants (compromise tries them on every sentence), after the others.
  const alwaysIds: number[] = [];
  for (const m of net.always) {
    alwaysIds.push(matches.length);
    matches.push(m);
    info.push({ needs: new Int32Array(0), wants: new Int32Array(0), ifNo: new Int32Array(0), minWant: 0, minWords: m.minWords, hooks: new Int32Array(0), start: startTest(m, keys), eachStart: eachStartOf(m) });
  }
  const n = matches.length;
  if (n >= ORDER_SPAN) throw new Error(`net too large to index (${n} matches)`);
  const tagKeys = new Map([...keys].filter(([k]) => k.startsWith('#')).map(([k, v]) => [k.slice(1), v] as const));
  const k = keys.size;
  const at: Occurrences = { head: new Int32Array(k), tail: new Int32Array(k), last: new Int32Array(k), term: new Int32Array(256), next: new Int32Array(256), count: 0 };
  return { matches, keys, tagKeys, info, alwaysIds, stamp: new Int32Array(n), present: new Int32Array(k), generation: 0, at };
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
function candidatesFor(ix: NetIndex, terms: readonly RawTerm[]): number[] {
  if (++ix.generation > 0x3fffffff) {
    ix.stamp.fill(0);
    ix.present.fill(0);
    ix.generation = 1;
  }
  const g = ix.generation;
  const { stamp, present, at } = ix;
  const termCount = terms.length;
  // The hook keys present: what compromise's cacheDoc lists for the terms, looked up without building it.
  const found: HookKey[] = [];
  const keys = ix.keys;
  at.count = 0;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as CachedTerm;
    if (t.normal !== '') note(keys.get(t.normal), i, ix, found);
    if (t.switch) note(keys.get(`%${t.switch}%`), i, ix, found);
    if (t.implicit) note(keys.get(t.implicit), i, ix, found);
    if (t.machine) note(keys.get(t.machine), i, ix, found);
    if (t.root) note(keys.get(t.root), i, ix, found);
    if (t.alias) for (const a of t.alias) note(keys.get(a), i, ix, found);
    for (const tag of t.tags) note(ix.tagKeys.get(tag), i, ix, found);
  }
  // Sort key: first present hook in net order, then net order.
  const order: number[] = [];
  for (const k of found) {
    const filed = k.filed;
    for (let i = 0; i < filed.length; i++) {
      const id = filed[i]!;
      if (stamp[id] === g) continue;
      stamp[id] = g;
      const m = ix.info[id]!;
      if (termCount < m.minWords) continue;
      if (!allPresent(present, m.needs, g)) continue;
      if (m.ifNo.length > 0 && anyPresent(present, m.ifNo, g)) continue;
      if (m.minWant > 0) {
        let count = 0;
        for (let j = 0; j < m.wants.length; j++) if (present[m.wants[j]!] === g) count++;
        if (count < m.minWant) continue;
      }
      let first = Infinity;
      for (let j = 0; j < m.hooks.length; j++) if (m.hooks[j]! < first && present[m.hooks[j]!] === g) first = m.hooks[j]!;
      order.push(first * ORDER_SPAN + id);
    }
  }
  order.sort(numeric);
  for (let i = 0; i < order.length; i++) order[i] = order[i]! % ORDER_SPAN;
  for (const id of ix.alwaysIds) if (termCount >= ix.info[id]!.minWords) order.push(id);
  return order;
}

/** Hook key of a net: the ids of the matches filed under it, and its position in the net. */
interface HookKey {
  filed: number[];
  pos: number;
}

/** Key `k` (if a hook of the net) occurs on term i: it is present, and the term joins its occurrences. */
function note(k: HookKey | undefined, i: number, ix: NetIndex, found: HookKey[]): void {
  if (k === undefined) return;
  const pos = k.pos;
  const at = ix.at;
  const o = at.count;
  if (ix.present[pos] !== ix.generation) {
    ix.present[pos] = ix.generation;
    found.push(k);
    at.head[pos] = o;
  } else {
    if (at.last[pos] === i) return;
    at.next[at.tail[pos]!] = o;
  }
  if (o === at.term.length) {
    at.term = grown(at.term);
    at.next = grown(at.next);
  }
  at.last[pos] = i;
  at.tail[pos] = o;
  at.term[o] = i;
  at.next[o] = -1;
  at.count = o + 1;
}

function grown(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The terms the first token of a match with start `test` can accept, in order: those on which one of
 * its keys occurs (null when the test has no keys: any term may).
 */
function startTerms(ix: NetIndex, test: StartTest): number[] | null {
  const keys = test.keys;
  if (keys === null) return null;
  const { present, generation, at } = ix;
  const out: number[] = [];
  let lists = 0;
  for (let j = 0; j < keys.length; j++) {
    const k = keys[j]!;
    if (present[k] !== generation) continue;
    lists++;
    for (let o = at.head[k]!; o >= 0; o = at.next[o]!) out.push(at.term[o]!);
  }
  if (lists < 2) return out;
  out.sort(numeric);
  let n = 0;
  for (let j = 0; j < out.length; j++) if (n === 0 || out[j] !== out[n - 1]) out[n++] = out[j]!;
  out.length = n;
  return out;
}

const numeric = (a: number, b: number): number => a - b;

function allPresent(present: Int32Array, keys: Int32Array, g: number): boolean {
  for (let i = 0; i < keys.length; i++) if (present[keys[i]!] !== g) return false;
  return true;
}

function anyPresent(present: Int32Array, keys: Int32Array, g: number): boolean {
  for (let i = 0; i < keys.length; i++) if (present[keys[i]!] === g) return true;
  return false;
}

/** Larger than any match id of a net (sort keys are hook position × span + id). */
const ORDER_SPAN = 1 << 20;

/** A parsed match token (compromise's parseMatch output), as far as it is read here. */
interface Reg {
  optional?: boolean;
  negative?: boolean;
  word?: string;
  tag?: string;
  switch?: string;
  fastOr?: Set<string>;
  operator?: string;
  pos?: string;
  start?: boolean;
  choices?: Reg[][];
}

/** Reg keys under which a match must start on a term the reg accepts (no optional, negative, anchor or block). */
const PLAIN_REG_KEYS = new Set(['word', 'tag', 'switch', 'fastOr', 'operator', 'pos', 'root', 'greedy', 'group', 'groupStart', 'groupEnd']);

/** A term with the fields compromise's cacheDoc reads. */
type CachedTerm = RawTerm & { machine?: string | null; alias?: string[]; root?: string; switch?: string };

type TermTest = (t: RawTerm & { machine?: string | null; alias?: string[]; root?: string; switch?: string }) => boolean;

/** Where a match can start: the term tests of its leading plain tokens (one term each), its minimum length. */
interface StartTest {
  tests: TermTest[];
  /**
   * Hook keys (positions) of which every term the first test accepts names one (its normal, machine,
   * alias, %switch% or #Tag), or null when the test has none such.
   */
  keys: Int32Array | null;
  /** The match is anchored at the sentence start ("^"): only the first term can start it. */
  anchored: boolean;
  minLength: number;
}


/**
 * How to tell the terms a match cannot start on, when its first tokens are plain words, tags, %switch%es
 * or (a|b) lists (compromise's own term test for those, doesMatch), else null (try every start). Patterns
 * with a "^" anywhere are left alone, as their positions count from the sentence start.
 */
function startTest(m: NetMatch, hooks: ReadonlyMap<string, HookKey>): StartTest | null {
  const regs = (m as NetMatch & { regs?: Reg[] }).regs;
  if (!regs || regs.length === 0) return null;
  // "^foo ...": compromise tries the first term only; a "^" anywhere else is left alone.
  const anchored = regs[0]!.start === true && regs[0]!.choices === undefined;
  if ((anchored ? regs.slice(1) : regs).some(hasStart)) return null;
  const tests: TermTest[] = [];
  for (const [i, reg] of regs.entries()) {
    let plain = reg;
    if (i === 0 && anchored) {
      const { start: _start, ...rest } = reg;
      plain = rest;
    }
    const t = regTest(plain);
    if (!t) break;
    tests.push(t);
    // A token that can take more than one term ends the run: the next one's term is unknown.
    if ('greedy' in reg || reg.choices !== undefined) break;
  }
  if (tests.length === 0) return null;
  const keys = anchored ? null : startKeys(regs[0]!, hooks);
  return { tests, anchored, keys: keys && Int32Array.from(new Set(keys)), minLength: anchored ? 0 : regs.filter((r) => r.optional !== true && r.negative !== true).length };
}

/** compromise's term test for a plain token (no optional, negative, anchor, block), else null. */
function regTest(reg: Reg): TermTest | null {
  if (reg.choices !== undefined) return choicesTest(reg);
  if (!Object.keys(reg).every((k) => PLAIN_REG_KEYS.has(k))) return null;
  if (reg.fastOr !== undefined && reg.operator === 'or') {
    const set = reg.fastOr;
    const pos = reg.pos;
    return (t) => (pos === undefined || t.tags.has(pos)) && (set.has(t.root || t.implicit || t.machine || t.normal) || set.has(t.text));
  }
  if (reg.word !== undefined && reg.fastOr === undefined) {
    const w = reg.word;
    return (t) => (t.machine !== null && t.machine === w) || (t.alias !== undefined && t.alias.includes(w)) || w === t.text || w === t.normal;
  }
  if (reg.tag !== undefined && reg.word === undefined && reg.fastOr === undefined) {
    const tag = reg.tag;
    return (t) => t.tags.has(tag);
  }
  if (reg.switch !== undefined && reg.word === undefined && reg.tag === undefined && reg.fastOr === undefined) {
    const sw = reg.switch;
    return (t) => t.switch === sw;
  }
  return null;
}

/**
 * A word a term's text can equal only if its normal form does too: compromise's normal form (lower case,
 * trimmed, outer punctuation and unicode accents removed, acronym periods dropped) leaves such a word as it is.
 */
const PLAIN_WORD = /^[a-z0-9]+(?:[-'][a-z0-9]+)*$/;

/**
 * Hook keys one of which every term accepted by regTest(reg) names, or null when there are none such:
 * a word (a plain one, see PLAIN_WORD: the test also takes a term's text), every word of an (a|b) list,
 * a #Tag, a %switch%, and for a block its choices' first tokens (any one choice's for an && block).
 */
function startKeys(reg: Reg, hooks: ReadonlyMap<string, HookKey>): number[] | null {
  const only = (key: string): number[] | null => {
    const k = hooks.get(key);
    return k === undefined ? null : [k.pos];
  };
  if (reg.choices !== undefined) {
    const each = reg.choices.map((c) => (c[0] && c[0].choices === undefined && regTest(c[0]) ? startKeys(c[0], hooks) : null));
    if (reg.operator === 'and') return each.find((k) => k !== null) ?? null;
    return each.every((k) => k !== null) ? each.flat() : null;
  }
  if (reg.fastOr !== undefined) {
    const words = [...reg.fastOr];
    if (!words.every((w) => PLAIN_WORD.test(w) && hooks.has(w))) return null;
    return words.map((w) => hooks.get(w)!.pos);
  }
  if (reg.word !== undefined) return PLAIN_WORD.test(reg.word) ? only(reg.word) : null;
  if (reg.tag !== undefined) return only(`#${reg.tag}`);
  if (reg.switch !== undefined) return only(`%${reg.switch}%`);
  return null;
}

/** Keys of an (a b|c) block whose match must start on a term one of its choices' first token accepts. */
const BLOCK_REG_KEYS = new Set(['choices', 'operator', 'greedy', 'group', 'groupStart', 'groupEnd']);

/**
 * An (a b|c) block matches a term when some choice's first token does, an (a && b) block only when every
 * choice's first token does (compromise's tryChoice and doAndBlock: doesMatch on each); in an && block a
 * choice without a plain first token is simply not tested.
 */
function choicesTest(reg: Reg): TermTest | null {
  if ((reg.operator !== 'or' && reg.operator !== 'and') || !Object.keys(reg).every((k) => BLOCK_REG_KEYS.has(k))) return null;
  const tests: TermTest[] = [];
  for (const choice of reg.choices!) {
    const t = choice[0] && choice[0].choices === undefined ? regTest(choice[0]) : null;
    if (t) tests.push(t);
    else if (reg.operator === 'or') return null;
  }
  if (tests.length === 0) return null;
  return reg.operator === 'or' ? (t) => tests.some((f) => f(t)) : (t) => tests.every((f) => f(t));
}

/** Can a match start on term i? (False only where compromise's match would fail there.) */
function canStart(test: StartTest, terms: readonly RawTerm[], i: number): boolean {
  if (terms.length - i < test.minLength) return false;
  const tests = test.tests;
  for (let j = 0; j < tests.length; j++) {
    const term = terms[i + j];
    // A required token with no term left fails the match.
    if (term === undefined || !tests[j]!(term)) return false;
    // A contraction's first half may make the match skip its hidden second half ("we've" → we, have).
    if (term.implicit && terms[i + j + 1]) return true;
  }
  return true;
}

function hasStart(r: Reg): boolean {
  return r.start === true || (r.choices !== undefined && r.choices.some((c) => c.some(hasStart)));
}

/**
 * compromise's match of `m` on one sentence's terms, as [start, end) pairs. compromise tries every start
 * (copying the rest of the sentence each time); a match whose first tokens need certain words or tags
 * cannot start on a term without them, so only the terms that can start it are tried (see EachStart; when its
 * first token is tested by hook keys, only the terms they occur on are looked at, see startTerms), or,
 * for a match that does not allow that, the terms before the first such term are left out; the match is
 * not run at all when no term can start it (same matches).
 */
function matchTerms(one: RawView['methods']['one'], ix: NetIndex, terms: RawTerm[], m: NetMatch, test: StartTest | null, each: EachStart | null): number[][] {
  let from = 0;
  if (test?.anchored) {
    if (!canStart(test, terms, 0)) return [];
  } else if (test) {
    const starts = startTerms(ix, test);
    if (each) return matchEachStart(one, terms, test, each, starts);
    if (starts) {
      let k = 0;
      while (k < starts.length && !canStart(test, terms, starts[k]!)) k++;
      if (k === starts.length) return [];
      from = starts[k]!;
    } else {
      while (from < terms.length && !canStart(test, terms, from)) from++;
      if (from === terms.length) return [];
    }
  }
  const ptrs = one.match([from === 0 ? terms : terms.slice(from)], m).ptrs;
  return ptrs.map((p) => [p[1]! + from, p[2]! + from]);
}

/**
 * A match compromise's runMatch can be followed start by start: its own loop (try a start; after a match,
 * go on from its end), its notIf check of each match and its capture group, with the one try at a start
 * made by compromise itself (the match anchored there, "^": the same tryHere call). Not for matches that
 * end in "$" (compromise drops those matches after its loop has skipped over them) or whose notIf has a
 * "^" or "$" (compromise's notIf tries every start itself, anchored or not).
 */
interface EachStart {
  /** The match anchored at the start of the terms it is given, without its group and notIf. */
  anchored: NetMatch;
  /** Its notIf, as a match to run on a match's terms. */
  notIf: NetMatch | null;
  group: string | undefined;
}

function eachStartOf(m: NetMatch): EachStart | null {
  const x = m as NetMatch & { regs?: Reg[]; notIf?: unknown; group?: string | number; justOne?: boolean; end?: boolean };
  const regs = x.regs;
  if (!regs || regs.length === 0 || x.justOne === true) return null;
  if ((regs[regs.length - 1] as Reg & { end?: boolean }).end === true || regs.some(hasStart)) return null;
  let notIf: NetMatch | null = null;
  if (x.notIf !== undefined) {
    if (!Array.isArray(x.notIf) || x.notIf.length === 0 || (x.notIf as Reg[]).some((r) => hasStart(r) || hasEnd(r))) return null;
    notIf = { regs: x.notIf } as unknown as NetMatch;
  }
  const anchored = { regs: [{ ...regs[0]!, start: true }, ...regs.slice(1)] } as unknown as NetMatch;
  return { anchored, notIf, group: x.group === undefined ? undefined : String(x.group) };
}

function hasEnd(r: Reg): boolean {
  return (r as Reg & { end?: boolean }).end === true || (r.choices !== undefined && r.choices.some((c) => c.some(hasEnd)));
}

/**
 * runMatch's loop over the starts of one sentence, trying only the starts `test` allows (same matches,
 * same order); `starts`, when known, are the only terms its first token can accept (see startTerms).
 */
function matchEachStart(one: RawView['methods']['one'], terms: RawTerm[], test: StartTest, each: EachStart, starts: readonly number[] | null): number[][] {
  const out: number[][] = [];
  // The next term to try: after a match, the term where it ends.
  let next = 0;
  const count = starts ? starts.length : terms.length;
  for (let k = 0; k < count; k++) {
    const i = starts ? starts[k]! : k;
    if (i < next || !canStart(test, terms, i)) continue;
    next = i + 1;
    const res = one.match([i === 0 ? terms : terms.slice(i)], each.anchored) as { ptrs: number[][]; byGroup: Record<string, number[][]> };
    const p = res.ptrs[0];
    if (p === undefined) continue;
    const start = i + p[1]!;
    const end = i + p[2]!;
    if (each.notIf === null || one.match([terms.slice(start, end)], each.notIf).ptrs.length === 0) {
      if (each.group === undefined) out.push([start, end]);
      else {
        const g = res.byGroup[each.group]?.[0];
        if (g) out.push([i + g[1]!, i + g[2]!]);
      }
    }
    // compromise goes on after the match (a match it then drops included)
    if (end > next) next = end;
  }
  return out;
}

/** A post-tagger match as compromise's sweep returns it (the net entry with the matched pointer). */
type Found = NetMatch & { pointer: number[] };

interface RawWorld {
  hooks: string[];
  model: { one: { contractions?: Array<{ word?: string }> }; two: { matches: unknown[] } };
  methods: {
    one: {
      buildNet: (matches: unknown[], world: RawWorld) => RawNet;
      parseMatch: (pattern: string, opts: object, world: RawWorld) => unknown;
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
 * compromise's own pipeline (the hooks nlp() runs), set up once. Changes, none of which alters a tag: the
 * post-tagger's sweep looks up candidate matches from the sentence's own words and tags (same matches,
 * same order as compromise's sweep, which walks every hook of its net for every sentence); the chunker is
 * not run (nothing here reads chunks; checkPattern refuses <Chunk> patterns); terms get no ids (compromise
 * re-finds a pointer's terms by id after the document is edited: no pointer here carries ids); and the
 * contractions hook is left out for a sentence it cannot change (see mayContract).
 */
interface Pipeline {
  View: new (document: RawTerm[][]) => RawDoc;
  world: RawWorld;
  before: string[];
  /** `before` without the contractions hook. */
  beforeNoContractions: string[];
  /** The words compromise's contractions hook splits whole ("cannot", "gonna"): its list's `word`s. */
  contractionWords: ReadonlySet<string>;
  after: string[];
  /** compromise's post-tagger net, indexed; undefined when compromise has no postTagger hook. */
  postTagger?: NetIndex;
}

let pipeline: Pipeline | undefined;

function setUp(): Pipeline {
  const world = (nlp as unknown as { world: () => RawWorld }).world();
  const at = world.hooks.indexOf('postTagger');
  const before = (at < 0 ? world.hooks.slice() : world.hooks.slice(0, at)).filter((h) => h !== 'id');
  const after = at < 0 ? [] : world.hooks.slice(at + 1).filter((h) => h !== 'chunks');
  const View = (nlp('') as unknown as { constructor: Pipeline['View'] }).constructor;
  const contractionWords = new Set((world.model.one.contractions ?? []).flatMap((c) => (c.word === undefined ? [] : [c.word])));
  pipeline = { View, world, before, beforeNoContractions: before.filter((h) => h !== 'contractions'), contractionWords, after, postTagger: at < 0 ? undefined : indexNet(cachedNet(`postTagger\0${JSON.stringify(world.model.two.matches, setsAsArrays)}`, () => buildPostTagNet(world))) };
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

/** Version of the stored nets' layout (bump when what is stored changes). */
const NET_FORMAT = 1;

/**
 * The net `build` makes, read from the net store (src/text/net-cache.ts) when it holds the one built
 * from `keyText` by this compromise version, else built and stored. A store entry that cannot be read
 * back is ignored (built again and overwritten); a net the codec cannot carry is not stored.
 */
function cachedNet(keyText: string, build: () => RawNet): RawNet {
  const store = netStore();
  if (!store) return build();
  const key = storeKey(keyText);
  try {
    const data = store.read(key);
    if (data !== undefined) {
      const { net, matches } = decodeNet<NetMatch>(data);
      numberMatches(matches);
      return net as RawNet;
    }
  } catch {
    // unreadable entry: build it again
  }
  const net = build();
  try {
    store.write(key, encodeNet(net, netPosition));
  } catch {
    // not storable: built every time
  }
  return net;
}

/** A net store key: `keyText` under this layout and compromise version. */
function storeKey(keyText: string): string {
  const version = (nlp as unknown as { version?: string }).version ?? '?';
  return createHash('sha256').update(`${NET_FORMAT}\0${version}\0${keyText}`).digest('hex');
}

/** JSON.stringify replacer for a cache key: a Set as its members. */
function setsAsArrays(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

/** Tokenise and tag `text` as nlp(text) does (same tags), with less work per sentence. */
function tagText(text: string): RawView {
  const p = pipeline ?? setUp();
  const doc = new p.View(p.world.methods.one.tokenize.fromString(text, p.world));
  if (doc.document.length === 0) return doc;
  doc.compute(mayContract(doc.document, p.contractionWords) ? p.before : p.beforeNoContractions);
  if (p.postTagger) postTag(doc, p.world, p.postTagger);
  if (p.after.length > 0) doc.compute(p.after);
  return doc;
}

const DIGIT = /[0-9]/;

/**
 * Can compromise's contractions hook (contraction-one) change these terms? It splits a term whose normal
 * form has an apostrophe ("we'll", "l'amour") or is one of its whole words ("cannot"), a number range
 * ("2-4", its normal form starts with a digit) and a number with a unit ("4km", its text starts with one);
 * a sentence with none of these it leaves as it is, having compared every term with every word of its list.
 */
function mayContract(document: readonly RawTerm[][], words: ReadonlySet<string>): boolean {
  for (const terms of document) {
    for (const t of terms) {
      if (t.normal.includes("'") || words.has(t.normal) || DIGIT.test(t.normal) || DIGIT.test(t.text)) return true;
    }
  }
  return false;
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
  const found: Found[] = [];
  for (let n = 0; n < document.length; n++) {
    const terms = document[n]!;
    for (const id of candidatesFor(net, terms)) {
      const m = net.matches[id]!;
      for (const ptr of matchTerms(one, net, terms, m, net.info[id]!.start, net.info[id]!.eachStart)) found.push({ ...m, pointer: [n, ptr[0]!, ptr[1]!] });
    }
  }
  one.bulkTagger(found, document, world);
  doc.uncache();
  doc.unfreeze();
}

/** Tag one sentence (one compromise call) and index its terms by character offset. */
export function parseSentence(text: string): ParsedSentence {
  return indexTerms(text, tagText(text));
}

function indexTerms(text: string, view: RawView): ParsedSentence {
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

/**
 * compromise's own result for `text`, for tests that hold parseSentence and matchPatterns to it: the
 * terms of nlp(text) (full pipeline) and, given a compiled set, compromise's own sweep of it (id, start, end).
 */
export function referenceParse(text: string, compiled?: CompiledPatterns): { tokens: Token[]; matches: Array<{ id: string; start: number; end: number }> } {
  const view = nlp(text) as unknown as RawView & { sweep: (net: unknown, opts: { tagger: boolean }) => { found: Array<{ match: string; view: { ptrs: number[][] } }> } };
  const parsed = indexTerms(text, view);
  const matches: Array<{ id: string; start: number; end: number }> = [];
  if (compiled && compiled.size > 0 && parsed.tokens.length > 0) {
    for (const f of view.sweep(compiled.net, { tagger: false }).found) {
      const [n, a, b] = f.view.ptrs[0]!;
      const base = parsed.sentenceStarts[n!] ?? 0;
      if (b! <= a!) continue;
      let end = parsed.tokens[base + a!]!.end;
      for (let i = base + a!; i < base + b!; i++) end = Math.max(end, parsed.tokens[i]!.end);
      for (const id of compiled.idsByPattern.get(f.match) ?? []) matches.push({ id, start: parsed.tokens[base + a!]!.start, end });
    }
  }
  matches.sort((x, y) => x.start - y.start || x.id.localeCompare(y.id) || x.end - y.end);
  return { tokens: parsed.tokens, matches };
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

/**
 * checkPattern for each of `patterns`, in order. The answers depend only on the patterns and on
 * compromise, so they are kept in the net store (src/text/net-cache.ts) with the compiled nets: a
 * start with a warm store parses no pattern.
 */
export function checkPatterns(patterns: readonly string[]): Array<string | undefined> {
  const store = netStore();
  const key = store ? storeKey(`checks\0${JSON.stringify(patterns)}`) : '';
  if (store) {
    try {
      const data = store.read(key);
      if (Array.isArray(data) && data.length === patterns.length && data.every((d) => d === null || typeof d === 'string')) {
        return data.map((d: string | null) => d ?? undefined);
      }
    } catch {
      // unreadable entry: check again
    }
  }
  const problems = patterns.map(checkPattern);
  if (store) {
    try {
      store.write(key, problems.map((p) => p ?? null));
    } catch {
      // not stored: checked every time
    }
  }
  return problems;
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
  const patterns = [...idsByPattern.keys()];
  const net = cachedNet(`patterns\0${JSON.stringify(patterns)}`, () => lib.buildNet(numberMatches(patterns.map((match) => ({ match })))) as RawNet);
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
  const out: Array<{ match: string; ptr: number[] }> = [];
  for (let n = 0; n < document.length; n++) {
    const terms = document[n]!;
    const ix = compiled.index;
    for (const id of candidatesFor(ix, terms)) {
      const m = ix.matches[id]!;
      for (const ptr of matchTerms(one, ix, terms, m, ix.info[id]!.start, ix.info[id]!.eachStart)) out.push({ match: m.match, ptr: [n, ptr[0]!, ptr[1]!] });
    }
  }
  return out;
}

/** Does `pattern` match anywhere in `text`? (For rule examples and tests; compiles each time.) */
export function patternMatches(text: string, pattern: string): boolean {
  return matchPatterns(parseSentence(text), compilePatterns([{ id: 'p', pattern }])).length > 0;
}
