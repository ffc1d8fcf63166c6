/**
 * The data model: the contract between pipeline stages (see DESIGN.md, "Data model").
 * Every stage reads and writes only these types. This module depends on nothing.
 */

/** Which part a document plays in an analysis. */
export type Role = 'model-card' | 'contract' | 'evidence';

/** The two labels of the product's core judgement (GUIDE-representation.md). */
export type Label = 'representation' | 'narrative';

/** Primary claim type of a sentence (GUIDE-representation.md, "Claim types"). */
export type ClaimType =
  | 'intended-use'
  | 'out-of-scope'
  | 'performance'
  | 'limitation'
  | 'data-handling'
  | 'safety'
  | 'capability'
  | 'language'
  | 'training'
  | 'compliance'
  | 'other'
  | 'none';

/** All claim types, in the guide's order. */
export const CLAIM_TYPES: readonly ClaimType[] = [
  'intended-use',
  'out-of-scope',
  'performance',
  'limitation',
  'data-handling',
  'safety',
  'capability',
  'language',
  'training',
  'compliance',
  'other',
  'none',
];

/** Rectangle in top-left-origin page coordinates (PDF points): [x0, y0, x1, y1]. */
export type BBox = [number, number, number, number];

/** Position in a Markdown or plain-text file: 1-based lines and columns, end exclusive; offsets are UTF-16 code-unit offsets into the decoded source. */
export interface TextSpan {
  kind: 'text';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
}

/** Position in a PDF: 1-based page and one or more rectangles (top-left origin). */
export interface PdfSpan {
  kind: 'pdf';
  page: number;
  bbox: BBox;
  /** One rectangle per line the text covers; `bbox` is their union. */
  rects: BBox[];
  /** Last page when the text runs across a page break. */
  endPage?: number;
}

/** Position in a DOCX: 0-based paragraph index (tables count one paragraph per cell). */
export interface DocxSpan {
  kind: 'docx';
  paragraph: number;
  endParagraph: number;
}

/** Where a piece of text came from. */
export type Span = TextSpan | PdfSpan | DocxSpan;

/**
 * Maps a range of a block's plain text back to its source.
 * Text documents give `sourceOffset` (offset of `start` in the decoded source; characters
 * inside a run map one to one). PDF documents give page and bbox; DOCX gives paragraph.
 */
export interface SourceRun {
  start: number;
  end: number;
  sourceOffset?: number;
  /** Source length of the run when it differs from `end - start`: a character reference ("&amp;" → "&"). */
  sourceLength?: number;
  page?: number;
  bbox?: BBox;
  paragraph?: number;
}

/** The kinds of block ingestion produces. */
export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table' | 'code' | 'image';

/** One table cell, text with markup removed. */
export interface TableCell {
  text: string;
  runs: SourceRun[];
  span: Span;
  /** The cell was marked bold (often "best score" in benchmark tables). */
  bold?: boolean;
  colspan?: number;
  rowspan?: number;
}

/** One table row. */
export interface TableRow {
  cells: TableCell[];
  span: Span;
}

/** A table: header rows (zero or more) and body rows. */
export interface TableData {
  header: TableRow[];
  rows: TableRow[];
  /** Where the table came from: GFM pipe table, raw HTML <table>, PDF column alignment, DOCX table. */
  origin: 'gfm' | 'html' | 'pdf' | 'docx' | 'text';
}

/** A block of a document with its section path and source mapping. */
export interface Block {
  id: string;
  kind: BlockKind;
  /** Headings above this block, outermost first (for contracts: clause path, e.g. ["Schedule B", "2", "2.1"]). */
  sectionPath: string[];
  /** Plain text, markup and escapes removed. Empty for tables (see `table`). */
  text: string;
  /** Offset map from `text` back to the source. */
  runs: SourceRun[];
  span: Span;
  /** Heading level (1-6) for headings. */
  level?: number;
  /** List marker or clause number that introduces this block ("1.", "2.1", "(a)", "-"). */
  marker?: string;
  /** Run-in clause title ("Grant of Licence") stripped from the text. */
  clauseTitle?: string;
  /** Bold label that opens a paragraph ("**Model Developers** Meta" → "Model Developers"); it stays in `text`. */
  label?: string;
  /** Nesting depth of a list item (0 = top level). */
  depth?: number;
  /** For list items: the id of the paragraph that introduces the list ("The model is intended for:"). */
  leadBlockId?: string;
  /** For code blocks: the info string. */
  lang?: string;
  /** Inside a <details> element (collapsed in the rendered card). */
  collapsed?: boolean;
  /** Markdown: the paragraph or list item is one link and nothing else ("[GitHub Repo](https://...)"): a pointer. */
  linkOnly?: boolean;
  table?: TableData;
}

