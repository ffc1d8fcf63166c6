#!/usr/bin/env node
// Compiles src/ to plain JavaScript in dist/ (`npm run build`; the `prepare` script runs it on
// `npm install`/`npm ci` from a clone and on `npm install -g`), so that `warrant` starts without the
// TypeScript loader. One output file per source file, same folder layout: dist/ sits beside src/, so a
// path a module resolves against its own URL ('../../rules/', '../../web/', './pdf-worker.mjs') means
// the same place from either tree. The CLI entry, dist/cli/main.js, is then replaced by a bundle of
// the same sources (one chunk per command, packages left external): `warrant analyze` loaded ~160 of
// our modules one by one in ~130 ms, the chunks load in ~70 ms (issue 14 item 6). Each bundled
// module's `import.meta.url` is rewritten to the URL of its own per-file output, so those paths still
// resolve; the worker entries (pool, Markdown, PDF) run the per-file modules. The compiler is the
// esbuild that tsx itself runs on (tsx is a runtime dependency), so the built code is what the tsx
// fallback would run, and the build works in a production install too. Type checking stays `npm run typecheck` / `npm test`.
// Writes dist/.build-stamp (bin/warrant.js uses dist/ only while no src/ file is newer), then the CLI's
// V8 start-up snapshot, dist/snapshot/ (bin/build-snapshot.js: `analyze` and `diff` start from it).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from './build-snapshot.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');

if (!existsSync(SRC)) {
  // `npm ci` in a Docker layer that has only package.json and bin/ yet: nothing to build, tsx runs src/ later.
  console.log('warrant build: no src/ here, nothing to build');
  process.exit(0);
}

let esbuild;
try {
  esbuild = createRequire(createRequire(join(ROOT, 'package.json')).resolve('tsx'))('esbuild');
} catch (err) {
  console.log(`warrant build: esbuild (from tsx) not found, skipped; warrant runs src/ through tsx (${err.message})`);
  process.exit(0);
}

/** Every file under `dir`, relative with forward slashes. */
function walk(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}

// The stamp carries the time the sources were read: an edit during the build counts as newer.
const started = new Date();
const files = walk(SRC);
// TypeScript modules, and plain-JS worker entries (src/pool/analyze-worker.js), which may import .ts
// modules through tsx: both compiled, relative imports pointed at the compiled .js.
const modules = files.filter((f) => (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.endsWith('.js'));
// Other files the code loads by URL (the .mjs worker entries, which import packages only): copied.
const assets = files.filter((f) => /\.(?:mjs|cjs|json)$/.test(f));
const outputs = new Map();
for (const f of modules) {
  const out = f.replace(/\.ts$/, '.js');
  if (outputs.has(out)) throw new Error(`warrant build: ${outputs.get(out)} and ${f} would both be dist/${out}`);
  outputs.set(out, f);
}

rmSync(DIST, { recursive: true, force: true });

/** Relative imports stay imports of the sibling output file ('./x.ts' → './x.js'); packages stay external. */
const perFile = {
  name: 'per-file',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (args.path.startsWith('.')) return { path: args.path.replace(/\.ts$/, '.js'), external: true };
      return { path: args.path, external: true };
    });
  },
};

/** What both builds share: ESM for Node 20, linked source maps, tsconfig.json when there is one (tsx reads it too). */
const common = {
  absWorkingDir: ROOT,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  ...(existsSync(join(ROOT, 'tsconfig.json')) ? { tsconfig: join(ROOT, 'tsconfig.json') } : {}),
};

await esbuild.build({
  ...common,
  entryPoints: modules.map((f) => join(SRC, f)),
  outbase: SRC,
  outdir: DIST,
  bundle: true, // with every import external (above): resolves nothing, rewrites the specifiers
  plugins: [perFile],
});
/** In a bundled module, `import.meta.url` is the URL its per-file output has (dist/<path>.js beside dist/cli/). */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true })); // packages and node: builtins
    build.onLoad({ filter: /\.(?:ts|js|mjs)$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const inSrc = !relative(SRC, args.path).startsWith('..');
      const target = inSrc ? join(DIST, relative(SRC, args.path).replace(/\.ts$/, '.js')) : args.path;
      const url = `new URL(${JSON.stringify(relative(join(DIST, 'cli'), target).split(sep).join('/'))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

await esbuild.build({
  ...common,
  entryPoints: [join(SRC, 'cli/main.ts')],
  outdir: join(DIST, 'cli'),
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true, // each command's code in its own chunk: `--help` loads none of them
  plugins: [ownUrl],
});
for (const f of assets) {
  mkdirSync(dirname(join(DIST, f)), { recursive: true });
  copyFileSync(join(SRC, f), join(DIST, f));
}
// The build's identity (the rules cache in src/rules/load.ts keys on it), with the start time as mtime.
const id = randomUUID();
writeFileSync(STAMP, `${JSON.stringify({ id, built: started.toISOString(), modules: modules.length, assets: assets.length })}\n`);
utimesSync(STAMP, started, started);
console.log(`warrant build: ${modules.length} modules and ${assets.length} assets → dist/ in ${Date.now() - started.getTime()} ms`);
// Last, the V8 start-up snapshot of `analyze` and `diff` (bin/build-snapshot.js); when it cannot be made, the CLI runs without it.
if (process.env.WARRANT_SNAPSHOT === 'off') console.log('warrant build: no start-up snapshot (WARRANT_SNAPSHOT=off)');
else console.log(await buildSnapshot({ root: ROOT, esbuild, buildId: id, tsconfig: common.tsconfig }));
