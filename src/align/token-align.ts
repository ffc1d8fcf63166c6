/**
 * Token-level alignment of two token sequences: longest common subsequence over match keys,
 * then the unmatched stretches between matched anchors ("hunks").
 */

/** A stretch where the two sequences differ: card tokens [cardStart, cardEnd) vs contract tokens [contractStart, contractEnd). */
export interface Hunk {
  cardStart: number;
  cardEnd: number;
  contractStart: number;
  contractEnd: number;
  /** Before the first anchor, between anchors, or after the last. */
  position: 'prefix' | 'internal' | 'suffix';
}

/** Matched index pairs [cardIndex, contractIndex] of a longest common subsequence, in order. */
export function lcsPairs(card: string[], contract: string[]): Array<[number, number]> {
  const n = card.length;
  const m = contract.length;
  const w = m + 1;
  // One flat table: dp[i * w + j] = LCS length of card[i..] and contract[j..].
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = card[i] === contract[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (card[i] === contract[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** The hunks between matched pairs (empty hunks left out). */
export function hunksOf(cardLength: number, contractLength: number, pairs: Array<[number, number]>): Hunk[] {
  const out: Hunk[] = [];
  let ci = 0;
  let ki = 0;
  const push = (ce: number, ke: number, position: Hunk['position']): void => {
    if (ce > ci || ke > ki) out.push({ cardStart: ci, cardEnd: ce, contractStart: ki, contractEnd: ke, position });
  };
  pairs.forEach(([c, k], idx) => {
    push(c, k, idx === 0 ? 'prefix' : 'internal');
    ci = c + 1;
    ki = k + 1;
  });
  push(cardLength, contractLength, pairs.length === 0 ? 'prefix' : 'suffix');
  return out;
}
