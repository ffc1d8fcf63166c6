/**
 * The PostgreSQL job queue (issue 15 item 3; the only importer of pg-boss, which claims jobs with
 * SELECT … FOR UPDATE SKIP LOCKED). Used when WARRANT_DATABASE_URL is set: API servers `submit`,
 * `warrant worker` processes `work`, all against one database, so N API processes and M workers
 * share one queue and one history.
 *
 * Two records per job, each with one job:
 * - the `jobs` row in Warrant's storage (src/storage/) is what GET /api/jobs/{id} shows on any
 *   server: state, stage, pages, attempts, the analysis once done, the error once failed;
 * - the pg-boss job carries the {@link JobRequest} (no bytes) and decides who runs it and when.
 *
 * Semantics:
 * - A worker that dies mid-job (SIGKILL, OOM, a lost machine) leaves its pg-boss job active; after
 *   `expireInSeconds` pg-boss's maintenance fails it by timeout and retries it on another worker.
 *   `expireInSeconds` is above the analysis deadline, so a live worker always finishes first.
 * - Retries are bounded: JOB_MAX_ATTEMPTS starts in all. A retryable error (INTERNAL,
 *   STORAGE_UNAVAILABLE, BUSY) is thrown back to pg-boss for another attempt; any other error (the
 *   input's fault: it would fail the same way again) ends the job `failed` at once. A job that
 *   exhausts its attempts by dying goes to the dead-letter queue, whose handler marks it failed
 *   with an INTERNAL error, so it is visible in the API and never stays "running".
 * - Completion is once: the analysis id is fixed at submit, and `Storage.completeJob` saves the
 *   analysis and marks the job done in one transaction under a row lock, so a retry racing a slow
 *   first attempt stores nothing the second time.
 */
import PgBoss from 'pg-boss';
import { WarrantError } from '../model/errors.ts';
import type { AnalysisProgress } from '../model/progress.ts';
import type { Storage } from '../storage/index.ts';
import { executeJob, isRetryableJobError, jobRequestOf, toJobError } from './execute.ts';
import { throttleProgress } from './progress.ts';
import { JOB_MAX_ATTEMPTS, type JobExecutionDeps, type JobQueue, type JobQueueHealth, type JobRequest, type JobStatus, type JobSubmission } from './types.ts';

/** The pg-boss queue of analyses, and its dead-letter queue. */
export const ANALYSIS_QUEUE = 'warrant-analysis';
const DEAD_LETTER_QUEUE = 'warrant-analysis-dead';

/** Settings of the PostgreSQL queue. */
export interface PgQueueOptions {
  /** postgres:// URL (WARRANT_DATABASE_URL). */
  url: string;
  /** The storage on the same database (job rows, inputs, analyses). */
  storage: Storage;
  /** Seconds a job may stay active before it is taken for lost (its worker died) and retried. */
  expireInSeconds: number;
  /** Seconds between pg-boss maintenance runs (expiry of lost jobs is checked then; default 30). */
  maintenanceIntervalSeconds?: number;
  /** Seconds before a retry (default 1). */
  retryDelaySeconds?: number;
  /** Jobs that may wait; beyond it `submit` refuses with BUSY (default 1000). */
  maxQueued?: number;
  /** Seconds between polls of an idle worker (default 0.5). */
  pollingIntervalSeconds?: number;
  /** Structured log sink. */
  log?: (entry: Record<string, unknown>) => void;
}

/** A queue the API submits to and `warrant worker` takes jobs from. */
export interface PgJobQueue extends JobQueue {
  /**
   * Take jobs until closed: `concurrency` at a time, each run by `executeJob` with `analyze`
   * (the worker's pool). Resolves once the pollers are registered.
   */
  work(options: { analyze: JobExecutionDeps['analyze']; concurrency: number }): Promise<void>;
}

