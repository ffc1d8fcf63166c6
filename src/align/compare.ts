/**
 * Compare one card unit with one contract sentence: a weighted similarity over the token
 * alignment, and the transformations the excerpt made (each with the words involved).
 *
 * Conventions (also in rules/alignment.yaml's description):
 * - `verbatim`: the contract copies the card's words unchanged (legal framing such as
 *   "Provider warrants that", a defined term in place of the product name, and dropping a
 *   trailing part of the card sentence are allowed); exclusive of every other kind.
 * - `modality-strengthened`: the contract adds will/shall/must/warrants over a card's possibility,
 *   advice or purpose framing ("can be used to", "should", "for better ..."); legal framing over a
 *   plain statement is not a strengthening.
 * - `hedge-removed`: a hedge dropped (modal, approximation "~88%"/"about", evidential "in our
 *   tests"/"our analysis suggests"); a negated possibility reversed ("may misread" → "will not
 *   misread") is hedge-removed plus negation-flipped.
 * - `negation-flipped`: the parity of the negations each side adds differs; negations inside a
 *   bound ("not less than"), a relative clause or a dropped tail do not count.
 * - Detectors look only at the card clauses the contract quotes (two copied words or a third).
 * - An empty list: the contract rewords the card without a recognised drift.
 *
 * Matching runs on keys (src/align/keys.ts: lemma, synonym group, `@product`), then words out of
 * order, compounds written apart, a class member against the class's name ("English" /
 * "Language(s)") and the card's section words.
 */
import type { Transformation, TransformationKind } from '../model/types.ts';
import type { AlignmentRules, CompiledPhraseRule } from './align-rules.ts';
import { matchAny, type PatternMatch } from '../text/patterns.ts';
import { hunksOf, lcsPairs, type Hunk } from './token-align.ts';
import type { Token } from '../text/tokens.ts';
import { PRODUCT } from './keys.ts';
import { lemmaOf } from './lemma.ts';
import { stemWord } from '../text/tokens.ts';

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

/** Result of comparing a card unit with a contract sentence. */
export interface Comparison {
  similarity: number;
  transformations: Transformation[];
  /** What the two share: content words, numbers, the product's name, section words (contract wording). */
  anchors: string[];
  /** Content words and numbers of the contract sentence matched in the card sentence. */
  shared: number;
}

/** Match key of a token: its annotated key (src/align/keys.ts), else its stem (numbers: "#value"). */
export function keyOf(t: Token): string {
  return t.key ?? (t.stem || t.lower);
}

const KIND_ORDER: TransformationKind[] = ['verbatim', 'hedge-removed', 'modality-strengthened', 'number-changed', 'scope-broadened', 'qualifier-dropped', 'negation-flipped'];

/** How far into a truncated tail a qualifier may start and still qualify the excerpt (further in, it qualifies the tail). */
const TAIL_SLACK = 2;

type Role = 'stop' | 'framing' | 'content';

function roleOf(t: Token, side: 'card' | 'contract', ctx: CompareContext): Role {
  if (t.value !== undefined) return 'content';
  if (t.absorbed || ctx.rules.stopwords.has(t.lower)) return 'stop';
  if (t.key === PRODUCT) return 'framing';
  if (side === 'contract' && (ctx.rules.framing.has(keyOf(t)) || (t.capitalised && ctx.definedStems.has(keyOf(t))))) return 'framing';
  return 'content';
}

function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a * 100 - b) < 1e-9 || Math.abs(b * 100 - a) < 1e-9;
}

const memo = new WeakMap<Unit, Map<string, PatternMatch[]>>();

