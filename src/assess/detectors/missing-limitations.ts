/** missing-limitations: a card with no sentence of the catalogue's `claimTypes` and no heading with one of its `headings`. */
import type { Detector } from '../context.ts';

export const missingLimitations: Detector<'missing-limitations'> = (ctx) => {
  const def = ctx.def('missing-limitations');
  const types = def.claimTypes ?? ['limitation', 'out-of-scope'];
  const words = (def.headings ?? []).map((w) => w.toLowerCase());
  return ctx.input.documents
    .filter((jd) => jd.doc.role === 'model-card')
    .filter((jd) => !jd.claims.some((c) => types.includes(c.type)) && !jd.doc.blocks.some((b) => b.kind === 'heading' && words.some((w) => b.text.toLowerCase().includes(w))))
    .map((jd) => ({ ruleId: 'missing-limitations' as const, location: { docId: jd.doc.id }, args: { document: jd.doc.name, claimTypes: [...types] } }));
};
