/**
 * Token matching of a card unit and a contract sentence, the first step of every comparison
 * (src/align/compare.ts): which tokens of the two sides say the same thing.
 *
 * Matching runs on keys (src/align/keys.ts: lemma, synonym group, `@product`) in order (a longest
 * common subsequence, with the unmatched stretches between as hunks), then words out of order,
 * compounds written apart, a class member against the class's name ("English" / "Language(s)")
 * and the card's section words.
 */
import type { AlignmentRules } from './align-rules.ts';
import { hunksOf, lcsPairs, type Hunk } from './token-align.ts';
import { stemWord, type Token } from '../text/tokens.ts';
import { PRODUCT } from './keys.ts';
import { lemmaOf } from './lemma.ts';

/** A tokenised text ready to compare. */
export interface Unit {
  text: string;
  tokens: Token[];
  /**
   * For a table row: tokens [0, rowLabelEnd) are the row label. A contract quotes a row by its
   * label and one of its values, so the row's coverage counts the label and its best number.
   */
  rowLabelEnd?: number;
  /** Card side: match keys of the words of the sentence's section headings (what the drafter may make explicit). */
  context?: Set<string>;
  /** Card side: the section or list lead-in is itself a prohibition or negation ("Out-of-Scope Use"). */
  contextNegated?: boolean;
}

/** What the comparison needs besides the two units. */
export interface CompareContext {
  rules: AlignmentRules;
  /** Inverse document frequency of a match key over the card's units. */
  idf: (key: string) => number;
  /** Stems of terms the contract defines ("model", "provider"): framing when capitalised. */
  definedStems: Set<string>;
}

/** Match key of a token: its annotated key (src/align/keys.ts), else its stem (numbers: "#value"). */
export function keyOf(t: Token): string {
  return t.key ?? (t.stem || t.lower);
}

/** What a token is to the comparison: a stopword, legal framing (contract side) or content. */
export type Role = 'stop' | 'framing' | 'content';

function roleOf(t: Token, side: 'card' | 'contract', ctx: CompareContext): Role {
  if (t.value !== undefined) return 'content';
  if (t.absorbed || ctx.rules.stopwords.has(t.lower)) return 'stop';
  if (t.key === PRODUCT) return 'framing';
  if (side === 'contract' && (ctx.rules.framing.has(keyOf(t)) || (t.capitalised && ctx.definedStems.has(keyOf(t))))) return 'framing';
  return 'content';
}

const keyMemo = new WeakMap<Unit, { ctx: CompareContext; keys: string[]; roles: Role[] }>();

/** Match keys and roles of a unit's tokens, computed once per unit and comparison context. */
function keysAndRoles(u: Unit, side: 'card' | 'contract', ctx: CompareContext): { keys: string[]; roles: Role[] } {
  const hit = keyMemo.get(u);
  // A card token's role depends only on the rules; a contract token's also on the contract's defined terms.
  if (hit && (hit.ctx === ctx || (side === 'card' && hit.ctx.rules === ctx.rules))) return hit;
  const out = { ctx, keys: u.tokens.map(keyOf), roles: u.tokens.map((t) => roleOf(t, side, ctx)) };
  keyMemo.set(u, out);
  return out;
}

const compoundMemo = new WeakMap<Unit, Array<string | undefined>>();

/** For each token, the key of it written together with the next one ("pre-trained" → "pretrain"), computed once per unit. */
function compoundsOf(u: Unit): Array<string | undefined> {
  let hit = compoundMemo.get(u);
  if (hit) return hit;
  hit = u.tokens.map((t, i) => {
    const next = u.tokens[i + 1];
    if (!next || t.value !== undefined || next.value !== undefined || !/^[-\s]?$/.test(u.text.slice(t.end, next.start))) return undefined;
    return lemmaOf(stemWord(t.lower + next.lower));
  });
  compoundMemo.set(u, hit);
  return hit;
}

/** Which tokens of a card unit and a contract sentence match, and how. */
export interface Matching {
  card: Unit;
  contract: Unit;
  ctx: CompareContext;
  rules: AlignmentRules;
  /** Match keys and roles of the card's (c) and the contract's (k) tokens. */
  cKeys: string[];
  kKeys: string[];
  cRoles: Role[];
  kRoles: Role[];
  /** Index pairs [card, contract] matched in order (longest common subsequence). */
  pairs: Array<[number, number]>;
  /** The unmatched stretches between the in-order pairs. */
  hunks: Hunk[];
  /** The hunk each card token lies in, if any. */
  hunkAt: Array<Hunk | undefined>;
  /** Matched tokens of each side, in order or not. */
  matchedC: Set<number>;
  matchedK: Set<number>;
  /** Contract tokens found among the card sentence's section words. */
  fromContext: Set<number>;
}

