/**
 * `hedge-removed`: a hedge dropped (modal, approximation "~88%"/"about", evidential "in our
 * tests"/"our analysis suggests"), outside unquoted clauses and the start of a dropped tail. A
 * negated possibility reversed ("may misread" → "will not misread") is hedge-removed plus
 * negation-flipped.
 */
import type { Transformation } from '../../model/types.ts';
import { consume, matchesOf, mText, overlaps, TAIL_SLACK } from './context.ts';
import type { TransformationDetector } from './detector.ts';

export const hedgeRemoved: TransformationDetector = {
  converse: 'hedge-added',
  detect(ctx) {
    const { card, rules, matchedC, consumedC, unquoted } = ctx;
    const out: Transformation[] = [];
    for (const m of matchesOf(card, 'hedges', rules.all.hedges)) {
      if (matchedC.has(m.start) || overlaps(consumedC, m) || unquoted(m)) continue;
      const h = ctx.hunkAt[m.start];
      if (h && h.position === 'suffix' && h.contractEnd === h.contractStart && m.start - h.cardStart > TAIL_SLACK) continue;
      out.push({ kind: 'hedge-removed', from: mText(card, m) });
      consume(consumedC, m);
    }
    return out;
  },
};
