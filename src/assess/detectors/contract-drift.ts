/**
 * Contract drift, shared by the contract-* detectors: a contract sentence whose card source it changed by
 * a transformation of one kind (src/align/ finds them; one finding per transformation).
 */
import type { FindingId, TransformationKind } from '../../model/types.ts';
import { sentenceLocation, sentenceSubject, type DetectorContext, type FindingDraft } from '../context.ts';

/** The finding id of each transformation kind but verbatim. */
export type DriftFindingId = `contract-${Exclude<TransformationKind, 'verbatim'>}`;

/** Compile-time check: a new transformation kind needs its finding id (FINDING_IDS) and so its detector and catalogue entry. */
type AssertTrue<T extends true> = T;
export type EveryDriftKindIsAFinding = AssertTrue<DriftFindingId extends FindingId ? true : false>;

/** The detector of the finding that reports transformations of `kind`. */
export function driftDetector<K extends DriftFindingId>(id: K): (ctx: DetectorContext) => Array<FindingDraft<K>> {
  const kind = id.slice('contract-'.length) as TransformationKind;
  return (ctx) => {
    const out: Array<FindingDraft<K>> = [];
    for (const a of ctx.input.alignments) {
      const s = ctx.sentence(a.contractSentenceId);
      const card = a.cardSentenceId ? ctx.sentence(a.cardSentenceId) : undefined;
      if (!s || !card) continue;
      const claim = ctx.claimsOf(s.docId).find((c) => c.sentenceId === s.id);
      for (const t of a.transformations) {
        if (t.kind !== kind) continue;
        out.push({
          ruleId: id,
          location: sentenceLocation(s),
          related: [sentenceLocation(card)],
          args: { subject: sentenceSubject(ctx, s, claim), transformation: t, card: { text: card.text, document: ctx.docName(card.docId) ?? card.docId }, similarity: a.similarity },
        } as FindingDraft<K>);
      }
    }
    return out;
  };
}
