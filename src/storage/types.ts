/**
 * The storage interface (issue 15): one contract, two backends. SQLite (src/storage/sqlite.ts) is the
 * embedded default; PostgreSQL (src/storage/postgres.ts) is chosen by WARRANT_DATABASE_URL so several
 * API servers and `warrant worker` processes share one history. Every method returns a promise so the
 * network backend fits; the SQLite one resolves at once. The same test suite runs against both
 * (test/storage/storage.test.ts).
 */
import type { InputFile, InputRef, Report, ReportSummary } from '../model/types.ts';
import type { AnalysisProgress } from '../model/progress.ts';
import type { JobError, JobRequest, JobStatus } from '../model/jobs.ts';

/** A stored analysis as listed (no report body). */
export interface AnalysisSummary {
  id: string;
  createdAt: string;
  profile: string;
  inputs: InputRef[];
  summary: ReportSummary;
}

/** A stored analysis with its report. */
export interface StoredAnalysis extends AnalysisSummary {
  report: Report;
}

/** One stored input's bytes. */
export interface StoredInput {
  sha256: string;
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** What saveAnalysis stores: the report and the bytes of each input it names. */
export interface NewAnalysis {
  id: string;
  report: Report;
  inputs: Array<InputRef & { bytes: Uint8Array }>;
  requestId?: string;
}

/** One audit entry. */
export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  analysisId: string | null;
  requestId: string | null;
  detail: string | null;
}

/** What /healthz says about storage. */
export interface StorageHealth {
  backend: 'sqlite' | 'postgres';
  writable: boolean;
  /** Why it is not writable or not reachable. */
  error?: string;
}

/** The storage contract. Errors a user can act on are WarrantError STORAGE_FULL / STORAGE_UNAVAILABLE. */
export interface Storage {
  readonly backend: 'sqlite' | 'postgres';
  /** Reachable and writable now? Never throws. */
  health(): Promise<StorageHealth>;

  /** Store an analysis with its inputs in one transaction. */
  saveAnalysis(a: NewAnalysis): Promise<void>;
  /** One analysis with its report, or undefined. */
  getAnalysis(id: string): Promise<StoredAnalysis | undefined>;
  /** Analyses newest first (created_at, then id), paged. */
  listAnalyses(limit: number, offset: number): Promise<{ items: AnalysisSummary[]; total: number }>;
  /** Delete an analysis (inputs no other analysis uses go too). True when it existed. */
  deleteAnalysis(id: string, requestId?: string): Promise<boolean>;
  /** Raw bytes of an input of an analysis. */
  getInput(analysisId: string, sha256: string): Promise<StoredInput | undefined>;
  /** Number of stored analyses. */
  countAnalyses(): Promise<number>;
  /** Append to the audit log. */
  audit(action: string, analysisId?: string, requestId?: string, detail?: string): Promise<void>;
  /** The last `limit` audit entries, oldest first. */
  auditLog(limit?: number): Promise<AuditEntry[]>;

  /**
   * Store a job (state queued) and its files, the bytes content-addressed like an analysis's inputs
   * (`files[i]` is `request.inputs[i]`), before the job is enqueued anywhere.
   */
  createJob(request: JobRequest, files: InputFile[]): Promise<void>;
  /** A job as GET /api/jobs/{id} shows it, or undefined. */
  getJob(id: string): Promise<JobStatus | undefined>;
  /** The files a job was submitted with, as uploaded (`{name, bytes, role}`, no media type), in order. */
  jobInputs(id: string): Promise<InputFile[]>;
  /** Mark a live job running and count the attempt; undefined when the job is unknown or already ended. */
  startJob(id: string): Promise<JobStatus | undefined>;
  /**
   * Record a running job's stage, input and page count (a new stage clears the page count).
   * `attempt` (the count startJob returned) makes a stale attempt, one whose job was retried while
   * it still ran, change nothing; the same holds for requeueJob and failJob.
   */
  setJobProgress(id: string, progress: AnalysisProgress, attempt?: number): Promise<void>;
  /** Put a running job back in the queue after a retryable failure. */
  requeueJob(id: string, attempt?: number): Promise<void>;
  /**
   * Save the job's analysis (as saveAnalysis does) and mark the job done, in one transaction.
   * Idempotent: when the job has already ended (a retry raced a slow first attempt), stores nothing
   * and returns completed: false.
   */
  completeJob(id: string, report: Report, inputs: Array<InputRef & { bytes: Uint8Array }>): Promise<{ analysisId: string; completed: boolean }>;
  /** Mark a live job failed with its error; false when it had already ended. */
  failJob(id: string, error: JobError, attempt?: number): Promise<boolean>;
  /** Live jobs by state (for /healthz). */
  jobCounts(): Promise<{ queued: number; running: number }>;

  /** Close connections. */
  close(): Promise<void>;
}
