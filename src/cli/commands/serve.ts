/**
 * `warrant serve`: the API and web UI. Settings from env (PORT, WARRANT_DATA_DIR, ...) and flags.
 */
import { parseArgs } from 'node:util';
import { configFromEnv } from '../../api/config.ts';
import { startServer } from '../../api/server.ts';
import type { CliIO } from '../main.ts';

/** Run `warrant serve` until SIGINT/SIGTERM. */
export async function runServe(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, rules: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout('Usage: warrant serve [--port N] [--host H] [--data-dir DIR] [--rules DIR]\nEnv: PORT, HOST, WARRANT_DATA_DIR, WARRANT_DATABASE_URL (PostgreSQL; jobs then run on `warrant worker`), WARRANT_TOKEN, WARRANT_MAX_UPLOAD_MB, WARRANT_MAX_FILES, WARRANT_MAX_PAGES, WARRANT_PARSE_TIMEOUT_MS, WARRANT_ANALYSIS_TIMEOUT_MS, WARRANT_WORKER_HEAP_MB, WARRANT_MAX_QUEUE, WARRANT_JOBS, WARRANT_LOG\n');
    return 0;
  }
  const env = { ...process.env };
  if (values.port) env.PORT = values.port;
  if (values.host) env.HOST = values.host;
  if (values['data-dir']) env.WARRANT_DATA_DIR = values['data-dir'];
  if (values.rules) env.WARRANT_RULES_DIR = values.rules;
  const config = configFromEnv(env);
  const server = await startServer(config);
  io.stderr(`warrant: listening on ${server.url} (data in ${config.dataDir})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
