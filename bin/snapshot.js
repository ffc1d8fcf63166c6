// Whether and how bin/warrant.js runs the CLI from its V8 start-up snapshot (bin/build-snapshot.js,
// src/cli/snapshot.ts; issue 14 item 6): for `analyze` and `diff`, when dist/ is current (the caller
// checks that) and dist/snapshot/stamp.json says the blob was made from this build by this node binary.
// Never when node was started with options (NODE_OPTIONS, or flags before bin/warrant.js): the child
// would have to take them too, and V8 refuses a blob made under other flags; nor when
// WARRANT_SNAPSHOT=off. The child is `node <its flags> --snapshot-blob <blob> <bin/warrant.js> <args>`, with this
// process's stdio, environment and working directory; its exit code (or signal) is this process's.
// Plain JS, loaded by bin/warrant.js for those two commands only: it reads two small files and imports nothing heavy.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const COMMANDS = new Set(['analyze', 'diff']); // = SNAPSHOT_COMMANDS in bin/build-snapshot.js, and bin/warrant.js's test

/** The blob to run `argv` from and the node flags to run it with, or undefined (run dist/ in this process). */
export function snapshotBlob(argv, root = ROOT) {
  if (!COMMANDS.has(argv[0]) || process.env.WARRANT_SNAPSHOT === 'off') return undefined;
  if (process.env.NODE_OPTIONS || process.execArgv.length > 0) return undefined;
  return currentSnapshot(root);
}

/**
 * dist/snapshot/cli.blob, with the V8 flags it was made with (its stamp's `flags`), when its stamp names
 * the current dist/ build and this node binary; else undefined.
 */
export function currentSnapshot(root = ROOT) {
  try {
    const dist = join(root, 'dist');
    const stamp = JSON.parse(readFileSync(join(dist, 'snapshot', 'stamp.json'), 'utf8'));
    const build = JSON.parse(readFileSync(join(dist, '.build-stamp'), 'utf8')).id;
    const current = { build, node: process.version, v8: process.versions.v8, execPath: process.execPath, arch: process.arch, platform: process.platform };
    for (const [k, v] of Object.entries(current)) if (stamp[k] !== v) return undefined;
    const flags = stamp.flags ?? [];
    if (!Array.isArray(flags) || !flags.every((f) => typeof f === 'string' && f.startsWith('--'))) return undefined;
    return { blob: join(dist, 'snapshot', 'cli.blob'), flags };
  } catch {
    return undefined;
  }
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Run the CLI from the snapshot (what snapshotBlob returned) in a child node; resolves when it exits, with this process's exit code set to
 * its. Resolves false, having run nothing, when the child could not be started.
 */
export function runFromSnapshot({ blob, flags }, argv, script = join(ROOT, 'bin', 'warrant.js')) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, '--snapshot-blob', blob, script, ...argv], { stdio: 'inherit' });
    // A signal sent to this process alone (a CI runner's timeout) reaches the child too.
    const forward = (signal) => child.kill(signal);
    for (const s of FORWARDED) process.on(s, forward);
    child.on('error', (err) => {
      for (const s of FORWARDED) process.off(s, forward);
      if (child.pid === undefined) resolve(false);
      else reject(err);
    });
    child.on('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      if (signal) process.kill(process.pid, signal); // die of the same signal, as a run without the snapshot would
      process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0); // (a signal node ignores)
      resolve(true);
    });
  });
}
