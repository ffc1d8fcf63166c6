/**
 * evidence-missing-summary: one summary per document of the numbers nobody supplied evidence for. It reads
 * the representation-without-evidence findings after suppressions (an accepted number does not count).
 */
import type { Detector } from '../context.ts';

export const evidenceMissingSummary: Detector<'evidence-missing-summary'> = (ctx) => {
  const out: ReturnType<Detector<'evidence-missing-summary'>> = [];
  const evidenceSupplied = ctx.input.evidence.some((e) => e.tier === 'harness');
  // The open findings of each document, in order (one pass, not one per document).
  const openByDoc = new Map<string, typeof ctx.assessed[number][]>();
  for (const f of ctx.assessed) {
    if (f.ruleId !== 'representation-without-evidence' || f.suppressed) continue;
    const list = openByDoc.get(f.location.docId);
    if (list) list.push(f);
    else openByDoc.set(f.location.docId, [f]);
  }
  for (const jd of ctx.input.documents) {
    const open = openByDoc.get(jd.doc.id) ?? [];
    if (open.length === 0) continue;
    // Each sentence's first claim (as a search of the document's claims in order finds it).
    const claimOf = new Map<string, ReturnType<typeof ctx.claimsOf>[number]>();
    for (const c of ctx.claimsOf(jd.doc.id)) if (!claimOf.has(c.sentenceId)) claimOf.set(c.sentenceId, c);
    const names: string[] = [];
    for (const f of open) {
      const claim = f.location.sentenceId === undefined ? undefined : claimOf.get(f.location.sentenceId);
      for (const q of claim?.quantities ?? []) {
        const b = q.benchmark ?? q.benchmarkText;
        if (b !== undefined && q.ownModel !== false && !names.includes(b)) names.push(b);
      }
    }
    out.push({ ruleId: 'evidence-missing-summary', location: { docId: jd.doc.id }, args: { document: jd.doc.name, count: open.length, benchmarks: names, evidenceSupplied } });
  }
  return out;
};
