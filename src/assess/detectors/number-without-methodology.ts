/**
 * number-without-methodology: a number whose evidence was measured another way (the link's verdict), or a
 * number of the card's own model that no evidence judged and that states none of the catalogue's
 * `methodologyFields` (shots, metric, ...).
 */
import type { Detector } from '../context.ts';
import { claimsWithSentences, sentenceLocation, sentenceSubject } from '../context.ts';
import { verdictHits } from './evidence-verdict.ts';

export const numberWithoutMethodology: Detector<'number-without-methodology'> = (ctx) => {
  const out: ReturnType<Detector<'number-without-methodology'>> = verdictHits(ctx, 'number-without-methodology').map((h) => ({
    ruleId: 'number-without-methodology',
    location: h.location,
    args: { subject: h.subject, basis: 'evidence', check: h.check },
  }));
  const fields = ctx.def('number-without-methodology').methodologyFields ?? ['shots', 'metric'];
  for (const { jd, claim, sentence } of claimsWithSentences(ctx)) {
    if (jd.doc.role !== 'model-card' || claim.label !== 'representation' || claim.weak) continue;
    const links = ctx.linksOf(claim.id);
    const unchecked = claim.quantities.filter((q, i) => {
      if ((q.benchmark === undefined && q.benchmarkText === undefined) || q.ownModel === false) return false;
      if (links.some((l) => (l.quantityIndex ?? 0) === i && l.verdict !== 'unverified')) return false;
      return !fields.some((f) => (f === 'conditions' ? (q.conditions?.length ?? 0) > 0 : q[f] !== undefined));
    });
    if (unchecked.length === 0) continue;
    out.push({
      ruleId: 'number-without-methodology',
      location: sentenceLocation(sentence),
      args: {
        subject: sentenceSubject(ctx, sentence, claim),
        basis: 'unstated',
        numbers: unchecked.map((q) => ({ benchmark: q.benchmark ?? q.benchmarkText ?? '?', raw: q.raw, ...(q.metric !== undefined ? { metric: q.metric } : {}) })),
        fields: [...fields],
      },
    });
  }
  return out;
};
