/**
 * The in-process job queue (issue 15 item 2): used when WARRANT_DATABASE_URL is not set (SQLite,
 * one server process). Job state and the uploaded bytes live in this process's memory until the
 * job ends; a finished job's analysis is stored in the store exactly as the synchronous path
 * stores it, and a failed job keeps its error. A restart forgets live jobs (their clients see 404
 * and submit again); the PostgreSQL queue is the durable one.
 *
 * Jobs run FIFO, at most `concurrency` at a time, on the same runner (worker pool) as synchronous
 * analyses. A retryable failure (a crashed worker, a pool that was full of synchronous work) is
 * tried again after a short wait, up to JOB_MAX_ATTEMPTS starts in all.
 */
import { WarrantError } from '../model/errors.ts';
import type { InputFile } from '../model/types.ts';
import type { AnalysisProgress } from '../model/progress.ts';
import { executeJob, isRetryableJobError, jobRequestOf, toJobError } from './execute.ts';
import { JOB_MAX_ATTEMPTS, type JobExecutionDeps, type JobQueue, type JobQueueHealth, type JobRequest, type JobStatus, type JobSubmission } from './types.ts';

/** Settings of an in-process queue. */
export interface InProcessQueueOptions {
  /** Runs the analysis and stores it (the server's runner and store). */
  analyze: JobExecutionDeps['analyze'];
  saveAnalysis: JobExecutionDeps['saveAnalysis'];
  /** Jobs running at once (default 1; the server passes its worker count). */
  concurrency?: number;
  /** Jobs that may wait; beyond it `submit` refuses with BUSY (default 100). */
  maxQueued?: number;
  /** Ended jobs remembered for GET /api/jobs/{id}, oldest forgotten first (default 1000). */
  maxEnded?: number;
  /** Wait before a retry, ms, times the attempt number (default 1000). */
  retryDelayMs?: number;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Structured log sink (errors of failed jobs). */
  log?: (entry: Record<string, unknown>) => void;
}

interface Entry {
  status: JobStatus;
  request: JobRequest;
  /** The uploaded files, dropped when the job ends. */
  files?: InputFile[];
}

/** Create an in-process queue. */
export function createInProcessQueue(options: InProcessQueueOptions): JobQueue {
  const now = options.now ?? (() => new Date());
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const maxQueued = options.maxQueued ?? 100;
  const maxEnded = options.maxEnded ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const jobs = new Map<string, Entry>();
  const waiting: Entry[] = [];
  const running = new Map<Entry, AbortController>();
  const ended: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const touch = (e: Entry, patch: Partial<JobStatus>): void => {
    e.status = { ...e.status, ...patch, updatedAt: now().toISOString() };
  };

  const end = (e: Entry, patch: Partial<JobStatus>): void => {
    touch(e, patch);
    e.files = undefined;
    ended.push(e.status.id);
    while (ended.length > maxEnded) jobs.delete(ended.shift()!);
  };

  const progress = (e: Entry) => (p: AnalysisProgress): void => {
    if (e.status.state !== 'running') return;
    // A new stage or input clears the page counts of the last one.
    const { stage, pagesDone, pagesTotal, input, inputIndex, inputCount } = p;
    e.status = { ...e.status, stage, pagesDone, pagesTotal, input, inputIndex, inputCount, updatedAt: now().toISOString() };
  };

  const deps = (e: Entry): JobExecutionDeps => ({
    loadInputs: async () => {
      if (!e.files) throw new WarrantError('INTERNAL', `job ${e.status.id} has no inputs left`);
      return e.files;
    },
    analyze: options.analyze,
    saveAnalysis: options.saveAnalysis,
  });

  const start = (e: Entry): void => {
    const controller = new AbortController();
    running.set(e, controller);
    touch(e, { state: 'running', attempts: e.status.attempts + 1, stage: undefined, pagesDone: undefined, pagesTotal: undefined });
    executeJob(e.request, deps(e), { signal: controller.signal, onProgress: progress(e) })
      .then(
        ({ analysisId }) => end(e, { state: 'done', analysisId, pagesDone: undefined, pagesTotal: undefined }),
        (err: unknown) => {
          const error = toJobError(err);
          if (error.code === 'INTERNAL') options.log?.({ level: 'error', msg: 'job failed', jobId: e.status.id, requestId: e.request.requestId, error: String((err as Error)?.stack ?? err) });
          if (!closed && isRetryableJobError(error) && e.status.attempts < JOB_MAX_ATTEMPTS) {
            touch(e, { state: 'queued' });
            const timer = setTimeout(() => {
              timers.delete(timer);
              if (closed) return;
              waiting.push(e);
              pump();
            }, retryDelayMs * e.status.attempts);
            timer.unref?.();
            timers.add(timer);
            return;
          }
          end(e, { state: 'failed', error });
        },
      )
      .finally(() => {
        running.delete(e);
        pump();
      });
  };

  const pump = (): void => {
    while (!closed && running.size < concurrency && waiting.length > 0) start(waiting.shift()!);
  };

  return {
    async submit(job: JobSubmission): Promise<JobStatus> {
      if (closed) throw new WarrantError('STORAGE_UNAVAILABLE', 'the job queue is closed');
      if (waiting.length >= maxQueued) {
        throw new WarrantError('BUSY', `${waiting.length} analyses are waiting; try again shortly`, { details: { retryAfterSeconds: 5 } });
      }
      const request = jobRequestOf(job);
      const { id, inputs } = request;
      const at = now().toISOString();
      const e: Entry = {
        request,
        // The bytes stay here; the analysis gets the files as uploaded (no mediaType), as the synchronous path does.
        files: job.inputs.map((f) => ({ name: f.name, bytes: f.bytes, ...(f.role ? { role: f.role } : {}) })),
        status: { id, state: 'queued', attempts: 0, profile: job.profile, inputs, createdAt: job.createdAt, updatedAt: at, ...(job.requestId ? { requestId: job.requestId } : {}) },
      };
      jobs.set(id, e);
      waiting.push(e);
      const queued = { ...e.status };
      // Start on the next turn, so the caller answers 202 before a fast analysis finishes.
      setImmediate(pump);
      return queued;
    },

    async get(id: string): Promise<JobStatus | undefined> {
      const e = jobs.get(id);
      return e ? { ...e.status } : undefined;
    },

    async health(): Promise<JobQueueHealth> {
      return { backend: 'in-process', ok: !closed, queued: waiting.length, running: running.size };
    },

    async close(): Promise<void> {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const e of waiting.splice(0)) end(e, { state: 'failed', error: { code: 'CANCELLED', message: 'the server stopped before the job ran' } });
      for (const controller of running.values()) controller.abort();
    },
  };
}
