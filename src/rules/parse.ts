/**
 * Parses and validates one rule file against its kind's schema (src/rules/kinds/, zod). Loading
 * (./load.ts) imports this module only when a rule file is not in the validated-rules cache, so a
 * start whose rule files are all cached loads neither the schemas nor zod (issue 14 item 6).
 * A bad rule file is a WarrantError('RULES_INVALID') naming the file, line, column and problem.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document as YamlDocument } from '../text/yaml.ts';
import type { z } from './zod.ts';
import { WarrantError } from '../model/errors.ts';
import { RULE_KINDS, type RuleData, type RuleKindName } from './kinds/index.ts';
import { isRuleKindName, RULE_KIND_NAMES } from './kinds/names.ts';
import type { RuleFile } from './load.ts';

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
  if (typeof kind !== 'string' || !isRuleKindName(kind)) {
    fail(`unknown or missing kind ${JSON.stringify(kind)}; expected one of: ${RULE_KIND_NAMES.join(', ')}`, offsetOf(doc, ['kind']) ?? 0);
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
  if (typeof kind !== 'string' || !isRuleKindName(kind)) return undefined;
  const parsed = (RULE_KINDS[kind].schema as z.ZodTypeAny).safeParse(value);
  if (!parsed.success) return undefined;
  return { path, origin, sha256: createHash('sha256').update(text).digest('hex'), kind, data: parsed.data as RuleData<RuleKindName> };
}

/** Offset of the deepest existing node on `path` in a YAML document. */
function offsetOf(doc: YamlDocument, path: Array<string | number | symbol>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as Array<string | number>, true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}