/** Something ingestion or a later stage wants a user to know about the input itself. */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  span?: Span;
}

/** A decoded, structured input document. */
export interface Document {
  /** SHA-256 of the raw bytes, hex. */
  id: string;
  name: string;
  role: Role;
  mediaType: string;
  /** Front matter (Markdown), PDF info, DOCX properties. */
  metadata: Record<string, unknown>;
  blocks: Block[];
  /** Line start offsets of the decoded source (text documents), for offset → line/column. */
  lineStarts?: number[];
  /** Number of pages (PDF). */
  pageCount?: number;
  /** Page sizes in points (PDF), index 0 = page 1. */
  pageSizes?: Array<[number, number]>;
  diagnostics: Diagnostic[];
}

/** Context a sentence carries from its block and document. */
export interface SentenceContext {
  role: Role;
  blockKind: BlockKind;
  /** "Key: value" line: the key and the value. */
  keyValue?: { key: string; value: string };
  /** A table row: header text per column (header rows joined with " / "), cells, and grouping. */
  table?: {
    headers: string[];
    cells: string[];
    boldCells?: boolean[];
    rowIndex: number;
    /** Label of the row group this row belongs to (first-column continuation, e.g. "English", "Code"). */
    groupLabel?: string;
    /** Header of the column that labels rows (usually the first). */
    rowLabel?: string;
  };
  /**
   * Text of the lead-in sentence a list item hangs under ("The model is intended for:"), on the item's first
   * sentence: that one continues the lead-in's clause; a later sentence of the same item stands on its own.
   */
  listLead?: string;
  /**
   * When the lead-in is itself a list item: the lead-ins above it, nearest first ("You agree you will not use the
   * model to:" above "Violate the law, including to:"). A lead-in with no subject of its own continues theirs.
   */
  outerListLeads?: string[];
  /** Clause reference ("Schedule B §2.1(a)") for contract sentences. */
  clauseRef?: string;
  /** The sentence is the only sentence of a heading-like short line. */
  isFragment?: boolean;
  /** Contract sentences: legal force and which side it binds, read by the contract stage before judging. */
  legal?: { force: LegalForce; obligor?: string; side?: 'vendor' | 'customer' };
  collapsed?: boolean;
}

/** One sentence (or one table row, or one key-value line). */
export interface Sentence {
  id: string;
  docId: string;
  blockId: string;
  /** Position in document order (0-based). */
  index: number;
  text: string;
  sectionPath: string[];
  span: Span;
  /** Offset of the sentence within its block's text (-1 for table rows). */
  blockOffset: number;
  context: SentenceContext;
}

/** A cue that fired on a sentence: a rule match or a context signal. */
export interface Cue {
  /** Rule id (e.g. "hedge.may") or context id (e.g. "context.table-row"). */
  id: string;
  direction: 'representation' | 'narrative';
  weight: number;
  /** The matched words (empty for context cues). */
  text: string;
  /** Offsets within the sentence text, end exclusive (absent for context cues). */
  start?: number;
  end?: number;
  span?: Span;
  /** Short explanation in words. */
  why?: string;
}

/** How a number is compared by its claim. */
export type Comparator = '=' | '>=' | '<=' | '>' | '<' | '~';

/** A number a performance claim makes. */
export interface Quantity {
  /** Canonical benchmark name (rules/benchmarks.yaml), or the raw name when unknown. */
  benchmark?: string;
  /** The benchmark words as written. */
  benchmarkText?: string;
  /** Canonical metric name (accuracy, exact-match, pass@1, f1, wer, ...). */
  metric?: string;
  value: number;
  /** The number as written ("68.4", "76.2%", "0.684"). */
  raw: string;
  /** Decimal places shown in `raw` (for tolerance: half a unit of the shown precision). */
  precision: number;
  /** 'percent' = 0-100 scale, 'fraction' = 0-1 scale, 'raw' = other units. */
  scale: 'percent' | 'fraction' | 'raw';
  unit?: string;
  shots?: number;
  split?: string;
  comparator?: Comparator;
  stderr?: number;
  /** The model the number belongs to (table column or prose subject). */
  model?: string;
  /** True when `model` is the document's own model (not a comparison). */
  ownModel?: boolean;
  /** Other conditions as written ("CoT", "maj@1", "0-shot, chat"). */
  conditions?: string[];
  /** Offsets of the number in the sentence text (table rows: cell index in `cell`). */
  start?: number;
  end?: number;
  cell?: number;
}

