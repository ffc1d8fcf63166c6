/** vague-superlative: a weak representation (a vague superlative or comparative) stated as fact. */
import type { Detector } from '../context.ts';
import { claimsWithSentences, sentenceLocation, sentenceSubject } from '../context.ts';

export const vagueSuperlative: Detector<'vague-superlative'> = (ctx) => {
  const out: ReturnType<Detector<'vague-superlative'>> = [];
  for (const { claim, sentence } of claimsWithSentences(ctx)) {
    if (claim.weak && claim.label === 'representation') out.push({ ruleId: 'vague-superlative', location: sentenceLocation(sentence), args: { subject: sentenceSubject(ctx, sentence, claim) } });
  }
  return out;
};
