/**
 * `warrant diff <old-card> <new-card> [--contract <file>...] [--format json|table]`: what a card
 * release changed (representations added, removed, weakened, strengthened, numbers changed)
 * and which contract clauses quote or incorporate a changed representation.
 */
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { WarrantError } from '../../model/errors.ts';
import { loadRules } from '../../rules/load.ts';
import { compileRuleSet } from '../../rules/compile.ts';
import { judgeInput } from '../../analyze.ts';
import { diffCards, exposureSeverity, type CardDiff } from '../../align/diff.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, isFailOn, type FailOn } from '../../report/exit-code.ts';

/** The I/O `warrant diff` needs. */
export interface DiffIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => Uint8Array;
}

const HELP = `Usage: warrant diff <old-card> <new-card> [--contract <file>...] [--format table|json] [--fail-on error|warning|never]

  Compares two versions of a model card: representations added, removed, weakened,
  strengthened or with changed numbers, and the contract clauses that quote (or incorporate)
  a changed representation of the old card.

Options:
  --contract <file>   a contract or schedule that quoted the old card; repeatable
  --format <f>        table (default) | json
  --fail-on <level>   error (default) | warning | never: exit 1 when a contract clause rests on a
                      changed representation: quoting one is an error, incorporating the
                      changed card by reference a warning
  --rules <dir>       extra rules folder; repeatable

Exit codes: 0 no exposure at or above --fail-on (changes alone never fail); 1 a contract clause
quotes (error) or incorporates (warning) a changed representation; 2 usage or input error.
`;

/** Exit code of a finished diff under --fail-on: 1 when an exposure reaches the threshold. */
export function diffExitCode(diff: CardDiff, failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  return diff.exposure.some((e) => failOn === 'warning' || exposureSeverity(e) === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

function renderTable(diff: CardDiff, names: { old: string; next: string }): string {
  const lines: string[] = [`${names.old} → ${names.next}`];
  const s = diff.summary;
  lines.push(`added ${s.added}, removed ${s.removed}, weakened ${s.weakened}, strengthened ${s.strengthened}, number-changed ${s['number-changed']}, changed ${s.changed}`, '');
  for (const c of diff.changes) {
    lines.push(`${c.kind.toUpperCase()}`);
    if (c.oldText) lines.push(`  old: ${c.oldText}`);
    if (c.newText) lines.push(`  new: ${c.newText}`);
    for (const t of c.transformations) {
      lines.push(`  ${t.kind}${t.from !== undefined ? `: "${t.from}"` : ':'}${t.to !== undefined ? ` → "${t.to}"` : ''}${t.note ? ` (${t.note})` : ''}`);
    }
  }
  if (diff.exposure.length > 0) {
    lines.push('', 'Exposure (contract clauses resting on a changed representation):');
    for (const e of diff.exposure) {
      const what = e.via === 'quotation' ? e.changes[0]!.kind : `incorporates the card: ${e.changes.length} changed representations`;
      lines.push(`  ${e.contractName}${e.clauseRef ? ` ${e.clauseRef}` : ''} [${what}] ${e.text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Run `warrant diff`; resolves with the exit code (0 ok, 1 exposure at or above --fail-on, 2 usage or input error). */
export async function runDiff(argv: string[], io: DiffIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        contract: { type: 'string', multiple: true },
        format: { type: 'string', default: 'table' },
        rules: { type: 'string', multiple: true },
        'fail-on': { type: 'string', default: 'error' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr(`warrant diff: ${(e as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    io.stderr(`warrant diff: expected two card files (old and new), got ${positionals.length}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const format = values.format;
  if (format !== 'table' && format !== 'json') {
    io.stderr(`warrant diff: --format must be table or json, not "${format}"\n`);
    return EXIT_USAGE;
  }
  const failOn = values['fail-on'];
  if (!isFailOn(failOn)) {
    io.stderr(`warrant diff: --fail-on must be error, warning or never, not "${failOn}"\n`);
    return EXIT_USAGE;
  }
  try {
    const rules = compileRuleSet(await loadRules({ extraDirs: values.rules ?? [] }));
    const read = (p: string): Uint8Array => {
      try {
        return io.readFile(p);
      } catch (cause) {
        throw new WarrantError('NOT_FOUND', `cannot read ${p}: ${(cause as Error).message}`, { file: p, cause });
      }
    };
    const [oldPath, newPath] = positionals as [string, string];
    const old = await judgeInput({ name: basename(oldPath), bytes: read(oldPath), role: 'model-card' }, rules);
    const next = await judgeInput({ name: basename(newPath), bytes: read(newPath), role: 'model-card' }, rules);
    const contracts = [];
    for (const c of values.contract ?? []) contracts.push(await judgeInput({ name: basename(c), bytes: read(c), role: 'contract' }, rules));
    const diff = diffCards(old, next, contracts, rules);
    io.stdout(format === 'json' ? `${JSON.stringify({ old: oldPath, new: newPath, ...diff }, null, 2)}\n` : renderTable(diff, { old: oldPath, next: newPath }));
    return diffExitCode(diff, failOn);
  } catch (e) {
    if (e instanceof WarrantError) {
      io.stderr(`warrant diff: ${e.code}: ${e.message}${e.file ? ` (${e.file}${e.line ? `:${e.line}` : ''})` : ''}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
