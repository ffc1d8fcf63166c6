/**
 * The pure core: analyze(inputs, options) → Report. Touches no file system, network or clock
 * (the caller passes `createdAt`); surfaces do the I/O. Stages meet only through the data model.
 */
import { createHash } from 'node:crypto';
import type { Alignment, Claim, Document, EvidenceRecord, InputFile, InputRef, Report, Role, Sentence, SkippedInput } from './model/types.ts';
import { isUnreadableInputError, WarrantError } from './model/errors.ts';
import { decodeUtf8, guessDocumentRole, ingest, isEvidenceFile, mediaTypeOf, withRole, type IngestOptions } from './ingest/index.ts';
import { segmentDocument } from './segment/index.ts';
import { judgeSentences, type FeatureSink } from './classify/index.ts';
import { evidenceFromCard, linkEvidence, readEvidence } from './evidence/index.ts';
import type { JudgedDocument } from './model/judged.ts';
import { assessLegalForce, readSentenceLegalForce } from './contract/index.ts';
import { alignContract } from './align/index.ts';
import { assessFindings, findingCatalogue, mayHoldInlineSuppressions, type Suppression } from './assess/index.ts';
import { buildReport } from './report/index.ts';
import type { CompiledRules } from './rules/compile.ts';
import type { AnalysisProgress, ProgressListener } from './model/progress.ts';

