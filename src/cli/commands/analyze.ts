/**
 * `warrant analyze`: one analysis over the given files, or (for a folder, a glob or --batch)
 * one analysis per document on a worker pool, streamed as JSON lines with --format jsonl.
 */
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import type { InputFile, Report, Role } from '../../model/types.ts';
import { isUnreadableInputError, WarrantError } from '../../model/errors.ts';
import { analyze, compileRuleSet } from '../../analyze.ts';
import { loadRules } from '../../rules/load.ts';
import { formatFromPath, renderReport, REPORT_FORMATS, type ReportFormat, type RenderOptions } from '../../report/render.ts';
import { skippedLine, skippedOf, stripControls, TABLE_ONLY, type TableOnly } from '../../report/view.ts';
import { CONFIG_FILE_NAMES, configParsers, findingCatalogue, resolveProfile, type WarrantConfig } from '../../assess/index.ts';
import { WorkerPool } from '../../pool/worker-pool.ts';
import { DEFAULT_MAX_BYTES } from '../../ingest/index.ts';
import { expandInputs, isBatchPattern } from '../expand-inputs.ts';
import { exitCodeFor, isFailOn } from '../../report/exit-code.ts';
import type { CliIO } from '../main.ts';

const HELP = `Usage: warrant analyze <file|dir|glob>... [options]

  Files given one by one form ONE analysis (a card, the contracts that quote it, its evidence).
  A folder, a glob or --batch analyses each document on its own, on a worker pool.

Options:
  --role <model-card|contract|evidence>  role of the positional files (guessed from content otherwise)
  --evidence <file>       eval results (lm-eval JSON, model-index YAML, CSV, ...); repeatable
  --contract <file>       a contract schedule; repeatable
  --format <f>            table (default on a terminal) | json | jsonl | sarif | md | html | csv
  --output <file>         write the rendering to a file instead of stdout
  --profile <name>        procurement (default) | vendor-release
  --config <file>         settings and suppressions (default: ./.warrant.yaml when present)
  --rules <dir>           extra rules folder (adds or overrides shipped rules); repeatable
  --fail-on <level>       error (default) | warning | never: exit 1 when a finding is at or above it
  --jobs <n>              worker threads for batch runs (default: number of cores)
  --batch                 analyse each file on its own
  --created-at <iso>      timestamp recorded in the report (default: now)
  --timeout <ms>          deadline of each analysis (default: WARRANT_ANALYSIS_TIMEOUT_MS, else none);
                          an analysis past it is stopped with ANALYSIS_TIMEOUT
  --only <part>           table format: findings | representations | changes (contract clauses that
                          changed their card source); the last line always says PASS or FAIL
  --skip-unreadable       analyse the readable inputs when one cannot be read (empty, binary, corrupt,
                          malformed evidence): each skipped file is a warning on stderr and in the
                          report's "skipped"; without it an unreadable input stops the run (exit 2)
`;

const ROLES: readonly Role[] = ['model-card', 'contract', 'evidence'];

