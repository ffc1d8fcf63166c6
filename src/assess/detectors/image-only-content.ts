/** image-only-content: an input diagnostic with one of the catalogue's `diagnosticCodes` (an image or chart not read). */
import type { Detector } from '../context.ts';

export const imageOnlyContent: Detector<'image-only-content'> = (ctx) => {
  const codes = ctx.def('image-only-content').diagnosticCodes ?? [];
  return ctx.input.documents.flatMap((jd) =>
    jd.doc.diagnostics
      .filter((d) => codes.includes(d.code))
      .map((d) => ({ ruleId: 'image-only-content' as const, location: { docId: jd.doc.id, ...(d.span ? { span: d.span } : {}) }, args: { document: jd.doc.name, diagnostic: d } })),
  );
};
