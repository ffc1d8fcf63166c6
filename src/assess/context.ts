/**
 * What every detector reads: the analysis (documents, evidence, links, alignments) indexed once, the
 * catalogue entries detectors take their word lists from, and the shape of what a detector returns.
 */
import type { AssessInput, AssessOptions } from './input.ts';
import type { Claim, EvidenceRecord, Finding, FindingArgsMap, FindingId, FindingSubject, Link, Location, Sentence, Severity } from '../model/types.ts';
import type { FindingDefinition } from '../rules/kinds/findings.ts';
import type { FindingCatalogue } from './catalogue.ts';
import { findInlineSuppressions, type Suppression } from './suppressions.ts';
import type { JudgedDocument } from '../model/judged.ts';

/** A finding before its profile severity and suppressions: id, place and typed arguments. */
export interface FindingDraft<K extends FindingId = FindingId> {
  ruleId: K;
  location: Location;
  related?: Location[];
  args: FindingArgsMap[K];
  /** Highest severity this finding may have (an input diagnostic's own severity). */
  cap?: Severity;
}

/** A finding's detector: every place in the analysis where it applies. */
export type Detector<K extends FindingId> = (ctx: DetectorContext) => Array<FindingDraft<K>>;

/** The analysis as the detectors read it. */
export interface DetectorContext {
  readonly input: AssessInput;
  readonly options: AssessOptions;
  /** The catalogue entry of a finding (its claim types, headings, fields). */
  def(id: FindingId): FindingDefinition;
  docName(docId: string): string | undefined;
  sentence(id: string): Sentence | undefined;
  claimsOf(docId: string): readonly Claim[];
  linksOf(claimId: string): readonly Link[];
  record(id: string): EvidenceRecord | undefined;
  /** The link's evidence records, in its order. */
  recordsOf(link: Link): EvidenceRecord[];
  /** Links, strongest evidence tier first (stable). */
  byTier(links: readonly Link[]): Link[];
  /** Inline suppression comments per document (Markdown/text sources given in options). */
  readonly inline: ReadonlyMap<string, Suppression[]>;
  /** Findings of the first pass with suppressions applied (set for the detectors that summarise them). */
  readonly assessed: readonly Finding[];
}

const TIER_ORDER: Record<EvidenceRecord['tier'], number> = { harness: 0, declared: 1, 'self-reported': 2 };

/** Index an analysis for the detectors. */
export function detectorContext(input: AssessInput, catalogue: FindingCatalogue, options: AssessOptions): DetectorContext {
  const docName = new Map<string, string>();
  for (const d of input.documents) if (!docName.has(d.doc.id)) docName.set(d.doc.id, d.doc.name);
  const sentences = new Map<string, Sentence>();
  for (const d of input.documents) for (const s of d.sentences) sentences.set(s.id, s);
  const claimsByDoc = new Map<string, Claim[]>();
  for (const d of input.documents) claimsByDoc.set(d.doc.id, [...(claimsByDoc.get(d.doc.id) ?? []), ...d.claims]);
  const evidence = new Map(input.evidence.map((e) => [e.id, e]));
  const linksByClaim = new Map<string, Link[]>();
  for (const l of input.links) linksByClaim.set(l.claimId, [...(linksByClaim.get(l.claimId) ?? []), l]);
  const recordsOf = (link: Link): EvidenceRecord[] => link.evidenceIds.map((id) => evidence.get(id)).filter((e): e is EvidenceRecord => e !== undefined);
  const tierRank = (link: Link): number => Math.min(3, ...recordsOf(link).map((r) => TIER_ORDER[r.tier]));
  const inline = new Map<string, Suppression[]>();
  for (const jd of input.documents) {
    const text = options.sources?.[jd.doc.id];
    if (text !== undefined && !inline.has(jd.doc.id)) inline.set(jd.doc.id, findInlineSuppressions(text));
  }
  return {
    input,
    options,
    def: (id) => catalogue.get(id)!,
    docName: (id) => docName.get(id),
    sentence: (id) => sentences.get(id),
    claimsOf: (docId) => claimsByDoc.get(docId) ?? [],
    linksOf: (claimId) => linksByClaim.get(claimId) ?? [],
    record: (id) => evidence.get(id),
    recordsOf,
    byTier: (links) => [...links].sort((a, b) => tierRank(a) - tierRank(b)),
    inline,
    assessed: [],
  };
}

/** Where a sentence finding points. */
export function sentenceLocation(s: Sentence): Location {
  return { docId: s.docId, sentenceId: s.id, span: s.span };
}

/** A sentence as the subject of a finding. */
export function sentenceSubject(ctx: DetectorContext, s: Sentence, c: Claim | undefined): FindingSubject {
  return {
    kind: 'sentence',
    text: s.text,
    document: ctx.docName(s.docId) ?? s.docId,
    claimType: c?.type ?? 'none',
    label: c?.label ?? 'narrative',
    section: s.sectionPath,
    ...(s.context.clauseRef !== undefined ? { clause: s.context.clauseRef } : {}),
  };
}

/** Every claim of every document with its sentence (claims whose sentence is missing are skipped). */
export function* claimsWithSentences(ctx: DetectorContext): Generator<{ jd: JudgedDocument; claim: Claim; sentence: Sentence }> {
  for (const jd of ctx.input.documents) {
    for (const claim of jd.claims) {
      const sentence = ctx.sentence(claim.sentenceId);
      if (sentence) yield { jd, claim, sentence };
    }
  }
}
