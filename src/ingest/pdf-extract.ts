/**
 * Runs the PDF worker (src/ingest/pdf-worker.mjs) in a worker_thread with a heap cap and a
 * wall-clock timeout, so a hostile or broken PDF cannot hang or crash the process: on timeout
 * the worker is terminated; on heap exhaustion only the worker dies; and since decoded streams
 * live outside the heap, the process RSS is watched too (growth past the cap plus the worker's
 * own footprint stops the worker; with several parses at once the budget is shared). Errors
 * become WarrantErrors.
 *
 * Starting a worker and loading pdfjs into it costs more than reading a short PDF, so a worker
 * that read a file without trouble is kept (idle, not holding the process open) and reads the
 * next file with the same heap cap; one that failed, timed out or went over the memory budget is
 * terminated and the next file gets a fresh one. Files read at the same time get one worker each.
 */
import { Worker } from 'node:worker_threads';
import { WarrantError } from '../model/errors.ts';
import type { PdfExtraction, PdfWorkerMessage } from './pdf-types.ts';

const WORKER_URL = new URL('./pdf-worker.mjs', import.meta.url);

/** Limits of one extraction. */
export interface PdfExtractLimits {
  maxPages: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

/** Memory a worker thread with pdfjs loaded takes before it reads anything (isolate, code), MB. */
const WORKER_OVERHEAD_MB = 96;

/** Default limits (IngestOptions defaults). */
export const PDF_DEFAULT_LIMITS: PdfExtractLimits = { maxPages: 500, timeoutMs: 60_000, maxMemoryMb: 512 };

/** Idle workers kept for the next file, at most. */
const MAX_IDLE_WORKERS = 2;

interface PooledWorker {
  worker: Worker;
  /** The heap cap it was started with (a worker's resourceLimits are fixed at start). */
  maxMemoryMb: number;
}

const idle: PooledWorker[] = [];
let started = 0;

/** How many PDF workers this process has started (the bench and the tests read it to see reuse). */
export function pdfWorkersStarted(): number {
  return started;
}

function startWorker(maxMemoryMb: number): PooledWorker {
  started++;
  const worker = new Worker(WORKER_URL, {
    resourceLimits: {
      maxOldGenerationSizeMb: maxMemoryMb,
      // up to V8's own default young generation: a smaller one costs pdfjs a tenth of its time in scavenges
      maxYoungGenerationSizeMb: Math.max(4, Math.min(48, Math.floor(maxMemoryMb / 8))),
    },
  });
  // between files nobody else listens: an idle worker that fails just exits (and leaves the pool), it must not throw here
  worker.on('error', () => undefined);
  return { worker, maxMemoryMb };
}

function takeWorker(maxMemoryMb: number): PooledWorker {
  const i = idle.findIndex((w) => w.maxMemoryMb === maxMemoryMb);
  if (i < 0) return startWorker(maxMemoryMb);
  const pooled = idle.splice(i, 1)[0]!;
  pooled.worker.removeAllListeners('exit');
  pooled.worker.ref();
  return pooled;
}

function releaseWorker(pooled: PooledWorker): void {
  if (idle.length >= MAX_IDLE_WORKERS) return void pooled.worker.terminate();
  pooled.worker.unref();
  // an idle worker that dies is simply forgotten
  pooled.worker.once('exit', () => {
    const i = idle.indexOf(pooled);
    if (i >= 0) idle.splice(i, 1);
  });
  idle.push(pooled);
}

/** Stop the idle workers (they do not keep the process alive; this frees their memory now). */
export async function closePdfWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.worker.terminate()));
}

/** Extract positioned text and image boxes from PDF bytes in a resource-limited worker; `onPage` hears each page read. */
export function extractPdf(bytes: Uint8Array, name: string, limits: PdfExtractLimits, onPage?: (pagesDone: number, pagesTotal: number) => void): Promise<PdfExtraction> {
  return new Promise<PdfExtraction>((resolve, reject) => {
    let settled = false;
    const pooled = takeWorker(limits.maxMemoryMb);
    const { worker } = pooled;
    const finish = (fn: () => void, reusable = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) releaseWorker(pooled);
      else void worker.terminate();
      fn();
    };
    // resourceLimits caps the JavaScript heap only; decoded streams and images live in
    // ArrayBuffers outside it (a small PDF can inflate to gigabytes). Watch the process RSS too.
    const rssStart = process.memoryUsage.rss();
    const rssBudget = (limits.maxMemoryMb + WORKER_OVERHEAD_MB) * 1024 * 1024;
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - rssStart > rssBudget) {
        finish(() => reject(new WarrantError('PARSE_OUT_OF_MEMORY', `${name}: PDF parsing needed more than ${limits.maxMemoryMb} MB and was stopped`, { file: name })));
      }
    }, 25);
    const timer = setTimeout(() => {
      finish(() => reject(new WarrantError('PARSE_TIMEOUT', `${name}: PDF parsing took longer than ${limits.timeoutMs} ms and was stopped`, { file: name })));
    }, limits.timeoutMs);
    const onMessage = (msg: PdfWorkerMessage): void => {
      if ('page' in msg) return void (settled || onPage?.(msg.page, msg.numPages));
      if (msg.ok) finish(() => resolve(msg.data), true);
      else finish(() => reject(new WarrantError(msg.code, `${name}: ${msg.message}`, { file: name })));
    };
    const onError = (err: Error & { code?: string }): void => {
      finish(() => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new WarrantError('PARSE_OUT_OF_MEMORY', `${name}: PDF parsing needed more than ${limits.maxMemoryMb} MB and was stopped`, { file: name, cause: err }));
        } else {
          reject(new WarrantError('PDF_CORRUPT', `${name}: the PDF cannot be parsed: ${err.message}`, { file: name, cause: err }));
        }
      });
    };
    const onExit = (code: number): void => {
      finish(() => reject(new WarrantError('PDF_CORRUPT', `${name}: the PDF reader stopped unexpectedly (exit code ${code})`, { file: name })));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // a copy, handed over: pdfjs may detach the buffer it is given, and the caller still needs its bytes
    const copy = new Uint8Array(bytes);
    worker.postMessage({ bytes: copy, maxPages: limits.maxPages, maxMemoryMb: limits.maxMemoryMb, progress: onPage !== undefined }, [copy.buffer]);
  });
}
