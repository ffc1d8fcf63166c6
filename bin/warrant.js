#!/usr/bin/env node
// Entry point that plain `node` runs. It runs the compiled CLI in dist/ (bin/build.js; `npm install` runs
// it) while that build is current, else src/ through the tsx loader: when any file under src/ is newer
// than dist/.build-stamp (someone edited src/ since the build) or WARRANT_FROM_SOURCE=1, so an edit is
// never shadowed by stale compiled code. Either way the same CLI runs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** dist/ is there and no src/ file changed since it was built. */
function buildIsCurrent() {
  if (process.env.WARRANT_FROM_SOURCE === '1') return false;
  let built;
  try {
    built = statSync(join(root, 'dist', '.build-stamp')).mtimeMs;
  } catch {
    return false;
  }
  const src = join(root, 'src');
  let entries;
  try {
    entries = readdirSync(src, { recursive: true });
  } catch {
    return true; // a package shipped without src/
  }
  for (const name of entries) {
    try {
      if (statSync(join(src, name)).mtimeMs > built) return false;
    } catch {
      return false; // deleted while we looked: a change
    }
  }
  return true;
}

let main;
if (buildIsCurrent()) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
