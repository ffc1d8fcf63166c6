/**
 * Runs one job (issue 15): load its stored inputs, analyse, store the analysis under the job's id.
 * The same steps whichever process runs it (the API process's in-process queue, or `warrant worker`
 * on PostgreSQL), so a job's analysis is the one the synchronous path stores.
 */
import { isWarrantError, WarrantError } from '../model/errors.ts';
import type { ProgressListener } from '../model/progress.ts';
import { RETRYABLE_JOB_ERRORS, type JobError, type JobExecutionDeps, type JobRequest } from './types.ts';

/** Run `job` to a stored analysis; resolves with its id (the job id). Throws what the analysis threw. */
export async function executeJob(
  job: JobRequest,
  deps: JobExecutionDeps,
  options: { signal?: AbortSignal; onProgress?: ProgressListener } = {},
): Promise<{ analysisId: string }> {
  // Complete once: an earlier attempt may have stored the analysis before it could mark the job done.
  if (await deps.hasAnalysis(job.id)) return { analysisId: job.id };
  const inputs = await deps.loadInputs(job.inputs);
  const report = await deps.analyze(inputs, { profile: job.profile, createdAt: job.createdAt, signal: options.signal, onProgress: options.onProgress });
  if (options.signal?.aborted) throw new WarrantError('CANCELLED', 'the job was cancelled before its analysis was stored');
  await deps.saveAnalysis({
    id: job.id,
    report,
    requestId: job.requestId,
    inputs: report.inputs.map((ref, i) => ({ ...ref, bytes: inputs[i]!.bytes })),
  });
  return { analysisId: job.id };
}

/** A thrown value as a job's error: a WarrantError keeps its code; anything else is INTERNAL with no internals. */
export function toJobError(err: unknown): JobError {
  if (isWarrantError(err)) {
    if (err.code === 'INTERNAL') return { code: 'INTERNAL', message: 'An unexpected error occurred while analysing; it has been logged.' };
    return { code: err.code, message: err.message, ...(err.file ? { file: err.file } : {}), ...(err.line ? { line: err.line } : {}), ...(err.column ? { column: err.column } : {}) };
  }
  return { code: 'INTERNAL', message: 'An unexpected error occurred while analysing; it has been logged.' };
}

/** True when a failed attempt may be tried again (bounded by JOB_MAX_ATTEMPTS). */
export function isRetryableJobError(error: JobError): boolean {
  return RETRYABLE_JOB_ERRORS.includes(error.code);
}
