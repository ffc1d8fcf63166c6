/**
 * Chooses the storage backend (issue 15): PostgreSQL when a database URL is given
 * (WARRANT_DATABASE_URL=postgres://…), SQLite in the data folder otherwise, as before. Each backend
 * is imported only when chosen, so a SQLite install never loads `pg` and the reverse.
 */
import { join } from 'node:path';
import type { Storage } from './types.ts';

/** Where to store. */
export interface StorageConfig {
  /** postgres:// or postgresql:// URL; selects PostgreSQL. */
  databaseUrl?: string;
  /** Folder of the SQLite database (warrant.sqlite), when no URL is given. */
  dataDir: string;
}

/** Open (and migrate) the configured storage. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.databaseUrl) {
    const { PostgresStore } = await import('./postgres.ts');
    return PostgresStore.open(config.databaseUrl);
  }
  const { SqliteStore, assertWritableDir } = await import('./sqlite.ts');
  // Refuse to start on a data folder that cannot be written, rather than answer 500 after each analysis.
  assertWritableDir(config.dataDir);
  return new SqliteStore(join(config.dataDir, 'warrant.sqlite'));
}
