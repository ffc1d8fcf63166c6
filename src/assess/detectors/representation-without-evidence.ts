/**
 * representation-without-evidence: a definite claim of the catalogue's `claimTypes` in a card, about the
 * card's own model, that no evidence judged (agreeing with the card's own model-index is consistency, not evidence).
 */
import type { Detector } from '../context.ts';
import { claimsWithSentences, sentenceLocation, sentenceSubject } from '../context.ts';

export const representationWithoutEvidence: Detector<'representation-without-evidence'> = (ctx) => {
  const types = ctx.def('representation-without-evidence').claimTypes ?? [];
  const out: ReturnType<Detector<'representation-without-evidence'>> = [];
  for (const { jd, claim, sentence } of claimsWithSentences(ctx)) {
    if (jd.doc.role !== 'model-card' || claim.label !== 'representation' || claim.weak || !types.includes(claim.type)) continue;
    // A comparison row (every number about another model) is not the vendor's claim about its own model.
    if (claim.quantities.length > 0 && claim.quantities.every((q) => q.ownModel === false)) continue;
    if (!ctx.linksOf(claim.id).every((l) => l.verdict === 'unverified' || l.verdict === 'self-consistent')) continue;
    const own = claim.quantities.filter((q) => q.ownModel !== false);
    const q = own.find((x) => x.benchmark !== undefined || x.benchmarkText !== undefined);
    out.push({
      ruleId: 'representation-without-evidence',
      location: sentenceLocation(sentence),
      args: {
        subject: sentenceSubject(ctx, sentence, claim),
        numbers: own.map((x) => x.raw).filter(Boolean),
        benchmarks: [...new Set(own.map((x) => x.benchmark ?? x.benchmarkText).filter((b): b is string => b !== undefined))],
        ...(q ? { sample: { benchmark: (q.benchmark ?? q.benchmarkText)!, raw: q.raw, ...(q.shots !== undefined ? { shots: q.shots } : {}), ...(q.metric !== undefined ? { metric: q.metric } : {}) } } : {}),
      },
    });
  }
  return out;
};
