/**
 * The project config file (`.warrant.yaml`, `.warrant.yml` or `.warrant.json`; JSON is YAML):
 *
 *   profile: vendor-release          # optional default for --profile
 *   failOn: error                    # optional default for --fail-on
 *   rules: ./my-rules                # optional extra rules folder(s) for --rules
 *   suppressions:
 *     - rule: vague-superlative
 *       path: cards/*.md             # optional glob over the input name
 *       text: state-of-the-art       # optional: the sentence contains this
 *       reason: Marketing copy reviewed by legal on 2026-03-01
 *
 * A broken config is a WarrantError('CONFIG_INVALID') naming the file, line and column.
 */
import { LineCounter, isNode, parseDocument, type Document as YamlDocument } from '../text/yaml.ts';
import { z } from '../rules/zod.ts';
import { WarrantError } from '../model/errors.ts';
import { FINDING_IDS, isFindingId } from '../rules/kinds/names.ts';
import type { Suppression } from './suppressions.ts';

export { CONFIG_FILE_NAMES } from './config-names.ts';

const suppressionEntrySchema = z
  .object({
    rule: z.string().refine(isFindingId, { message: `unknown finding id; known ids: ${FINDING_IDS.join(', ')}` }),
    path: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    reason: z.string().trim().min(1, 'a suppression needs a reason'),
  })
  .strict();

const configSchema = z
  .object({
    profile: z.string().min(1).optional(),
    failOn: z.enum(['error', 'warning', 'never']).optional(),
    rules: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    suppressions: z.array(suppressionEntrySchema).default([]),
  })
  .strict();

/** A validated config file. */
export interface WarrantConfig {
  profile?: string;
  failOn?: 'error' | 'warning' | 'never';
  /** Extra rules folders, as written (relative to the config file's folder). */
  rules: string[];
  suppressions: Suppression[];
}

/** Parse and validate a config file's text. Throws CONFIG_INVALID with file, line and column. */
export function parseWarrantConfig(text: string, file: string): WarrantConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = (message: string, offset?: number): never => {
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    throw new WarrantError('CONFIG_INVALID', message, { file, line: pos?.line, column: pos?.col });
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    fail(`YAML syntax: ${e.message.split('\n')[0]}`, e.pos[0]);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) fail('the config file must be a mapping', 0);
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    fail(`${issue.message}${where}`, offsetOf(doc, issue.path as Array<string | number>) ?? 0);
  }
  const data = parsed.data!;
  const suppressions: Suppression[] = data.suppressions.map((s, i) => {
    const node = doc.getIn(['suppressions', i], true);
    const offset = isNode(node) && node.range ? node.range[0] : undefined;
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
    return {
      rules: [s.rule],
      reason: s.reason,
      origin: 'config',
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      ...(s.path !== undefined ? { path: s.path } : {}),
      ...(s.text !== undefined ? { text: s.text } : {}),
    };
  });
  return {
    ...(data.profile !== undefined ? { profile: data.profile } : {}),
    ...(data.failOn !== undefined ? { failOn: data.failOn } : {}),
    rules: data.rules === undefined ? [] : Array.isArray(data.rules) ? data.rules : [data.rules],
    suppressions,
  };
}

/** The suppressions of a config file (`.warrant.yaml` or JSON). Throws CONFIG_INVALID with file, line and column. */
export function parseSuppressionConfig(text: string, file: string): Suppression[] {
  return parseWarrantConfig(text, file).suppressions;
}

/** Offset of the deepest existing node on `path` in a YAML document. */
function offsetOf(doc: YamlDocument, path: Array<string | number>): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}
