/**
 * A CliIO that records what the command wrote (tests of the `warrant` command).
 */
import { readFileSync } from 'node:fs';
import type { CliIO } from '../../src/cli/main.ts';

/** A non-terminal CliIO reading real files and keeping stdout and stderr as strings. */
export function captureIO(): CliIO & { out: string; err: string } {
  const o = {
    out: '',
    err: '',
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    readFile: (p: string) => new Uint8Array(readFileSync(p)),
    isTTY: false,
    stderrIsTTY: false,
  };
  return o;
}
