/**
 * `verbatim`: the contract copies the card's words unchanged; exclusive of every other kind.
 * Legal framing ("Provider warrants that"), a defined term in place of the product name and
 * dropping a trailing part of the card sentence are allowed; a modal the card does not have
 * ("does not retain" → "shall not retain") is a change of force, not a copy.
 */
import type { Hunk } from '../token-align.ts';
import type { DetectionContext } from './context.ts';
import type { TransformationDetector } from './detector.ts';
import { modalsIn } from './modality-strengthened.ts';

/**
 * Inside the copied stretch, card words may only give way to framing or a defined term
 * ("it" → "the Model"), never be dropped or reworded.
 */
function cleanHunk(ctx: DetectionContext, h: Hunk): boolean {
  const { card, cRoles, kRoles, matchedC, matchedK, fromContext } = ctx;
  if (h.position !== 'internal') return true;
  const cardContent = [...Array(h.cardEnd - h.cardStart).keys()].some((d) => cRoles[h.cardStart + d] === 'content' && !matchedC.has(h.cardStart + d) && !card.tokens[h.cardStart + d]!.aside);
  if (!cardContent) return true;
  const contractSide = kRoles.slice(h.contractStart, h.contractEnd);
  const lostNumber = card.tokens.slice(h.cardStart, h.cardEnd).some((t, d) => t.value !== undefined && !matchedC.has(h.cardStart + d) && !t.aside);
  return !lostNumber && contractSide.includes('framing') && !contractSide.some((r, d) => r === 'content' && !matchedK.has(h.contractStart + d) && !fromContext.has(h.contractStart + d));
}

export const verbatim: TransformationDetector = {
  detect(ctx) {
    if (ctx.found.length > 0) return [];
    const { kRoles, matchedK, fromContext } = ctx;
    let content = 0;
    let copied = 0;
    kRoles.forEach((r, j) => {
      if (r !== 'content') return;
      content++;
      if (matchedK.has(j) || fromContext.has(j)) copied++;
    });
    // Warranty framing ("Provider warrants that ...") is allowed; a new advice, future or obligation modal is not.
    const addedModal = modalsIn(ctx, ctx.contract).some((x) => x.level < 5 && x.level >= 2 && !matchedK.has(x.m.start));
    const copy = content > 0 && copied / content >= ctx.rules.similarity.verbatimCoverage && ctx.hunks.every((h) => cleanHunk(ctx, h)) && !addedModal;
    return copy ? [{ kind: 'verbatim' }] : [];
  },
};
