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

/** Weighted coverage of each side, blended; the anchors and the count of shared words. */
export function similarityOf(m: Matching, numberPairs: NumberPair[]): Similarity {
  const { card, contract, ctx, rules, cRoles, kRoles, matchedC, matchedK, fromContext } = m;
  const s = rules.similarity;
  const weight = (t: Token, role: Role): number =>
    (role === 'stop' ? s.stopwordWeight : role === 'framing' ? s.framingWeight : t.value !== undefined ? s.numberWeight : 1) * (t.aside ? s.asideWeight : 1) * ctx.idf(keyOf(t));
  // A changed figure is evidence of the source in proportion to how close it stays (68.4 → 70 more than 4.6 → 2.0);
  // the last two numbers left, paired only because they are left, are no evidence.
  const creditOf = (p: NumberPair): number => (p.pass === 'last' ? 0 : p.same ? 1 : s.changedNumberCredit * (1 - relDiff(p.c.value!, p.k.value!)));
  let totC = 0;
  let totK = 0;
  let mC = 0;
  let mK = 0;
  for (const p of numberPairs) {
    const credit = creditOf(p);
    mC += credit * s.numberWeight * ctx.idf(keyOf(p.c));
    mK += credit * s.numberWeight * ctx.idf(keyOf(p.k));
  }
  card.tokens.forEach((t, i) => {
    const w = weight(t, cRoles[i]!);
    totC += w;
    if (matchedC.has(i)) mC += w;
  });
  contract.tokens.forEach((t, j) => {
    const w = weight(t, kRoles[j]!);
    totK += w;
    if (matchedK.has(j)) mK += w;
    else if (fromContext.has(j)) mK += w * s.contextCredit;
  });
  if (card.rowLabelEnd !== undefined) {
    // A table row: its label and its best-matched number.
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
      const w = s.numberWeight * ctx.idf(keyOf(t));
      numberWeight = Math.max(numberWeight, w);
      const pair = numberPairs.find((p) => p.c === t);
      const credit = matchedC.has(i) ? 1 : pair && pair.pass !== 'last' ? creditOf(pair) : 0;
      bestNumber = Math.max(bestNumber, credit * w);
    });
    totC += numberWeight;
    mC += bestNumber;
  }
  const covC = totC > 0 ? Math.min(1, mC / totC) : 0;
  const covK = totK > 0 ? Math.min(1, mK / totK) : 0;
  const f1 = covC + covK > 0 ? (2 * covC * covK) / (covC + covK) : 0;
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
  // The contract side leads (an excerpt of a long card sentence is fully explained by it); a short
  // card sentence a clause contains whole ("Language(s): English and French") counts through its own coverage.
  // Containment needs the clause to be about the card sentence at all: a name in a long boilerplate clause is not.
  const lead = covK >= s.containmentMinCoverage ? Math.max(covK, s.containment * covC) : covK;
  const similarity = shared < s.minShared ? 0 : s.blend * lead + (1 - s.blend) * f1;
  return { similarity, anchors, shared };
}
