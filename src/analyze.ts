/**
 * The pure core: analyze(inputs, options) → Report. Touches no file system, network or clock
 * (the caller passes `createdAt`); surfaces do the I/O. Stages meet only through the data model.
 */
import { createHash } from 'node:crypto';
import type { Alignment, EvidenceRecord, InputFile, InputRef, Report, Role } from './model/types.ts';
import { ingest, type IngestOptions } from './ingest/index.ts';
import { guessRole, isEvidenceFile, mediaTypeOf } from './ingest/detect.ts';
import { segmentDocument } from './segment/index.ts';
import { judgeSentences } from './classify/index.ts';
import { evidenceFromCard, linkEvidence, readEvidence, type JudgedDocument } from './evidence/index.ts';
import { assessLegalForce } from './contract/index.ts';
import { alignContract } from './align/index.ts';
import { assessFindings } from './assess/index.ts';
import { buildReport } from './report/json.ts';
import type { RuleSet } from './rules/load.ts';

/** How to analyze. */
export interface AnalyzeOptions {
  rules: RuleSet;
  /** Severity profile (rules/profiles/<name>.yaml); default 'procurement'. */
  profile?: string;
  /** ISO timestamp recorded in the report (the core reads no clock). */
  createdAt?: string;
  ingest?: IngestOptions;
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Ingest, segment and judge one document input. */
export async function judgeInput(input: InputFile, rules: RuleSet, options: IngestOptions = {}): Promise<JudgedDocument> {
  const doc = await ingest(input, options);
  const sentences = segmentDocument(doc);
  let claims = judgeSentences(doc, sentences, rules);
  const judged: JudgedDocument = { doc, sentences, claims };
  if (doc.role === 'contract') {
    claims = assessLegalForce(judged, rules);
    judged.claims = claims;
  }
  return judged;
}

/** Run the whole pipeline over a set of inputs. Throws WarrantError on broken input or rules. */
export async function analyze(inputs: InputFile[], options: AnalyzeOptions): Promise<Report> {
  const { rules } = options;
  const profile = options.profile ?? 'procurement';
  const documents: JudgedDocument[] = [];
  const evidence: EvidenceRecord[] = [];
  const refs: InputRef[] = [];

  for (const input of inputs) {
    const asEvidence = input.role === 'evidence' || (input.role === undefined && isEvidenceFile(input));
    let role: Role;
    if (asEvidence) {
      evidence.push(...readEvidence(input, rules));
      role = 'evidence';
    } else {
      const judged = await judgeInput(input, rules, options.ingest);
      documents.push(judged);
      role = judged.doc.role;
    }
    refs.push({ name: input.name, role, sha256: sha256Hex(input.bytes), mediaType: input.mediaType ?? mediaTypeOf(input), size: input.bytes.byteLength });
  }

  const cards = documents.filter((d) => d.doc.role === 'model-card');
  const contracts = documents.filter((d) => d.doc.role === 'contract');
  for (const card of cards) evidence.push(...evidenceFromCard(card, rules));
  const links = linkEvidence(cards, evidence, rules);
  const alignments: Alignment[] = [];
  for (const contract of contracts) {
    alignments.push(...alignContract(contract, cards, documents.filter((d) => d !== contract && d.doc.role !== 'model-card'), rules));
  }
  const findings = assessFindings({ documents, evidence, links, alignments }, rules, profile);

  return buildReport(
    { createdAt: options.createdAt ?? '1970-01-01T00:00:00.000Z', inputs: refs, rulesetSha256: rules.sha256, profile },
    {
      documents: documents.map((d) => d.doc),
      sentences: documents.flatMap((d) => d.sentences),
      claims: documents.flatMap((d) => d.claims),
      evidence,
      links,
      alignments,
      findings,
    },
  );
}

export { guessRole };
