/**
 * SQLite persistence (the only importer of better-sqlite3): inputs (content-addressed),
 * reports and an audit log. WAL mode and one transaction per analysis, so an analysis
 * answered 201 survives a crash, and a request that fails half way stores nothing.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WarrantError } from '../model/errors.ts';
import type { InputRef, Report, ReportSummary } from '../model/types.ts';

/** A stored analysis as listed (no report body). */
export interface AnalysisSummary {
  id: string;
  createdAt: string;
  profile: string;
  inputs: InputRef[];
  summary: ReportSummary;
}

/** A stored analysis with its report. */
export interface StoredAnalysis extends AnalysisSummary {
  report: Report;
}

/** One stored input's bytes. */
export interface StoredInput {
  sha256: string;
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS inputs (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS analyses (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  profile TEXT NOT NULL,
  inputs_json TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  report_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS analyses_created ON analyses(created_at DESC, id);
CREATE TABLE IF NOT EXISTS analysis_inputs (
  analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES inputs(sha256),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (analysis_id, position)
);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  analysis_id TEXT,
  request_id TEXT,
  detail TEXT
);
`;

/** The store: open once per process. */
export class Store {
  private readonly db: Database.Database;
  private readonly path: string;

  /** Open (and create) the database at `path` (":memory:" for tests). Throws STORAGE_UNAVAILABLE when it cannot be written. */
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
    this.db.exec(SCHEMA);
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

  /** Store an analysis with its inputs in one transaction. A full disk is STORAGE_FULL, an unwritable one STORAGE_UNAVAILABLE. */
  saveAnalysis(a: { id: string; report: Report; inputs: Array<InputRef & { bytes: Uint8Array }>; requestId?: string }): void {
    try {
      this.saveAnalysisTx(a);
    } catch (cause) {
      throw storageError(cause);
    }
  }

  private saveAnalysisTx(a: { id: string; report: Report; inputs: Array<InputRef & { bytes: Uint8Array }>; requestId?: string }): void {
    const putInput = this.db.prepare('INSERT OR IGNORE INTO inputs (sha256, media_type, size, bytes) VALUES (?, ?, ?, ?)');
    const putAnalysis = this.db.prepare(
      'INSERT INTO analyses (id, created_at, profile, inputs_json, summary_json, report_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const link = this.db.prepare('INSERT INTO analysis_inputs (analysis_id, position, sha256, name, role) VALUES (?, ?, ?, ?, ?)');
    const refs: InputRef[] = a.inputs.map(({ bytes: _bytes, ...ref }) => ref);
    this.db.transaction(() => {
      for (const input of a.inputs) putInput.run(input.sha256, input.mediaType, input.size, Buffer.from(input.bytes));
      putAnalysis.run(a.id, a.report.createdAt, a.report.profile, JSON.stringify(refs), JSON.stringify(a.report.summary), JSON.stringify(a.report));
      a.inputs.forEach((input, i) => link.run(a.id, i, input.sha256, input.name, input.role));
      this.audit('analysis.created', a.id, a.requestId, `${a.inputs.length} input(s)`);
    })();
  }

  /** One analysis with its report, or undefined. */
  getAnalysis(id: string): StoredAnalysis | undefined {
    const row = this.db.prepare('SELECT * FROM analyses WHERE id = ?').get(id) as AnalysisRow | undefined;
    return row ? { ...toSummary(row), report: JSON.parse(row.report_json) as Report } : undefined;
  }

  /** Analyses newest first, paged. */
  listAnalyses(limit: number, offset: number): { items: AnalysisSummary[]; total: number } {
    const rows = this.db
      .prepare('SELECT id, created_at, profile, inputs_json, summary_json FROM analyses ORDER BY created_at DESC, id LIMIT ? OFFSET ?')
      .all(limit, offset) as AnalysisRow[];
    const { total } = this.db.prepare('SELECT COUNT(*) AS total FROM analyses').get() as { total: number };
    return { items: rows.map(toSummary), total };
  }

  /** Delete an analysis (inputs no other analysis uses go too). True when it existed. */
  deleteAnalysis(id: string, requestId?: string): boolean {
    return this.db.transaction(() => {
      const { changes } = this.db.prepare('DELETE FROM analyses WHERE id = ?').run(id);
      if (changes === 0) return false;
      this.db.prepare('DELETE FROM inputs WHERE sha256 NOT IN (SELECT sha256 FROM analysis_inputs)').run();
      this.audit('analysis.deleted', id, requestId);
      return true;
    })();
  }

  /** Raw bytes of an input of an analysis. */
  getInput(analysisId: string, sha256: string): StoredInput | undefined {
    const row = this.db
      .prepare(
        'SELECT i.sha256, ai.name, i.media_type, i.bytes FROM analysis_inputs ai JOIN inputs i ON i.sha256 = ai.sha256 WHERE ai.analysis_id = ? AND ai.sha256 = ?',
      )
      .get(analysisId, sha256) as { sha256: string; name: string; media_type: string; bytes: Buffer } | undefined;
    return row ? { sha256: row.sha256, name: row.name, mediaType: row.media_type, bytes: new Uint8Array(row.bytes) } : undefined;
  }

  /** Number of stored analyses. */
  countAnalyses(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM analyses').get() as { n: number }).n;
  }

  /** Append to the audit log. */
  audit(action: string, analysisId?: string, requestId?: string, detail?: string): void {
    this.db
      .prepare('INSERT INTO audit (at, action, analysis_id, request_id, detail) VALUES (?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), action, analysisId ?? null, requestId ?? null, detail ?? null);
  }

  /** Audit entries, oldest first. */
  auditLog(limit = 100): Array<{ seq: number; at: string; action: string; analysisId: string | null; requestId: string | null; detail: string | null }> {
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY seq DESC LIMIT ?').all(limit) as Array<{
      seq: number;
      at: string;
      action: string;
      analysis_id: string | null;
      request_id: string | null;
      detail: string | null;
    }>;
    return rows.reverse().map((r) => ({ seq: r.seq, at: r.at, action: r.action, analysisId: r.analysis_id, requestId: r.request_id, detail: r.detail }));
  }

  /** Close the database. */
  close(): void {
    this.db.close();
  }
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

interface AnalysisRow {
  id: string;
  created_at: string;
  profile: string;
  inputs_json: string;
  summary_json: string;
  report_json: string;
}

function toSummary(row: AnalysisRow): AnalysisSummary {
  return {
    id: row.id,
    createdAt: row.created_at,
    profile: row.profile,
    inputs: JSON.parse(row.inputs_json) as InputRef[],
    summary: JSON.parse(row.summary_json) as ReportSummary,
  };
}
