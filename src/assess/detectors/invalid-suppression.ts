/** invalid-suppression: an inline suppression comment that cannot apply (no id, an unknown id, no reason, no next line). */
import type { Detector } from '../context.ts';

export const invalidSuppression: Detector<'invalid-suppression'> = (ctx) =>
  ctx.input.documents
    .filter((jd, i, all) => all.findIndex((d) => d.doc.id === jd.doc.id) === i)
    .flatMap((jd) =>
      (ctx.inline.get(jd.doc.id) ?? [])
        .filter((s) => s.problem !== undefined)
        .map((s) => ({
          ruleId: 'invalid-suppression' as const,
          location: { docId: jd.doc.id, ...(s.span ? { span: s.span } : {}) },
          args: { document: jd.doc.name, ...(s.line !== undefined ? { line: s.line } : {}), problem: s.problem! },
        })),
    );
