/**
 * The `warrant` command (thin): parses arguments, does I/O, calls the core, sets the exit code.
 * Exit codes: 0 ok; 1 findings at or above --fail-on; 2 usage, input or rules error.
 */
import { readFileSync } from 'node:fs';
import { isWarrantError } from '../model/errors.ts';
import { TOOL_VERSION } from '../version.ts';

/** I/O a command uses (injectable for tests). */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Uint8Array;
  /** stdout is a terminal (human table by default). */
  isTTY?: boolean;
  /** stderr is a terminal (progress). */
  stderrIsTTY?: boolean;
}

const USAGE = `warrant ${TOOL_VERSION} — which model-card and contract sentences can a customer hold the vendor to?

Usage:
  warrant analyze <file|dir|glob>... [options]   analyse model cards, contracts and evidence
  warrant diff <old-card> <new-card> [--contract <file>...] [--fail-on error|warning|never]
  warrant eval --gold <file.jsonl|dir> --docs <dir> [--format json]
  warrant eval --cv --gold <dir> --docs <dir>    leave-one-document-out: the figure that counts
  warrant eval --model-index --docs <dir> | --alignment <gold.jsonl> --docs <dir>
  warrant train --gold <dir> --docs <dir> [--out <rules dir>]   fit rules/weights.json from gold
  warrant rules check [--rules <dir>]            validate rule files
  warrant serve [--port N] [--data-dir DIR]      start the API and web UI (env: PORT, WARRANT_DATA_DIR, WARRANT_DATABASE_URL)
  warrant worker [--jobs N]                      take analysis jobs from PostgreSQL (WARRANT_DATABASE_URL)

Run 'warrant <command> --help' for options. Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage/input error.
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

/**
 * Each command's module, imported only when that command runs: `--help` and `--version` load no
 * engine code, and `analyze` does not load the HTTP server, the databases or the trainer (issue 14).
 */
const COMMANDS = {
  analyze: async (): Promise<Command> => (await import('./commands/analyze.ts')).runAnalyze,
  serve: async (): Promise<Command> => (await import('./commands/serve.ts')).runServe,
  worker: async (): Promise<Command> => (await import('./commands/worker.ts')).runWorker,
  rules: async (): Promise<Command> => (await import('./commands/rules.ts')).runRules,
  eval: async (): Promise<Command> => (await import('./commands/eval.ts')).runEval,
  diff: async (): Promise<Command> => (await import('./commands/diff.ts')).runDiff,
  train: async (): Promise<Command> => (await import('./commands/train.ts')).runTrain,
} as const;
type CommandName = keyof typeof COMMANDS;

/** Run the CLI; resolves with the exit code. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && Object.hasOwn(COMMANDS, command)) {
      const run = await COMMANDS[command as CommandName]();
      return await run(rest, io);
    }
    switch (command) {
      case '--version':
      case '-v':
        io.stdout(`${TOOL_VERSION}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`warrant: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    io.stderr(`${red('error', io.stderrIsTTY)} ${describeError(err)}\n`);
    return 2;
  }
}

/** One line for a thrown value: WarrantError with its place and code; usage errors as they are. */
export function describeError(err: unknown): string {
  if (isWarrantError(err)) return err.describe();
  if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return err.message;
  if (err instanceof Error && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) return err.message;
  if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ENOENT') return `no such file: ${(err as NodeJS.ErrnoException).path}`;
  if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'EISDIR') return `is a directory: ${(err as NodeJS.ErrnoException).path}`;
  return `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
}

function red(s: string, tty?: boolean): string {
  return tty ? `\u001b[31m${s}:\u001b[0m` : `${s}:`;
}

/**
 * Process I/O. When the reader of stdout goes away (`warrant analyze card.md | head`), the rest of the
 * output is dropped quietly and the command still ends with its own exit code, instead of an
 * unhandled EPIPE stack trace.
 */
export function defaultIO(): CliIO {
  let stdoutClosed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
  return {
    stdout: (s) => {
      if (!stdoutClosed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    readFile: (p) => new Uint8Array(readFileSync(p)),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
