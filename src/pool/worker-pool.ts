/**
 * A small pool of worker threads that run `analyze()` (src/pool/analyze-worker.js).
 * Used by the server (analyses off the event loop) and by `warrant analyze --jobs N` / `--timeout`.
 * Errors cross the thread boundary as data and are rebuilt as WarrantError.
 *
 * Bounded work (issue 17): every worker has a heap cap (`resourceLimits`); an analysis has a deadline,
 * enforced by terminating its worker and starting a fresh one; a job whose caller gave up (an aborted
 * signal: the HTTP client disconnected) is dropped from the queue or its worker terminated; and the
 * queue is bounded, beyond which `run` refuses at once with BUSY.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WarrantError, type ErrorCode } from '../model/errors.ts';
import { parseReportJson } from '../model/report-json.ts';
import type { InputFile, Report } from '../model/types.ts';
import type { IngestOptions } from '../ingest/index.ts';
import type { Suppression } from '../assess/index.ts';
import type { AnalysisProgress, ProgressListener } from '../model/progress.ts';

/** One job: inputs analysed together into one report. */
export interface PoolJob {
  inputs: InputFile[];
  profile: string;
  createdAt: string;
  /** Config-file suppressions (plain data). */
  suppressions?: Suppression[];
  /** Go on without unreadable inputs, listing them in `report.skipped` (AnalyzeOptions.skipUnreadable). */
  skipUnreadable?: boolean;
  /** Post progress messages (stages, PDF pages; throttled in the worker). Set by `run` when it has `onProgress`. */
  progress?: boolean;
}

/** Settings every worker starts with. */
export interface PoolOptions {
  size?: number;
  rulesDirs?: string[];
  ingest?: IngestOptions;
  /** Deadline of one analysis, ms (from when a loaded worker takes it); none when omitted. */
  timeoutMs?: number;
  /** Heap cap of each worker (old generation), MB (default 1024). */
  maxHeapMb?: number;
  /** Jobs that may wait for a worker (default: unbounded); beyond it `run` rejects with BUSY. */
  maxQueue?: number;
}

/** Per-run options. */
export interface RunOptions {
  /** Aborting it cancels the job (queued: dropped; running: its worker is terminated). */
  signal?: AbortSignal;
  /** Hears the job's progress, forwarded from its worker thread (issue 15). */
  onProgress?: ProgressListener;
}

/** What the pool is doing (for /healthz). */
export interface PoolStats {
  size: number;
  busy: number;
  queued: number;
  maxQueue: number | null;
}

interface Pending {
  job: PoolJob;
  resolve: (r: Report) => void;
  reject: (e: unknown) => void;
  timer?: NodeJS.Timeout;
  started?: boolean;
  onAbort?: () => void;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

type WorkerReply =
  | { ready: true }
  | { progress: AnalysisProgress }
  | { ok: true; json: string }
  | { ok: false; error: { code: ErrorCode; message: string; file?: string; line?: number; column?: number; details?: Record<string, unknown> } };

const ENTRY = fileURLToPath(new URL('./analyze-worker.js', import.meta.url));

/** Default heap cap of an analysis worker, MB. */
export const DEFAULT_WORKER_HEAP_MB = 1024;

/** A fixed-size worker pool with a bounded FIFO queue. */
export class WorkerPool {
  readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly ready = new Set<Worker>();
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private closed = false;

  constructor(private readonly options: PoolOptions = {}) {
    this.size = Math.max(1, options.size || availableParallelism());
  }

  /** Run one job; resolves with its report. */
  run(job: PoolJob, runOptions: RunOptions = {}): Promise<Report> {
    if (this.closed) return Promise.reject(new WarrantError('INTERNAL', 'worker pool is closed'));
    const { signal } = runOptions;
    if (signal?.aborted) return Promise.reject(new WarrantError('CANCELLED', 'the analysis was cancelled before it started'));
    const maxQueue = this.options.maxQueue ?? Infinity;
    const freeWorkers = this.idle.length + (this.size - this.all.size);
    if (freeWorkers <= 0 && this.queue.length >= maxQueue) {
      return Promise.reject(new WarrantError('BUSY', `all ${this.size} analysis workers are busy and ${this.queue.length} analyses are waiting; try again shortly`, { details: { retryAfterSeconds: 5 } }));
    }
    return new Promise((resolve, reject) => {
      const p: Pending = { job: runOptions.onProgress ? { ...job, progress: true } : job, resolve, reject, signal, onProgress: runOptions.onProgress };
      if (signal) {
        p.onAbort = () => this.cancel(p);
        signal.addEventListener('abort', p.onAbort, { once: true });
      }
      this.queue.push(p);
      this.pump();
    });
  }

