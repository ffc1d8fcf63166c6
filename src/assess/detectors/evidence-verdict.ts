/**
 * The findings a link's verdict raises (contradicted, understated, the card's own figures disagreeing,
 * methodology, another model, stale), shared by their detectors: each keeps the links that raise its id.
 * One finding per number and id: the link with the strongest evidence wins (one Link per source).
 */
import type { EvidenceCheck, EvidenceRecord, FindingSubject, Link } from '../../model/types.ts';
import { sentenceLocation, sentenceSubject, claimsWithSentences, type DetectorContext, type FindingDraft } from '../context.ts';

/** Finding ids a verdict raises. */
const VERDICT_FINDING_IDS = ['performance-contradicted', 'performance-understated', 'model-index-disagreement', 'number-without-methodology', 'evidence-other-model', 'evidence-stale'] as const;
export type VerdictFindingId = (typeof VERDICT_FINDING_IDS)[number];

/** Better or worse than claimed: the link's own direction, else the numbers (higher taken as better). */
function directionOf(link: Link): 'better' | 'worse' {
  if (link.direction) return link.direction;
  return link.expected !== undefined && link.observed !== undefined && link.observed > link.expected ? 'better' : 'worse';
}

/** The finding id a link's verdict raises, or undefined (supported, self-consistent, unverified). */
export function verdictFindingId(link: Link, records: readonly EvidenceRecord[]): VerdictFindingId | undefined {
  switch (link.verdict) {
    case 'contradicted': {
      const fromHarness = records.length === 0 || records.some((r) => r.tier === 'harness');
      if (!fromHarness) return 'model-index-disagreement';
      return directionOf(link) === 'better' ? 'performance-understated' : 'performance-contradicted';
    }
    case 'methodology-mismatch':
      return 'number-without-methodology';
    case 'other-model':
      return 'evidence-other-model';
    case 'stale':
      return 'evidence-stale';
    default:
      return undefined;
  }
}

/** What a link found, as typed arguments. */
export function evidenceCheck(link: Link, records: readonly EvidenceRecord[], claimed: { benchmark?: string; metric?: string; raw?: string }): EvidenceCheck {
  const first = records[0];
  const benchmark = claimed.benchmark ?? first?.benchmark;
  const metric = claimed.metric ?? first?.metric;
  return {
    verdict: link.verdict,
    ...(benchmark !== undefined ? { benchmark } : {}),
    ...(metric !== undefined ? { metric } : {}),
    ...(link.expected !== undefined ? { claimed: link.expected } : {}),
    ...(claimed.raw !== undefined ? { claimedRaw: claimed.raw } : {}),
    ...(link.observed !== undefined ? { observed: link.observed } : {}),
    ...(link.tolerance !== undefined ? { tolerance: link.tolerance } : {}),
    direction: directionOf(link),
    sources: records.map((r) => ({ source: r.source, ...(r.location ? { location: r.location } : {}) })),
    note: link.note,
  };
}

/** A finding a verdict raised: where, about what, and what the link found. */
export interface VerdictHit {
  location: FindingDraft['location'];
  subject: FindingSubject;
  check: EvidenceCheck;
}

/**
 * Every number (a claim's quantity, a model-index or code-table entry) whose strongest link raises `id`.
 * The verdicts of all links are read in one pass for every id, once per assessment (read-only hits).
 */
export function verdictHits(ctx: DetectorContext, id: VerdictFindingId): readonly VerdictHit[] {
  let byId = hitsOf.get(ctx);
  if (!byId) hitsOf.set(ctx, (byId = allVerdictHits(ctx)));
  return byId.get(id)!;
}

/** Every id's hits, per assessment context. */
const hitsOf = new WeakMap<DetectorContext, Map<VerdictFindingId, VerdictHit[]>>();

/** The hits of every id, each in the order its own pass would find them: claims first, then card entries. */
function allVerdictHits(ctx: DetectorContext): Map<VerdictFindingId, VerdictHit[]> {
  const byId = new Map<VerdictFindingId, VerdictHit[]>(VERDICT_FINDING_IDS.map((id) => [id, []]));
  claimHits(ctx, byId);
  cardEntryHits(ctx, byId);
  return byId;
}

/** Claims: one finding per quantity and id. */
function claimHits(ctx: DetectorContext, byId: Map<VerdictFindingId, VerdictHit[]>): void {
  for (const { claim, sentence } of claimsWithSentences(ctx)) {
    const links = ctx.linksOf(claim.id);
    if (links.length === 0) continue;
    const seen = new Set<string>();
    for (const link of ctx.byTier(links)) {
      if (link.origin !== undefined && link.origin.kind !== 'sentence') continue;
      const records = ctx.recordsOf(link);
      const qi = link.quantityIndex ?? 0;
      const id = verdictFindingId(link, records);
      if (id === undefined || seen.has(`${id}\0${qi}`)) continue;
      seen.add(`${id}\0${qi}`);
      const q = link.quantityIndex === undefined ? claim.quantity : claim.quantities[link.quantityIndex];
      byId.get(id)!.push({
        location: sentenceLocation(sentence),
        subject: sentenceSubject(ctx, sentence, claim),
        check: evidenceCheck(link, records, { benchmark: q?.benchmark ?? q?.benchmarkText, metric: q?.metric, raw: q?.raw }),
      });
    }
  }
}

/** Model-index and code-table entries are claims too: their links name the card's record as claimId and say where it is (origin). */
function cardEntryHits(ctx: DetectorContext, byId: Map<VerdictFindingId, VerdictHit[]>): void {
  const seen = new Set<string>();
  for (const link of ctx.byTier(ctx.input.links)) {
    const origin = link.origin;
    if (origin === undefined || origin.kind === 'sentence') continue;
    const rec = ctx.record(link.claimId);
    const jd = ctx.input.documents.find((d) => d.doc.id === origin.docId);
    const records = ctx.recordsOf(link);
    const id = verdictFindingId(link, records);
    if (!rec || !jd || id === undefined || seen.has(`${id}\0${link.claimId}`)) continue;
    seen.add(`${id}\0${link.claimId}`);
    const benchmark = rec.benchmarkText ?? rec.benchmark;
    const subject: FindingSubject = { kind: 'card-entry', origin: origin.kind, document: jd.doc.name, benchmark, metric: rec.metric, raw: String(rec.rawValue), ...(rec.location ? { location: rec.location } : {}) };
    byId.get(id)!.push({ location: { docId: jd.doc.id }, subject, check: evidenceCheck(link, records, { benchmark: rec.benchmark, metric: rec.metric, raw: String(rec.rawValue) }) });
  }
}

/** The detector of a finding raised only by verdicts. */
export function verdictDetector<K extends Exclude<VerdictFindingId, 'number-without-methodology'>>(id: K): (ctx: DetectorContext) => Array<FindingDraft<K>> {
  return (ctx) => verdictHits(ctx, id).map((h) => ({ ruleId: id, location: h.location, args: { subject: h.subject, check: h.check } }) as FindingDraft<K>);
}
