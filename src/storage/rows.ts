/**
 * Rows as both backends return them, mapped to the storage interface's types; one place so
 * SQLite and PostgreSQL answer alike.
 */
import { WarrantError } from '../model/errors.ts';
import type { InputFile, InputRef, ReportSummary } from '../model/types.ts';
import type { AnalysisSummary, AuditEntry } from './types.ts';
import type { JobError, JobInputRef, JobStage, JobState, JobStatus } from '../model/jobs.ts';

/** A row of `analyses`. */
export interface AnalysisRow {
  id: string;
  created_at: string;
  profile: string;
  inputs_json: string;
  summary_json: string;
  report_json: string;
}

/** A row of `audit`. */
export interface AuditRow {
  seq: number;
  at: string;
  action: string;
  analysis_id: string | null;
  request_id: string | null;
  detail: string | null;
}

/** A row of `jobs` (both backends). */
export interface JobRow {
  id: string;
  analysis_id: string;
  state: JobState;
  stage: string | null;
  pages_done: number | null;
  pages_total: number | null;
  input: string | null;
  input_index: number | null;
  input_count: number | null;
  attempts: number;
  profile: string;
  inputs_json: string;
  created_at: string;
  updated_at: string;
  error_json: string | null;
  request_id: string | null;
}

/** A row of `analyses` as a summary (both backends). */
export function toSummary(row: AnalysisRow): AnalysisSummary {
  return {
    id: row.id,
    createdAt: row.created_at,
    profile: row.profile,
    inputs: JSON.parse(row.inputs_json) as InputRef[],
    summary: JSON.parse(row.summary_json) as ReportSummary,
  };
}

/** A row of `audit` (both backends). */
export function toAudit(r: AuditRow): AuditEntry {
  return { seq: Number(r.seq), at: r.at, action: r.action, analysisId: r.analysis_id, requestId: r.request_id, detail: r.detail };
}

/** A row of `jobs` as GET /api/jobs/{id} shows it (both backends); absent fields are left out. */
export function toJob(r: JobRow): JobStatus {
  return {
    id: r.id,
    state: r.state,
    ...(r.stage !== null ? { stage: r.stage as JobStage } : {}),
    ...(r.pages_done !== null ? { pagesDone: r.pages_done } : {}),
    ...(r.pages_total !== null ? { pagesTotal: r.pages_total } : {}),
    ...(r.input !== null ? { input: r.input } : {}),
    ...(r.input_index !== null ? { inputIndex: r.input_index } : {}),
    ...(r.input_count !== null ? { inputCount: r.input_count } : {}),
    attempts: r.attempts,
    ...(r.state === 'done' ? { analysisId: r.analysis_id } : {}),
    ...(r.error_json ? { error: JSON.parse(r.error_json) as JobError } : {}),
    profile: r.profile,
    inputs: JSON.parse(r.inputs_json) as JobInputRef[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.request_id ? { requestId: r.request_id } : {}),
  };
}

/** SQL that removes stored inputs no analysis and no live job uses. */
export const PRUNE_INPUTS_SQL =
  'DELETE FROM inputs WHERE NOT EXISTS (SELECT 1 FROM analysis_inputs ai WHERE ai.sha256 = inputs.sha256) AND NOT EXISTS (SELECT 1 FROM job_inputs ji WHERE ji.sha256 = inputs.sha256)';

/** A live job's files as uploaded (`{name, bytes, role}`; none once it ended), from its input refs and the stored bytes by position (both backends). */
export function jobFiles(inputsJson: string, rows: Array<{ position: number; bytes: Uint8Array }>): InputFile[] {
  // An ended job keeps no files.
  if (rows.length === 0) return [];
  const refs = JSON.parse(inputsJson) as JobInputRef[];
  const bytes = new Map(rows.map((r) => [Number(r.position), r.bytes]));
  return refs.map((ref, i) => {
    const b = bytes.get(i);
    if (!b) throw new WarrantError('INTERNAL', `the stored bytes of job input ${ref.name} are missing`);
    return { name: ref.name, bytes: new Uint8Array(b), ...(ref.role ? { role: ref.role } : {}) };
  });
}
