/**
 * The job data model (issue 15 item 2): what a job is, as the queues (src/jobs/) run it and the
 * stores (src/storage/) keep it. Part of the data model so that storage and the queues both
 * depend on it rather than on each other. Shared by the in-process queue (SQLite, one process: src/jobs/in-process.ts) and the PostgreSQL queue
 * (pg-boss, run by `warrant worker` processes). Backend-neutral: nothing here knows SQLite,
 * PostgreSQL, worker threads or HTTP. Types and a few constants only; the queue interface is src/jobs/types.ts.
 *
 * Lifecycle and guarantees every backend keeps:
 *
 * - **Inputs first.** `submit` stores every input's bytes durably (content-addressed by SHA-256)
 *   and the job's {@link JobRequest} before the job becomes visible to any worker, so another
 *   process can run it, and a crash after `submit` resolved loses nothing. The queue payload is
 *   the {@link JobRequest} (small JSON), never the bytes.
 * - **States** move forward only: `queued → running → done | failed`; `running → queued` only when
 *   an attempt failed with a retryable error (or its worker died) and attempts remain. `done` and
 *   `failed` are final.
 * - **Retry is bounded.** A job is started at most {@link JOB_MAX_ATTEMPTS} times. Only
 *   {@link RETRYABLE_JOB_ERRORS} (and a worker that vanished mid-job, counted as INTERNAL) are
 *   retried; an input problem (PDF_CORRUPT, TOO_MANY_PAGES, ANALYSIS_TIMEOUT, ...) fails the job
 *   at once with its code, because running it again gives the same answer.
 * - **Complete once.** A job's analysis id is fixed at submit ({@link JobRequest.analysisId}; the
 *   in-process queue uses the job id), so a retry after the analysis was stored but before the job
 *   was marked done stores nothing new (`JobExecutionDeps.saveAnalysis` is idempotent: PostgreSQL's
 *   `completeJob` saves and marks in one transaction). The stored analysis
 *   is exactly what the synchronous `POST /api/analyses` stores for the same inputs, profile and
 *   `createdAt`: same report, same input refs, same audit entry.
 * - **Progress** ({@link JobStatus.stage}, pages) is advisory: a backend may throttle or drop
 *   updates (see src/jobs/progress.ts), never reorder them across stages, and clears page counts
 *   when the stage changes.
 */
import type { ErrorCode } from './errors.ts';
import type { InputRef, Role } from './types.ts';
import { ANALYSIS_STAGES, type AnalysisProgress, type AnalysisStage } from './progress.ts';

/** A pipeline stage as a job reports it: ingest, segment, judge, evidence, align, assess, report. */
export type JobStage = AnalysisStage;

/** The stages in pipeline order. */
export const JOB_STAGES: readonly JobStage[] = ANALYSIS_STAGES;

/** Where a job is in its life; `done` and `failed` are final. */
export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** Attempts a job gets at most (the first run included). */
export const JOB_MAX_ATTEMPTS = 3;

/**
 * Error codes worth another attempt: the fault was the machine's (a worker crashed, storage was
 * briefly unavailable, every worker was busy), not the input's.
 */
export const RETRYABLE_JOB_ERRORS: readonly ErrorCode[] = ['INTERNAL', 'STORAGE_UNAVAILABLE', 'BUSY'];

/** One input of a job, stored before enqueue: its bytes are found by `sha256`. */
export interface JobInputRef {
  /** The upload's file name (already made safe by the API). */
  name: string;
  /** Role given by the upload field; absent when the pipeline is to guess it (field `file`). */
  role?: Role;
  sha256: string;
  /**
   * Media type detected at submit (`mediaTypeOf`), for storage only. The analysis is given the
   * input without it, as the synchronous path does, so detection and the report are the same.
   */
  mediaType: string;
  size: number;
}

/** The queue payload: everything a worker in any process needs to run the job (no bytes). */
export interface JobRequest {
  /** Job id (a UUID). */
  id: string;
  /** Id of the analysis the job stores, fixed at submit so every attempt writes the same one. */
  analysisId: string;
  /** Severity profile: 'procurement' | 'vendor-release'. */
  profile: string;
  /** Inputs in upload order (the report keeps this order). */
  inputs: JobInputRef[];
  /** ISO time of submission; recorded as the report's `createdAt`, so every attempt gives the same report. */
  createdAt: string;
  /** The HTTP request that submitted the job (audit, logs). */
  requestId?: string;
}

/** Why a job failed: the WarrantError's code and message (a problem+json `code`/`detail`). */
export interface JobError {
  code: ErrorCode;
  message: string;
  /** Input (or rule file) the error is about, and where in it, when known. */
  file?: string;
  line?: number;
  column?: number;
  /** NO_READABLE_INPUT (issue 16): each file of the upload with the code that stopped it. */
  files?: Array<{ name: string; role?: string; code: string; message: string }>;
}

/** A job as `GET /api/jobs/{id}` shows it. */
export interface JobStatus {
  id: string;
  state: JobState;
  /** Stage now running (running), or the last one reached (failed). Absent while queued. */
  stage?: JobStage;
  /** Pages of the PDF being read done so far, and its page count (stage 'ingest' of a PDF only). */
  pagesDone?: number;
  pagesTotal?: number;
  /** Name of the input being read or judged, and its 1-based position among the document inputs. */
  input?: string;
  inputIndex?: number;
  inputCount?: number;
  /** Times the job was started (0 while first queued). */
  attempts: number;
  /** Set when `state === 'done'`: the stored analysis. */
  analysisId?: string;
  /** Set when `state === 'failed'`. */
  error?: JobError;
  profile: string;
  /** Inputs as submitted (refs, no bytes). */
  inputs: JobInputRef[];
  createdAt: string;
  updatedAt: string;
  requestId?: string;
}

/** Progress as a job backend records it (throttled by the caller; see src/jobs/progress.ts). */
export type JobProgress = AnalysisProgress;