/** Run `warrant analyze`. */
export async function runAnalyze(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      evidence: { type: 'string', multiple: true },
      contract: { type: 'string', multiple: true },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      profile: { type: 'string' },
      config: { type: 'string' },
      rules: { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      jobs: { type: 'string' },
      batch: { type: 'boolean', default: false },
      'created-at': { type: 'string' },
      timeout: { type: 'string' },
      only: { type: 'string' },
      'skip-unreadable': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length === 0 && !values.contract?.length) throw usage('give at least one file to analyse');
  const role = values.role as Role | undefined;
  if (role !== undefined && !ROLES.includes(role)) throw usage(`--role must be one of ${ROLES.join(', ')}`);
  const config = await readConfig(values.config);
  const format = (values.format ?? (values.output ? formatFromPath(values.output) : undefined) ?? (io.isTTY ? 'table' : 'json')) as ReportFormat | 'jsonl';
  if (format !== 'jsonl' && !(REPORT_FORMATS as readonly string[]).includes(format)) throw usage(`--format must be one of ${[...REPORT_FORMATS, 'jsonl'].join(', ')}`);
  const failOn = values['fail-on'] ?? config?.failOn ?? 'error';
  if (!isFailOn(failOn)) throw usage('--fail-on must be error, warning or never');
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw usage('--jobs must be an integer from 1 to 64');
  const timeoutRaw = values.timeout ?? process.env.WARRANT_ANALYSIS_TIMEOUT_MS;
  const timeoutMs = timeoutRaw === undefined || timeoutRaw === '' ? undefined : Number(timeoutRaw);
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1)) throw usage('--timeout must be a whole number of milliseconds');
  const profile = values.profile ?? config?.profile ?? 'procurement';
  const rulesDirs = [...(config?.rules ?? []), ...(values.rules ?? [])];
  const rules = compileRuleSet(await loadRules({ extraDirs: rulesDirs }));
  resolveProfile(rules, profile);
  const suppressions = config?.suppressions ?? [];
  const only = values.only;
  if (only !== undefined && !(TABLE_ONLY as readonly string[]).includes(only)) throw usage(`--only must be one of ${TABLE_ONLY.join(', ')}`);
  const renderOptions: RenderOptions = { color: io.isTTY, catalogue: findingCatalogue(rules), width: process.stdout.columns, failOn, ...(only ? { only: only as TableOnly } : {}) };
  const createdAt = values['created-at'] ?? new Date().toISOString();

  const read = (path: string, r?: Role): InputFile => {
    assertReadable(path);
    return { name: path, bytes: io.readFile(path), role: r };
  };
  const evidence = (values.evidence ?? []).map((p) => read(p, 'evidence'));
  const contracts = (values.contract ?? []).map((p) => read(p, 'contract'));
  const batch = values.batch || positionals.some(isBatchPattern);
  const paths = expandInputs(positionals);
  if (positionals.length > 0 && paths.length === 0) throw usage(`no documents matched ${positionals.join(' ')}`);

  // CI relies on exit 2 for a broken input: skipping one is opt-in (issue 16), and then said on stderr.
  const skipUnreadable = values['skip-unreadable'] === true;
  const warnSkipped = (report: Report): void => {
    for (const k of skippedOf(report)) io.stderr(`warning: skipped ${stripControls(skippedLine(k))}\n`);
  };

  if (!batch) {
    const inputs = [...paths.map((p) => read(p, role)), ...contracts, ...evidence];
    let report: Report;
    try {
      report =
        timeoutMs === undefined
          ? await analyze(inputs, { rules, profile, createdAt, suppressions, skipUnreadable })
          : await analyzeWithDeadline(inputs, { rulesDirs, profile, createdAt, suppressions, timeoutMs, skipUnreadable });
    } catch (err) {
      throw inputs.length > 1 && !skipUnreadable && isUnreadableInputError(err) ? withSkipHint(err) : err;
    }
    warnSkipped(report);
    emit(io, format === 'jsonl' ? JSON.stringify(report) + '\n' : renderReport(report, format, renderOptions), values.output);
    return exitCodeFor([report], failOn);
  }

  // Batch: one analysis per document on a pool; results in input order.
  const pool = new WorkerPool({ size: Math.min(jobs, paths.length), rulesDirs, timeoutMs });
  const reports: Report[] = [];
  let done = 0;
  const progress = (name: string): void => {
    done++;
    if (io.stderrIsTTY) io.stderr(`\r[${done}/${paths.length}] ${basename(name).slice(0, 60).padEnd(60)}`);
  };
  const lines: string[] = [];
  let failed = 0;
  try {
    const results = await Promise.allSettled(
      paths.map(async (p) => {
        const r = await pool.run({ inputs: [read(p, role), ...contracts, ...evidence], profile, createdAt, suppressions, skipUnreadable });
        progress(p);
        if (format === 'jsonl' && !values.output) io.stdout(JSON.stringify({ file: p, report: r }) + '\n');
        return r;
      }),
    );
    if (io.stderrIsTTY) io.stderr('\n');
    results.forEach((res, i) => {
      if (res.status === 'fulfilled') {
        reports.push(res.value);
        warnSkipped(res.value);
        if (format === 'jsonl') lines.push(JSON.stringify({ file: paths[i], report: res.value }));
        else if (format !== 'json') lines.push(renderReport(res.value, format, renderOptions));
      } else {
        failed++;
        const msg = res.reason instanceof WarrantError ? res.reason.describe() : String(res.reason);
        io.stderr(`error: ${paths[i]}: ${msg}\n`);
        if (format === 'jsonl') {
          const line = JSON.stringify({ file: paths[i], error: { message: msg, code: (res.reason as WarrantError).code ?? 'INTERNAL' } });
          lines.push(line);
          if (!values.output) io.stdout(line + '\n');
        }
      }
    });
  } finally {
    await pool.close();
  }
  if (format === 'json') emit(io, JSON.stringify(reports, null, 2) + '\n', values.output);
  else if (format !== 'jsonl' || values.output) emit(io, lines.join('\n') + (lines.length ? '\n' : ''), values.output);
  const code = exitCodeFor(reports, failOn);
  return failed > 0 ? 2 : code;
}

