/**
 * Analyses as jobs (issue 15 item 2): the queue interface shared by the in-process queue (SQLite,
 * one process: src/jobs/in-process.ts) and the PostgreSQL queue (pg-boss, run by `warrant worker`
 * processes). The job records themselves, and the lifecycle every backend keeps, are data model:
 * src/model/jobs.ts (re-exported here).
 */
import type { InputFile, InputRef, Report } from '../model/types.ts';
import type { AnalysisProgress } from '../model/progress.ts';
import type { JobRequest, JobStatus } from '../model/jobs.ts';

export * from '../model/jobs.ts';

/** What the API hands to `submit`: the uploaded files with their bytes. */
export interface JobSubmission {
  profile: string;
  /** Files as the synchronous path would analyse them (name, bytes, role when given). */
  inputs: InputFile[];
  createdAt: string;
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
