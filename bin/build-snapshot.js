// The CLI's V8 start-up snapshot (issue 14 item 6), the last step of bin/build.js: src/cli/snapshot.ts
// bundled with all it reaches, packages included, after the packages to preload (PRELOADED), into one
// script (dist/snapshot/cli.cjs), which
// `node --build-snapshot` runs and saves as dist/snapshot/cli.blob; dist/snapshot/stamp.json, written
// last, says which build and which node binary it belongs to (bin/snapshot.js reads it). A snapshot
// holds compromise, unified/remark and yaml already evaluated, so `warrant analyze` skips the ~0.5 s of
// loading them. A blob only loads in the node binary that made it, so it is built by the node that
// runs the build and used only by the same one; anything that goes wrong here leaves no snapshot, and
// the CLI runs dist/ as before. Run alone: `node bin/build-snapshot.js` (after bin/build.js).
import { spawnSync } from 'node:child_process';
import { builtinModules, createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The commands the snapshot runs (bin/snapshot.js starts it for these only); the others are left out of it. */
export const SNAPSHOT_COMMANDS = ['analyze', 'diff'];

/**
 * V8 flags the snapshot is made and run with (V8 loads a blob only under the flags it was made with; the
 * stamp records them, bin/snapshot.js passes them). The interrupt budget, 8× V8 11.3's default of 67584,
 * lets a function run longer before V8 weighs optimizing it: a CLI run is short, and TurboFan compiles
 * started in it mostly cost more than they save — analyze of the sample card 1.04 -> 0.92 s wall, two
 * corpus cards 3.6 -> 2.2 s, 12 corpus cards on two workers 8.3 -> 6.3 s (interleaved A/B, load ~5).
 */
export const SNAPSHOT_NODE_FLAGS = ['--interrupt-budget=540672'];

/** Packages evaluated at build time, their heap saved in the snapshot: what a run loads first and longest (compromise ~0.4 s). */
const PRELOADED = ['compromise', 'unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'yaml'];

/**
 * Packages a usual run does not load (zod validates a rule file missing from the rules cache, mammoth
 * reads DOCX): left out of the snapshot, and required from node_modules when a run needs them, so that
 * they do not make every start deserialize a larger heap.
 */
const LOADED_WHEN_NEEDED = ['zod', 'mammoth'];

/**
 * Build dist/snapshot/ for the build whose id is `buildId` (dist/.build-stamp). Resolves with a line
 * to print; never throws: a failure removes dist/snapshot/ and says why.
 */
export async function buildSnapshot({ root = ROOT, esbuild, buildId, tsconfig } = {}) {
  const out = join(root, 'dist', 'snapshot');
  const started = Date.now();
  try {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    esbuild ??= createRequire(createRequire(join(root, 'package.json')).resolve('tsx'))('esbuild');
    buildId ??= JSON.parse(readFileSync(join(root, 'dist', '.build-stamp'), 'utf8')).id;
    const bundle = join(out, 'cli.cjs');
    await esbuild.build({
      absWorkingDir: root,
      // The packages to preload, evaluated first (imported as namespaces and referenced: their
      // package.json files say "sideEffects": false), then src/cli/snapshot.ts, which sets the run's main.
      stdin: {
        contents: [
          ...PRELOADED.map((p, i) => `import * as p${i} from ${JSON.stringify(p)};`),
          `if ([${PRELOADED.map((_, i) => `p${i}`).join(', ')}].some((p) => Object.keys(p).length === 0)) throw new Error('a preloaded package is empty');`,
          `import './src/cli/snapshot.ts';`,
        ].join('\n'),
        resolveDir: root,
        sourcefile: 'snapshot-entry.js',
        loader: 'js',
      },
      outfile: bundle,
      bundle: true,
      // ESM, so that the lazily imported modules may use top-level await; the builtins plugin leaves no
      // import statement, so the output is a plain script, which is what --build-snapshot runs.
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent', // a failure is the one line this returns
      ...(tsconfig ? { tsconfig } : {}),
      plugins: [builtinsAsRequire, whenNeeded(LOADED_WHEN_NEEDED), ownUrl(root), onlyCommands(root, SNAPSHOT_COMMANDS)],
    });

    // Built with no NODE_OPTIONS: V8 refuses a blob made under other V8 flags, and bin/snapshot.js runs it with none.
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const blob = join(out, 'cli.blob');
    const made = spawnSync(process.execPath, [...SNAPSHOT_NODE_FLAGS, '--snapshot-blob', `${blob}.tmp`, '--build-snapshot', bundle], { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
    if (made.status !== 0 || !existsSync(`${blob}.tmp`)) throw new Error(`node --build-snapshot: exit ${made.status ?? made.signal}: ${(made.stderr || made.error?.message || '').trim().split('\n').slice(0, 5).join(' | ')}`);
    renameSync(`${blob}.tmp`, blob);

    // It loads and runs here: `analyze --help` from the blob prints what the CLI prints.
    const tried = spawnSync(process.execPath, [...SNAPSHOT_NODE_FLAGS, '--snapshot-blob', blob, join(root, 'bin', 'warrant.js'), 'analyze', '--help'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    if (tried.status !== 0 || !tried.stdout.startsWith('Usage: warrant analyze')) throw new Error(`the snapshot does not run: exit ${tried.status ?? tried.signal}: ${(tried.stderr || '').trim().split('\n')[0]}`);

    writeFileSync(join(out, 'stamp.json'), `${JSON.stringify({ ...snapshotIdentity(buildId), flags: SNAPSHOT_NODE_FLAGS })}\n`);
    return `warrant build: start-up snapshot → dist/snapshot/ in ${Date.now() - started} ms`;
  } catch (err) {
    rmSync(out, { recursive: true, force: true });
    const why = (err instanceof Error ? err.message : String(err)).trim().split('\n').slice(0, 5).join(' | ');
    return `warrant build: no start-up snapshot (warrant starts without one): ${why}`;
  }
}

/** What a blob must match to be loaded (bin/snapshot.js compares it field by field): the build and the node binary. The stamp adds the flags to run it with. */
export function snapshotIdentity(buildId) {
  return { build: buildId, node: process.version, v8: process.versions.v8, execPath: process.execPath, arch: process.arch, platform: process.platform };
}

/** Node's builtins as `require()` calls (the builder's require serves them), so the ESM bundle has no import statement. */
const builtinsAsRequire = {
  name: 'builtins-as-require',
  setup(build) {
    const builtin = new Set(builtinModules);
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'builtin') return { path: args.path, external: true };
      if (args.path.startsWith('node:') || builtin.has(args.path)) return { path: args.path, namespace: 'builtin' };
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/** `packages` (and their subpaths) required from node_modules in the run, by globalThis.__warrantRequire (src/cli/snapshot.ts). */
function whenNeeded(packages) {
  return {
    name: 'when-needed',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.namespace === 'when-needed' || !packages.some((p) => args.path === p || args.path.startsWith(`${p}/`))) return undefined;
        return { path: args.path, namespace: 'when-needed' };
      });
      build.onLoad({ filter: /.*/, namespace: 'when-needed' }, (args) => ({ contents: `module.exports = globalThis.__warrantRequire(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}

/**
 * Each bundled module of ours sees as `import.meta.url` the URL of its per-file output in dist/ (as in the
 * CLI bundle, bin/build.js), resolved in the run against globalThis.__warrantCliUrl (src/cli/snapshot.ts),
 * so that rules/, the worker entries and the build stamp are found wherever the package is.
 */
function ownUrl(root) {
  const SRC = join(root, 'src');
  const DIST = join(root, 'dist');
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.(?:ts|js|mjs|cjs)$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        if (relative(SRC, args.path).startsWith('..')) return undefined; // a package's: the builder refuses the script (no snapshot)
        const target = join(DIST, relative(SRC, args.path).replace(/\.ts$/, '.js'));
        const url = `new URL(${JSON.stringify(relative(join(DIST, 'cli'), target).split(sep).join('/'))}, globalThis.__warrantCliUrl).href`;
        const contents = text.replaceAll('import.meta.url', url);
        if (contents.includes('import.meta')) throw new Error(`${relative(root, args.path)} uses import.meta beyond import.meta.url`);
        return { contents, loader: /\.ts$/.test(args.path) ? 'ts' : 'js' };
      });
    },
  };
}

/** src/cli/commands/<name>.ts of a command the snapshot does not run: a module that says so (it is never reached). */
function onlyCommands(root, names) {
  const commands = join(root, 'src', 'cli', 'commands');
  return {
    name: 'only-commands',
    setup(build) {
      build.onResolve({ filter: /^\.\/commands\/[\w-]+\.ts$/ }, (args) => {
        const name = args.path.slice('./commands/'.length, -'.ts'.length);
        if (args.importer !== join(root, 'src', 'cli', 'main.ts') || names.includes(name)) return undefined;
        return { path: join(commands, `${name}.ts`), namespace: 'left-out' };
      });
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`warrant: ${relative(root, args.path)} is not in the start-up snapshot`)});`,
        loader: 'js',
      }));
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await buildSnapshot());
}
