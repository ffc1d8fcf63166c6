/**
 * Analysis runners for the server: inline (same thread) or a worker pool, so the server keeps
 * answering /healthz while a large document is analysed.
 */
import type { InputFile, Report } from '../model/types.ts';
import { analyze } from '../analyze.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { IngestOptions } from '../ingest/index.ts';
import type { AnalysisRunner } from './context.ts';
import { WorkerPool } from '../pool/worker-pool.ts';

/** Runs analyses in the calling thread. */
export function inlineRunner(rules: CompiledRules, ingest: IngestOptions = {}): AnalysisRunner {
  return { run: (inputs, o) => analyze(inputs, { rules, profile: o.profile, createdAt: o.createdAt, ingest, skipUnreadable: o.skipUnreadable, onProgress: o.onProgress }) };
}

/** Runs analyses on a pool of worker threads. */
export function poolRunner(pool: WorkerPool): AnalysisRunner & { close(): Promise<void> } {
  return {
    run: (inputs: InputFile[], o) => pool.run({ inputs, profile: o.profile, createdAt: o.createdAt, skipUnreadable: o.skipUnreadable }, { signal: o.signal, onProgress: o.onProgress }) as Promise<Report>,
    stats: () => pool.stats(),
    close: () => pool.close(),
  };
}
