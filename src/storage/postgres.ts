/**
 * PostgreSQL persistence behind the storage interface (issue 15; the only importer of `pg`), chosen
 * by WARRANT_DATABASE_URL so several API servers and workers share one history. The same tables as
 * SQLite (src/storage/migrations.ts), migrated at start under an advisory lock.
 */
import pg from 'pg';
import { WarrantError } from '../model/errors.ts';
import { reportJson } from '../model/report-json.ts';
import type { InputFile, InputRef, Report } from '../model/types.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { jobFiles, PRUNE_INPUTS_SQL, toAudit, toJob, toSummary, type AnalysisRow, type AuditRow, type JobRow } from './rows.ts';
import type { AnalysisSummary, AuditEntry, NewAnalysis, Storage, StorageHealth, StoredAnalysis, StoredInput } from './types.ts';
import type { AnalysisProgress } from '../model/progress.ts';
import type { JobError, JobRequest, JobStatus } from '../model/jobs.ts';

/** Key of the advisory lock that serialises migrations across processes ("warrant" + schema). */
const MIGRATION_LOCK = 0x77617272;

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The PostgreSQL store: open with `PostgresStore.open(url)`. */
export class PostgresStore implements Storage {
  readonly backend = 'postgres' as const;
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /** Connect and migrate. Throws STORAGE_UNAVAILABLE when the database cannot be reached. */
  static async open(url: string, options: { maxConnections?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 8, connectionTimeoutMillis: 10_000 });
    // An idle client that loses its connection emits 'error' on the pool; without a listener it would end the process.
    pool.on('error', () => {});
    const store = new PostgresStore(pool);
    try {
      await store.tx((c) => migratePostgres(c));
    } catch (cause) {
      await pool.end().catch(() => {});
      throw storageError(cause, `cannot open the database ${redact(url)}`);
    }
    return store;
  }

  /** Run `fn` in one transaction on one connection. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** One statement outside a transaction, with connection errors as STORAGE_UNAVAILABLE. */
  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async health(): Promise<StorageHealth> {
    try {
      const { rows } = await this.pool.query<{ ro: string }>('SELECT current_setting($1) AS ro', ['transaction_read_only']);
      const writable = rows[0]?.ro === 'off';
      return { backend: 'postgres', writable, ...(writable ? {} : { error: 'the database is read-only' }) };
    } catch (cause) {
      return { backend: 'postgres', writable: false, error: (cause as Error).message };
    }
  }

  async saveAnalysis(a: NewAnalysis): Promise<void> {
    try {
      await this.tx((c) => insertAnalysis(c, a));
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async getAnalysis(id: string): Promise<StoredAnalysis | undefined> {
    const { rows } = await this.q<AnalysisRow>('SELECT * FROM analyses WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { ...toSummary(row), report: JSON.parse(row.report_json) as Report } : undefined;
  }

  async listAnalyses(limit: number, offset: number): Promise<{ items: AnalysisSummary[]; total: number }> {
    const { rows } = await this.q<AnalysisRow>(
      'SELECT id, created_at, profile, inputs_json, summary_json FROM analyses ORDER BY created_at DESC, id LIMIT $1 OFFSET $2',
      [limit, offset],
    );
    return { items: rows.map(toSummary), total: await this.countAnalyses() };
  }

  async deleteAnalysis(id: string, requestId?: string): Promise<boolean> {
    try {
      return await this.tx(async (c) => {
        const { rowCount } = await c.query('DELETE FROM analyses WHERE id = $1', [id]);
        if (!rowCount) return false;
        await c.query(PRUNE_INPUTS_SQL);
        await audit(c, 'analysis.deleted', id, requestId);
        return true;
      });
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async getInput(analysisId: string, sha256: string): Promise<StoredInput | undefined> {
    const { rows } = await this.q<{ sha256: string; name: string; media_type: string; bytes: Buffer }>(
      'SELECT i.sha256, ai.name, i.media_type, i.bytes FROM analysis_inputs ai JOIN inputs i ON i.sha256 = ai.sha256 WHERE ai.analysis_id = $1 AND ai.sha256 = $2 LIMIT 1',
      [analysisId, sha256],
    );
    const row = rows[0];
    return row ? { sha256: row.sha256, name: row.name, mediaType: row.media_type, bytes: new Uint8Array(row.bytes) } : undefined;
  }

  async countAnalyses(): Promise<number> {
    const { rows } = await this.q<{ n: string }>('SELECT COUNT(*) AS n FROM analyses');
    return Number(rows[0]!.n);
  }

  async audit(action: string, analysisId?: string, requestId?: string, detail?: string): Promise<void> {
    try {
      await audit(this.pool, action, analysisId, requestId, detail);
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async auditLog(limit = 100): Promise<AuditEntry[]> {
    const { rows } = await this.q<AuditRow>('SELECT * FROM audit ORDER BY seq DESC LIMIT $1', [limit]);
    return rows.reverse().map(toAudit);
  }

  async createJob(request: JobRequest, files: InputFile[]): Promise<void> {
    try {
      await this.tx(async (c) => {
        await c.query(
          "INSERT INTO jobs (id, analysis_id, state, attempts, profile, inputs_json, created_at, updated_at, request_id) VALUES ($1, $2, 'queued', 0, $3, $4, $5, $6, $7)",
          [request.id, request.analysisId, request.profile, JSON.stringify(request.inputs), request.createdAt, new Date().toISOString(), request.requestId ?? null],
        );
        for (const [i, ref] of request.inputs.entries()) {
          await putInput(c, ref.sha256, ref.mediaType, ref.size, files[i]!.bytes);
          await c.query('INSERT INTO job_inputs (job_id, position, sha256) VALUES ($1, $2, $3)', [request.id, i, ref.sha256]);
        }
        await audit(c, 'job.queued', request.analysisId, request.requestId, `job ${request.id}, ${request.inputs.length} input(s)`);
      });
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async getJob(id: string): Promise<JobStatus | undefined> {
    const { rows } = await this.q<JobRow>('SELECT * FROM jobs WHERE id = $1', [id]);
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async jobInputs(id: string): Promise<InputFile[]> {
    const job = await this.q<{ inputs_json: string }>('SELECT inputs_json FROM jobs WHERE id = $1', [id]);
    if (!job.rows[0]) return [];
    const { rows } = await this.q<{ position: number; bytes: Buffer }>(
      'SELECT ji.position, i.bytes FROM job_inputs ji JOIN inputs i ON i.sha256 = ji.sha256 WHERE ji.job_id = $1 ORDER BY ji.position',
      [id],
    );
    return jobFiles(job.rows[0].inputs_json, rows);
  }

  async startJob(id: string): Promise<JobStatus | undefined> {
    const { rows } = await this.q<JobRow>(
      "UPDATE jobs SET state = 'running', attempts = attempts + 1, stage = NULL, pages_done = NULL, pages_total = NULL, input = NULL, input_index = NULL, input_count = NULL, updated_at = $1 WHERE id = $2 AND state IN ('queued', 'running') RETURNING *",
      [new Date().toISOString(), id],
    );
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async setJobProgress(id: string, p: AnalysisProgress, attempt?: number): Promise<void> {
    await this.q(
      "UPDATE jobs SET stage = $1, pages_done = $2, pages_total = $3, input = $4, input_index = $5, input_count = $6, updated_at = $7 WHERE id = $8 AND state = 'running' AND ($9::int IS NULL OR attempts = $9)",
      [p.stage, p.pagesDone ?? null, p.pagesTotal ?? null, p.input ?? null, p.inputIndex ?? null, p.inputCount ?? null, new Date().toISOString(), id, attempt ?? null],
    );
  }

  async requeueJob(id: string, attempt?: number): Promise<void> {
    await this.q("UPDATE jobs SET state = 'queued', updated_at = $1 WHERE id = $2 AND state = 'running' AND ($3::int IS NULL OR attempts = $3)", [
      new Date().toISOString(),
      id,
      attempt ?? null,
    ]);
  }

  async completeJob(id: string, report: Report, inputs: Array<InputRef & { bytes: Uint8Array }>): Promise<{ analysisId: string; completed: boolean }> {
    try {
      return await this.tx(async (c) => {
        // The row lock makes two completions of one job (a retry racing a slow first attempt) take turns: the second finds it done.
        const { rows } = await c.query<JobRow>('SELECT * FROM jobs WHERE id = $1 FOR UPDATE', [id]);
        const job = rows[0];
        if (!job) throw new WarrantError('NOT_FOUND', `no job ${id}`);
        if (job.state === 'done' || job.state === 'failed') return { analysisId: job.analysis_id, completed: false };
        await insertAnalysis(c, { id: job.analysis_id, report, requestId: job.request_id ?? undefined, inputs });
        await c.query(
          "UPDATE jobs SET state = 'done', stage = NULL, pages_done = NULL, pages_total = NULL, input = NULL, input_index = NULL, input_count = NULL, updated_at = $1 WHERE id = $2",
          [new Date().toISOString(), id],
        );
        await dropJobFiles(c, id);
        return { analysisId: job.analysis_id, completed: true };
      });
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async failJob(id: string, error: JobError, attempt?: number): Promise<boolean> {
    try {
      return await this.tx(async (c) => {
        const { rows } = await c.query<{ analysis_id: string; request_id: string | null }>(
          "UPDATE jobs SET state = 'failed', error_json = $1, updated_at = $2 WHERE id = $3 AND state IN ('queued', 'running') AND ($4::int IS NULL OR attempts = $4) RETURNING analysis_id, request_id",
          [JSON.stringify(error), new Date().toISOString(), id, attempt ?? null],
        );
        if (!rows[0]) return false;
        await dropJobFiles(c, id);
        await audit(c, 'job.failed', rows[0].analysis_id, rows[0].request_id ?? undefined, `job ${id}: ${error.code}`);
        return true;
      });
    } catch (cause) {
      throw storageError(cause);
    }
  }

  async jobCounts(): Promise<{ queued: number; running: number }> {
    const { rows } = await this.q<{ state: string; n: string }>("SELECT state, COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'running') GROUP BY state");
    return { queued: Number(rows.find((r) => r.state === 'queued')?.n ?? 0), running: Number(rows.find((r) => r.state === 'running')?.n ?? 0) };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Apply the migrations not yet recorded, holding a transaction-scoped advisory lock so concurrent starts take turns. */
async function migratePostgres(c: Queryable): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  for (const m of POSTGRES_MIGRATIONS) {
    if (done.has(m.version)) continue;
    await c.query(m.sql);
    await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
  }
}

/** The analysis rows, inside the caller's transaction. */
async function insertAnalysis(c: Queryable, a: NewAnalysis): Promise<void> {
  const refs: InputRef[] = a.inputs.map(({ bytes: _bytes, ...ref }) => ref);
  for (const input of a.inputs) await putInput(c, input.sha256, input.mediaType, input.size, input.bytes);
  await c.query('INSERT INTO analyses (id, created_at, profile, inputs_json, summary_json, report_json) VALUES ($1, $2, $3, $4, $5, $6)', [
    a.id,
    a.report.createdAt,
    a.report.profile,
    JSON.stringify(refs),
    JSON.stringify(a.report.summary),
    reportJson(a.report),
  ]);
  for (const [i, input] of a.inputs.entries()) {
    await c.query('INSERT INTO analysis_inputs (analysis_id, position, sha256, name, role) VALUES ($1, $2, $3, $4, $5)', [a.id, i, input.sha256, input.name, input.role]);
  }
  await audit(c, 'analysis.created', a.id, a.requestId, `${a.inputs.length} input(s)`);
}

/** Unlink an ended job's files and remove those nothing else uses (a skipped upload, a failed job's files). Only this job's: a whole-table prune would contend with every submit. */
async function dropJobFiles(c: Queryable, jobId: string): Promise<void> {
  const { rows } = await c.query<{ sha256: string }>('DELETE FROM job_inputs WHERE job_id = $1 RETURNING sha256', [jobId]);
  if (!rows.length) return;
  await c.query(
    'DELETE FROM inputs i WHERE i.sha256 = ANY($1) AND NOT EXISTS (SELECT 1 FROM analysis_inputs ai WHERE ai.sha256 = i.sha256) AND NOT EXISTS (SELECT 1 FROM job_inputs ji WHERE ji.sha256 = i.sha256)',
    [rows.map((r) => r.sha256)],
  );
}

/** Store an input's bytes once. DO UPDATE (not DO NOTHING) locks an existing row, so a concurrent delete cannot remove it before it is linked. */
async function putInput(c: Queryable, sha256: string, mediaType: string, size: number, bytes: Uint8Array): Promise<void> {
  await c.query('INSERT INTO inputs (sha256, media_type, size, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO UPDATE SET size = EXCLUDED.size', [
    sha256,
    mediaType,
    size,
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  ]);
}

async function audit(c: Queryable, action: string, analysisId?: string, requestId?: string, detail?: string): Promise<void> {
  await c.query('INSERT INTO audit (at, action, analysis_id, request_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    new Date().toISOString(),
    action,
    analysisId ?? null,
    requestId ?? null,
    detail ?? null,
  ]);
}

/** PostgreSQL's codes for a full disk or an unreachable/read-only server, as coded errors; anything else unchanged. */
function storageError(cause: unknown, context = 'the database could not be used'): unknown {
  if (cause instanceof WarrantError) return cause;
  const code = String((cause as { code?: string }).code ?? '');
  const message = (cause as Error)?.message ?? String(cause);
  if (code === '53100') return new WarrantError('STORAGE_FULL', 'the analysis ran but could not be stored: the database disk is full', { cause });
  if (/^(08|57P|53|25006|28|3D000)/.test(code) || /^E(CONNREFUSED|CONNRESET|NOTFOUND|TIMEDOUT|AI_AGAIN|ACCES|NOENT)$/.test(code) || /Connection terminated|timeout exceeded when trying to connect/i.test(message)) {
    return new WarrantError('STORAGE_UNAVAILABLE', `${context} (${code || message})`, { cause });
  }
  return cause;
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
