/**
 * Compare one card unit with one contract sentence: a weighted similarity over the token
 * alignment, and the transformations the excerpt made (each with the words involved).
 *
 * Conventions (also in rules/alignment.yaml's description):
 * - `verbatim`: the contract copies the card's words unchanged (legal framing such as
 *   "Provider warrants that", a defined term in place of the product name, and dropping a
 *   trailing part of the card sentence are allowed); exclusive of every other kind.
 * - `modality-strengthened`: a modal of the card replaced by a stronger one (may → will);
 *   `hedge-removed`: a hedge dropped without a replacing modal.
 * - An empty list: the contract rewords the card without a recognised drift.
 */
import type { Transformation, TransformationKind } from '../model/types.ts';
import type { AlignmentRules, CompiledPhraseRule } from './align-rules.ts';
import { matchAny, type PatternMatch } from './patterns.ts';
import { hunksOf, lcsPairs, type Hunk } from './token-align.ts';
import type { Token } from './tokens.ts';

/** A tokenised text ready to compare. */
export interface Unit {
  text: string;
  tokens: Token[];
  /**
   * For a table row: tokens [0, rowLabelEnd) are the row label. A contract quotes a row by its
   * label and one of its values, so the row's coverage counts the label and its best number.
   */
  rowLabelEnd?: number;
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
}

/** Match key of a token: its stem (numbers: "#value"). */
export function keyOf(t: Token): string {
  return t.stem || t.lower;
}

const KIND_ORDER: TransformationKind[] = ['verbatim', 'hedge-removed', 'modality-strengthened', 'number-changed', 'scope-broadened', 'qualifier-dropped', 'negation-flipped'];

/** How far into a truncated tail a qualifier may start and still qualify the excerpt (further in, it qualifies the tail). */
const TAIL_SLACK = 2;

type Role = 'stop' | 'framing' | 'content';

