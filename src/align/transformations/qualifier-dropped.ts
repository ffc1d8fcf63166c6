/** `qualifier-dropped`: a condition on the claim ("5-shot", "mainly", "under standard conditions") the contract leaves out. */
import type { Transformation } from '../../model/types.ts';
import { consume, matchesOf, mText, overlaps } from './context.ts';
import type { TransformationDetector } from './detector.ts';

export const qualifierDropped: TransformationDetector = {
  converse: 'qualifier-added',
  detect(ctx) {
    const { card, rules, matchedC, consumedC, unquoted } = ctx;
    const out: Transformation[] = [];
    for (const rule of rules.qualifiers) {
      for (const m of matchesOf(card, rule.id, rule.patterns)) {
        if (overlaps(consumedC, m) || matchedC.has(m.start) || unquoted(m)) continue;
        out.push({ kind: 'qualifier-dropped', from: mText(card, m), note: rule.id });
        consume(consumedC, m);
      }
    }
    return out;
  },
};
