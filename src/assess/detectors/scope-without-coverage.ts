/** scope-without-coverage: a definite scope statement (the catalogue's `claimTypes`) in a card that no evaluation covers. */
import type { Detector } from '../context.ts';
import { claimsWithSentences, sentenceLocation, sentenceSubject } from '../context.ts';

export const scopeWithoutCoverage: Detector<'scope-without-coverage'> = (ctx) => {
  const types = ctx.def('scope-without-coverage').claimTypes ?? [];
  const out: ReturnType<Detector<'scope-without-coverage'>> = [];
  for (const { jd, claim, sentence } of claimsWithSentences(ctx)) {
    if (jd.doc.role !== 'model-card' || claim.label !== 'representation' || claim.weak || !types.includes(claim.type)) continue;
    const links = ctx.linksOf(claim.id);
    const verdicts = new Set(links.map((l) => l.verdict));
    if (!verdicts.has('unverified') || verdicts.has('supported')) continue;
    const coverage = links.find((l) => l.verdict === 'unverified')?.note;
    out.push({ ruleId: 'scope-without-coverage', location: sentenceLocation(sentence), args: { subject: sentenceSubject(ctx, sentence, claim), ...(coverage !== undefined ? { coverage } : {}) } });
  }
  return out;
};
