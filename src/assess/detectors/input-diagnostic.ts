/** input-diagnostic: any other input diagnostic, no more severe than the diagnostic itself. */
import type { Diagnostic, Severity } from '../../model/types.ts';
import type { Detector } from '../context.ts';

const DIAGNOSTIC_SEVERITY: Record<Diagnostic['severity'], Severity> = { error: 'error', warning: 'warning', info: 'note' };

export const inputDiagnostic: Detector<'input-diagnostic'> = (ctx) => {
  const imageCodes = ctx.def('image-only-content').diagnosticCodes ?? [];
  return ctx.input.documents.flatMap((jd) =>
    jd.doc.diagnostics
      .filter((d) => !imageCodes.includes(d.code))
      .map((d) => ({
        ruleId: 'input-diagnostic' as const,
        location: { docId: jd.doc.id, ...(d.span ? { span: d.span } : {}) },
        args: { document: jd.doc.name, diagnostic: d },
        cap: DIAGNOSTIC_SEVERITY[d.severity],
      })),
  );
};
