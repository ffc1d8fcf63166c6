/**
 * Analyses as jobs (issue 15 item 2): the job data model and the queue interface, shared by the
 * in-process queue (SQLite, one process: src/jobs/in-process.ts) and the PostgreSQL queue
 * (pg-boss, run by `warrant worker` processes). Backend-neutral: nothing here knows SQLite,
 * PostgreSQL, worker threads or HTTP. Types and a few constants only.
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
import type { ErrorCode } from '../model/errors.ts';
import type { InputFile, InputRef, Report, Role } from '../model/types.ts';
import { ANALYSIS_STAGES, type AnalysisProgress, type AnalysisStage } from '../model/progress.ts';

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

/** What the API hands to `submit`: the uploaded files with their bytes. */
export interface JobSubmission {
  profile: string;
  /** Files as the synchronous path would analyse them (name, bytes, role when given). */
  inputs: InputFile[];
  createdAt: string;
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

/** What a queue says about itself (for /healthz). */
export interface JobQueueHealth {
  /** 'in-process' or 'postgres'. */
  backend: string;
  /** False when jobs cannot be submitted now (database down, queue closed). */
  ok: boolean;
  queued: number;
  running: number;
}

/** The job queue the API talks to. */
export interface JobQueue {
  /**
   * Store the inputs and the request durably, then enqueue. Resolves with the job in state
   * `queued` (or later). Throws WarrantError: BUSY (with `details.retryAfterSeconds`) when the
   * queue is full, STORAGE_FULL / STORAGE_UNAVAILABLE when the inputs cannot be stored.
   */
  submit(job: JobSubmission): Promise<JobStatus>;
  /** The job now, or undefined for an unknown id. */
  get(id: string): Promise<JobStatus | undefined>;
  health(): Promise<JobQueueHealth>;
  /** Stop taking jobs; in-process backends fail running ones (INTERNAL) and may drop their state. */
  close(): Promise<void>;
}

/**
 * The runner side of a job, given to `executeJob` (src/jobs/execute.ts) by whichever process
 * runs it: the API process (in-process queue) or `warrant worker` (PostgreSQL).
 */
export interface JobExecutionDeps {
  /** The job's files as the upload gave them: `{name, bytes, role}` in the request's order, no mediaType. */
  loadInputs(job: JobRequest): Promise<InputFile[]>;
  /**
   * Run the analysis (a worker pool or inline) with the options the synchronous path uses
   * (`skipUnreadable: true`); `onProgress` is called from the pipeline.
   */
  analyze(
    inputs: InputFile[],
    options: { profile: string; createdAt: string; skipUnreadable: boolean; signal?: AbortSignal; onProgress?: (p: AnalysisProgress) => void },
  ): Promise<Report>;
  /**
   * Store the report as analysis `job.analysisId` with the bytes of each input it names
   * (`storedInputs`), exactly as the synchronous path stores it. Idempotent: storing a job's
   * analysis a second time stores nothing.
   */
  saveAnalysis(job: JobRequest, report: Report, inputs: Array<InputRef & { bytes: Uint8Array }>): Promise<void>;
}

/** Progress as a job backend records it (throttled by the caller; see src/jobs/progress.ts). */
export type JobProgress = AnalysisProgress;
