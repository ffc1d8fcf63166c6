/**
 * The storage backends a test runs against (issue 15): SQLite always; PostgreSQL when
 * WARRANT_TEST_DATABASE_URL names a server (.ci/pg-cluster starts a throwaway one, and .ci/run sets
 * it). In CI (CI set) a missing URL fails the PostgreSQL cases rather than skipping them.
 * Each PostgreSQL case gets a fresh database, so test files can run in parallel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openStorage } from '../../src/storage/open.ts';
import type { Storage } from '../../src/storage/types.ts';

/** The test server's URL (admin database), if any. */
export const PG_TEST_URL = process.env.WARRANT_TEST_DATABASE_URL || undefined;

/** Backend names to run a suite over: describe.each(BACKENDS). */
export const BACKENDS: Array<'sqlite' | 'postgres'> = PG_TEST_URL || process.env.CI ? ['sqlite', 'postgres'] : ['sqlite'];

/** A place to store: what openStorage takes, and how to remove it. */
export interface TestStoragePlace {
  dataDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

/** A fresh, empty place for `backend` (a temporary folder; for PostgreSQL also a new database). */
export async function freshPlace(backend: 'sqlite' | 'postgres'): Promise<TestStoragePlace> {
  const dataDir = mkdtempSync(join(tmpdir(), `warrant-${backend}-`));
  if (backend === 'sqlite') return { dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const databaseUrl = await createTestDatabase();
  return {
    dataDir,
    databaseUrl,
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await dropTestDatabase(databaseUrl);
    },
  };
}

/** Open fresh storage on `backend`; `cleanup` closes and removes it. */
export async function freshStorage(backend: 'sqlite' | 'postgres'): Promise<{ storage: Storage; place: TestStoragePlace; cleanup(): Promise<void> }> {
  const place = await freshPlace(backend);
  const storage = await openStorage(place);
  return {
    storage,
    place,
    cleanup: async () => {
      await storage.close();
      await place.cleanup();
    },
  };
}

/** The admin URL, or a clear failure (CI must run the PostgreSQL cases). */
export function requirePgUrl(): string {
  if (!PG_TEST_URL) throw new Error('WARRANT_TEST_DATABASE_URL is not set: in CI the PostgreSQL tests must run (.ci/run starts a cluster with .ci/pg-cluster)');
  return PG_TEST_URL;
}

/** Create an empty database on the test server; its URL. */
export async function createTestDatabase(): Promise<string> {
  const admin = requirePgUrl();
  const name = `warrant_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drop a database made by createTestDatabase (its connections are ended first). */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: requirePgUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