/** Legal force of a contract sentence. */
export type LegalForce = 'warranty' | 'covenant' | 'disclaimer' | 'definition' | 'other';

/** The judgement on one sentence. */
export interface Claim {
  /** Same as the sentence id: one claim per sentence. */
  id: string;
  sentenceId: string;
  docId: string;
  type: ClaimType;
  label: Label;
  /** Probability-like score in [0, 1]; ≥ threshold means representation. */
  score: number;
  cues: Cue[];
  /** First quantity, for convenience. */
  quantity?: Quantity;
  quantities: Quantity[];
  /** Grammatical subject as read (e.g. "the model", "Customer"). */
  subject?: string;
  /** Modality as read: 'definite', 'hedged', 'advice', 'obligation', 'permission', 'aspiration', 'disclaimer'. */
  modality?: string;
  negated?: boolean;
  /** Weak representation: vague superlative or vague comparative. */
  weak?: boolean;
  /** Contract sentences only. */
  legalForce?: LegalForce;
  /** For covenants: on whom ("Provider", "Customer"). */
  obligor?: string;
}

/** Provenance tier of evidence, strongest first. */
export type EvidenceTier = 'harness' | 'declared' | 'self-reported';

/** One evaluation result from an evidence file or a card. */
export interface EvidenceRecord {
  id: string;
  /** File name (or card name for declared / self-reported records). */
  source: string;
  /** Where in the source (JSON path, CSV row, YAML line, sentence id). */
  location?: string;
  format: 'lm-eval' | 'lm-eval-legacy' | 'model-index' | 'eval-results' | 'mteb' | 'csv' | 'card-table';
  tier: EvidenceTier;
  model?: string;
  revision?: string;
  /** Canonical benchmark (rules/benchmarks.yaml), or raw name. */
  benchmark: string;
  benchmarkText?: string;
  /** For subtasks of a group (MMLU subject): the group. */
  group?: string;
  metric: string;
  /** Value normalised to the percent scale where the metric is a rate; else raw. */
  value: number;
  rawValue: number | string;
  stderr?: number;
  n?: number;
  shots?: number;
  split?: string;
  methodology: {
    harness?: string;
    harnessVersion?: string;
    metricVariant?: string;
    filter?: string;
    promptHash?: string;
    gitHash?: string;
    verified?: boolean;
    [key: string]: unknown;
  };
  date?: string;
  /** The part of a card this record was read from (records a card states about itself); absent for evidence files. */
  origin?: ClaimOrigin;
}

/**
 * Where a card states a number: a claim's quantity (a sentence, a table row), an entry of its model-index
 * front matter, or a number printed in one of its code blocks. Records read from a card and the links that
 * check a card's number carry it, so no stage reads where a number came from out of an id.
 */
export type ClaimOrigin =
  | { kind: 'sentence'; docId: string; claimId: string; quantityIndex: number }
  | { kind: 'model-index'; docId: string; index: number }
  | { kind: 'code-block'; docId: string; index: number };

/**
 * The verdict of evidence on a claim. `self-consistent`: the number agrees with the same card's own
 * model-index or tables, and with nothing else; a card agreeing with itself is consistency, not evidence (issue 16).
 */
export type Verdict = 'supported' | 'self-consistent' | 'contradicted' | 'methodology-mismatch' | 'other-model' | 'stale' | 'unverified';

/** A claim's link to the evidence that bears on it. */
export interface Link {
  claimId: string;
  /** Which of the claim's quantities (index into Claim.quantities). */
  quantityIndex?: number;
  evidenceIds: string[];
  verdict: Verdict;
  expected?: number;
  observed?: number;
  tolerance?: number;
  /** How the evidence compares with the claim when they differ: better or worse than claimed (on the metric's own direction). */
  direction?: 'better' | 'worse';
  /**
   * Where the checked number is stated. For 'model-index' and 'code-block', `claimId` is the id of the card's
   * record of that number; absent (links written before it existed) reads as 'sentence'.
   */
  origin?: ClaimOrigin;
  note: string;
}