/** Match a card unit with a contract sentence. */
export function matchUnits(card: Unit, contract: Unit, ctx: CompareContext): Matching {
  const { keys: cKeys, roles: cRoles } = keysAndRoles(card, 'card', ctx);
  const { keys: kKeys, roles: kRoles } = keysAndRoles(contract, 'contract', ctx);
  const pairs = lcsPairs(cKeys, kKeys);
  const hunks = hunksOf(cKeys.length, kKeys.length, pairs);
  const hunkAt: Array<Hunk | undefined> = new Array(card.tokens.length);
  for (const h of hunks) for (let i = h.cardStart; i < h.cardEnd; i++) hunkAt[i] = h;
  const m: Matching = {
    card, contract, ctx, rules: ctx.rules, cKeys, kKeys, cRoles, kRoles, pairs, hunks, hunkAt,
    matchedC: new Set(pairs.map(([c]) => c)),
    matchedK: new Set(pairs.map(([, k]) => k)),
    fromContext: new Set(),
  };
  matchOutOfOrder(m);
  // Compounds written apart on one side ("pre-trained" / "pretrained", "use cases" / "usecases").
  joinCompounds(card, m.matchedC, kKeys, m.matchedK, kRoles);
  joinCompounds(contract, m.matchedK, cKeys, m.matchedC, cRoles);
  matchClassNames(m);
  sectionWords(m);
  return m;
}

/** Second pass: content words out of order (moved phrases, table cells) still match. */
function matchOutOfOrder({ card, contract, cKeys, kKeys, cRoles, kRoles, matchedC, matchedK }: Matching): void {
  const loose = new Map<string, number[]>();
  card.tokens.forEach((t, i) => {
    if (matchedC.has(i) || cRoles[i] === 'stop') return;
    const list = loose.get(cKeys[i]!) ?? [];
    list.push(i);
    loose.set(cKeys[i]!, list);
  });
  contract.tokens.forEach((t, j) => {
    if (matchedK.has(j) || kRoles[j] === 'stop') return;
    const list = loose.get(kKeys[j]!);
    const i = list?.shift();
    if (i === undefined) return;
    matchedC.add(i);
    matchedK.add(j);
  });
}

/** A member of a word class meets the class's own name ("English" / "Language(s): English"). */
function matchClassNames({ card, contract, rules, cKeys, cRoles, kRoles, matchedC, matchedK }: Matching): void {
  contract.tokens.forEach((t, j) => {
    if (matchedK.has(j) || kRoles[j] !== 'content') return;
    const cls = rules.scopeMembers.get(t.lower);
    if (!cls) return;
    const i = card.tokens.findIndex((c, ii) => !matchedC.has(ii) && cRoles[ii] === 'content' && cKeys[ii] === rules.classKeys.get(cls));
    if (i < 0) return;
    matchedC.add(i);
    matchedK.add(j);
  });
}

/** Words of the card sentence's section headings the contract makes explicit ("the training data"). */
function sectionWords({ card, contract, kKeys, kRoles, matchedK, fromContext }: Matching): void {
  if (!card.context) return;
  contract.tokens.forEach((t, j) => {
    if (!matchedK.has(j) && kRoles[j] === 'content' && t.value === undefined && card.context!.has(kKeys[j]!)) fromContext.add(j);
  });
}

/** Match two tokens of `a` written apart against one token of the other side written together. */
function joinCompounds(a: Unit, aMatched: Set<number>, bKeys: string[], bMatched: Set<number>, bRoles: Role[]): void {
  const open = new Set<string>();
  bKeys.forEach((k, j) => {
    if (!bMatched.has(j) && bRoles[j] !== 'stop') open.add(k);
  });
  if (open.size === 0) return;
  const compounds = compoundsOf(a);
  for (let i = 0; i + 1 < a.tokens.length; i++) {
    const joined = compounds[i];
    if (joined === undefined || aMatched.has(i) || aMatched.has(i + 1) || !open.has(joined)) continue;
    const j = bKeys.findIndex((k, jj) => !bMatched.has(jj) && bRoles[jj] !== 'stop' && k === joined);
    if (j < 0) continue;
    aMatched.add(i);
    aMatched.add(i + 1);
    bMatched.add(j);
  }
}
