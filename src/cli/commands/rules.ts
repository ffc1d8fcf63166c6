/**
 * `warrant rules check [--rules DIR]`: validate shipped and user rule files; list them.
 */
import { parseArgs } from 'node:util';
import { loadRules } from '../../rules/load.ts';
import { compileRuleSet } from '../../analyze.ts';
import type { CliIO } from '../main.ts';

/** Run `warrant rules ...`. */
export async function runRules(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check') {
    io.stderr('Usage: warrant rules check [--rules DIR]\n');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { rules: { type: 'string', multiple: true } } });
  const rules = compileRuleSet(await loadRules({ extraDirs: values.rules ?? [] }));
  for (const f of rules.files) io.stdout(`ok  ${f.kind.padEnd(12)} ${f.path}${f.origin.endsWith('rules') ? '' : `  (${f.origin})`}\n`);
  io.stdout(`${rules.files.length} rule files valid; rule set sha256 ${rules.sha256}\n`);
  return 0;
}
