// Whether dist/ (bin/build.js) may run: it is built and no file under src/ is newer than its stamp
// (someone edited src/ since the build), and WARRANT_FROM_SOURCE is not 1. Used by bin/warrant.js and
// the start-up bench; plain JS, so that deciding costs no loader.
import { readdirSync, statSync } from 'node:fs';
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
  const src = join(root, 'src');
  let entries;
  try {
    entries = readdirSync(src, { recursive: true, withFileTypes: true });
  } catch {
    return true; // a package shipped without src/
  }
  // Files only: an unpacked package's folders carry the unpack time (its files npm's fixed 1985 one).
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    try {
      if (statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > built) return false;
    } catch {
      return false; // deleted while we looked: a change
    }
  }
  return true;
}
