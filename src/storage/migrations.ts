/**
 * Versioned schema migrations for both backends (issue 15). Each runs once, recorded in
 * `schema_migrations`; they run at start, inside one transaction that also holds a lock
 * (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE), so two servers starting at once apply
 * each migration exactly once and the second finds the work done. Append new versions; never edit
 * one that has shipped.
 *
 * Migration 1 is the schema SQLite databases had before versioning (CREATE ... IF NOT EXISTS), so a
 * database created by an earlier release is adopted as it is.
 */

/** One schema step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Version 2, the same on both backends: analyses as jobs (issue 15), and the inputs each job reads. */
const JOBS_SQL = `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  analysis_id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  stage TEXT,
  pages_done INTEGER,
  pages_total INTEGER,
  input TEXT,
  input_index INTEGER,
  input_count INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  profile TEXT NOT NULL,
  inputs_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  error_json TEXT,
  request_id TEXT
);
CREATE INDEX jobs_live ON jobs(state) WHERE state IN ('queued', 'running');
CREATE TABLE job_inputs (
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES inputs(sha256),
  PRIMARY KEY (job_id, position)
);
CREATE INDEX job_inputs_sha256 ON job_inputs(sha256);`;

/** SQLite migrations. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inputs, analyses, audit',
    sql: `
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
);`,
  },
  { version: 2, name: 'jobs', sql: JOBS_SQL },
];

/** PostgreSQL migrations (the same tables; times are ISO-8601 text so both backends order alike). */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inputs, analyses, audit',
    sql: `
CREATE TABLE inputs (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BYTEA NOT NULL
);
CREATE TABLE analyses (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  profile TEXT NOT NULL,
  inputs_json TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  report_json TEXT NOT NULL
);
CREATE INDEX analyses_created ON analyses(created_at DESC, id);
CREATE TABLE analysis_inputs (
  analysis_id TEXT NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES inputs(sha256),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (analysis_id, position)
);
CREATE INDEX analysis_inputs_sha256 ON analysis_inputs(sha256);
CREATE TABLE audit (
  seq BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  analysis_id TEXT,
  request_id TEXT,
  detail TEXT
);`,
  },
  { version: 2, name: 'jobs', sql: JOBS_SQL },
];
