/**
 * Server configuration from the environment, validated (a bad value is a clear error at start).
 */
import { resolve } from 'node:path';
import { z } from '../rules/zod.ts';
import { WarrantError } from '../model/errors.ts';

const intFrom = (dflt: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(dflt);

const envSchema = z.object({
  PORT: intFrom(8787, 0, 65535),
  HOST: z.string().default('127.0.0.1'),
  WARRANT_DATA_DIR: z.string().default('./data'),
  WARRANT_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  WARRANT_TOKEN: z.string().min(1).optional(),
  WARRANT_MAX_UPLOAD_MB: intFrom(25, 1, 1024),
  WARRANT_MAX_FILES: intFrom(20, 1, 500),
  WARRANT_MAX_PAGES: intFrom(500, 1, 100000),
  WARRANT_PARSE_TIMEOUT_MS: intFrom(60000, 1000, 3600000),
  WARRANT_JOBS: intFrom(0, 0, 64),
  WARRANT_ANALYSIS_TIMEOUT_MS: intFrom(120000, 100, 3600000),
  WARRANT_WORKER_HEAP_MB: intFrom(1024, 64, 65536),
  WARRANT_MAX_QUEUE: intFrom(16, 0, 10000),
  WARRANT_RULES_DIR: z.string().optional(),
  WARRANT_JOB_EXPIRE_SECONDS: intFrom(0, 0, 86400),
  WARRANT_QUEUE_MAINTENANCE_SECONDS: intFrom(30, 1, 3600),
  WARRANT_LOG: z.enum(['json', 'off']).default('json'),
});

/** Validated server settings. */
export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL (WARRANT_DATABASE_URL); SQLite in dataDir when absent. */
  databaseUrl?: string;
  token?: string;
  maxUploadBytes: number;
  maxFiles: number;
  maxPages: number;
  parseTimeoutMs: number;
  /** Worker threads for analyses (0 = number of cores). */
  jobs: number;
  /** Deadline of one analysis, ms (WARRANT_ANALYSIS_TIMEOUT_MS). */
  analysisTimeoutMs: number;
  /** Heap cap of each analysis worker, MB (WARRANT_WORKER_HEAP_MB). */
  workerHeapMb: number;
  /** Analyses that may wait for a worker; beyond it 503 with Retry-After (WARRANT_MAX_QUEUE). */
  maxQueue: number;
  rulesDir?: string;
  /** PostgreSQL queue: seconds a job may run before it is taken for lost and retried (WARRANT_JOB_EXPIRE_SECONDS; 0 = the analysis deadline + 60 s). */
  jobExpireSeconds: number;
  /** PostgreSQL queue: seconds between checks for lost jobs (WARRANT_QUEUE_MAINTENANCE_SECONDS). */
  queueMaintenanceSeconds: number;
  log: 'json' | 'off';
}

/** Read the configuration from environment variables. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new WarrantError('CONFIG_INVALID', `environment variable ${i.path.join('.')}: ${i.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.WARRANT_DATA_DIR),
    databaseUrl: e.WARRANT_DATABASE_URL,
    token: e.WARRANT_TOKEN,
    maxUploadBytes: e.WARRANT_MAX_UPLOAD_MB * 1024 * 1024,
    maxFiles: e.WARRANT_MAX_FILES,
    maxPages: e.WARRANT_MAX_PAGES,
    parseTimeoutMs: e.WARRANT_PARSE_TIMEOUT_MS,
    jobs: e.WARRANT_JOBS,
    analysisTimeoutMs: e.WARRANT_ANALYSIS_TIMEOUT_MS,
    workerHeapMb: e.WARRANT_WORKER_HEAP_MB,
    maxQueue: e.WARRANT_MAX_QUEUE,
    rulesDir: e.WARRANT_RULES_DIR,
    jobExpireSeconds: e.WARRANT_JOB_EXPIRE_SECONDS || Math.ceil(e.WARRANT_ANALYSIS_TIMEOUT_MS / 1000) + 60,
    queueMaintenanceSeconds: e.WARRANT_QUEUE_MAINTENANCE_SECONDS,
    log: e.WARRANT_LOG,
  };
}
