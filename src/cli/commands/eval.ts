/**
 * `warrant eval` (placeholder until its owner lands it).
 */
import type { CliIO } from '../main.ts';

/** Run `warrant eval`. */
export async function runEval(_argv: string[], io: Pick<CliIO, 'stdout' | 'stderr' | 'readFile'>): Promise<number> {
  io.stderr('warrant eval: not available yet\n');
  return 2;
}