/** How to analyze. */
export interface AnalyzeOptions {
  /** The rules, compiled once by the caller (compileRuleSet in src/rules/compile.ts). */
  rules: CompiledRules;
  /** Severity profile (rules/profiles/<name>.yaml); default 'procurement'. */
  profile?: string;
  /** ISO timestamp recorded in the report (the core reads no clock). */
  createdAt?: string;
  ingest?: IngestOptions;
  /** Suppressions from a config file (inline ones are read from each Markdown/text source). */
  suppressions?: Suppression[];
  /**
   * Analyse the readable inputs when some cannot be read, and list the others in `report.skipped`
   * (issue 16). Off by default: an unreadable input throws. When no input is readable it throws
   * all the same: the input's own error for one input, NO_READABLE_INPUT naming each file for several.
   */
  skipUnreadable?: boolean;
  /**
   * Hears each stage as it starts and, while a PDF is read, its pages (issue 15: job progress).
   * Called synchronously from the pipeline: keep it cheap (see src/jobs/progress.ts for a throttle).
   */
  onProgress?: ProgressListener;
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Ingest, segment and judge one document input. `sink` receives each sentence's model features;
 * `onProgress` hears the stages ingest (with PDF pages), segment and judge.
 */
export async function judgeInput(input: InputFile, rules: CompiledRules, options: IngestOptions = {}, sink?: FeatureSink, onProgress?: ProgressListener): Promise<JudgedDocument> {
  onProgress?.({ stage: 'ingest' });
  const onPage = onProgress ? (pagesDone: number, pagesTotal: number) => onProgress({ stage: 'ingest', pagesDone, pagesTotal }) : undefined;
  const ingested = await ingest(input, onPage ? { ...options, onPage } : options);
  const doc = input.role ? ingested : withRole(ingested, guessDocumentRole(ingested, rules));
  onProgress?.({ stage: 'segment' });
  const sentences = segmentDocument(doc, { rules });
  if (doc.role === 'contract') readSentenceLegalForce(sentences, rules);
  onProgress?.({ stage: 'judge' });
  let claims = judgeSentences(doc, sentences, rules, sink);
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
  const sources: Record<string, string> = {};

  const skipped: SkippedInput[] = [];
  const failures: WarrantError[] = [];

  const { onProgress } = options;
  for (const [i, input] of inputs.entries()) {
    // Each per-input stage names the input: "ingest card.pdf (1 of 3), page 4 of 12".
    const step = onProgress && ((p: AnalysisProgress) => onProgress({ ...p, input: input.name, inputIndex: i + 1, inputCount: inputs.length }));
    const asEvidence = input.role === 'evidence' || (input.role === undefined && isEvidenceFile(input));
    let role: Role;
    try {
      if (asEvidence) {
        step?.({ stage: 'ingest' });
        // Read whole before any record is kept: a file that fails halfway adds nothing.
        const records = readEvidence(input, rules, { maxBytes: options.ingest?.maxBytes });
        // A loop, not push(...records): a million-row file overflows the stack as call arguments (issue 17).
        for (const r of records) evidence.push(r);
        role = 'evidence';
      } else {
        const judged = await judgeInput(input, rules, options.ingest, undefined, step);
        documents.push(judged);
        // Inline suppressions live in the source text; decode it again only when it holds one.
        if (/^text\/(markdown|plain)/.test(judged.doc.mediaType) && mayHoldInlineSuppressions(input.bytes)) sources[judged.doc.id] = decodeUtf8(input);
        role = judged.doc.role;
      }
    } catch (err) {
      if (!options.skipUnreadable || !isUnreadableInputError(err)) throw err;
      failures.push(err);
      const given = input.role ?? (asEvidence ? 'evidence' : undefined);
      skipped.push({ name: input.name, ...(given ? { role: given } : {}), code: err.code, message: err.message, sha256: sha256Hex(input.bytes), size: input.bytes.byteLength });
      continue;
    }
    refs.push({ name: input.name, role, sha256: sha256Hex(input.bytes), mediaType: input.mediaType ?? mediaTypeOf(input), size: input.bytes.byteLength });
  }
  if (refs.length === 0 && failures.length > 0) throw noReadableInput(failures, skipped);

  const cards = documents.filter((d) => d.doc.role === 'model-card');
  const contracts = documents.filter((d) => d.doc.role === 'contract');
  onProgress?.({ stage: 'evidence' });
  for (const card of cards) for (const r of evidenceFromCard(card, rules)) evidence.push(r);
  const links = linkEvidence(cards, evidence, rules);
  const alignments: Alignment[] = [];
  onProgress?.({ stage: 'align' });
  for (const contract of contracts) {
    alignments.push(...alignContract(contract, cards, documents.filter((d) => d !== contract && d.doc.role !== 'model-card'), rules));
  }
  onProgress?.({ stage: 'assess' });
  const findings = assessFindings({ documents, evidence, links, alignments }, rules, profile, { suppressions: options.suppressions, sources });

  onProgress?.({ stage: 'report' });
  return buildReport(
    { createdAt: options.createdAt ?? '1970-01-01T00:00:00.000Z', inputs: refs, ...(skipped.length ? { skipped } : {}), rulesetSha256: rules.sha256, profile },
    {
      documents: documents.map((d) => d.doc),
      sentences: documents.flatMap((d) => d.sentences),
      claims: documents.flatMap((d) => d.claims),
      evidence,
      links,
      alignments,
      findings,
    },
    findingCatalogue(rules),
  );
}

/**
 * Every input was unreadable: one input keeps its own error (code, file, line); several become one
 * NO_READABLE_INPUT that names each file with its code (`details.files`), so none goes unmentioned.
 */
function noReadableInput(failures: WarrantError[], skipped: SkippedInput[]): WarrantError {
  if (failures.length === 1) return failures[0]!;
  const files = skipped.map((s) => ({ name: s.name, ...(s.role ? { role: s.role } : {}), code: s.code, message: s.message }));
  return new WarrantError('NO_READABLE_INPUT', `none of the ${files.length} inputs could be read: ${files.map((f) => `${f.name} [${f.code}]`).join('; ')}`, {
    details: { files },
  });
}

/** Judge one free-standing sentence (API `POST /api/classify`): a one-sentence document. */
export function classifyText(text: string, where: { role: Role; sectionPath: string[] }, rules: CompiledRules): { sentence: Sentence; claim: Claim } {
  const clean = text.replace(/\s+/g, ' ').trim();
  const lines = [0];
  const span = { kind: 'text' as const, line: 1, column: 1, endLine: 1, endColumn: clean.length + 1, offset: 0, endOffset: clean.length };
  const doc: Document = {
    id: sha256Hex(new TextEncoder().encode(clean)),
    name: 'sentence',
    role: where.role,
    mediaType: 'text/plain',
    metadata: {},
    lineStarts: lines,
    diagnostics: [],
    blocks: [{ id: 'b0', kind: 'paragraph', sectionPath: where.sectionPath, text: clean, runs: [{ start: 0, end: clean.length, sourceOffset: 0 }], span }],
  };
  const sentence: Sentence = {
    id: `${doc.id.slice(0, 12)}:s0`,
    docId: doc.id,
    blockId: 'b0',
    index: 0,
    text: clean,
    sectionPath: where.sectionPath,
    span,
    blockOffset: 0,
    context: { role: where.role, blockKind: 'paragraph' },
  };
  const [claim] = judgeSentences(doc, [sentence], rules);
  return { sentence, claim: claim! };
}

/** Compile every stage's rules once (src/rules/compile.ts); analyze() and every stage take the result. */
export { compileRuleSet } from './rules/compile.ts';
