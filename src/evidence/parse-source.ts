/**
 * Parsing evidence text (JSON, YAML) with errors that name the file and the place.
 * Broken evidence is a WarrantError('EVIDENCE_MALFORMED'), never a silent drop (STYLE.md principle 4).
 */
import { LineCounter, parseDocument, visit, isAlias, type Document as YamlDocument } from '../text/yaml.ts';
import { WarrantError } from '../model/errors.ts';

/** Line and column (1-based) of a UTF-16 offset in `text`. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: end - lastBreak };
}

/** A WarrantError('EVIDENCE_MALFORMED') naming the file and, when known, line and column (as fields; describe() prints "file:line:column: message"). */
export function malformed(file: string, message: string, where: { line?: number; column?: number; cause?: unknown } = {}): WarrantError {
  // File, line and column travel as fields: WarrantError.describe() and problem+json print them.
  return new WarrantError('EVIDENCE_MALFORMED', message, { file, line: where.line, column: where.column, cause: where.cause });
}

/** Parse JSON; a syntax error becomes EVIDENCE_MALFORMED with line and column. */
export function parseJsonEvidence(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const message = (cause as Error).message;
    // V8 messages carry "at position N" or "(line L column C)"; the end of input is where truncation shows.
    const lc = /line (\d+) column (\d+)/.exec(message);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.trimEnd().length;
    const pos = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : lineColumnOf(text, offset);
    const truncated = /end of (JSON )?input|Unterminated/i.test(message) || (at !== null && offset >= text.trimEnd().length);
    throw malformed(file, `invalid JSON${truncated ? ' (the file looks truncated)' : ''}: ${message.split('\n')[0]}`, { ...pos, cause });
  }
}

/** A parsed YAML document plus a way to find the source line of a path. */
export interface YamlEvidence {
  value: unknown;
  /** 1-based line of the node at `path` (or of its deepest existing ancestor). */
  lineOf(path: Array<string | number>): number | undefined;
}

/** Parse YAML (1.2 core schema, aliases bounded); errors and unresolved aliases become EVIDENCE_MALFORMED. */
export function parseYamlEvidence(text: string, file: string, lineOffset = 0): YamlEvidence {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, schema: 'core', uniqueKeys: false });
  const at = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw malformed(file, `invalid YAML: ${e.message.split('\n')[0]}`, at(e.pos[0]));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    const offset = badAliasOffset(doc);
    throw malformed(file, `invalid YAML: ${(cause as Error).message.split('\n')[0]}`, { ...(offset === undefined ? {} : at(offset)), cause });
  }
  return {
    value,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return at(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Offset of the first alias whose anchor is not defined before it. */
function badAliasOffset(doc: YamlDocument): number | undefined {
  const anchors = new Set<string>();
  let found: number | undefined;
  visit(doc, (_key, node) => {
    if (found !== undefined) return visit.BREAK;
    if (isAlias(node)) {
      if (!anchors.has(node.source)) {
        found = node.range?.[0];
        return visit.BREAK;
      }
    } else if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string') {
      anchors.add(node.anchor);
    }
    return undefined;
  });
  return found;
}
