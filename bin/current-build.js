// Whether dist/ (bin/build.js) may run: it is built and no file under src/ is newer than its stamp
// (someone edited src/ since the build), and WARRANT_FROM_SOURCE is not 1. Used by bin/warrant.js and
// the start-up bench; plain JS, so that deciding costs no loader.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** dist/ is there and current. */
export function buildIsCurrent(root = ROOT) {
  if (process.env.WARRANT_FROM_SOURCE === '1') return false;
  let built;
  try {
    built = statSync(join(root, 'dist', '.build-stamp')).mtimeMs;
  } catch {
    return false;
  }
  // Files only: an unpacked package's folders carry the unpack time (its files npm's fixed 1985 one).
  // A plain walk: readdirSync's own { recursive } costs several times more on a cold start.
  const newer = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() ? newer(path) : (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) > built) return true;
    }
    return false;
  };
  try {
    return !newer(join(root, 'src'));
  } catch {
    return !existsSync(join(root, 'src')); // a package shipped without src/ runs dist/; else src/ changed as we looked
  }
}
