#!/usr/bin/env node
// Entry point that plain `node` runs. It runs the compiled CLI in dist/ (bin/build.js; `npm install` runs
// it) while that build is current, else src/ through the tsx loader: when any file under src/ is newer
// than the build (bin/current-build.js), so an edit is never shadowed by stale compiled code, or when
// WARRANT_FROM_SOURCE=1. Either way the same CLI runs.
import { buildIsCurrent } from './current-build.js';

let main;
if (buildIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