/** What an excerpt changed between a card sentence and a contract sentence. */
export type TransformationKind =
  | 'verbatim'
  | 'hedge-removed'
  | 'modality-strengthened'
  | 'number-changed'
  | 'scope-broadened'
  | 'qualifier-dropped'
  | 'negation-flipped';

/** One transformation with the words involved. */
export interface Transformation {
  kind: TransformationKind;
  /** Words in the card sentence. */
  from?: string;
  /** Words in the contract sentence. */
  to?: string;
  note?: string;
}

/** A contract sentence and the card sentence it derives from (or none). */
export interface Alignment {
  contractSentenceId: string;
  cardSentenceId: string | null;
  similarity: number;
  transformations: Transformation[];
  /** Why the source was chosen: what the two sentences share (words, numbers, the product name, the section). */
  anchors?: string[];
  /** The contract sentence incorporates a whole document by reference. */
  incorporates?: { docId: string | null; phrase: string };
}

/** Severity of a finding. */
export type Severity = 'error' | 'warning' | 'note' | 'off';

/** Where a finding points. */
export interface Location {
  docId: string;
  sentenceId?: string;
  span?: Span;
}

/**
 * The closed set of finding ids the assess stage can raise: one detector each (src/assess/detectors/),
 * one catalogue entry each (rules/findings.yaml: severity, wording, remedy, examples).
 */
export const FINDING_IDS = [
  'representation-without-evidence',
  'performance-contradicted',
  'performance-understated',
  'model-index-disagreement',
  'number-without-methodology',
  'evidence-other-model',
  'evidence-stale',
  'scope-without-coverage',
  'contract-hedge-removed',
  'contract-modality-strengthened',
  'contract-number-changed',
  'contract-scope-broadened',
  'contract-qualifier-dropped',
  'contract-negation-flipped',
  'whole-document-incorporation',
  'incorporated-document-missing',
  'evidence-missing-summary',
  'vague-superlative',
  'image-only-content',
  'missing-limitations',
  'input-diagnostic',
  'invalid-suppression',
] as const;

/** A finding id. */
export type FindingId = (typeof FINDING_IDS)[number];

/** What a finding is about: a sentence (a claim, a contract clause) or an entry of a card's model-index or code tables. */
export type FindingSubject =
  | {
      kind: 'sentence';
      /** The sentence as written (the report layer shortens it for a message). */
      text: string;
      /** Name of its document. */
      document: string;
      claimType: ClaimType;
      label: Label;
      /** Section path, outermost first. */
      section: string[];
      /** Clause reference of a contract sentence ("Schedule B §2.1(a)"). */
      clause?: string;
    }
  | {
      kind: 'card-entry';
      origin: 'model-index' | 'code-block';
      document: string;
      benchmark: string;
      metric: string;
      /** The number as the card states it. */
      raw: string;
      /** Where in the card (model-index path, code block). */
      location?: string;
    };

/** A card number checked against evidence: what the link that raised the finding found. */
export interface EvidenceCheck {
  verdict: Verdict;
  benchmark?: string;
  metric?: string;
  /** The claimed value (as compared), or the number as written when none was compared. */
  claimed?: number;
  claimedRaw?: string;
  observed?: number;
  tolerance?: number;
  /** better / worse than claimed (the link's direction, else observed against claimed). */
  direction: 'better' | 'worse';
  /** The evidence records' sources, strongest first. */
  sources: Array<{ source: string; location?: string }>;
  /** The evidence stage's own explanation of the verdict, shown as is (never parsed). */
  note: string;
}

/** A number a card states with no way for a reader to check how it was measured. */
export interface UncheckableNumber {
  benchmark: string;
  raw: string;
  metric?: string;
}

