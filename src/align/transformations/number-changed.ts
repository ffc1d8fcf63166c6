/**
 * `number-changed`: a figure the contract gives with another value ("71.2" → "74"), another
 * bound ("90%" → "at least 90%"), another unit ("24 hours" → "24 days"), or a range narrowed to
 * one of its ends ("between 2 and 5" → "5").
 */
import type { Transformation } from '../../model/types.ts';
import type { PatternMatch } from '../../text/patterns.ts';
import { stemWord } from '../../text/tokens.ts';
import type { Unit } from '../matching.ts';
import { numText } from '../numbers.ts';
import { boundsIn, matchesOf, mText, type DetectionContext } from './context.ts';
import type { TransformationDetector } from './detector.ts';

/** Paired figures with different values. */
function valuesChanged(ctx: DetectionContext): Transformation[] {
  return ctx.numberPairs.filter((p) => !p.same).map((p) => ({ kind: 'number-changed', from: numText(ctx.card, p.c), to: numText(ctx.contract, p.k) }));
}

/** Figures with the same value on both sides: matched in order, then paired. */
function sameFigures(ctx: DetectionContext, inOrder: Array<[number, number]>): Array<[number, number]> {
  return [...inOrder, ...ctx.numberPairs.filter((p) => p.same).map((p) => [p.ci, p.ki] as [number, number])];
}

/**
 * The same figure with a bound added, dropped or turned around ("90%" → "at least 90%").
 * A bound reads before its figure ("at least 5"), or after it when it starts with "or" ("5 or more").
 * An approximation between the bound and the figure ("within approximately two") is skipped.
 */
function boundsChanged(ctx: DetectionContext): Transformation[] {
  const { card, contract, rules } = ctx;
  const sides = new Map<Unit, { bounds: ReturnType<typeof boundsIn>; hedges: PatternMatch[] }>([
    [card, { bounds: boundsIn(ctx, card), hedges: matchesOf(card, 'hedges', rules.all.hedges) }],
    [contract, { bounds: boundsIn(ctx, contract), hedges: matchesOf(contract, 'hedges', rules.all.hedges) }],
  ]);
  const boundAt = (u: Unit, i: number): { id: string; m?: PatternMatch } => {
    const { bounds, hedges } = sides.get(u)!;
    const hedged = hedges.find((h) => h.start < i && h.end >= i);
    const at = hedged ? hedged.start : i;
    for (const b of bounds) {
      const m = b.ms.find((x) => x.end === at || (x.start === i + 1 && u.tokens[x.start]!.lower === 'or'));
      if (m) return { id: b.id, m };
    }
    return { id: 'exact' };
  };
  // The figure with its bound as written ("above 90%", "no less than 95%").
  const boundText = (u: Unit, i: number): string => {
    const { m } = boundAt(u, i);
    const t = u.tokens[i]!;
    const end = t.end + (t.percent ? 1 : 0);
    return m ? u.text.slice(Math.min(u.tokens[m.start]!.start, t.start), Math.max(u.tokens[m.end - 1]!.end, end)) : u.text.slice(t.start, end);
  };
  const inOrder = ctx.pairs.filter(([i]) => card.tokens[i]!.value !== undefined && !card.tokens[i]!.aside);
  const out: Transformation[] = [];
  for (const [i, j] of sameFigures(ctx, inOrder)) {
    const bc = boundAt(card, i).id;
    const bk = boundAt(contract, j).id;
    if (bc !== bk) out.push({ kind: 'number-changed', from: boundText(card, i), to: boundText(contract, j), note: `bound changed: ${bc} → ${bk}` });
  }
  return out;
}

/** The same figure with another unit ("24 hours" → "24 days"). */
function unitsChanged(ctx: DetectionContext): Transformation[] {
  const { card, contract, rules } = ctx;
  const unitAfter = (u: Unit, i: number): string | undefined => {
    const t = u.tokens[i]!;
    if (t.unit) return t.unit;
    const next = u.tokens[i + 1];
    return next && rules.units.has(next.lower) ? stemWord(next.lower) : undefined;
  };
  const out: Transformation[] = [];
  for (const [i, j] of sameFigures(ctx, ctx.pairs.filter(([i]) => card.tokens[i]!.value !== undefined))) {
    const uc = unitAfter(card, i);
    const uk = unitAfter(contract, j);
    if (uc && uk && uc !== uk) out.push({ kind: 'number-changed', from: `${numText(card, card.tokens[i]!)} ${uc}`, to: `${numText(contract, contract.tokens[j]!)} ${uk}`, note: 'unit changed' });
  }
  return out;
}

/** A range of the card of which the contract keeps some figures but not all ("between 2 and 5" → "5"). */
function rangeNarrowed(ctx: DetectionContext, m: PatternMatch): boolean {
  const nums = [...Array(m.end - m.start).keys()].map((d) => m.start + d).filter((i) => ctx.card.tokens[i]!.value !== undefined);
  const kept = nums.filter((i) => ctx.matchedC.has(i) || ctx.numberPairs.some((p) => p.ci === i));
  return kept.length > 0 && kept.length < nums.length;
}

export const numberChanged: TransformationDetector = {
  detect(ctx) {
    const out = [...valuesChanged(ctx), ...boundsChanged(ctx), ...unitsChanged(ctx)];
    for (const r of ctx.rules.ranges) {
      for (const m of matchesOf(ctx.card, r.id, r.patterns)) {
        if (!ctx.unquoted(m) && rangeNarrowed(ctx, m) && out.length === 0) out.push({ kind: 'number-changed', from: mText(ctx.card, m), note: 'range narrowed' });
      }
    }
    return out;
  },
};