/** One analysis on a worker of its own, terminated at the deadline (the core cannot be interrupted in-thread). */
async function analyzeWithDeadline(
  inputs: InputFile[],
  o: { rulesDirs: string[]; profile: string; createdAt: string; suppressions: WarrantConfig['suppressions']; timeoutMs: number; skipUnreadable: boolean },
): Promise<Report> {
  const pool = new WorkerPool({ size: 1, rulesDirs: o.rulesDirs, timeoutMs: o.timeoutMs });
  try {
    return await pool.run({ inputs, profile: o.profile, createdAt: o.createdAt, suppressions: o.suppressions, skipUnreadable: o.skipUnreadable });
  } finally {
    await pool.close();
  }
}

/**
 * Refuse what cannot be read as a whole before reading it (issue 17: `--evidence /dev/zero` hung):
 * devices, FIFOs and sockets, and files over the input size limit. A path that does not exist is
 * left to the reader, which says so.
 */
function assertReadable(path: string): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isDirectory()) return;
  if (!st.isFile()) throw new WarrantError('BAD_REQUEST', `${path} is not a regular file (a device, pipe or socket); give a file`, { file: path });
  if (st.size > DEFAULT_MAX_BYTES) throw new WarrantError('TOO_LARGE', `${path} is ${st.size} bytes; the limit is ${DEFAULT_MAX_BYTES}`, { file: path });
}

/** The same error, saying how to analyse the other inputs without the unreadable one. */
function withSkipHint(err: WarrantError): WarrantError {
  return new WarrantError(err.code, `${err.message} (--skip-unreadable analyses the other inputs and reports this one as skipped)`, {
    file: err.file,
    line: err.line,
    column: err.column,
    details: err.details,
    cause: err,
  });
}

function emit(io: CliIO, text: string, output?: string): void {
  if (output) writeFileSync(output, text);
  else io.stdout(text);
}

/** The config file given, or the first default one in the working directory; its rules folders resolved against it. */
async function readConfig(path: string | undefined): Promise<WarrantConfig | undefined> {
  const file = path ?? CONFIG_FILE_NAMES.find((n) => existsSync(n));
  if (!file) return undefined;
  const text = readFileSync(file, 'utf8');
  const { parseWarrantConfig } = await configParsers();
  const config = parseWarrantConfig(text, file);
  return { ...config, rules: config.rules.map((r) => resolve(dirname(file), r)) };
}

function usage(message: string): WarrantError {
  return new WarrantError('BAD_REQUEST', message);
}
