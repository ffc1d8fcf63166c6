/**
 * Whole-document incorporation, shared by its two detectors: a contract sentence that incorporates another
 * document by reference (one the inputs hold, or one nobody analysed). A clause incorporating the very
 * document it sits in exposes nothing new.
 */
import { sentenceLocation, sentenceSubject, type DetectorContext, type FindingDraft } from '../context.ts';

type IncorporationId = 'whole-document-incorporation' | 'incorporated-document-missing';

export function incorporationDetector<K extends IncorporationId>(id: K): (ctx: DetectorContext) => Array<FindingDraft<K>> {
  return (ctx) => {
    const out: Array<FindingDraft<K>> = [];
    for (const a of ctx.input.alignments) {
      const s = ctx.sentence(a.contractSentenceId);
      if (!s || !a.incorporates || a.incorporates.docId === s.docId) continue;
      const targetId = a.incorporates.docId;
      const name = targetId === null ? undefined : ctx.docName(targetId);
      // A document the contract imports that nobody analysed is the reviewer's to act on; one among the
      // inputs has been read, and its representations are listed in the report.
      const missing = targetId === null || name === undefined;
      if ((id === 'incorporated-document-missing') !== missing) continue;
      const claim = ctx.claimsOf(s.docId).find((c) => c.sentenceId === s.id);
      out.push({
        ruleId: id,
        location: sentenceLocation(s),
        related: missing ? [] : [{ docId: targetId! }],
        args: {
          subject: sentenceSubject(ctx, s, claim),
          phrase: a.incorporates.phrase,
          target: targetId === null ? null : { docId: targetId, ...(name !== undefined ? { name } : {}) },
          exposed: targetId === null ? 'all' : ctx.claimsOf(targetId).filter((c) => c.label === 'representation').length,
        },
      } as FindingDraft<K>);
    }
    return out;
  };
}
