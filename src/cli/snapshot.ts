/**
 * Entry of the CLI's V8 start-up snapshot (issue 14 item 6). bin/build-snapshot.js bundles this file
 * with everything `analyze` and `diff` reach (packages included) into one script and runs it under
 * `node --build-snapshot`, after the packages it preloads (compromise: its lexicon and tagger, ~0.4 s of
 * a cold start; unified/remark; yaml), so their evaluated heap is saved in dist/snapshot/cli.blob; they
 * are imported there, not here, which keeps their one import site each in src/. Our own modules are
 * NOT evaluated at build time: they are reached only through the dynamic import below, which the bundle
 * keeps lazy, so every module-level value (environment, rule files, caches) is computed in the run, as
 * in dist/. bin/warrant.js starts `node --snapshot-blob dist/snapshot/cli.blob <bin/warrant.js> <args>`
 * for those two commands when the blob is current (bin/snapshot.js), and the function below runs the CLI.
 * Only ever run as a snapshot builder; nothing imports it.
 */
import { startupSnapshot } from 'node:v8';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

declare global {
  /** URL of dist/cli/main.js in this run: what each bundled module's `import.meta.url` is resolved against (bin/build-snapshot.js). */
  var __warrantCliUrl: string | undefined;
  /** require() from dist/cli/main.js in this run: loads the packages left out of the snapshot (bin/build-snapshot.js). */
  var __warrantRequire: NodeJS.Require | undefined;
}

startupSnapshot.setDeserializeMainFunction(async () => {
  // argv as in a plain run: [node, <root>/bin/warrant.js, command, ...].
  const script = process.argv[1]!;
  globalThis.__warrantCliUrl = pathToFileURL(join(dirname(script), '../dist/cli/main.js')).href;
  // node:module is required in the run only (the snapshot builder does not vouch for it).
  const { createRequire } = await import('node:module');
  globalThis.__warrantRequire = createRequire(globalThis.__warrantCliUrl);
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
});
