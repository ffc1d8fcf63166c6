/**
 * The figures of a card unit and a contract sentence that the in-order matching left apart,
 * paired: a changed figure is still evidence of the source (src/align/similarity.ts) and a
 * `number-changed` transformation (src/align/transformations/number-changed.ts).
 */
import type { Token } from '../text/tokens.ts';
import type { Matching, Role, Unit } from './matching.ts';

/** How a pair was found: in the same hunk, by the same word next to both, by value, or as the last two left. */
export type NumberPass = 'hunk' | 'unit' | 'near' | 'last';

/** A card figure and the contract figure it became. */
export interface NumberPair {
  c: Token;
  k: Token;
  ci: number;
  ki: number;
  /** The same value (a share written as a percentage counts: 0.9 / 90). */
  same: boolean;
  pass: NumberPass;
}

const PASSES: readonly NumberPass[] = ['hunk', 'unit', 'near', 'last'];

function sameNumber(a: number, b: number): boolean {
  return a === b || Math.abs(a * 100 - b) < 1e-9 || Math.abs(b * 100 - a) < 1e-9;
}

/** Relative difference of two values (0 the same, 1 far apart). */
export const relDiff = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-9);

/** A figure as written, with its percent sign. */
export const numText = (u: Unit, t: Token): string => u.text.slice(t.start, t.end + (t.percent ? 1 : 0));

/** Content words within two tokens of a figure, its unit and its percent sign: what it counts. */
function neighbours(u: Unit, keys: string[], roles: Role[], i: number): Set<string> {
  const out = new Set<string>();
  for (const d of [1, 2, -1, -2]) {
    const k = i + d;
    if (k >= 0 && k < u.tokens.length && roles[k] === 'content' && u.tokens[k]!.value === undefined) out.add(keys[k]!);
  }
  if (u.tokens[i]!.unit) out.add(`unit:${u.tokens[i]!.unit}`);
  if (u.tokens[i]!.percent) out.add('%');
  return out;
}

const NONE: ReadonlySet<number> = new Set();

/**
 * Unmatched card numbers paired with unmatched contract numbers: in the same hunk, then counting
 * the same thing (the same word next to it), then nearest in value, then the last one left.
 * Tokens a phrase detector consumed (`consumedC`, `consumedK`) take no part.
 * A year in parentheses is a citation ("Brown et al., 2020"), not a figure of the claim.
 */
export function pairNumbers(m: Matching, consumedC: ReadonlySet<number> = NONE, consumedK: ReadonlySet<number> = NONE): NumberPair[] {
  const { card, contract, matchedC, matchedK } = m;
  const numsC = card.tokens.map((t, i) => ({ t, i })).filter(({ t, i }) => t.value !== undefined && !matchedC.has(i) && !consumedC.has(i) && !(t.aside && Number.isInteger(t.value) && t.value >= 1900 && t.value <= 2100));
  const numsK = contract.tokens.map((t, i) => ({ t, i })).filter(({ t, i }) => t.value !== undefined && !matchedK.has(i) && !consumedK.has(i));
  const usedK = new Set<number>();
  const numberPairs: NumberPair[] = [];
  for (const pass of PASSES) {
    for (const { t, i } of numsC) {
      if (numberPairs.some((p) => p.c === t)) continue;
      const h = m.hunkAt[i];
      const nc = neighbours(card, m.cKeys, m.cRoles, i);
      const candidates = numsK.filter(({ i: j }) => {
        if (usedK.has(j)) return false;
        if (pass === 'hunk') return h !== undefined && j >= h.contractStart && j < h.contractEnd;
        if (pass === 'unit') return [...neighbours(contract, m.kKeys, m.kRoles, j)].some((k) => nc.has(k));
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
  return numberPairs;
}
