/**
 * What every transformation detector receives: the matching of one card unit with one contract
 * sentence (src/align/matching.ts), the part of the card the contract quotes, the tokens earlier
 * detectors explained, and small helpers over both.
 */
import type { Transformation } from '../../model/types.ts';
import type { CompiledPhraseRule } from '../align-rules.ts';
import type { Hunk } from '../token-align.ts';
import { matchAny, type PatternMatch } from '../../text/patterns.ts';
import type { Matching, Role, Unit } from '../matching.ts';
import { pairNumbers, type NumberPair } from '../numbers.ts';

/** How far into a truncated tail a qualifier may start and still qualify the excerpt (further in, it qualifies the tail). */
export const TAIL_SLACK = 2;

/** The shared state of one comparison, built once and passed to each detector in turn. */
export interface DetectionContext extends Matching {
  /**
   * A phrase in a card clause the contract does not quote, or well inside a trailing stretch the
   * contract leaves out: the excerpt did not drop it.
   */
  unquoted: (m: PatternMatch) => boolean;
  /** A trailing stretch of the card the contract leaves out entirely, after the last copied word. */
  tail: Hunk | undefined;
  /** Tokens an earlier detector explained (a phrase reported once, by the first detector that names it). */
  consumedC: Set<number>;
  consumedK: Set<number>;
  /** What the detectors that ran before reported (in DETECTION_ORDER). */
  found: readonly Transformation[];
  /**
   * The figures the matching left apart, paired (src/align/numbers.ts), without the tokens the
   * phrase detectors consumed: read first by `number-changed`, which runs after all of them.
   */
  readonly numberPairs: NumberPair[];
}

const memo = new WeakMap<Unit, Map<string, PatternMatch[]>>();

/** Pattern matches of a rule group on a unit, computed once per unit (a card unit meets many contract sentences). */
export function matchesOf(unit: Unit, key: string, patterns: CompiledPhraseRule['patterns']): PatternMatch[] {
  let m = memo.get(unit);
  if (!m) memo.set(unit, (m = new Map()));
  let hit = m.get(key);
  if (!hit) m.set(key, (hit = matchAny(patterns, unit.tokens)));
  return hit;
}

const clauseMemo = new WeakMap<Unit, number[]>();

/** A clause of a unit: tokens between ";" (or a dash between spaces) marks (computed once per unit). */
function clausesOf(unit: Unit): number[] {
  const hit = clauseMemo.get(unit);
  if (hit) return hit;
  const out: number[] = [];
  clauseMemo.set(unit, out);
  let clause = 0;
  let prevEnd = 0;
  for (const t of unit.tokens) {
    if (/;|\s[-–—]\s/.test(unit.text.slice(prevEnd, t.start))) clause++;
    out.push(clause);
    prevEnd = t.end;
  }
  return out;
}

/** The detection context of a matching; `found` is the list the driver appends each detector's result to. */
export function detectionContext(m: Matching, found: readonly Transformation[]): DetectionContext {
  const { card, cRoles, matchedC, hunks } = m;
  // The quoted part of the card: clauses that share content with the contract. A hedge, scope or
  // qualifier in a clause the contract does not quote was not dropped by the excerpt.
  const clauses = clausesOf(card);
  const clauseContent = new Map<number, { all: number; matched: number }>();
  card.tokens.forEach((t, i) => {
    if (cRoles[i] !== 'content') return;
    const c = clauseContent.get(clauses[i]!) ?? { all: 0, matched: 0 };
    c.all++;
    if (matchedC.has(i)) c.matched++;
    clauseContent.set(clauses[i]!, c);
  });
  // A clause is quoted when two of its words, or a third of them, are copied (one shared word is chance).
  const quotedClauses = new Set([...clauseContent].filter(([, c]) => c.matched >= 2 || c.matched / c.all >= 1 / 3).map(([k]) => k));
  if (quotedClauses.size === 0) clauseContent.forEach((c, k) => c.matched > 0 && quotedClauses.add(k));
  const tail = hunks.find((h) => h.position === 'suffix' && h.contractEnd === h.contractStart && h.cardEnd > h.cardStart);
  const unquoted = (x: PatternMatch): boolean => !quotedClauses.has(clauses[x.start]!) || (tail !== undefined && x.start - tail.cardStart > TAIL_SLACK && x.start >= tail.cardStart);
  const consumedC = new Set<number>();
  const consumedK = new Set<number>();
  let numberPairs: NumberPair[] | undefined;
  return {
    ...m,
    unquoted,
    tail,
    consumedC,
    consumedK,
    found,
    get numberPairs(): NumberPair[] {
      return (numberPairs ??= pairNumbers(m, consumedC, consumedK));
    },
  };
}

/** The words of a match on a unit, as written. */
export const mText = (u: Unit, m: PatternMatch): string => (m.end > m.start ? u.text.slice(u.tokens[m.start]!.start, u.tokens[m.end - 1]!.end) : '');

/** The contract's words [s, e), as written. */
export const kText = (ctx: DetectionContext, s: number, e: number): string => (e > s ? ctx.contract.text.slice(ctx.contract.tokens[s]!.start, ctx.contract.tokens[e - 1]!.end) : '');

/** The first token of a match that is not a stopword, or -1. */
export function firstContent(m: PatternMatch, roles: Role[]): number {
  for (let i = m.start; i < m.end; i++) if (roles[i] !== 'stop') return i;
  return -1;
}

/** Mark a match's tokens as explained. */
export function consume(set: Set<number>, m: PatternMatch): void {
  for (let i = m.start; i < m.end; i++) set.add(i);
}

/** A match with a token already explained. */
export function overlaps(set: Set<number>, m: PatternMatch): boolean {
  for (let i = m.start; i < m.end; i++) if (set.has(i)) return true;
  return false;
}

/** A match that starts inside one of the spans. */
export const within = (m: PatternMatch, spans: PatternMatch[]): boolean => spans.some((s) => m.start >= s.start && m.start < s.end);

/** The bounds on figures (rules' comparators) found in a unit, by rule id. */
export function boundsIn(ctx: DetectionContext, u: Unit): Array<{ id: string; ms: PatternMatch[] }> {
  return ctx.rules.comparators.map((r) => ({ id: r.id, ms: matchesOf(u, r.id, r.patterns) }));
}
