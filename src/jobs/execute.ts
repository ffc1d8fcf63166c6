/**
 * Runs one job (issue 15): load its stored inputs, analyse, store the analysis. The same steps
 * whichever process runs it (the API process's in-process queue, or `warrant worker` on
 * PostgreSQL), so a job's analysis is the one the synchronous path stores.
 */
import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../analyze.ts';
import { mediaTypeOf } from '../ingest/index.ts';
import { isWarrantError, WarrantError } from '../model/errors.ts';
import type { InputFile, InputRef, Report } from '../model/types.ts';
import type { ProgressListener } from '../model/progress.ts';
import { RETRYABLE_JOB_ERRORS, type JobError, type JobExecutionDeps, type JobRequest, type JobSubmission } from './types.ts';

/**
 * A new job's request, the same for every queue: a fresh id (also its analysis id, fixed at submit so
 * the job completes once) and its inputs by SHA-256; the bytes travel apart, to storage.
 */
export function jobRequestOf(sub: JobSubmission): JobRequest {
  const id = randomUUID();
  return {
    id,
    analysisId: id,
    profile: sub.profile,
    inputs: sub.inputs.map((f) => ({ name: f.name, ...(f.role ? { role: f.role } : {}), sha256: sha256Hex(f.bytes), mediaType: f.mediaType ?? mediaTypeOf(f), size: f.bytes.byteLength })),
    createdAt: sub.createdAt,
    ...(sub.requestId ? { requestId: sub.requestId } : {}),
  };
}

/** Run `job` to a stored analysis; resolves with its id. Throws what the analysis threw. */
export async function executeJob(
  job: JobRequest,
  deps: JobExecutionDeps,
  options: { signal?: AbortSignal; onProgress?: ProgressListener } = {},
): Promise<{ analysisId: string }> {
  const inputs = await deps.loadInputs(job);
  // The synchronous path's options: readable files are analysed even when another is not (issue 16).
  const report = await deps.analyze(inputs, { profile: job.profile, createdAt: job.createdAt, skipUnreadable: true, signal: options.signal, onProgress: options.onProgress });
  if (options.signal?.aborted) throw new WarrantError('CANCELLED', 'the job was cancelled before its analysis was stored');
  await deps.saveAnalysis(job, report, storedInputs(report, inputs));
  return { analysisId: job.analysisId };
}

/**
 * The bytes of each input the report names, found by SHA-256 (a skipped upload is in
 * `report.skipped`, not `report.inputs`, so positions need not line up with the uploads).
 */
export function storedInputs(report: Report, uploads: InputFile[]): Array<InputRef & { bytes: Uint8Array }> {
  const bySha = new Map(uploads.map((u) => [sha256Hex(u.bytes), u.bytes]));
  return report.inputs.map((ref) => {
    const bytes = bySha.get(ref.sha256);
    if (!bytes) throw new WarrantError('INTERNAL', `the report names input ${ref.name} that was not uploaded`);
    return { ...ref, bytes };
  });
}

/** A thrown value as a job's error: a WarrantError keeps its code; anything else is INTERNAL with no internals. */
export function toJobError(err: unknown): JobError {
  if (isWarrantError(err) && err.code !== 'INTERNAL') {
    const files = Array.isArray(err.details?.files) ? { files: err.details.files as JobError['files'] } : {};
    return { code: err.code, message: err.message, ...(err.file ? { file: err.file } : {}), ...(err.line ? { line: err.line } : {}), ...(err.column ? { column: err.column } : {}), ...files };
  }
  return { code: 'INTERNAL', message: 'An unexpected error occurred while analysing; it has been logged.' };
}

/** True when a failed attempt may be tried again (bounded by JOB_MAX_ATTEMPTS). */
export function isRetryableJobError(error: JobError): boolean {
  return RETRYABLE_JOB_ERRORS.includes(error.code);
}
