/**
 * A small pool of worker threads that run `analyze()` (src/pool/analyze-worker.ts).
 * Used by the server (analyses off the event loop) and by `warrant analyze --jobs N`.
 * Errors cross the thread boundary as data and are rebuilt as WarrantError.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WarrantError, type ErrorCode } from '../model/errors.ts';
import type { InputFile, Report } from '../model/types.ts';
import type { IngestOptions } from '../ingest/index.ts';
import type { Suppression } from '../assess/index.ts';

/** One job: inputs analysed together into one report. */
export interface PoolJob {
  inputs: InputFile[];
  profile: string;
  createdAt: string;
  /** Config-file suppressions (plain data). */
  suppressions?: Suppression[];
}

/** Settings every worker starts with. */
export interface PoolOptions {
  size?: number;
  rulesDirs?: string[];
  ingest?: IngestOptions;
}

interface Pending {
  job: PoolJob;
  resolve: (r: Report) => void;
  reject: (e: unknown) => void;
}

type WorkerReply = { ok: true; report: Report } | { ok: false; error: { code: ErrorCode; message: string; file?: string; line?: number; column?: number } };

const ENTRY = fileURLToPath(new URL('./analyze-worker.js', import.meta.url));

/** A fixed-size worker pool with a FIFO queue. */
export class WorkerPool {
  readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private closed = false;

  constructor(private readonly options: PoolOptions = {}) {
    this.size = Math.max(1, options.size || availableParallelism());
  }

  /** Run one job; resolves with its report. */
  run(job: PoolJob): Promise<Report> {
    if (this.closed) return Promise.reject(new WarrantError('INTERNAL', 'worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private spawn(): Worker {
    const w = new Worker(ENTRY, { workerData: { rulesDirs: this.options.rulesDirs ?? [], ingest: this.options.ingest ?? {} } });
    w.on('message', (reply: WorkerReply) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      if (p) {
        if (reply.ok) p.resolve(reply.report);
        else p.reject(new WarrantError(reply.error.code, reply.error.message, { file: reply.error.file, line: reply.error.line, column: reply.error.column }));
      }
      this.idle.push(w);
      this.pump();
    });
    w.on('error', (err) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      this.all.delete(w);
      p?.reject(new WarrantError('INTERNAL', `analysis worker failed: ${err.message}`));
      this.pump();
    });
    w.on('exit', () => {
      this.all.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
      const p = this.busy.get(w);
      if (p) {
        this.busy.delete(w);
        p.reject(new WarrantError('INTERNAL', 'analysis worker exited'));
      }
      if (!this.closed) this.pump();
    });
    this.all.add(w);
    return w;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let w = this.idle.pop();
      if (!w) {
        if (this.all.size >= this.size) return;
        w = this.spawn();
      }
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.postMessage(p.job);
    }
  }

  /** Stop all workers; queued jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new WarrantError('INTERNAL', 'worker pool closed'));
    await Promise.all([...this.all].map((w) => w.terminate()));
  }
}
