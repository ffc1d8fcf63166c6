/**
 * A disk cache of validated rule files, so that a CLI start does not parse and validate every rule
 * file again (issue 14 item 6): YAML parsing and the zod schemas take most of loading the shipped rules
 * (benchmarks.yaml alone ~100 ms; weights.json's validation about as much), reading a cached file is a
 * JSON.parse. An entry is keyed by the file's SHA-256 and the identity of the code that validated it (the
 * build id in dist/.build-stamp), so an edited rule file or a new build never reads a stale entry.
 * Only the compiled CLI caches: run from src/ (tsx, tests) the schemas may be mid-edit, so nothing is
 * read or written unless a caller passes a cache explicitly.
 * Anything wrong with the cache (missing, unreadable, corrupt, read-only) means: validate as if there
 * were none, and try to write a fresh entry. It is never an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { RuleData } from './kinds/index.ts';
import { isRuleKindName } from './kinds/names.ts';
import type { RuleFile } from './load.ts';
import type { NetStore } from '../text/net-cache.ts';

/** Where entries live and whose validation they hold. */
export interface RulesCache {
  /** Folder of this code identity's entries. */
  dir: string;
  /** Identity of the validating code: entries of another identity are never read. */
  codeId: string;
}

/** One cached, validated rule file. */
export interface CachedRuleFile {
  kind: string;
  data: unknown;
}

const FORMAT = 1;

/** The cache the compiled CLI uses: $XDG_CACHE_HOME/warrant/rules (default ~/.cache), keyed by the build id; undefined from src/. */
export function defaultRulesCache(): RulesCache | undefined {
  if (process.env.WARRANT_RULES_CACHE === 'off') return undefined;
  let codeId: string;
  try {
    // dist/rules/cache.js → dist/.build-stamp (written by bin/build.js). src/ has no stamp.
    codeId = readFileSync(new URL('../.build-stamp', import.meta.url), 'utf8').trim();
    if (!codeId) return undefined;
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    return { dir: join(base, 'warrant', 'rules', sha256(codeId).slice(0, 16)), codeId };
  } catch {
    return undefined;
  }
}

/** The rule file `path` with this text as the cache holds it (validated when it was stored), or undefined. */
export function cachedRuleFile(cache: RulesCache, path: string, text: string, origin: string): RuleFile | undefined {
  const textSha256 = sha256(text);
  const hit = readCachedRuleFile(cache, textSha256, /\.json$/i.test(path));
  if (hit && isRuleKindName(hit.kind)) return { path, origin, sha256: textSha256, kind: hit.kind, data: hit.data as RuleData<typeof hit.kind> };
  return undefined;
}

/** `parse(path, text, origin)` (parse.ts parseRuleFile) answered from the cache when it holds this text. */
export function parseThroughCache(cache: RulesCache, path: string, text: string, origin: string, parse: (path: string, text: string, origin: string) => RuleFile): RuleFile {
  const hit = cachedRuleFile(cache, path, text, origin);
  if (hit) return hit;
  const file = parse(path, text, origin);
  writeCachedRuleFile(cache, file.sha256, /\.json$/i.test(path), file);
  return file;
}

/** Key of a rule file's entry: its text's hash, how it is parsed (JSON or YAML) and the code identity. */
function entryPath(cache: RulesCache, textSha256: string, json: boolean): string {
  return join(cache.dir, `${sha256(`${FORMAT}\0${cache.codeId}\0${json ? 'json' : 'yaml'}\0${textSha256}`)}.json`);
}

/** The cached validation of a rule file, or undefined (none, or unreadable: the caller validates). */
export function readCachedRuleFile(cache: RulesCache, textSha256: string, json: boolean): CachedRuleFile | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryPath(cache, textSha256, json), 'utf8')) as { sha256?: unknown; kind?: unknown; data?: unknown };
    if (entry.sha256 !== textSha256 || typeof entry.kind !== 'string' || entry.data === null || typeof entry.data !== 'object') return undefined;
    return { kind: entry.kind, data: entry.data };
  } catch {
    return undefined;
  }
}

/**
 * Store a validated rule file. Only data that JSON carries unchanged is stored (a schema that produced a
 * RegExp, a Map or an undefined field would not read back the same); a failed write is ignored.
 */
export function writeCachedRuleFile(cache: RulesCache, textSha256: string, json: boolean, file: CachedRuleFile): void {
  if (!isPlainJson(file.data)) return;
  try {
    if (!isDirectory(cache.dir)) {
      mkdirSync(cache.dir, { recursive: true });
      pruneOtherBuilds(cache.dir);
    }
    const path = entryPath(cache, textSha256, json);
    const tmp = `${path}.${process.pid}.${threadId}.tmp`; // pool workers of one process write too
    writeFileSync(tmp, JSON.stringify({ sha256: textSha256, kind: file.kind, data: file.data }));
    renameSync(tmp, path); // atomic: a concurrent reader sees the whole entry or none
  } catch {
    // read-only or full disk: no cache, same result
  }
}

/**
 * The store of compiled compromise nets (src/text/net-cache.ts) in the same folder: entries keyed by
 * the build id (the folder) and the caller's key (compromise's version and the patterns). A missing,
 * corrupt or foreign entry reads as none; a failed write is ignored.
 */
export function netStoreIn(cache: RulesCache): NetStore {
  const pathOf = (key: string): string => join(cache.dir, `net-${sha256(`${FORMAT}\0${cache.codeId}\0${key}`)}.json`);
  return {
    read(key) {
      try {
        const entry = JSON.parse(readFileSync(pathOf(key), 'utf8')) as { key?: unknown; value?: unknown };
        return entry.key === key ? entry.value : undefined;
      } catch {
        return undefined;
      }
    },
    write(key, value) {
      try {
        if (!isDirectory(cache.dir)) {
          mkdirSync(cache.dir, { recursive: true });
          pruneOtherBuilds(cache.dir);
        }
        const path = pathOf(key);
        const tmp = `${path}.${process.pid}.${threadId}.tmp`;
        writeFileSync(tmp, JSON.stringify({ key, value }));
        renameSync(tmp, path);
      } catch {
        // read-only or full disk: nets are built every run
      }
    },
  };
}

/** Entries of other builds untouched for a day: a developer's rebuilds do not pile up. */
function pruneOtherBuilds(dir: string): void {
  const parent = join(dir, '..');
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(parent)) {
    const other = join(parent, name);
    if (other === dir) continue;
    try {
      if (statSync(other).mtimeMs < dayAgo) rmSync(other, { recursive: true, force: true });
    } catch {
      // another process pruned it
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** null, booleans, finite numbers, strings, and arrays and plain objects of them (no undefined). */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i])) return false;
    return true;
  }
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) if (!isPlainJson((value as Record<string, unknown>)[key])) return false;
  return true;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
