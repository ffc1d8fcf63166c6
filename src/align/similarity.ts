/**
 * How far a contract sentence derives from a card unit: weighted coverage of each side by the
 * matching (src/align/matching.ts) and the paired figures (src/align/numbers.ts), and what the
 * two share (the anchors a reader sees).
 */
import type { Token } from '../text/tokens.ts';
import { PRODUCT } from './keys.ts';
import { keyOf, type Matching, type Role } from './matching.ts';
import { numText, relDiff, type NumberPair } from './numbers.ts';

/** Similarity of a matched pair and what the two share. */
export interface Similarity {
  similarity: number;
  /** What the two share: content words, numbers, the product's name, section words (contract wording). */
  anchors: string[];
  /** Content words and numbers of the contract sentence matched in the card sentence. */
  shared: number;
}

type Weight = (t: Token, role: Role) => number;

/** Weight of a token: by role, figures weighted up, asides down, times its inverse document frequency. */
function weightOf(m: Matching): Weight {
  const s = m.rules.similarity;
  return (t, role) => (role === 'stop' ? s.stopwordWeight : role === 'framing' ? s.framingWeight : t.value !== undefined ? s.numberWeight : 1) * (t.aside ? s.asideWeight : 1) * m.ctx.idf(keyOf(t));
}

/**
 * A changed figure is evidence of the source in proportion to how close it stays (68.4 → 70 more
 * than 4.6 → 2.0); the last two numbers left, paired only because they are left, are no evidence.
 */
function creditOf(m: Matching, p: NumberPair): number {
  return p.pass === 'last' ? 0 : p.same ? 1 : m.rules.similarity.changedNumberCredit * (1 - relDiff(p.c.value!, p.k.value!));
}

/** Share of the card unit's weight the contract covers. */
function cardCoverage(m: Matching, numberPairs: NumberPair[], weight: Weight): number {
  const { card, cRoles, matchedC, ctx } = m;
  if (card.rowLabelEnd !== undefined) return rowCoverage(m, numberPairs, weight);
  let tot = 0;
  let got = 0;
  for (const p of numberPairs) got += creditOf(m, p) * m.rules.similarity.numberWeight * ctx.idf(keyOf(p.c));
  card.tokens.forEach((t, i) => {
    const w = weight(t, cRoles[i]!);
    tot += w;
    if (matchedC.has(i)) got += w;
  });
  return tot > 0 ? Math.min(1, got / tot) : 0;
}

/** A table row's coverage: its label and its best-matched number. */
function rowCoverage(m: Matching, numberPairs: NumberPair[], weight: Weight): number {
  const { card, cRoles, matchedC, ctx } = m;
  const end = card.rowLabelEnd!;
  let tot = 0;
  let got = 0;
  for (let i = 0; i < end; i++) {
    const w = weight(card.tokens[i]!, cRoles[i]!);
    tot += w;
    if (matchedC.has(i)) got += w;
  }
  let bestNumber = 0;
  let numberWeight = 0;
  card.tokens.forEach((t, i) => {
    if (t.value === undefined || i < end) return;
    const w = m.rules.similarity.numberWeight * ctx.idf(keyOf(t));
    numberWeight = Math.max(numberWeight, w);
    const pair = numberPairs.find((p) => p.c === t);
    const credit = matchedC.has(i) ? 1 : pair && pair.pass !== 'last' ? creditOf(m, pair) : 0;
    bestNumber = Math.max(bestNumber, credit * w);
  });
  tot += numberWeight;
  got += bestNumber;
  return tot > 0 ? Math.min(1, got / tot) : 0;
}

/** Share of the contract sentence's weight the card explains (section words at a discount). */
function contractCoverage(m: Matching, numberPairs: NumberPair[], weight: Weight): number {
  const { contract, kRoles, matchedK, fromContext, ctx } = m;
  let tot = 0;
  let got = 0;
  for (const p of numberPairs) got += creditOf(m, p) * m.rules.similarity.numberWeight * ctx.idf(keyOf(p.k));
  contract.tokens.forEach((t, j) => {
    const w = weight(t, kRoles[j]!);
    tot += w;
    if (matchedK.has(j)) got += w;
    else if (fromContext.has(j)) got += w * m.rules.similarity.contextCredit;
  });
  return tot > 0 ? Math.min(1, got / tot) : 0;
}

/** What the two share, as the reader sees it, and how many content words and figures that is. */
function anchorsOf(m: Matching, numberPairs: NumberPair[]): { anchors: string[]; shared: number } {
  const { card, contract, kRoles, matchedK, fromContext } = m;
  const anchors: string[] = [];
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
  return { anchors, shared };
}

/** Weighted coverage of each side, blended; the anchors and the count of shared words. */
export function similarityOf(m: Matching, numberPairs: NumberPair[]): Similarity {
  const s = m.rules.similarity;
  const weight = weightOf(m);
  const covC = cardCoverage(m, numberPairs, weight);
  const covK = contractCoverage(m, numberPairs, weight);
  const f1 = covC + covK > 0 ? (2 * covC * covK) / (covC + covK) : 0;
  const { anchors, shared } = anchorsOf(m, numberPairs);
  // The contract side leads (an excerpt of a long card sentence is fully explained by it); a short
  // card sentence a clause contains whole ("Language(s): English and French") counts through its own coverage.
  // Containment needs the clause to be about the card sentence at all: a name in a long boilerplate clause is not.
  const lead = covK >= s.containmentMinCoverage ? Math.max(covK, s.containment * covC) : covK;
  const similarity = shared < s.minShared ? 0 : s.blend * lead + (1 - s.blend) * f1;
  return { similarity, anchors, shared };
}