/** Pattern matches of a rule group on a unit, computed once per unit (a card unit meets many contract sentences). */
function matchesOf(unit: Unit, key: string, patterns: CompiledPhraseRule['patterns']): PatternMatch[] {
  let m = memo.get(unit);
  if (!m) memo.set(unit, (m = new Map()));
  let hit = m.get(key);
  if (!hit) m.set(key, (hit = matchAny(patterns, unit.tokens)));
  return hit;
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

const within = (m: PatternMatch, spans: PatternMatch[]): boolean => spans.some((s) => m.start >= s.start && m.start < s.end);

/**
 * Compare a card unit (source candidate) with a contract sentence. With `full` false only the
 * similarity is computed (candidate ranking); the drift detectors run for the chosen source.
 */
export function compareUnits(card: Unit, contract: Unit, ctx: CompareContext, full = true): Comparison {
  const { rules } = ctx;
  const { keys: cKeys, roles: cRoles } = keysAndRoles(card, 'card', ctx);
  const { keys: kKeys, roles: kRoles } = keysAndRoles(contract, 'contract', ctx);
  const pairs = lcsPairs(cKeys, kKeys);
  const hunks = hunksOf(cKeys.length, kKeys.length, pairs);
  const matchedC = new Set(pairs.map(([c]) => c));
  const matchedK = new Set(pairs.map(([, k]) => k));
  const anchors: string[] = [];
  // Second pass: content words out of order (moved phrases, table cells) still match.
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
  // Compounds written apart on one side ("pre-trained" / "pretrained", "use cases" / "usecases").
  const joinCompounds = (a: Unit, aKeys: string[], aMatched: Set<number>, bKeys: string[], bMatched: Set<number>, bRoles: Role[]): void => {
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
  };
  joinCompounds(card, cKeys, matchedC, kKeys, matchedK, kRoles);
  joinCompounds(contract, kKeys, matchedK, cKeys, matchedC, cRoles);
  // A member of a word class meets the class's own name ("English" / "Language(s): English").
  contract.tokens.forEach((t, j) => {
    if (matchedK.has(j) || kRoles[j] !== 'content') return;
    const cls = rules.scopeMembers.get(t.lower);
    if (!cls) return;
    const i = card.tokens.findIndex((c, ii) => !matchedC.has(ii) && cRoles[ii] === 'content' && cKeys[ii] === rules.classKeys.get(cls));
    if (i < 0) return;
    matchedC.add(i);
    matchedK.add(j);
  });
  // Words of the card sentence's section headings the contract makes explicit ("the training data").
  const fromContext = new Set<number>();
  if (card.context) {
    contract.tokens.forEach((t, j) => {
      if (!matchedK.has(j) && kRoles[j] === 'content' && t.value === undefined && card.context!.has(kKeys[j]!)) fromContext.add(j);
    });
  }
  const weight = (t: Token, role: Role): number =>
    (role === 'stop' ? rules.similarity.stopwordWeight : role === 'framing' ? rules.similarity.framingWeight : t.value !== undefined ? rules.similarity.numberWeight : 1) *
    (t.aside ? rules.similarity.asideWeight : 1) *
    ctx.idf(keyOf(t));

  const hunkAt: Array<Hunk | undefined> = new Array(card.tokens.length);
  for (const h of hunks) for (let i = h.cardStart; i < h.cardEnd; i++) hunkAt[i] = h;
  const hunkOfCard = (i: number): Hunk | undefined => hunkAt[i];
  const kText = (s: number, e: number): string => (e > s ? contract.text.slice(contract.tokens[s]!.start, contract.tokens[e - 1]!.end) : '');
  const mText = (u: Unit, m: PatternMatch): string => (m.end > m.start ? u.text.slice(u.tokens[m.start]!.start, u.tokens[m.end - 1]!.end) : '');
  const firstContent = (m: PatternMatch, roles: Role[]): number => {
    for (let i = m.start; i < m.end; i++) if (roles[i] !== 'stop') return i;
    return -1;
  };
  let unquoted = (_m: PatternMatch): boolean => false;
  let tail: Hunk | undefined;
  if (full) {
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
    // A trailing stretch of the card the contract leaves out entirely, after the last copied word.
    tail = hunks.find((h) => h.position === 'suffix' && h.contractEnd === h.contractStart && h.cardEnd > h.cardStart);
    unquoted = (m: PatternMatch): boolean => !quotedClauses.has(clauses[m.start]!) || (tail !== undefined && m.start - tail.cardStart > TAIL_SLACK && m.start >= tail.cardStart);
  }
  const out: Transformation[] = [];
  const consumedC = new Set<number>();
  const consumedK = new Set<number>();
  const consume = (set: Set<number>, m: PatternMatch): void => {
    for (let i = m.start; i < m.end; i++) set.add(i);
  };
  const overlaps = (set: Set<number>, m: PatternMatch): boolean => {
    for (let i = m.start; i < m.end; i++) if (set.has(i)) return true;
    return false;
  };

  if (full) {
    // Bounds on figures: a negation inside a bound ("not less than") is not a flip.
    const boundsC = rules.comparators.map((r) => ({ id: r.id, ms: matchesOf(card, r.id, r.patterns) }));
    const boundsK = rules.comparators.map((r) => ({ id: r.id, ms: matchesOf(contract, r.id, r.patterns) }));
    const allBoundsC = boundsC.flatMap((b) => b.ms);
    const allBoundsK = boundsK.flatMap((b) => b.ms);

    // Negation: the parity of the negations each side adds differs (a double negation,
    // "should not be used without an assessment", is not a flip).
    // A negation in a trailing part the contract leaves out was dropped, not flipped.
    // A negation inside a relative clause ("text that was never spoken") describes a noun; it does
    // not negate the claim.
    const relative = (u: Unit, m: PatternMatch): boolean => {
      for (let i = Math.max(0, m.start - 3); i < m.start; i++) if (rules.relatives.has(u.tokens[i]!.lower)) return true;
      return false;
    };
    const negC = matchesOf(card, 'negations', rules.all.negations).filter((m) => !within(m, allBoundsC) && !matchedC.has(m.start) && !unquoted(m) && !(tail && m.start >= tail.cardStart) && !relative(card, m));
    let negK = matchesOf(contract, 'negations', rules.all.negations).filter((m) => !within(m, allBoundsK) && !matchedK.has(m.start) && !relative(contract, m));
    // The card's section says it already ("Out-of-Scope Use"): the contract's prohibition restates it.
    if (card.contextNegated && negK.length > 0 && negC.length % 2 === 0) negK = negK.slice(1);
    if (negC.length % 2 !== negK.length % 2) {
      const t: Transformation = { kind: 'negation-flipped' };
      if (negC[0]) t.from = mText(card, negC[0]);
      if (negK[0]) t.to = mText(contract, negK[0]);
      out.push(t);
    }

    // Modality: the contract adds a stronger modal (will, shall, warrants) than the card's possibility,
    // advice or purpose, which the contract does not keep.
    const modalsK = rules.modality.flatMap((r) => matchesOf(contract, r.id, r.patterns).map((m) => ({ m, level: r.level })));
    const modalsC = rules.modality.flatMap((r) => matchesOf(card, r.id, r.patterns).map((m) => ({ m, level: r.level })));
    const newModalsK = modalsK.filter((x) => !matchedK.has(x.m.start)).sort((a, b) => b.level - a.level);
    const strongest = newModalsK[0];
    if (strongest && strongest.level >= 3) {
      const weaker = modalsC
        .filter((x) => x.level < strongest.level && !matchedC.has(x.m.start) && !unquoted(x.m))
        .sort((a, b) => a.m.start - b.m.start)[0];
      // "may not be generated properly" → "will generate properly": the negated possibility is
      // gone with its negation (a flip); what is left is a hedge removed, not a stronger modal.
      // The same holds the other way round: "may misread" → "will not misread".
      const flipped = out.some((t) => t.kind === 'negation-flipped');
      const negatedModal =
        weaker !== undefined &&
        flipped &&
        (negC.some((n) => n.start >= weaker.m.end && n.start <= weaker.m.end + 1) || negK.some((n) => n.start >= strongest.m.end && n.start <= strongest.m.end + 1));
      if (weaker && !negatedModal) {
        out.push({ kind: 'modality-strengthened', from: mText(card, weaker.m), to: mText(contract, strongest.m) });
        consume(consumedC, weaker.m);
      }
    }

    // Hedges dropped (possibility, approximation, evidential framing), outside unquoted clauses.
    for (const m of matchesOf(card, 'hedges', rules.all.hedges)) {
      if (matchedC.has(m.start) || overlaps(consumedC, m) || unquoted(m)) continue;
      const h = hunkOfCard(m.start);
      if (h && h.position === 'suffix' && h.contractEnd === h.contractStart && m.start - h.cardStart > TAIL_SLACK) continue;
      out.push({ kind: 'hedge-removed', from: mText(card, m) });
      consume(consumedC, m);
    }

    // Scope: a restricting phrase dropped, a wide phrase added, a quantifier widened, or members
    // (languages, user groups) added to a list.
    for (const m of matchesOf(card, 'scopes', rules.all.scopes)) {
      const head = firstContent(m, cRoles);
      if (head < 0 || matchedC.has(head) || unquoted(m) || overlaps(consumedC, m)) continue;
      // What replaced it, when the contract says something else in its place ("in English" → "in all languages").
      const h = hunkOfCard(head);
      const t: Transformation = { kind: 'scope-broadened', from: mText(card, m) };
      if (h && h.contractEnd > h.contractStart) {
        t.to = kText(h.contractStart, h.contractEnd);
        for (let j = h.contractStart; j < h.contractEnd; j++) consumedK.add(j);
      }
      out.push(t);
      consume(consumedC, m);
    }
    const cardKeys = new Set(cKeys);
    const cardWide = matchesOf(card, 'wide', rules.quantifiers.wide.patterns);
    for (const m of matchesOf(contract, 'widenings', rules.all.widenings)) {
      // The widening word itself ("all" in "all languages") is new in the contract, and the card did not say it already.
      if (matchedK.has(m.start) || consumedK.has(m.start)) continue;
      if (cardWide.some((w) => !unquoted(w))) continue;
      out.push({ kind: 'scope-broadened', to: mText(contract, m) });
      consume(consumedK, m);
    }
    // A wide quantifier put in front of what the card speaks of ("on clean printed pages" → "on all
    // printed pages", "outperforms" → "on every benchmark ... outperforms") when the card has none.
    if (!cardWide.some((w) => !unquoted(w)) && !out.some((t) => t.kind === 'scope-broadened' && t.to !== undefined)) {
      for (const m of matchesOf(contract, 'wide', rules.quantifiers.wide.patterns)) {
        if (matchedK.has(m.start) || consumedK.has(m.start)) continue;
        let j = m.end;
        while (j < contract.tokens.length && j < m.end + 3 && !(matchedK.has(j) && kRoles[j] === 'content')) j++;
        if (j >= contract.tokens.length || j >= m.end + 3 || !matchedK.has(j)) continue;
        out.push({ kind: 'scope-broadened', to: kText(m.start, j + 1), note: 'quantifier added' });
        consume(consumedK, m);
        break;
      }
    }
    const narrow = matchesOf(card, 'narrow', rules.quantifiers.narrow.patterns).filter((m) => !matchedC.has(m.start) && !consumedC.has(m.start) && !unquoted(m));
    const wide = matchesOf(contract, 'wide', rules.quantifiers.wide.patterns).filter((m) => !matchedK.has(m.start) && !consumedK.has(m.start));
    if (narrow[0] && wide[0]) {
      out.push({ kind: 'scope-broadened', from: mText(card, narrow[0]), to: mText(contract, wide[0]), note: 'quantifier widened' });
      consume(consumedC, narrow[0]);
      consume(consumedK, wide[0]);
    }
    for (const j of contract.tokens.keys()) {
      if (matchedK.has(j) || consumedK.has(j) || fromContext.has(j)) continue;
      const t = contract.tokens[j]!;
      const cls = rules.scopeMembers.get(t.lower);
      if (!cls || cardKeys.has(kKeys[j]!)) continue;
      // Only a list the card already has ("English" → "English, French and German") grows.
      if (!card.tokens.some((c) => rules.scopeMembers.get(c.lower) === cls)) continue;
      out.push({ kind: 'scope-broadened', to: t.text, note: `${cls} added` });
      consumedK.add(j);
    }

    // Qualifiers (conditions on the claim) dropped.
    for (const rule of rules.qualifiers) {
      for (const m of matchesOf(card, rule.id, rule.patterns)) {
        if (overlaps(consumedC, m) || matchedC.has(m.start) || unquoted(m)) continue;
        out.push({ kind: 'qualifier-dropped', from: mText(card, m), note: rule.id });
        consume(consumedC, m);
      }
    }
  }

  // Numbers: unmatched card numbers paired with unmatched contract numbers: in the same hunk, then
  // counting the same thing (the same word next to it), then nearest in value, then the last one left.
  // A year in parentheses is a citation ("Brown et al., 2020"), not a figure of the claim.
  const numsC = card.tokens.map((t, i) => ({ t, i })).filter(({ t, i }) => t.value !== undefined && !matchedC.has(i) && !consumedC.has(i) && !(t.aside && Number.isInteger(t.value) && t.value >= 1900 && t.value <= 2100));
  const numsK = contract.tokens.map((t, i) => ({ t, i })).filter(({ t, i }) => t.value !== undefined && !matchedK.has(i) && !consumedK.has(i));
  const usedK = new Set<number>();
  const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-9);
  const neighbours = (u: Unit, keys: string[], roles: Role[], i: number): Set<string> => {
    const out = new Set<string>();
    for (const d of [1, 2, -1, -2]) {
      const k = i + d;
      if (k >= 0 && k < u.tokens.length && roles[k] === 'content' && u.tokens[k]!.value === undefined) out.add(keys[k]!);
    }
    if (u.tokens[i]!.unit) out.add(`unit:${u.tokens[i]!.unit}`);
    if (u.tokens[i]!.percent) out.add('%');
    return out;
  };
  const numberPairs: Array<{ c: Token; k: Token; ci: number; ki: number; same: boolean; pass: string }> = [];
  for (const pass of ['hunk', 'unit', 'near', 'last'] as const) {
    for (const { t, i } of numsC) {
      if (numberPairs.some((p) => p.c === t)) continue;
      const h = hunkOfCard(i);
      const nc = neighbours(card, cKeys, cRoles, i);
      const candidates = numsK.filter(({ i: j }) => {
        if (usedK.has(j)) return false;
        if (pass === 'hunk') return h !== undefined && j >= h.contractStart && j < h.contractEnd;
        if (pass === 'unit') return [...neighbours(contract, kKeys, kRoles, j)].some((k) => nc.has(k));
        return true;
      });
      const best = candidates.sort((a, b) => relDiff(t.value!, a.t.value!) - relDiff(t.value!, b.t.value!))[0];
      if (!best) continue;
      const same = sameNumber(t.value!, best.t.value!);
      if (pass === 'near' && !same && relDiff(t.value!, best.t.value!) > 0.5) continue;
      if (pass === 'last' && (numsC.length - numberPairs.length !== 1 || numsK.length - usedK.size !== 1)) continue;
      usedK.add(best.i);
      numberPairs.push({ c: t, k: best.t, ci: i, ki: best.i, same, pass });
    }
  }
  const numText = (u: Unit, t: Token): string => u.text.slice(t.start, t.end + (t.percent ? 1 : 0));
  let changedCreditC = 0;
  let changedCreditK = 0;
  for (const p of numberPairs) {
    // The last two numbers left, paired only because they are left, are a change but no evidence of the source.
    // A changed figure is evidence of the source in proportion to how close it stays (68.4 → 70 more than 4.6 → 2.0).
    const credit = p.pass === 'last' ? 0 : p.same ? 1 : rules.similarity.changedNumberCredit * (1 - relDiff(p.c.value!, p.k.value!));
    changedCreditC += credit * rules.similarity.numberWeight * ctx.idf(keyOf(p.c));
    changedCreditK += credit * rules.similarity.numberWeight * ctx.idf(keyOf(p.k));
    if (full && !p.same) out.push({ kind: 'number-changed', from: numText(card, p.c), to: numText(contract, p.k) });
  }
  if (full) {
    const boundsC = rules.comparators.map((r) => ({ id: r.id, ms: matchesOf(card, r.id, r.patterns) }));
    const boundsK = rules.comparators.map((r) => ({ id: r.id, ms: matchesOf(contract, r.id, r.patterns) }));
    // The same figure with a bound added, dropped or turned around ("90%" → "at least 90%").
    // A bound reads before its figure ("at least 5"), or after it when it starts with "or" ("5 or more").
    // An approximation between the bound and the figure ("within approximately two") is skipped.
    const hedgesC = matchesOf(card, 'hedges', rules.all.hedges);
    const hedgesK = matchesOf(contract, 'hedges', rules.all.hedges);
    const boundAt = (bounds: typeof boundsC, i: number, u: Unit): { id: string; m?: PatternMatch } => {
      const hedged = (u === card ? hedgesC : hedgesK).find((h) => h.start < i && h.end >= i);
      const at = hedged ? hedged.start : i;
      for (const b of bounds) {
        const m = b.ms.find((x) => x.end === at || (x.start === i + 1 && u.tokens[x.start]!.lower === 'or'));
        if (m) return { id: b.id, m };
      }
      return { id: 'exact' };
    };
    const boundOf = (bounds: typeof boundsC, i: number, u: Unit): string => boundAt(bounds, i, u).id;
    // The figure with its bound as written ("above 90%", "no less than 95%").
    const boundText = (bounds: typeof boundsC, i: number, u: Unit): string => {
      const { m } = boundAt(bounds, i, u);
      const t = u.tokens[i]!;
      const start = m ? Math.min(u.tokens[m.start]!.start, t.start) : t.start;
      const end = m ? Math.max(u.tokens[m.end - 1]!.end, t.end + (t.percent ? 1 : 0)) : t.end + (t.percent ? 1 : 0);
      return u.text.slice(start, end);
    };
    for (const [i, j] of pairs) {
      if (card.tokens[i]!.value === undefined || card.tokens[i]!.aside) continue;
      const bc = boundOf(boundsC, i, card);
      const bk = boundOf(boundsK, j, contract);
      if (bc !== bk) out.push({ kind: 'number-changed', from: boundText(boundsC, i, card), to: boundText(boundsK, j, contract), note: `bound changed: ${bc} → ${bk}` });
    }
    for (const p of numberPairs) {
      if (!p.same) continue;
      const bc = boundOf(boundsC, p.ci, card);
      const bk = boundOf(boundsK, p.ki, contract);
      if (bc !== bk) out.push({ kind: 'number-changed', from: boundText(boundsC, p.ci, card), to: boundText(boundsK, p.ki, contract), note: `bound changed: ${bc} → ${bk}` });
    }
    // The same figure with another unit ("24 hours" → "24 days").
    const unitAfter = (u: Unit, i: number): string | undefined => {
      const t = u.tokens[i]!;
      if (t.unit) return t.unit;
      const next = u.tokens[i + 1];
      return next && rules.units.has(next.lower) ? stemWord(next.lower) : undefined;
    };
    const samePairs: Array<[number, number]> = [...pairs.filter(([i]) => card.tokens[i]!.value !== undefined), ...numberPairs.filter((p) => p.same).map((p) => [p.ci, p.ki] as [number, number])];
    for (const [i, j] of samePairs) {
      const uc = unitAfter(card, i);
      const uk = unitAfter(contract, j);
      if (uc && uk && uc !== uk) out.push({ kind: 'number-changed', from: `${numText(card, card.tokens[i]!)} ${uc}`, to: `${numText(contract, contract.tokens[j]!)} ${uk}`, note: 'unit changed' });
    }
    // A range narrowed to one of its ends ("between 2 and 5" → "5").
    for (const r of rules.ranges) {
      for (const m of matchesOf(card, r.id, r.patterns)) {
        if (unquoted(m)) continue;
        const nums = [...Array(m.end - m.start).keys()].map((d) => m.start + d).filter((i) => card.tokens[i]!.value !== undefined);
        const kept = nums.filter((i) => matchedC.has(i) || numberPairs.some((p) => p.ci === i));
        if (kept.length > 0 && kept.length < nums.length && !out.some((t) => t.kind === 'number-changed')) out.push({ kind: 'number-changed', from: mText(card, m), note: 'range narrowed' });
      }
    }
  }

  // Similarity: weighted coverage of each side by the alignment.
  let totC = 0;
  let totK = 0;
  let mC = changedCreditC;
  let mK = changedCreditK;
  card.tokens.forEach((t, i) => {
    const w = weight(t, cRoles[i]!);
    totC += w;
    if (matchedC.has(i)) mC += w;
  });
  contract.tokens.forEach((t, j) => {
    const w = weight(t, kRoles[j]!);
    totK += w;
    if (matchedK.has(j)) mK += w;
    else if (fromContext.has(j)) mK += w * rules.similarity.contextCredit;
  });
  if (card.rowLabelEnd !== undefined) {
    totC = 0;
    mC = 0;
    for (let i = 0; i < card.rowLabelEnd; i++) {
      const w = weight(card.tokens[i]!, cRoles[i]!);
      totC += w;
      if (matchedC.has(i)) mC += w;
    }
    let bestNumber = 0;
    let numberWeight = 0;
    card.tokens.forEach((t, i) => {
      if (t.value === undefined || i < card.rowLabelEnd!) return;
      const w = rules.similarity.numberWeight * ctx.idf(keyOf(t));
      numberWeight = Math.max(numberWeight, w);
      const pair = numberPairs.find((p) => p.c === t);
      const credit = matchedC.has(i) ? 1 : pair && pair.pass !== 'last' ? (pair.same ? 1 : rules.similarity.changedNumberCredit * (1 - relDiff(pair.c.value!, pair.k.value!))) : 0;
      bestNumber = Math.max(bestNumber, credit * w);
    });
    totC += numberWeight;
    mC += bestNumber;
  }
  const covC = totC > 0 ? Math.min(1, mC / totC) : 0;
  const covK = totK > 0 ? Math.min(1, mK / totK) : 0;
  const f1 = covC + covK > 0 ? (2 * covC * covK) / (covC + covK) : 0;
  let shared = 0;
  // A figure and its unit ("30 days") are one shared fact, not two.
  const unitOfMatchedNumber = (j: number): boolean =>
    contract.tokens[j]!.value === undefined && [j - 1, j + 1].some((n) => n >= 0 && n < contract.tokens.length && contract.tokens[n]!.value !== undefined && matchedK.has(n));
  kRoles.forEach((r, j) => {
    if (!matchedK.has(j)) return;
    const t = contract.tokens[j]!;
    if (r === 'content') {
      if (!unitOfMatchedNumber(j)) shared++;
      anchors.push(t.value !== undefined ? numText(contract, t) : t.text);
    } else if (t.key === PRODUCT && !anchors.includes('the product')) anchors.push('the product');
  });
  for (const p of numberPairs) {
    if (p.same) continue;
    shared++;
    anchors.push(`${numText(card, p.c)}→${numText(contract, p.k)}`);
  }
  fromContext.forEach((j) => anchors.push(`section:${contract.tokens[j]!.text}`));
  // The contract side leads (an excerpt of a long card sentence is fully explained by it); a short
  // card sentence a clause contains whole ("Language(s): English and French") counts through its own coverage.
  // Containment needs the clause to be about the card sentence at all: a name in a long boilerplate clause is not.
  const lead = covK >= rules.similarity.containmentMinCoverage ? Math.max(covK, rules.similarity.containment * covC) : covK;
  const similarity = shared < rules.similarity.minShared ? 0 : rules.similarity.blend * lead + (1 - rules.similarity.blend) * f1;

  // Verbatim: nothing else changed and the contract's content words are copied.
  if (full && out.length === 0) {
    const modalsK = rules.modality.flatMap((r) => matchesOf(contract, r.id, r.patterns).map((m) => ({ m, level: r.level })));
    let content = 0;
    let copied = 0;
    kRoles.forEach((r, j) => {
      if (r !== 'content') return;
      content++;
      if (matchedK.has(j) || fromContext.has(j)) copied++;
    });
    // Inside the copied stretch, card words may only give way to framing or a defined term
    // ("it" → "the Model"), never be dropped or reworded.
    const cleanHunks = hunks.every((h) => {
      if (h.position !== 'internal') return true;
      const cardContent = [...Array(h.cardEnd - h.cardStart).keys()].some((d) => cRoles[h.cardStart + d] === 'content' && !matchedC.has(h.cardStart + d) && !card.tokens[h.cardStart + d]!.aside);
      if (!cardContent) return true;
      const contractSide = kRoles.slice(h.contractStart, h.contractEnd);
      const lostNumber = card.tokens.slice(h.cardStart, h.cardEnd).some((t, d) => t.value !== undefined && !matchedC.has(h.cardStart + d) && !t.aside);
      return !lostNumber && contractSide.includes('framing') && !contractSide.some((r, d) => r === 'content' && !matchedK.has(h.contractStart + d) && !fromContext.has(h.contractStart + d));
    });
    // A modal the card does not have ("does not retain" → "shall not retain") is a change of
    // force, not a copy; warranty framing ("Provider warrants that ...") is allowed.
    const addedModal = modalsK.some((x) => x.level < 5 && x.level >= 2 && !matchedK.has(x.m.start));
    if (content > 0 && copied / content >= rules.similarity.verbatimCoverage && cleanHunks && !addedModal) out.push({ kind: 'verbatim' });
  }

  const seen = new Set<string>();
  const unique = out.filter((t) => {
    const k = `${t.kind}\0${t.from ?? ''}\0${t.to ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return { similarity, transformations: unique, anchors, shared };
}
