/**
 * SQLite persistence (the only importer of better-sqlite3), the embedded default behind the storage
 * interface (src/storage/types.ts): inputs (content-addressed), reports, jobs and an audit log. WAL
 * mode and one transaction per analysis, so an analysis answered 201 survives a crash, and a request
 * that fails half way stores nothing. better-sqlite3 is synchronous; the methods are async only to
 * fit the interface.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WarrantError } from '../model/errors.ts';
import { reportJson } from '../model/report-json.ts';
import type { InputFile, InputRef, Report } from '../model/types.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import { jobFiles, PRUNE_INPUTS_SQL, toAudit, toJob, toSummary, type AnalysisRow, type AuditRow, type JobRow } from './rows.ts';
import type { AnalysisSummary, AuditEntry, NewAnalysis, Storage, StorageHealth, StoredAnalysis, StoredInput } from './types.ts';
import type { AnalysisProgress } from '../model/progress.ts';
import type { JobError, JobRequest, JobStatus } from '../model/jobs.ts';

/** The SQLite store: open once per process. */
export class SqliteStore implements Storage {
  readonly backend = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly path: string;

  /** Open (and create, and migrate) the database at `path` (":memory:" for tests). Throws STORAGE_UNAVAILABLE when it cannot be written. */
  constructor(path: string) {
    this.path = path;
    if (path !== ':memory:') assertWritableDir(dirname(path));
    try {
      this.db = new Database(path);
    } catch (cause) {
      throw new WarrantError('STORAGE_UNAVAILABLE', `cannot open the database ${path}: ${(cause as Error).message}`, { cause });
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db);
  }

  /** True when the database (and its folder) can be written now. */
  isWritable(): boolean {
    if (this.path === ':memory:') return true;
    try {
      accessSync(dirname(this.path), constants.W_OK);
      accessSync(this.path, constants.W_OK);
      return !this.db.readonly;
    } catch {
      return false;
    }
  }

  async health(): Promise<StorageHealth> {
    const writable = this.isWritable();
    return { backend: 'sqlite', writable, ...(writable ? {} : { error: `${this.path} is not writable` }) };
  }

  async saveAnalysis(a: NewAnalysis): Promise<void> {
    try {
      this.saveAnalysisTx(a);
    } catch (cause) {
      throw storageError(cause);
    }
  }

  private saveAnalysisTx(a: NewAnalysis): void {
    this.db.transaction(() => this.insertAnalysis(a))();
  }

