/**
 * evidence-missing-summary: one summary per document of the numbers nobody supplied evidence for. It reads
 * the representation-without-evidence findings after suppressions (an accepted number does not count).
 */
import type { Detector } from '../context.ts';

export const evidenceMissingSummary: Detector<'evidence-missing-summary'> = (ctx) => {
  const out: ReturnType<Detector<'evidence-missing-summary'>> = [];
  const evidenceSupplied = ctx.input.evidence.some((e) => e.tier === 'harness');
  for (const jd of ctx.input.documents) {
    const open = ctx.assessed.filter((f) => f.ruleId === 'representation-without-evidence' && !f.suppressed && f.location.docId === jd.doc.id);
    if (open.length === 0) continue;
    const names: string[] = [];
    for (const f of open) {
      const claim = ctx.claimsOf(jd.doc.id).find((c) => c.sentenceId === f.location.sentenceId);
      for (const q of claim?.quantities ?? []) {
        const b = q.benchmark ?? q.benchmarkText;
        if (b !== undefined && q.ownModel !== false && !names.includes(b)) names.push(b);
      }
    }
    out.push({ ruleId: 'evidence-missing-summary', location: { docId: jd.doc.id }, args: { document: jd.doc.name, count: open.length, benchmarks: names, evidenceSupplied } });
  }
  return out;
};