  /** Workers, busy ones and the queue, now. */
  stats(): PoolStats {
    const maxQueue = this.options.maxQueue;
    return { size: this.size, busy: this.busy.size, queued: this.queue.length, maxQueue: maxQueue === undefined || !Number.isFinite(maxQueue) ? null : maxQueue };
  }

  private settle(p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
  }

  private cancel(p: Pending): void {
    const i = this.queue.indexOf(p);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.settle(p);
      p.reject(new WarrantError('CANCELLED', 'the analysis was cancelled: its client went away'));
      return;
    }
    for (const [w, q] of this.busy) {
      if (q === p) this.kill(w, new WarrantError('CANCELLED', 'the analysis was cancelled: its client went away'));
    }
  }

  /** Terminate a busy worker and fail its job with `error`; a fresh worker takes its place. */
  private kill(w: Worker, error: WarrantError): void {
    const p = this.busy.get(w);
    this.busy.delete(w);
    this.forget(w);
    if (p) {
      this.settle(p);
      p.reject(error);
    }
    void w.terminate();
    this.pump();
  }

  private forget(w: Worker): void {
    this.all.delete(w);
    this.ready.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private startClock(w: Worker, p: Pending): void {
    const ms = this.options.timeoutMs;
    if (p.started || !ms) return;
    p.started = true;
    p.timer = setTimeout(() => {
      if (this.busy.get(w) !== p) return;
      this.kill(w, new WarrantError('ANALYSIS_TIMEOUT', `the analysis took longer than ${ms} ms and was stopped (WARRANT_ANALYSIS_TIMEOUT_MS / --timeout)`, { details: { timeoutMs: ms } }));
    }, ms);
    p.timer.unref?.();
  }

  private spawn(): Worker {
    const w = new Worker(ENTRY, {
      workerData: { rulesDirs: this.options.rulesDirs ?? [], ingest: this.options.ingest ?? {} },
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? DEFAULT_WORKER_HEAP_MB },
    });
    w.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        this.ready.add(w);
        const p = this.busy.get(w);
        if (p) this.startClock(w, p);
        return;
      }
      if ('progress' in reply) {
        try {
          this.busy.get(w)?.onProgress?.(reply.progress);
        } catch {
          // progress is advisory: a failing listener never fails the analysis
        }
        return;
      }
      const p = this.busy.get(w);
      this.busy.delete(w);
      if (p) {
        this.settle(p);
        if (reply.ok) {
          try {
            p.resolve(parseReportJson(reply.json));
          } catch (err) {
            p.reject(new WarrantError('INTERNAL', `internal error: the worker's report could not be read: ${(err as Error).message}`));
          }
        } else p.reject(new WarrantError(reply.error.code, reply.error.message, { file: reply.error.file, line: reply.error.line, column: reply.error.column, details: reply.error.details }));
      }
      this.idle.push(w);
      this.pump();
    });
    w.on('error', (err: Error & { code?: string }) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      this.forget(w);
      if (p) {
        this.settle(p);
        // A worker that hit its heap cap took the input with it: the input is too large to analyse here.
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') p.reject(new WarrantError('TOO_LARGE', `the analysis needed more than the ${this.options.maxHeapMb ?? DEFAULT_WORKER_HEAP_MB} MB a worker may use; the input is too large`));
        else p.reject(new WarrantError('INTERNAL', `analysis worker failed: ${err.message}`));
      }
      if (!this.closed) this.pump();
    });
    w.on('exit', () => {
      this.forget(w);
      const p = this.busy.get(w);
      if (p) {
        this.busy.delete(w);
        this.settle(p);
        p.reject(new WarrantError('INTERNAL', 'analysis worker exited'));
      }
      if (!this.closed) this.pump();
    });
    this.all.add(w);
    return w;
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      let w = this.idle.pop();
      if (!w) {
        if (this.all.size >= this.size) return;
        w = this.spawn();
      }
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.postMessage(p.job);
      if (this.ready.has(w)) this.startClock(w, p);
    }
  }

  /** Stop all workers; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) {
      this.settle(p);
      p.reject(new WarrantError('INTERNAL', 'worker pool closed'));
    }
    await Promise.all([...this.all].map((w) => w.terminate()));
  }
}