/** The arguments of each finding: typed facts the report layer renders its catalogue wording from. */
export interface FindingArgsMap {
  'representation-without-evidence': {
    subject: FindingSubject;
    /** The claim's own numbers as written, and the benchmarks they name. */
    numbers: string[];
    benchmarks: string[];
    /** The first of them on a named benchmark, for a hedged rewording. */
    sample?: { benchmark: string; raw: string; shots?: number; metric?: string };
  };
  'performance-contradicted': { subject: FindingSubject; check: EvidenceCheck };
  'performance-understated': { subject: FindingSubject; check: EvidenceCheck };
  'model-index-disagreement': { subject: FindingSubject; check: EvidenceCheck };
  'number-without-methodology': { subject: FindingSubject } & (
    | { basis: 'evidence'; check: EvidenceCheck }
    | { basis: 'unstated'; numbers: UncheckableNumber[]; fields: string[] }
  );
  'evidence-other-model': { subject: FindingSubject; check: EvidenceCheck };
  'evidence-stale': { subject: FindingSubject; check: EvidenceCheck };
  'scope-without-coverage': { subject: FindingSubject; coverage?: string };
  'contract-hedge-removed': DriftArgs;
  'contract-modality-strengthened': DriftArgs;
  'contract-number-changed': DriftArgs;
  'contract-scope-broadened': DriftArgs;
  'contract-qualifier-dropped': DriftArgs;
  'contract-negation-flipped': DriftArgs;
  'whole-document-incorporation': IncorporationArgs;
  'incorporated-document-missing': IncorporationArgs;
  'evidence-missing-summary': { document: string; count: number; benchmarks: string[]; evidenceSupplied: boolean };
  'vague-superlative': { subject: FindingSubject };
  'image-only-content': { document: string; diagnostic: Diagnostic };
  'missing-limitations': { document: string; claimTypes: string[] };
  'input-diagnostic': { document: string; diagnostic: Diagnostic };
  'invalid-suppression': { document: string; line?: number; problem: string };
}

/** A contract clause that changed what its card source says. */
export interface DriftArgs {
  subject: FindingSubject;
  transformation: Transformation;
  card: { text: string; document: string };
  similarity: number;
}

/** A contract clause that incorporates a whole document. */
export interface IncorporationArgs {
  subject: FindingSubject;
  phrase: string;
  /** The incorporated document when it is among the inputs (or named but not analysed: `name` absent). */
  target: { docId: string; name?: string } | null;
  /** Representations the incorporation makes contractual ('all' when the document was not read). */
  exposed: number | 'all';
}

/** The fields every finding has. */
export interface FindingBase {
  severity: Severity;
  location: Location;
  related: Location[];
  /** Set when a suppression matched; the finding stays in the report. */
  suppressed?: { reason: string; source: string };
}

/** A problem or risk a user should act on, as typed data; its wording comes from the catalogue (src/report/messages.ts). */
export type Finding<K extends FindingId = FindingId> = { [P in K]: FindingBase & { ruleId: P; args: FindingArgsMap[P] } }[K];

/** A finding as a report holds it: with its message and remedy rendered from the catalogue (src/report/messages.ts). */
export type ReportedFinding = Finding & { message: string; remedy?: string };

/** One input of an analysis. */
export interface InputRef {
  name: string;
  role: Role;
  sha256: string;
  mediaType: string;
  size: number;
}

/**
 * An input the analysis could not read and went on without (issue 16): it is named with the error
 * that stopped it, never silently dropped. Only surfaces that ask for it (`AnalyzeOptions.skipUnreadable`:
 * the API, `warrant analyze --skip-unreadable`) get a report with skipped inputs; otherwise the error is thrown.
 */
export interface SkippedInput {
  name: string;
  /** The role the caller gave, or 'evidence' when the content read as an evidence file; absent when not known. */
  role?: Role;
  /** The error code that stopped it (an `ErrorCode` of src/model/errors.ts: EMPTY_INPUT, PDF_CORRUPT, EVIDENCE_MALFORMED, ...). */
  code: string;
  message: string;
  sha256: string;
  size: number;
}

/** The versioned JSON report: the source of truth every rendering derives from. */
export interface Report {
  schemaVersion: string;
  tool: { name: 'warrant'; version: string };
  createdAt: string;
  /** The inputs analysed (a skipped input is not among them: see `skipped`). */
  inputs: InputRef[];
  /** Inputs that could not be read and were left out of this analysis; present only when there is one. */
  skipped?: SkippedInput[];
  rulesetSha256: string;
  profile: string;
  documents: Document[];
  sentences: Sentence[];
  claims: Claim[];
  evidence: EvidenceRecord[];
  links: Link[];
  alignments: Alignment[];
  findings: ReportedFinding[];
  summary: ReportSummary;
}

/** Counts a reader sees first. */
export interface ReportSummary {
  documents: number;
  sentences: number;
  representations: number;
  narrative: number;
  byClaimType: Partial<Record<ClaimType, number>>;
  byVerdict: Partial<Record<Verdict, number>>;
  findings: Partial<Record<Severity, number>>;
}

/** Raw bytes of one input plus what the caller knows about it. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
  /** Given by the caller; guessed from content when absent. */
  role?: Role;
  mediaType?: string;
}