function roleOf(t: Token, side: 'card' | 'contract', ctx: CompareContext): Role {
  if (t.value !== undefined) return 'content';
  if (t.absorbed || ctx.rules.stopwords.has(t.lower)) return 'stop';
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


/** Compare a card unit (source candidate) with a contract sentence. */
export function compareUnits(card: Unit, contract: Unit, ctx: CompareContext): Comparison {
  const { rules } = ctx;
  const cKeys = card.tokens.map(keyOf);
  const kKeys = contract.tokens.map(keyOf);
  const pairs = lcsPairs(cKeys, kKeys);
  const hunks = hunksOf(cKeys.length, kKeys.length, pairs);
  const matchedC = new Set(pairs.map(([c]) => c));
  const matchedK = new Set(pairs.map(([, k]) => k));
  const cRoles = card.tokens.map((t) => roleOf(t, 'card', ctx));
  const kRoles = contract.tokens.map((t) => roleOf(t, 'contract', ctx));
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
  const weight = (t: Token, role: Role): number =>
    (role === 'stop' ? rules.similarity.stopwordWeight : role === 'framing' ? rules.similarity.framingWeight : t.value !== undefined ? rules.similarity.numberWeight : 1) * ctx.idf(keyOf(t));

  const hunkOfCard = (i: number): Hunk | undefined => hunks.find((h) => i >= h.cardStart && i < h.cardEnd);
  const hunkOfContract = (j: number): Hunk | undefined => hunks.find((h) => j >= h.contractStart && j < h.contractEnd);
  const cText = (s: number, e: number): string => (e > s ? card.text.slice(card.tokens[s]!.start, card.tokens[e - 1]!.end) : '');
  const kText = (s: number, e: number): string => (e > s ? contract.text.slice(contract.tokens[s]!.start, contract.tokens[e - 1]!.end) : '');
  const unmatchedSpan = (m: PatternMatch, matched: Set<number>, roles: Role[]): boolean => {
    let content = 0;
    for (let i = m.start; i < m.end; i++) {
      if (roles[i] === 'stop') continue;
      content++;
      if (matched.has(i)) return false;
    }
    return content > 0;
  };
  const firstContent = (m: PatternMatch, roles: Role[]): number => {
    for (let i = m.start; i < m.end; i++) if (roles[i] !== 'stop') return i;
    return -1;
  };
  const firstUnmatched = (m: PatternMatch, matched: Set<number>): number => {
    for (let i = m.start; i < m.end; i++) if (!matched.has(i)) return i;
    return m.start;
  };
  const tail = hunks.find((h) => h.position === 'suffix' && h.contractEnd === h.contractStart && h.cardEnd > h.cardStart);
  const inLongTail = (m: PatternMatch): boolean => tail !== undefined && m.start - tail.cardStart > TAIL_SLACK;
  const out: Transformation[] = [];
  const consumedC = new Set<number>();
  const consumedK = new Set<number>();
  const consume = (set: Set<number>, m: PatternMatch): void => {
    for (let i = m.start; i < m.end; i++) set.add(i);
  };

  // Negation: a hunk where the two sides carry a different number of negations.
  const negC = matchesOf(card, 'negations', rules.all.negations);
  const negK = matchesOf(contract, 'negations', rules.all.negations);
  for (const h of hunks) {
    if (h.position !== 'internal' && (h.contractEnd === h.contractStart || h.cardEnd === h.cardStart)) continue;
    const nc = negC.filter((m) => m.start >= h.cardStart && m.start < h.cardEnd && !matchedC.has(m.start));
    const nk = negK.filter((m) => m.start >= h.contractStart && m.start < h.contractEnd && !matchedK.has(m.start));
    if (nc.length !== nk.length) {
      const ce = Math.min(h.cardEnd + 1, card.tokens.length);
      const ke = Math.min(h.contractEnd + 1, contract.tokens.length);
      out.push({ kind: 'negation-flipped', from: cText(h.cardStart, ce), to: kText(h.contractStart, ke) });
    }
  }

  // Modality: a card modal replaced by a stronger contract modal in the same hunk.
  const modalsK = rules.modality.flatMap((r) => matchesOf(contract, r.id, r.patterns).map((m) => ({ m, level: r.level })));
  const modalsC = rules.modality.flatMap((r) => matchesOf(card, r.id, r.patterns).map((m) => ({ m, level: r.level })));
  for (const { m, level } of modalsC) {
    if (!unmatchedSpan(m, matchedC, cRoles)) continue;
    const h = hunkOfCard(firstUnmatched(m, matchedC));
    if (!h) continue;
    const stronger = modalsK
      .filter((x) => x.m.start >= h.contractStart && x.m.start < h.contractEnd && !matchedK.has(x.m.start) && x.level > level)
      .sort((a, b) => b.level - a.level)[0];
    if (stronger) {
      out.push({ kind: 'modality-strengthened', from: cText(m.start, m.end), to: kText(stronger.m.start, stronger.m.end) });
      consume(consumedC, m);
    }
  }

  // Hedges dropped (a hedge on a truncated trailing clause does not count).
  for (const m of matchesOf(card, 'hedges', rules.all.hedges)) {
    if (!unmatchedSpan(m, matchedC, cRoles)) continue;
    let overlapsConsumed = false;
    for (let i = m.start; i < m.end; i++) if (consumedC.has(i)) overlapsConsumed = true;
    if (overlapsConsumed) continue;
    const h = hunkOfCard(firstUnmatched(m, matchedC));
    if (h && h.position === 'suffix' && h.contractEnd === h.contractStart) continue;
    out.push({ kind: 'hedge-removed', from: cText(m.start, m.end) });
    consume(consumedC, m);
  }

  // Scope: a restricting qualifier dropped, a wide phrase added, or a quantifier widened.
  const scopeSpans = matchesOf(card, 'scopes', rules.all.scopes);
  for (const m of scopeSpans) {
    // The restricting word itself ("English" in "English business documents") must be gone.
    const head = firstContent(m, cRoles);
    if (head < 0 || matchedC.has(head) || inLongTail(m)) continue;
    const h = hunkOfCard(firstUnmatched(m, matchedC));
    const t: Transformation = { kind: 'scope-broadened', from: cText(m.start, m.end) };
    if (h && h.contractEnd > h.contractStart) t.to = kText(h.contractStart, h.contractEnd);
    out.push(t);
    consume(consumedC, m);
    if (h) for (let j = h.contractStart; j < h.contractEnd; j++) consumedK.add(j);
  }
  for (const m of matchesOf(contract, 'widenings', rules.all.widenings)) {
    // The widening word itself ("all" in "all languages") is new in the contract.
    if (matchedK.has(m.start) || consumedK.has(m.start)) continue;
    const h = hunkOfContract(m.start);
    const t: Transformation = { kind: 'scope-broadened', to: kText(m.start, m.end) };
    if (h && h.cardEnd > h.cardStart) t.from = cText(h.cardStart, h.cardEnd);
    out.push(t);
    consume(consumedK, m);
  }
  const narrow = matchesOf(card, 'narrow', rules.quantifiers.narrow.patterns);
  const wide = matchesOf(contract, 'wide', rules.quantifiers.wide.patterns);
  for (const m of narrow) {
    if (matchedC.has(m.start) || consumedC.has(m.start)) continue;
    const h = hunkOfCard(m.start);
    const w = h && wide.find((x) => x.start >= h.contractStart && x.start < h.contractEnd && !matchedK.has(x.start) && !consumedK.has(x.start));
    if (w) {
      out.push({ kind: 'scope-broadened', from: cText(m.start, m.end), to: kText(w.start, w.end), note: 'quantifier widened' });
      consume(consumedC, m);
      consume(consumedK, w);
    }
  }

  // Qualifiers (conditions on the claim) dropped; one buried in a long truncated tail qualifies
  // that tail, not the excerpt.
  for (const rule of rules.qualifiers) {
    for (const m of matchesOf(card, rule.id, rule.patterns)) {
      let overlapsConsumed = false;
      for (let i = m.start; i < m.end; i++) if (consumedC.has(i)) overlapsConsumed = true;
      if (overlapsConsumed || !unmatchedSpan(m, matchedC, cRoles)) continue;
      if (inLongTail(m)) continue;
      out.push({ kind: 'qualifier-dropped', from: cText(m.start, m.end), note: rule.id });
      consume(consumedC, m);
    }
  }

  // Numbers: unmatched card numbers paired with unmatched contract numbers (same hunk first, then nearest value).
  const numsC = card.tokens.map((t, i) => ({ t, i })).filter(({ t, i }) => t.value !== undefined && !matchedC.has(i) && !consumedC.has(i));
  const numsK = contract.tokens.map((t, i) => ({ t, i })).filter(({ t, i }) => t.value !== undefined && !matchedK.has(i) && !consumedK.has(i));
  const usedK = new Set<number>();
  const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-9);
  const numberPairs: Array<{ c: Token; k: Token; same: boolean }> = [];
  for (const pass of ['hunk', 'near'] as const) {
    for (const { t, i } of numsC) {
      if (numberPairs.some((p) => p.c === t)) continue;
      const h = hunkOfCard(i);
      const candidates = numsK.filter(({ i: j }) => !usedK.has(j) && (pass === 'near' || (h && j >= h.contractStart && j < h.contractEnd)));
      const best = candidates.sort((a, b) => relDiff(t.value!, a.t.value!) - relDiff(t.value!, b.t.value!))[0];
      if (!best) continue;
      const same = sameNumber(t.value!, best.t.value!);
      if (pass === 'near' && !same && relDiff(t.value!, best.t.value!) > 0.5) continue;
      usedK.add(best.i);
      numberPairs.push({ c: t, k: best.t, same });
    }
  }
  let changedCreditC = 0;
  let changedCreditK = 0;
  for (const p of numberPairs) {
    const credit = p.same ? 1 : rules.similarity.changedNumberCredit;
    changedCreditC += credit * rules.similarity.numberWeight * ctx.idf(keyOf(p.c));
    changedCreditK += credit * rules.similarity.numberWeight * ctx.idf(keyOf(p.k));
    if (!p.same) out.push({ kind: 'number-changed', from: card.text.slice(p.c.start, p.c.end + (p.c.percent ? 1 : 0)), to: contract.text.slice(p.k.start, p.k.end + (p.k.percent ? 1 : 0)) });
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
      const credit = matchedC.has(i) ? 1 : pair ? (pair.same ? 1 : rules.similarity.changedNumberCredit) : 0;
      bestNumber = Math.max(bestNumber, credit * w);
    });
    totC += numberWeight;
    mC += bestNumber;
  }
  const covC = totC > 0 ? Math.min(1, mC / totC) : 0;
  const covK = totK > 0 ? Math.min(1, mK / totK) : 0;
  const f1 = covC + covK > 0 ? (2 * covC * covK) / (covC + covK) : 0;
  let shared = 0;
  kRoles.forEach((r, j) => {
    if (r === 'content' && matchedK.has(j)) shared++;
  });
  shared += numberPairs.filter((p) => !p.same).length;
  // The contract side leads: an excerpt of a long card sentence is fully explained by it.
  const similarity = shared < rules.similarity.minShared ? 0 : rules.similarity.blend * covK + (1 - rules.similarity.blend) * f1;

  // Verbatim: nothing else changed and the contract's content words are copied.
  if (out.length === 0) {
    let content = 0;
    let copied = 0;
    kRoles.forEach((r, j) => {
      if (r !== 'content') return;
      content++;
      if (matchedK.has(j)) copied++;
    });
    // Inside the copied stretch, card words may only give way to framing or a defined term
    // ("it" → "the Model"), never be dropped or reworded.
    const cleanHunks = hunks.every((h) => {
      if (h.position !== 'internal') return true;
      const cardContent = [...Array(h.cardEnd - h.cardStart).keys()].some((d) => cRoles[h.cardStart + d] === 'content' && !matchedC.has(h.cardStart + d));
      if (!cardContent) return true;
      // A name replaced by a defined term: the contract side is framing, and no number went missing.
      const contractSide = kRoles.slice(h.contractStart, h.contractEnd);
      const lostNumber = card.tokens.slice(h.cardStart, h.cardEnd).some((t, d) => t.value !== undefined && !matchedC.has(h.cardStart + d));
      return !lostNumber && contractSide.includes('framing') && !contractSide.some((r, d) => r === 'content' && !matchedK.has(h.contractStart + d));
    });
    // A modal the card does not have ("does not retain" → "shall not retain") is a change of
    // force, not a copy; warranty framing ("Provider warrants that ...") is allowed.
    const addedModal = modalsK.some((x) => x.level < 5 && !matchedK.has(x.m.start));
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
  return { similarity, transformations: unique };
}
