/**
 * `negation-flipped`: the parity of the negations each side adds differs (a double negation,
 * "should not be used without an assessment", is not a flip). Negations inside a bound ("not less
 * than"), a relative clause ("text that was never spoken" describes a noun) or a trailing part the
 * contract leaves out (dropped, not flipped) do not count.
 */
import type { Transformation } from '../../model/types.ts';
import type { PatternMatch } from '../../text/patterns.ts';
import type { Unit } from '../matching.ts';
import { boundsIn, matchesOf, mText, within, type DetectionContext } from './context.ts';
import type { TransformationDetector } from './detector.ts';

/** The negations each side adds to the claim (also read by `modality-strengthened`). */
export function negationsOf(ctx: DetectionContext): { negC: PatternMatch[]; negK: PatternMatch[] } {
  const { card, contract, rules, matchedC, matchedK, unquoted, tail } = ctx;
  const allBoundsC = boundsIn(ctx, card).flatMap((b) => b.ms);
  const allBoundsK = boundsIn(ctx, contract).flatMap((b) => b.ms);
  const relative = (u: Unit, m: PatternMatch): boolean => {
    for (let i = Math.max(0, m.start - 3); i < m.start; i++) if (rules.relatives.has(u.tokens[i]!.lower)) return true;
    return false;
  };
  const negC = matchesOf(card, 'negations', rules.all.negations).filter((m) => !within(m, allBoundsC) && !matchedC.has(m.start) && !unquoted(m) && !(tail && m.start >= tail.cardStart) && !relative(card, m));
  let negK = matchesOf(contract, 'negations', rules.all.negations).filter((m) => !within(m, allBoundsK) && !matchedK.has(m.start) && !relative(contract, m));
  // The card's section says it already ("Out-of-Scope Use"): the contract's prohibition restates it.
  if (card.contextNegated && negK.length > 0 && negC.length % 2 === 0) negK = negK.slice(1);
  return { negC, negK };
}

/** The two sides' negations differ in parity. */
export const isFlipped = ({ negC, negK }: { negC: PatternMatch[]; negK: PatternMatch[] }): boolean => negC.length % 2 !== negK.length % 2;

export const negationFlipped: TransformationDetector = {
  detect(ctx) {
    const neg = negationsOf(ctx);
    if (!isFlipped(neg)) return [];
    const t: Transformation = { kind: 'negation-flipped' };
    if (neg.negC[0]) t.from = mText(ctx.card, neg.negC[0]);
    if (neg.negK[0]) t.to = mText(ctx.contract, neg.negK[0]);
    return [t];
  },
};
