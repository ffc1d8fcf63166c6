#!/usr/bin/env node
// Entry point that plain `node` runs. It runs the compiled CLI in dist/ (bin/build.js; `npm install` runs
// it) while that build is current, else src/ through the tsx loader: when any file under src/ is newer
// than the build (bin/current-build.js), so an edit is never shadowed by stale compiled code, or when
// WARRANT_FROM_SOURCE=1. `analyze` and `diff` from a current build start from its V8 snapshot when there
// is one for this node (bin/snapshot.js), in a child process. Either way the same CLI runs.
import { buildIsCurrent } from './current-build.js';

const argv = process.argv.slice(2);
let main;
if (buildIsCurrent()) {
  // bin/snapshot.js is loaded only for the commands that can start from the snapshot (its COMMANDS).
  const snapshot = argv[0] === 'analyze' || argv[0] === 'diff' ? await import('./snapshot.js') : undefined;
  const found = snapshot?.snapshotBlob(argv);
  if (!found || !(await snapshot.runFromSnapshot(found, argv))) ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
if (main) process.exitCode = await main(argv);
