/**
 * Loads and validates rule files (YAML) — the engine's only view of rules/.
 * A bad rule file is a WarrantError('RULES_INVALID') naming the file, line, column and problem.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode, type Document as YamlDocument } from '../text/yaml.ts';
import type { z } from './zod.ts';
import { WarrantError } from '../model/errors.ts';
import { RULE_KINDS, type RuleData, type RuleKindName } from './kinds/index.ts';
import { defaultRulesCache, netStoreIn, parseThroughCache, type RulesCache } from './cache.ts';
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

/** Parse and validate one rule file's text. Throws RULES_INVALID with file, line and column. */
export function parseRuleFile(path: string, text: string, origin = '<memory>'): RuleFile {
  // Generated rule files (rules/weights.json) are JSON, which is YAML: parse them fast, and fall back
  // to the YAML parser only to report where a problem is.
  if (/\.json$/i.test(path)) {
    const fast = parseJsonRuleFile(path, text, origin);
    if (fast) return fast;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = (message: string, offset?: number): never => {
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    throw new WarrantError('RULES_INVALID', message, { file: join(origin, path), line: pos?.line, column: pos?.col });
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    fail(`YAML syntax: ${e.message.split('\n')[0]}`, e.pos[0]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    // An alias bomb or an unresolved alias: yaml throws a plain Error; it is the rule file's problem (issue 17).
    fail(`YAML: ${String((cause as Error).message).split('\n')[0]}`, 0);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('a rule file must be a mapping with a `kind:` key', 0);
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(kind in RULE_KINDS)) {
    fail(`unknown or missing kind ${JSON.stringify(kind)}; expected one of: ${Object.keys(RULE_KINDS).join(', ')}`, offsetOf(doc, ['kind']) ?? 0);
  }
  const schema = RULE_KINDS[kind as RuleKindName].schema as z.ZodTypeAny;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    fail(`${issue.message}${where}`, offsetOf(doc, issue.path as Array<string | number>) ?? 0);
  }
  return {
    path,
    origin,
    sha256: createHash('sha256').update(text).digest('hex'),
    kind: kind as RuleKindName,
    data: parsed.data as RuleData<RuleKindName>,
  };
}

/** A valid JSON rule file, or undefined when it is not (the YAML path then says where and why). */
function parseJsonRuleFile(path: string, text: string, origin: string): RuleFile | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in RULE_KINDS)) return undefined;
  const parsed = (RULE_KINDS[kind as RuleKindName].schema as z.ZodTypeAny).safeParse(value);
  if (!parsed.success) return undefined;
  return { path, origin, sha256: createHash('sha256').update(text).digest('hex'), kind: kind as RuleKindName, data: parsed.data as RuleData<RuleKindName> };
}

/** Offset of the deepest existing node on `path` in a YAML document. */
function offsetOf(doc: YamlDocument, path: Array<string | number | symbol>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as Array<string | number>, true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
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

/** Load shipped rules plus user folders; validate every file. */
export function loadRules(options: LoadRulesOptions = {}): RuleSet {
  const dirs = [options.shippedDir ?? SHIPPED_RULES_DIR, ...(options.extraDirs ?? [])];
  const byPath = new Map<string, RuleFile>();
  const cache = options.cache === undefined ? defaultRulesCache() : options.cache || undefined;
  // The compiled CLI keeps compiled compromise nets next to the validated rules.
  if (cache) setNetStore(netStoreIn(cache));
  for (const dir of dirs) {
    let paths: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
      paths = listRuleFiles(dir);
    } catch (cause) {
      throw new WarrantError('RULES_INVALID', `cannot read rules folder: ${(cause as Error).message}`, { file: dir, cause });
    }
    for (const p of paths) {
      let text: string;
      try {
        text = readFileSync(join(dir, p), 'utf8');
      } catch (cause) {
        throw new WarrantError('RULES_INVALID', `cannot read rule file: ${(cause as Error).message}`, { file: join(dir, p), cause });
      }
      byPath.set(p, cache ? parseThroughCache(cache, p, text, dir, parseRuleFile) : parseRuleFile(p, text, dir));
    }
  }
  const files = [...byPath.values()];
  return { files, sha256: hashRuleSet(files) };
}

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

/** The shipped rules, loaded once per process. */
export function shippedRules(): RuleSet {
  cached ??= loadRules();
  return cached;
}
