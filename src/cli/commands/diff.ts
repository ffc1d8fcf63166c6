/**
 * `warrant diff` (placeholder until its owner lands it).
 */
import type { CliIO } from '../main.ts';

/** Run `warrant diff`. */
export async function runDiff(_argv: string[], io: Pick<CliIO, 'stdout' | 'stderr' | 'readFile'>): Promise<number> {
  io.stderr('warrant diff: not available yet\n');
  return 2;
}
