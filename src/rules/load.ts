/**
 * Loads rule files (YAML) — the engine's only view of rules/ — validated by their kind's schema
 * (./parse.ts). A bad rule file is a WarrantError('RULES_INVALID') naming the file, line, column and problem.
 * The compiled CLI answers rule files from the validated-rules cache (./cache.ts) and imports the
 * schemas and zod only when a file is not in it (issue 14 item 6: zod and the schemas take ~0.1 s to load).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WarrantError } from '../model/errors.ts';
import type { RuleData, RuleKindName } from './kinds/index.ts';
import { cachedRuleFile, defaultRulesCache, netStoreIn, parseThroughCache, type RulesCache } from './cache.ts';
import { setNetStore } from '../text/net-cache.ts';

/** One validated rule file. */
export interface RuleFile<K extends RuleKindName = RuleKindName> {
  /** Path relative to its rules folder, with forward slashes ("cues/hedges.yaml"). */
  path: string;
  /** Folder it came from (shipped rules or a user's --rules folder). */
  origin: string;
  sha256: string;
  kind: K;
  data: RuleData<K>;
}

/** All rule files, validated; stages read their kinds through `ofKind`. */
export interface RuleSet {
  files: RuleFile[];
  /** SHA-256 over every file's path and hash, in path order: identifies the rule set in reports. */
  sha256: string;
}

/** The rules/ folder shipped with the tool. */
export const SHIPPED_RULES_DIR = resolve(fileURLToPath(new URL('../../rules/', import.meta.url)));

/** The files of one kind, in load order (shipped first, then user overrides). */
export function ofKind<K extends RuleKindName>(rules: RuleSet, kind: K): Array<RuleFile<K>> {
  return rules.files.filter((f): f is RuleFile<K> => f.kind === kind);
}

type Validator = typeof import('./parse.ts');

/**
 * The validating parser (the schemas and zod). Run from src/ (tsx, tests) there is no cache, so it is
 * imported with this module and every reader below works as it always did; the compiled CLI imports it
 * on its first cache miss (`loadRules`, which every command runs before it reads a document).
 */
let validator: Validator | undefined = defaultRulesCache() === undefined ? await import('./parse.ts') : undefined;

async function loadValidator(): Promise<Validator> {
  validator ??= await import('./parse.ts');
  return validator;
}

/** The validator, for a synchronous reader; only a compiled run that read no rules yet lacks it. */
function syncValidator(path: string): Validator {
  if (!validator) throw new WarrantError('RULES_INVALID', 'rule file read before the rules were loaded (await loadRules() first)', { file: path });
  return validator;
}

/** Parse and validate one rule file's text. Throws RULES_INVALID with file, line and column. */
export function parseRuleFile(path: string, text: string, origin = '<memory>'): RuleFile {
  return syncValidator(join(origin, path)).parseRuleFile(path, text, origin);
}

/** Every *.yaml / *.yml / *.json file under `dir`, relative paths with forward slashes, sorted. */
function listRuleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(?:ya?ml|json)$/i.test(name)) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Options for loading rules. */
export interface LoadRulesOptions {
  /** Shipped rules folder (default: the package's rules/). */
  shippedDir?: string;
  /** User folders (`--rules`); a file with the same relative path replaces the shipped one. */
  extraDirs?: string[];
  /** Validated-rules cache (src/rules/cache.ts); default: the compiled CLI's, none from src/; false: none. */
  cache?: RulesCache | false;
}

/** Load shipped rules plus user folders; validate every file (the cached ones were validated when cached). */
export async function loadRules(options: LoadRulesOptions = {}): Promise<RuleSet> {
  const dirs = [options.shippedDir ?? SHIPPED_RULES_DIR, ...(options.extraDirs ?? [])];
  const cache = options.cache === undefined ? defaultRulesCache() : options.cache || undefined;
  // The compiled CLI keeps compiled compromise nets next to the validated rules.
  if (cache) setNetStore(netStoreIn(cache));
  const byPath = new Map<string, RuleFile>();
  for (const { dir, path, text } of readRuleFiles(dirs)) {
    let file = cache ? cachedRuleFile(cache, path, text, dir) : undefined;
    if (!file) {
      const { parseRuleFile: parse } = await loadValidator();
      file = cache ? parseThroughCache(cache, path, text, dir, parse) : parse(path, text, dir);
    }
    byPath.set(path, file);
  }
  const files = [...byPath.values()];
  return { files, sha256: hashRuleSet(files) };
}

/** The text of every rule file under `dirs`, in load order. Throws RULES_INVALID when a folder or file cannot be read. */
function* readRuleFiles(dirs: string[]): Generator<{ dir: string; path: string; text: string }> {
  for (const dir of dirs) {
    let paths: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      paths = listRuleFiles(dir);
    } catch (cause) {
      throw new WarrantError('RULES_INVALID', `cannot read rules folder: ${(cause as Error).message}`, { file: dir, cause });
    }
    for (const path of paths) {
      let text: string;
      try {
        text = readFileSync(join(dir, path), 'utf8');
      } catch (cause) {
        throw new WarrantError('RULES_INVALID', `cannot read rule file: ${(cause as Error).message}`, { file: join(dir, path), cause });
      }
      yield { dir, path, text };
    }
  }
}

/** A rule file read synchronously: from the cache, else validated now (and cached). */
function syncRuleFile(cache: RulesCache | undefined, path: string, text: string, dir: string): RuleFile {
  const hit = cache && cachedRuleFile(cache, path, text, dir);
  if (hit) return hit;
  const { parseRuleFile: parse } = syncValidator(join(dir, path));
  return cache ? parseThroughCache(cache, path, text, dir, parse) : parse(path, text, dir);
}

/**
 * One shipped rule file, synchronously and once per process (for the readers that take no rule set: ingestion's and the
 * splitter's defaults from rules/segmentation.yaml): from the compiled CLI's cache, else validated.
 */
export function shippedRuleFile(path: string): RuleFile {
  let file = shippedFiles.get(path);
  if (!file) {
    file = syncRuleFile(defaultRulesCache(), path, readFileSync(join(SHIPPED_RULES_DIR, path), 'utf8'), SHIPPED_RULES_DIR);
    shippedFiles.set(path, file);
  }
  return file;
}

/** Shipped files read by shippedRuleFile, once per process each. */
const shippedFiles = new Map<string, RuleFile>();

/** Build a rule set from in-memory files (tests, API). */
export function rulesFromFiles(files: RuleFile[]): RuleSet {
  return { files, sha256: hashRuleSet(files) };
}

function hashRuleSet(files: RuleFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) h.update(`${f.path}\0${f.sha256}\n`);
  return h.digest('hex');
}

let cached: RuleSet | undefined;

/** The shipped rules, loaded once per process, synchronously (as `loadRules()` loads them). */
export function shippedRules(): RuleSet {
  if (!cached) {
    const cache = defaultRulesCache();
    if (cache) setNetStore(netStoreIn(cache));
    cached = rulesFromFiles([...readRuleFiles([SHIPPED_RULES_DIR])].map(({ dir, path, text }) => syncRuleFile(cache, path, text, dir)));
  }
  return cached;
}
