/**
 * Runs the PDF worker (src/ingest/pdf-worker.mjs) in a worker_thread with a heap cap and a
 * wall-clock timeout, so a hostile or broken PDF cannot hang or crash the process: on timeout
 * the worker is terminated; on heap exhaustion only the worker dies; and since decoded streams
 * live outside the heap, the process RSS is watched too (growth past the cap plus the worker's
 * own footprint stops the worker; with several parses at once the budget is shared). Errors
 * become WarrantErrors.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { WarrantError } from '../model/errors.ts';
import type { PdfExtraction, PdfWorkerMessage } from './pdf-types.ts';

const require = createRequire(import.meta.url);
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

/** Extract positioned text and image boxes from PDF bytes in a resource-limited worker; `onPage` hears each page read. */
export function extractPdf(bytes: Uint8Array, name: string, limits: PdfExtractLimits, onPage?: (pagesDone: number, pagesTotal: number) => void): Promise<PdfExtraction> {
  const pdfjsPath = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  return new Promise<PdfExtraction>((resolve, reject) => {
    let settled = false;
    const worker = new Worker(WORKER_URL, {
      // a copy: pdfjs may detach the buffer it is given, and the caller still needs its bytes
      workerData: { bytes: new Uint8Array(bytes), maxPages: limits.maxPages, pdfjsPath, progress: onPage !== undefined },
      resourceLimits: {
        maxOldGenerationSizeMb: limits.maxMemoryMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.min(16, Math.floor(limits.maxMemoryMb / 8))),
      },
      stdout: true,
      stderr: true,
    });
    // pdfjs prints warnings on the worker's console; they are not ours to show
    worker.stdout.resume();
    worker.stderr.resume();
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      fn();
      void worker.terminate();
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
    worker.on('message', (msg: PdfWorkerMessage) => {
      if ('page' in msg) return void (settled || onPage?.(msg.page, msg.numPages));
      finish(() => {
        if (msg.ok) resolve(msg.data);
        else reject(new WarrantError(msg.code, `${name}: ${msg.message}`, { file: name }));
      });
    });
    worker.on('error', (err: Error & { code?: string }) => {
      finish(() => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(new WarrantError('PARSE_OUT_OF_MEMORY', `${name}: PDF parsing needed more than ${limits.maxMemoryMb} MB and was stopped`, { file: name, cause: err }));
        } else {
          reject(new WarrantError('PDF_CORRUPT', `${name}: the PDF cannot be parsed: ${err.message}`, { file: name, cause: err }));
        }
      });
    });
    worker.on('exit', (code) => {
      finish(() => reject(new WarrantError('PDF_CORRUPT', `${name}: the PDF reader stopped unexpectedly (exit code ${code})`, { file: name })));
    });
  });
}
