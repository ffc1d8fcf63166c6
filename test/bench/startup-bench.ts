/**
 * CLI start-up (issue 14 item 6), each figure the median of several runs, the runs interleaved so that
 * every command sees the same machine load:
 * - `warrant --help` against a bare `node -e 0` (goal: ratio ≤ 1.5);
 * - `warrant analyze samples/cards/kestrel-7b.md` against node importing just compromise, remark-parse,
 *   unified and yaml (goal: ratio ≤ 1.3).
 * `warrant` is `node bin/warrant.js`, as installed: the compiled dist/ (built first when missing or older
 * than src/) with the validated-rules cache in a fresh $XDG_CACHE_HOME; the first analyze, which fills
 * that cache, is reported on its own (`analyzeFirstRunSeconds`) and not in the median. When analyze runs
 * from the build's start-up snapshot (bin/snapshot.js), the same analyze without it is timed in the same
 * loop (`analyzeNoSnapshot*`) and the two reports are compared (`snapshotSameReport`).
 * CPU figures are the runs' and their child processes' (Linux), the snapshot's child node included.
 * Standalone: `node bin/run-ts.js test/bench/startup-bench.ts [runs]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/warrant.js');
const CARD = 'samples/cards/kestrel-7b.md';
const IMPORTS = "await import('compromise'); await import('remark-parse'); await import('unified'); await import('yaml');";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function round(n: number, d = 3): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

/**
 * CPU seconds (user + system) of this process's waited-for children and all their descendants so far
 * (Linux /proc/self/stat cutime + cstime, in clock ticks of 1/100 s), or NaN elsewhere. Counting the
 * descendants matters: `warrant analyze` may run the CLI in a child node (its start-up snapshot, bin/snapshot.js).
 */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Wall seconds of one `node <args>` run, and its CPU seconds (its descendants' included); throws when it fails. */
function run(args: string[], env: NodeJS.ProcessEnv, okStatus: number[] = [0]): { wall: number; cpu: number } {
  const cpu0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  if (r.error || !okStatus.includes(r.status ?? -1)) throw new Error(`node ${args.join(' ')}: exit ${r.status}: ${r.error?.message ?? r.stderr.slice(0, 500)}`);
  return { wall, cpu: childrenCpu() - cpu0 };
}

/** Which tree `warrant analyze` runs (bin/warrant.js decides the same way): dist/, from its start-up snapshot when there is a current one, or src/ through tsx. */
async function tree(): Promise<'dist+snapshot' | 'dist' | 'tsx'> {
  const { buildIsCurrent } = (await import(new URL('../../bin/current-build.js', import.meta.url).href)) as { buildIsCurrent: () => boolean };
  const { currentSnapshot } = (await import(new URL('../../bin/snapshot.js', import.meta.url).href)) as { currentSnapshot: () => unknown };
  if (!buildIsCurrent()) return 'tsx';
  return currentSnapshot() && process.env.WARRANT_SNAPSHOT !== 'off' ? 'dist+snapshot' : 'dist';
}

export async function benchStartup(runs = 7): Promise<Record<string, unknown>> {
  const cache = mkdtempSync(join(tmpdir(), 'warrant-startup-'));
  const env = { ...process.env, XDG_CACHE_HOME: cache, NODE_OPTIONS: '' };
  try {
    let built = false;
    if ((await tree()) === 'tsx' && process.env.WARRANT_FROM_SOURCE !== '1') {
      run([join(ROOT, 'bin/build.js')], env);
      built = true;
    }
    const treeBefore = await tree();
    // First runs: the analyze fills the rules cache (what a user's first run after install pays).
    run([BIN, '--help'], env);
    const analyzeFirstRun = run([BIN, 'analyze', CARD], env, [0, 1]).wall;
    run(['--input-type=module', '-e', IMPORTS], env);
    // With a snapshot, the same analyze without it (WARRANT_SNAPSHOT=off: dist/ in one process) is timed
    // alongside, and both must print the same report.
    const snapshot = treeBefore === 'dist+snapshot';
    const noSnapshot = { ...env, WARRANT_SNAPSHOT: 'off' };
    let sameReport: boolean | undefined;
    if (snapshot) {
      const fixed = [BIN, 'analyze', CARD, '--created-at', '2026-01-01T00:00:00.000Z'];
      const out = (e: NodeJS.ProcessEnv): string => spawnSync(process.execPath, fixed, { cwd: ROOT, env: e, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
      sameReport = out(env) === out(noSnapshot);
    }
    type Runs = Array<{ wall: number; cpu: number }>;
    const t = { node: [] as Runs, help: [] as Runs, imports: [] as Runs, analyze: [] as Runs, analyzeNoSnapshot: [] as Runs };
    for (let i = 0; i < runs; i++) {
      t.node.push(run(['-e', '0'], env));
      t.help.push(run([BIN, '--help'], env));
      t.imports.push(run(['--input-type=module', '-e', IMPORTS], env));
      t.analyze.push(run([BIN, 'analyze', CARD], env, [0, 1]));
      if (snapshot) t.analyzeNoSnapshot.push(run([BIN, 'analyze', CARD], noSnapshot, [0, 1]));
    }
    const wall = (k: keyof typeof t): number => median(t[k].map((x) => x.wall));
    const cpu = (k: keyof typeof t): number => median(t[k].map((x) => x.cpu));
    const m = { node: wall('node'), help: wall('help'), imports: wall('imports'), analyze: wall('analyze') };
    const treeAfter = await tree();
    return {
      runs,
      tree: treeAfter === treeBefore ? treeAfter : `${treeBefore}→${treeAfter} (src/ changed during the bench)`,
      builtFirst: built,
      nodeSeconds: round(m.node),
      helpSeconds: round(m.help),
      helpRatio: round(m.help / m.node, 2),
      helpGoal: 1.5,
      importsSeconds: round(m.imports),
      analyzeSeconds: round(m.analyze),
      analyzeRatio: round(m.analyze / m.imports, 2),
      analyzeGoal: 1.3,
      analyzeFirstRunSeconds: round(analyzeFirstRun),
      ...(snapshot
        ? { analyzeNoSnapshotSeconds: round(wall('analyzeNoSnapshot')), analyzeNoSnapshotRatio: round(wall('analyzeNoSnapshot') / m.imports, 2), snapshotSameReport: sameReport }
        : {}),
      // The same ratios in CPU seconds (all threads): steadier than wall time on a loaded machine.
      cpuSeconds: { node: round(cpu('node')), help: round(cpu('help')), imports: round(cpu('imports')), analyze: round(cpu('analyze')), ...(snapshot ? { analyzeNoSnapshot: round(cpu('analyzeNoSnapshot')) } : {}) },
      helpCpuRatio: round(cpu('help') / cpu('node'), 2),
      analyzeCpuRatio: round(cpu('analyze') / cpu('imports'), 2),
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchStartup(Number(process.argv[2]) || 7), null, 2));
}