/** Connect (installing pg-boss's schema on first use) and create the queues. */
export async function openPgQueue(options: PgQueueOptions): Promise<PgJobQueue> {
  const log = options.log ?? (() => {});
  const storage = options.storage;
  const maxQueued = options.maxQueued ?? 1000;
  const retryLimit = JOB_MAX_ATTEMPTS - 1;
  const sendOptions: PgBoss.SendOptions = {
    retryLimit,
    retryDelay: options.retryDelaySeconds ?? 1,
    expireInSeconds: options.expireInSeconds,
    deadLetter: DEAD_LETTER_QUEUE,
  };
  const boss = new PgBoss({
    connectionString: options.url,
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    // Nothing here is scheduled; no cron polling.
    schedule: false,
  });
  boss.on('error', (err: Error) => {
    log({ level: 'error', msg: 'queue error', error: err.message });
  });
  try {
    await boss.start();
    await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE });
    await boss.createQueue(ANALYSIS_QUEUE, { name: ANALYSIS_QUEUE, ...sendOptions });
  } catch (cause) {
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
    throw new WarrantError('STORAGE_UNAVAILABLE', `cannot start the job queue: ${(cause as Error).message}`, { cause });
  }
  let closed = false;

  /** Run one pg-boss job: the attempt is counted in storage, the outcome recorded there. */
  const runJob = async (job: PgBoss.JobWithMetadata<JobRequest>, analyze: JobExecutionDeps['analyze']): Promise<void> => {
    const request = job.data;
    const attempt = job.retryCount + 1;
    const started = await storage.startJob(request.id);
    if (!started) {
      // Already done or failed (a retry of a job a slow first attempt finished): nothing to do.
      log({ level: 'info', msg: 'job already ended', jobId: request.id, attempt });
      return;
    }
    const t0 = performance.now();
    log({ level: 'info', msg: 'job started', jobId: request.id, requestId: request.requestId, attempt, pid: process.pid });
    // This attempt's number in storage: a stale attempt (its job expired and was retried while it ran) changes nothing.
    const mine = started.attempts;
    const onProgress = throttleProgress((p: AnalysisProgress) => {
      storage.setJobProgress(request.id, p, mine).catch(() => {});
    });
    try {
      await executeJob(
        request,
        {
          loadInputs: (r) => storage.jobInputs(r.id),
          analyze,
          saveAnalysis: async (r, report, inputs) => {
            const { completed } = await storage.completeJob(r.id, report, inputs);
            log({ level: 'info', msg: completed ? 'job done' : 'job already done', jobId: r.id, analysisId: r.analysisId, attempt, ms: Math.round(performance.now() - t0) });
          },
        },
        { onProgress },
      );
    } catch (err) {
      const error = toJobError(err);
      const retry = isRetryableJobError(error) && job.retryCount < job.retryLimit && !closed;
      log({
        level: error.code === 'INTERNAL' ? 'error' : 'info',
        msg: retry ? 'job attempt failed; will retry' : 'job failed',
        jobId: request.id,
        attempt,
        code: error.code,
        error: error.code === 'INTERNAL' ? String((err as Error)?.stack ?? err) : error.message,
      });
      if (retry) {
        await storage.requeueJob(request.id, mine).catch(() => {});
        throw err; // pg-boss retries it after retryDelay
      }
      await storage.failJob(request.id, error, mine);
    }
  };

  return {
    async submit(sub: JobSubmission): Promise<JobStatus> {
      if (closed) throw new WarrantError('STORAGE_UNAVAILABLE', 'the job queue is closed');
      const { queued } = await storage.jobCounts();
      if (queued >= maxQueued) throw new WarrantError('BUSY', `${queued} analyses are waiting; try again shortly`, { details: { retryAfterSeconds: 5 } });
      const request = jobRequestOf(sub);
      const id = request.id;
      // Inputs and the job row first: a worker in any process finds everything it needs.
      await storage.createJob(request, sub.inputs);
      try {
        await boss.send(ANALYSIS_QUEUE, request, { ...sendOptions, id });
      } catch (cause) {
        await storage.failJob(id, { code: 'STORAGE_UNAVAILABLE', message: 'the job could not be queued' }).catch(() => {});
        throw new WarrantError('STORAGE_UNAVAILABLE', `the job could not be queued: ${(cause as Error).message}`, { cause });
      }
      log({ level: 'info', msg: 'job queued', jobId: id, requestId: sub.requestId, inputs: request.inputs.length });
      return (await storage.getJob(id))!;
    },

    get: (id) => storage.getJob(id),

    async health(): Promise<JobQueueHealth> {
      try {
        const counts = await storage.jobCounts();
        return { backend: 'postgres', ok: !closed, ...counts };
      } catch {
        return { backend: 'postgres', ok: false, queued: 0, running: 0 };
      }
    },

    async work({ analyze, concurrency }): Promise<void> {
      const workOptions = { batchSize: 1, includeMetadata: true as const, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 };
      // One poller per slot: each takes one job (SKIP LOCKED), runs it, then polls again.
      for (let i = 0; i < Math.max(1, concurrency); i++) {
        let pollerId: string | undefined;
        pollerId = await boss.work<JobRequest>(ANALYSIS_QUEUE, workOptions, async ([job]) => {
          if (!job) return;
          try {
            await runJob(job, analyze);
          } finally {
            // pg-boss waits out the polling interval after every fetch; after a job, look for the next one at once.
            if (pollerId) boss.notifyWorker(pollerId);
          }
        });
      }
      // A job that used up its attempts by dying (expired each time) lands here: it ends failed, visibly.
      await boss.work<JobRequest>(DEAD_LETTER_QUEUE, workOptions, async ([job]) => {
        if (!job) return;
        const failed = await storage.failJob(job.data.id, {
          code: 'INTERNAL',
          message: `the job was stopped ${JOB_MAX_ATTEMPTS} times before it finished (its worker died or passed the deadline)`,
        });
        if (failed) log({ level: 'error', msg: 'job failed', jobId: job.data.id, code: 'INTERNAL', error: 'attempts exhausted by lost workers' });
      });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // Graceful: running jobs finish (or the process is stopped and they are retried elsewhere).
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => {});
    },
  };
}
