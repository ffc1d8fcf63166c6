/**
 * Expands CLI arguments into document paths: files as given; folders walked for documents;
 * globs (*, **, ?) matched without a shell (Node 20 has no fs.glob).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { globToRegExp } from '../assess/index.ts';

const DOCUMENT_EXTENSIONS = /\.(md|markdown|mdx|txt|pdf|docx)$/i;

/** True when an argument names many documents (a folder or a glob). */
export function isBatchPattern(arg: string): boolean {
  if (/[*?]/.test(arg)) return true;
  try {
    return statSync(arg).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) walk(full, out);
    else if (DOCUMENT_EXTENSIONS.test(name)) out.push(full);
  }
}

/** Expand arguments to a sorted, de-duplicated list of paths (plain files keep their order). */
export function expandInputs(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      const norm = arg.split(sep).join('/');
      const firstGlob = norm.search(/[*?]/);
      const base = norm.slice(0, norm.lastIndexOf('/', firstGlob) + 1) || './';
      const re = globToRegExp(norm.startsWith('./') ? norm.slice(2) : norm);
      const found: string[] = [];
      try {
        walk(base, found);
      } catch {
        continue;
      }
      out.push(...found.filter((f) => re.test(f.split(sep).join('/').replace(/^\.\//, ''))));
    } else if (isBatchPattern(arg)) {
      walk(arg, out);
    } else out.push(arg);
  }
  return [...new Set(out)];
}
