/**
 * Starts the HTTP server: opens the storage (SQLite or PostgreSQL), loads rules, starts the analysis pool, listens.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openStorage } from '../storage/open.ts';
import type { Storage } from '../storage/types.ts';
import { loadRules } from '../rules/load.ts';
import { compileRuleSet } from '../analyze.ts';
import { createApp } from './app.ts';
import { inlineRunner, poolRunner } from './runner.ts';
import { WorkerPool } from '../pool/worker-pool.ts';
import type { ServerConfig } from './config.ts';
import type { IngestOptions } from '../ingest/index.ts';

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  store: Storage;
  close(): Promise<void>;
}

/** Settings for startServer; everything but dataDir has a default. */
export type StartOptions = Partial<ServerConfig> & { dataDir: string; /** Run analyses in the request thread (tests). */ inline?: boolean };

/** Start a server; `port: 0` picks a free port. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const rules = compileRuleSet(await loadRules({ extraDirs: options.rulesDir ? [options.rulesDir] : [] }));
  // PostgreSQL when WARRANT_DATABASE_URL is set, else SQLite in the data folder (refused at start when it cannot be written).
  const store = await openStorage({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const ingest = { maxPages: options.maxPages, timeoutMs: options.parseTimeoutMs };
  const pool = options.inline ? undefined : analysisPool(options, ingest);
  const runner = pool ? poolRunner(pool) : inlineRunner(rules, ingest);
  const log = options.log === 'off' ? undefined : jsonLog;
  // On PostgreSQL, `Prefer: respond-async` analyses go to the shared queue, run by `warrant worker` processes (issue 15).
  const jobs = store.backend === 'postgres' ? await openSharedQueue(options, store, log) : undefined;
  const app = createApp({
    store,
    rules,
    runner,
    ...(jobs ? { jobs } : {}),
    maxUploadBytes: options.maxUploadBytes ?? 25 * 1024 * 1024,
    maxFiles: options.maxFiles ?? 20,
    token: options.token,
    log,
  });
  const host = options.host ?? '127.0.0.1';
  const server = await listen(app.fetch, host, options.port ?? 8787);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    store,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await jobs?.close();
      await pool?.close();
      await store.close();
    },
  };
}

/** The worker threads analyses run on, so the server keeps answering while a large document is analysed. */
function analysisPool(options: StartOptions, ingest: IngestOptions): WorkerPool {
  return new WorkerPool({
    size: options.jobs || undefined,
    rulesDirs: options.rulesDir ? [options.rulesDir] : [],
    ingest,
    timeoutMs: options.analysisTimeoutMs ?? 120000,
    maxHeapMb: options.workerHeapMb,
    maxQueue: options.maxQueue ?? 16,
  });
}

/** Listen on host:port; resolves once the socket is bound, rejects when it cannot be (port taken). */
function listen(fetch: (request: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch, port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
}

/** One JSON object per line on stderr (the server's and the worker's structured log). */
export function jsonLog(entry: Record<string, unknown>): void {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
}

/** The PostgreSQL job queue on the storage's database (pg-boss is loaded only here). */
export async function openSharedQueue(options: Partial<ServerConfig>, store: Storage, log?: (entry: Record<string, unknown>) => void) {
  const { openPgQueue } = await import('../jobs/pg-queue.ts');
  return openPgQueue({
    url: options.databaseUrl!,
    storage: store,
    expireInSeconds: options.jobExpireSeconds || Math.ceil((options.analysisTimeoutMs ?? 120000) / 1000) + 60,
    maintenanceIntervalSeconds: options.queueMaintenanceSeconds,
    log,
  });
}
