/**
 * `modality-strengthened`: the contract adds will/shall/must/warrants over a card's possibility,
 * advice or purpose framing ("can be used to", "should", "for better ..."), which the contract does
 * not keep. Legal framing over a plain statement is not a strengthening, and a negated possibility
 * gone with its negation ("may not be generated properly" → "will generate properly") is a hedge
 * removed plus a flip, not a stronger modal.
 */
import type { PatternMatch } from '../../text/patterns.ts';
import type { Unit } from '../matching.ts';
import { consume, matchesOf, mText, type DetectionContext } from './context.ts';
import type { TransformationDetector } from './detector.ts';
import { isFlipped, negationsOf } from './negation-flipped.ts';

/** The modal phrases of a unit with their level on the scale (also read by `verbatim`). */
export function modalsIn(ctx: DetectionContext, u: Unit): Array<{ m: PatternMatch; level: number }> {
  return ctx.rules.modality.flatMap((r) => matchesOf(u, r.id, r.patterns).map((m) => ({ m, level: r.level })));
}

export const modalityStrengthened: TransformationDetector = {
  converse: 'modality-weakened',
  detect(ctx) {
    const { card, contract, matchedC, matchedK, unquoted } = ctx;
    const newModalsK = modalsIn(ctx, contract)
      .filter((x) => !matchedK.has(x.m.start))
      .sort((a, b) => b.level - a.level);
    const strongest = newModalsK[0];
    if (!strongest || strongest.level < 3) return [];
    const weaker = modalsIn(ctx, card)
      .filter((x) => x.level < strongest.level && !matchedC.has(x.m.start) && !unquoted(x.m))
      .sort((a, b) => a.m.start - b.m.start)[0];
    if (!weaker) return [];
    // The same holds the other way round: "may misread" → "will not misread".
    const neg = negationsOf(ctx);
    const negatedModal = isFlipped(neg) && (neg.negC.some((n) => n.start >= weaker.m.end && n.start <= weaker.m.end + 1) || neg.negK.some((n) => n.start >= strongest.m.end && n.start <= strongest.m.end + 1));
    if (negatedModal) return [];
    consume(ctx.consumedC, weaker.m);
    return [{ kind: 'modality-strengthened', from: mText(card, weaker.m), to: mText(contract, strongest.m) }];
  },
};
