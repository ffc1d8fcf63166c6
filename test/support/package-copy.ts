/**
 * A copy of the package in a temporary folder, for tests that build it (bin/build.js) or edit its
 * files without touching the checkout: the given folders, package.json and tsconfig.json copied,
 * node_modules linked.
 */
import { cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Copy `dirs` (paths relative to the package root) and the package's manifests into `pkg`, linking node_modules. */
export function copyPackage(pkg: string, dirs: readonly string[]): void {
  for (const d of dirs) cpSync(join(ROOT, d), join(pkg, d), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(pkg, f));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
}