  /** The analysis rows (inside the caller's transaction). */
  private insertAnalysis(a: NewAnalysis): void {
    const putInput = this.db.prepare('INSERT OR IGNORE INTO inputs (sha256, media_type, size, bytes) VALUES (?, ?, ?, ?)');
    const putAnalysis = this.db.prepare(
      'INSERT INTO analyses (id, created_at, profile, inputs_json, summary_json, report_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const link = this.db.prepare('INSERT INTO analysis_inputs (analysis_id, position, sha256, name, role) VALUES (?, ?, ?, ?, ?)');
    const refs: InputRef[] = a.inputs.map(({ bytes: _bytes, ...ref }) => ref);
    for (const input of a.inputs) putInput.run(input.sha256, input.mediaType, input.size, Buffer.from(input.bytes));
    putAnalysis.run(a.id, a.report.createdAt, a.report.profile, JSON.stringify(refs), JSON.stringify(a.report.summary), reportJson(a.report));
    a.inputs.forEach((input, i) => link.run(a.id, i, input.sha256, input.name, input.role));
    this.auditSync('analysis.created', a.id, a.requestId, `${a.inputs.length} input(s)`);
  }

  async getAnalysis(id: string): Promise<StoredAnalysis | undefined> {
    const row = this.db.prepare('SELECT * FROM analyses WHERE id = ?').get(id) as AnalysisRow | undefined;
    return row ? { ...toSummary(row), report: JSON.parse(row.report_json) as Report } : undefined;
  }

  async listAnalyses(limit: number, offset: number): Promise<{ items: AnalysisSummary[]; total: number }> {
    const rows = this.db
      .prepare('SELECT id, created_at, profile, inputs_json, summary_json FROM analyses ORDER BY created_at DESC, id LIMIT ? OFFSET ?')
      .all(limit, offset) as AnalysisRow[];
    const { total } = this.db.prepare('SELECT COUNT(*) AS total FROM analyses').get() as { total: number };
    return { items: rows.map(toSummary), total };
  }

  async deleteAnalysis(id: string, requestId?: string): Promise<boolean> {
    return this.db.transaction(() => {
      const { changes } = this.db.prepare('DELETE FROM analyses WHERE id = ?').run(id);
      if (changes === 0) return false;
      this.db.prepare(PRUNE_INPUTS_SQL).run();
      this.auditSync('analysis.deleted', id, requestId);
      return true;
    })();
  }

  async getInput(analysisId: string, sha256: string): Promise<StoredInput | undefined> {
    const row = this.db
      .prepare(
        'SELECT i.sha256, ai.name, i.media_type, i.bytes FROM analysis_inputs ai JOIN inputs i ON i.sha256 = ai.sha256 WHERE ai.analysis_id = ? AND ai.sha256 = ?',
      )
      .get(analysisId, sha256) as { sha256: string; name: string; media_type: string; bytes: Buffer } | undefined;
    return row ? { sha256: row.sha256, name: row.name, mediaType: row.media_type, bytes: new Uint8Array(row.bytes) } : undefined;
  }

  async countAnalyses(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM analyses').get() as { n: number }).n;
  }

  async audit(action: string, analysisId?: string, requestId?: string, detail?: string): Promise<void> {
    this.auditSync(action, analysisId, requestId, detail);
  }

  private auditSync(action: string, analysisId?: string, requestId?: string, detail?: string): void {
    this.db
      .prepare('INSERT INTO audit (at, action, analysis_id, request_id, detail) VALUES (?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), action, analysisId ?? null, requestId ?? null, detail ?? null);
  }

  async auditLog(limit = 100): Promise<AuditEntry[]> {
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?').all(limit) as AuditRow[];
    return rows.reverse().map(toAudit);
  }

  async createJob(request: JobRequest, files: InputFile[]): Promise<void> {
    try {
      this.db.transaction(() => {
        const putInput = this.db.prepare('INSERT OR IGNORE INTO inputs (sha256, media_type, size, bytes) VALUES (?, ?, ?, ?)');
        const link = this.db.prepare('INSERT INTO job_inputs (job_id, position, sha256) VALUES (?, ?, ?)');
        this.db
          .prepare("INSERT INTO jobs (id, analysis_id, state, attempts, profile, inputs_json, created_at, updated_at, request_id) VALUES (?, ?, 'queued', 0, ?, ?, ?, ?, ?)")
          .run(request.id, request.analysisId, request.profile, JSON.stringify(request.inputs), request.createdAt, new Date().toISOString(), request.requestId ?? null);
        request.inputs.forEach((ref, i) => {
          putInput.run(ref.sha256, ref.mediaType, ref.size, Buffer.from(files[i]!.bytes));
          link.run(request.id, i, ref.sha256);
        });
        this.auditSync('job.queued', request.analysisId, request.requestId, `job ${request.id}, ${request.inputs.length} input(s)`);
      })();
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async getJob(id: string): Promise<JobStatus | undefined> {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  async jobInputs(id: string): Promise<InputFile[]> {
    const job = this.db.prepare('SELECT inputs_json FROM jobs WHERE id = ?').get(id) as { inputs_json: string } | undefined;
    if (!job) return [];
    const rows = this.db
      .prepare('SELECT ji.position, i.bytes FROM job_inputs ji JOIN inputs i ON i.sha256 = ji.sha256 WHERE ji.job_id = ? ORDER BY ji.position')
      .all(id) as Array<{ position: number; bytes: Buffer }>;
    return jobFiles(job.inputs_json, rows);
  }

  async startJob(id: string): Promise<JobStatus | undefined> {
    const row = this.db
      .prepare(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, stage = NULL, pages_done = NULL, pages_total = NULL, input = NULL, input_index = NULL, input_count = NULL, updated_at = ? WHERE id = ? AND state IN ('queued', 'running') RETURNING *",
      )
      .get(new Date().toISOString(), id) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  async setJobProgress(id: string, p: AnalysisProgress, attempt?: number): Promise<void> {
    this.db
      .prepare(
        "UPDATE jobs SET stage = ?, pages_done = ?, pages_total = ?, input = ?, input_index = ?, input_count = ?, updated_at = ? WHERE id = ? AND state = 'running' AND (? IS NULL OR attempts = ?)",
      )
      .run(p.stage, p.pagesDone ?? null, p.pagesTotal ?? null, p.input ?? null, p.inputIndex ?? null, p.inputCount ?? null, new Date().toISOString(), id, attempt ?? null, attempt ?? null);
  }

  async requeueJob(id: string, attempt?: number): Promise<void> {
    this.db
      .prepare("UPDATE jobs SET state = 'queued', updated_at = ? WHERE id = ? AND state = 'running' AND (? IS NULL OR attempts = ?)")
      .run(new Date().toISOString(), id, attempt ?? null, attempt ?? null);
  }

  async completeJob(id: string, report: Report, inputs: Array<InputRef & { bytes: Uint8Array }>): Promise<{ analysisId: string; completed: boolean }> {
    try {
      return this.db.transaction(() => {
        const job = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
        if (!job) throw new WarrantError('NOT_FOUND', `no job ${id}`);
        if (job.state === 'done' || job.state === 'failed') return { analysisId: job.analysis_id, completed: false };
        this.insertAnalysis({ id: job.analysis_id, report, requestId: job.request_id ?? undefined, inputs });
        this.db
          .prepare("UPDATE jobs SET state = 'done', stage = NULL, pages_done = NULL, pages_total = NULL, input = NULL, input_index = NULL, input_count = NULL, updated_at = ? WHERE id = ?")
          .run(new Date().toISOString(), id);
        this.db.prepare('DELETE FROM job_inputs WHERE job_id = ?').run(id);
        this.db.prepare(PRUNE_INPUTS_SQL).run();
        return { analysisId: job.analysis_id, completed: true };
      })();
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async failJob(id: string, error: JobError, attempt?: number): Promise<boolean> {
    return this.db.transaction(() => {
      const job = this.db
        .prepare(
          "UPDATE jobs SET state = 'failed', error_json = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'running') AND (? IS NULL OR attempts = ?) RETURNING analysis_id, request_id",
        )
        .get(JSON.stringify(error), new Date().toISOString(), id, attempt ?? null, attempt ?? null) as { analysis_id: string; request_id: string | null } | undefined;
      if (!job) return false;
      this.db.prepare('DELETE FROM job_inputs WHERE job_id = ?').run(id);
      this.db.prepare(PRUNE_INPUTS_SQL).run();
      this.auditSync('job.failed', job.analysis_id, job.request_id ?? undefined, `job ${id}: ${error.code}`);
      return true;
    })();
  }

  async jobCounts(): Promise<{ queued: number; running: number }> {
    const rows = this.db.prepare("SELECT state, COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'running') GROUP BY state").all() as Array<{ state: string; n: number }>;
    return { queued: rows.find((r) => r.state === 'queued')?.n ?? 0, running: rows.find((r) => r.state === 'running')?.n ?? 0 };
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Apply the SQLite migrations not yet recorded; BEGIN IMMEDIATE takes the write lock, so two processes starting at once take turns. */
function migrateSqlite(db: Database.Database): void {
  const run = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
    for (const m of SQLITE_MIGRATIONS) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
  });
  run.immediate();
}

/** Refuse a data folder that cannot be created or written, naming it (the server's start-up check). */
export function assertWritableDir(dir: string): void {
  const probe = join(dir, `.warrant-write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (cause) {
    const why = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new WarrantError('STORAGE_UNAVAILABLE', `WARRANT_DATA_DIR ${dir} is not writable (${why})`, { cause });
  }
}

/** SQLite's result codes for a full or unwritable disk, as coded errors; anything else unchanged. */
function storageError(cause: unknown): unknown {
  const code = (cause as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || (cause as NodeJS.ErrnoException).code === 'ENOSPC') {
    return new WarrantError('STORAGE_FULL', 'the analysis ran but could not be stored: the disk holding the data folder is full', { cause });
  }
  if (/^SQLITE_(READONLY|CANTOPEN|IOERR|PERM|BUSY|LOCKED)/.test(code)) {
    return new WarrantError('STORAGE_UNAVAILABLE', `the analysis ran but could not be stored (${code})`, { cause });
  }
  return cause;
}
