/**
 * `warrant worker` (issue 15): a process that only takes analysis jobs from the PostgreSQL queue
 * (WARRANT_DATABASE_URL), runs them on its own worker-thread pool and stores the analyses. Run N
 * `warrant serve` and M `warrant worker` processes against one database. SIGINT/SIGTERM stop it
 * gracefully (running jobs finish); a worker killed outright has its job retried elsewhere.
 */
import { parseArgs } from 'node:util';
import { configFromEnv } from '../../api/config.ts';
import { jsonLog, openSharedQueue } from '../../api/server.ts';
import { poolRunner } from '../../api/runner.ts';
import { WorkerPool } from '../../pool/worker-pool.ts';
import { loadRules } from '../../rules/load.ts';
import { compileRuleSet } from '../../analyze.ts';
import { openStorage } from '../../storage/open.ts';
import { WarrantError } from '../../model/errors.ts';
import type { CliIO } from '../main.ts';

/** Run `warrant worker` until SIGINT/SIGTERM. */
export async function runWorker(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { jobs: { type: 'string' }, rules: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout(
      'Usage: warrant worker [--jobs N] [--rules DIR]\nTakes analysis jobs from the PostgreSQL queue; needs WARRANT_DATABASE_URL.\nEnv: WARRANT_DATABASE_URL, WARRANT_JOBS, WARRANT_ANALYSIS_TIMEOUT_MS, WARRANT_JOB_EXPIRE_SECONDS, WARRANT_QUEUE_MAINTENANCE_SECONDS, WARRANT_MAX_PAGES, WARRANT_PARSE_TIMEOUT_MS, WARRANT_WORKER_HEAP_MB, WARRANT_LOG\n',
    );
    return 0;
  }
  const env = { ...process.env };
  if (values.jobs) env.WARRANT_JOBS = values.jobs;
  if (values.rules) env.WARRANT_RULES_DIR = values.rules;
  const config = configFromEnv(env);
  if (!config.databaseUrl) throw new WarrantError('CONFIG_INVALID', 'warrant worker takes jobs from PostgreSQL: set WARRANT_DATABASE_URL=postgres://…');
  const rulesDirs = config.rulesDir ? [config.rulesDir] : [];
  compileRuleSet(await loadRules({ extraDirs: rulesDirs }));
  const log = config.log === 'off' ? undefined : jsonLog;
  const store = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const pool = new WorkerPool({
    size: config.jobs || undefined,
    rulesDirs,
    ingest: { maxPages: config.maxPages, timeoutMs: config.parseTimeoutMs },
    timeoutMs: config.analysisTimeoutMs,
    // Jobs wait in the database, not here: one poller per thread, so the pool never queues.
    maxHeapMb: config.workerHeapMb,
  });
  const runner = poolRunner(pool);
  const queue = await openSharedQueue(config, store, log);
  await queue.work({ analyze: (inputs, o) => runner.run(inputs, o), concurrency: pool.size });
  log?.({ level: 'info', msg: 'worker ready', pid: process.pid, threads: pool.size });
  io.stderr(`warrant: worker ${process.pid} taking jobs with ${pool.size} thread(s)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await queue.close();
  await pool.close();
  await store.close();
  return 0;
}
