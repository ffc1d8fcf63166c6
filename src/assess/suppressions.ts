/**
 * Suppressions: accepting a finding with a recorded reason. Two sources:
 * - inline Markdown comments `<!-- warrant-disable-next-line <finding-id>[, <id>...] -- <reason> -->`,
 *   which silence those findings on the next non-blank source line (read from the source text,
 *   since the Markdown reader keeps no HTML comments);
 * - a config file (`.warrant.yaml` / JSON, see config.ts) with `{rule, path?, text?, reason}` entries.
 * A suppressed finding stays in the report with `suppressed: {reason, source}`.
 */
import type { Finding, TextSpan } from '../model/types.ts';
import { isFindingId } from '../rules/kinds/names.ts';
import { lineColumnOf as positionOf, lineStartsOf } from '../model/positions.ts';

/** One suppression, inline or from a config file. */
export interface Suppression {
  /** Finding ids it silences. */
  rules: string[];
  /** Why the findings are accepted (required; recorded in the report). */
  reason: string;
  origin: 'inline' | 'config';
  /** Config file the entry came from (config suppressions). */
  file?: string;
  /** 1-based line and column where the suppression is written (comment start, config entry). */
  line?: number;
  column?: number;
  /** Inline: the comment's extent in the source (for pointing at a broken comment). */
  span?: TextSpan;
  /** Inline: the 1-based source line whose findings it silences. */
  targetLine?: number;
  /** Config: glob over the document name (`*`, `**`, `?`); matches at a path-segment boundary at the end. */
  path?: string;
  /** Config: text the finding's sentence must contain (case and whitespace ignored). */
  text?: string;
  /** Set when the suppression cannot apply (inline comment without reason or with an unknown id). */
  problem?: string;
}

const MARKER = 'warrant-disable-next-line';

/** True when raw bytes may hold an inline suppression comment (skips decoding sources that have none). */
export function mayHoldInlineSuppressions(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(MARKER);
}
const COMMENT_RE = /<!--([\s\S]*?)-->/g;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;


/** 1-based lines inside fenced code blocks (comments there are examples, not suppressions). */
function fencedLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  let fence: string | undefined;
  lines.forEach((l, i) => {
    const m = FENCE_RE.exec(l);
    if (fence === undefined) {
      if (m) {
        fence = m[1]!;
        out.add(i + 1);
      }
    } else {
      out.add(i + 1);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && l.trim() === m[1]) fence = undefined;
    }
  });
  return out;
}

/**
 * Every `warrant-disable-next-line` comment in a Markdown/text source. Pure. Comments with no
 * finding id, an unknown id, no reason, or no following line come back with `problem` set.
 */
export function findInlineSuppressions(sourceText: string): Suppression[] {
  const starts = lineStartsOf(sourceText);
  const lines = sourceText.split('\n');
  const fenced = fencedLines(lines);
  const out: Suppression[] = [];
  for (const m of sourceText.matchAll(COMMENT_RE)) {
    const body = m[1]!.trim();
    if (!body.startsWith(MARKER)) continue;
    const offset = m.index;
    const endOffset = offset + m[0].length;
    const start = positionOf(starts, offset);
    if (fenced.has(start.line)) continue;
    const end = positionOf(starts, endOffset);
    const span: TextSpan = { kind: 'text', line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset, endOffset };
    const rest = body.slice(MARKER.length);
    const sep = rest.search(/\s--\s|\s--$/);
    const idPart = (sep < 0 ? rest : rest.slice(0, sep)).trim();
    const reason = sep < 0 ? '' : rest.slice(sep).trim().replace(/^--/, '').trim();
    const rules = idPart.split(/[\s,]+/).filter(Boolean);
    let targetLine: number | undefined;
    for (let l = end.line + 1; l <= lines.length; l++) {
      if (lines[l - 1]!.trim() !== '') {
        targetLine = l;
        break;
      }
    }
    // Text after the comment on its own last line is "the next line" too, in effect: treat as same line.
    const tail = sourceText.slice(endOffset, starts[end.line] ?? sourceText.length).trim();
    if (tail !== '') targetLine = end.line;
    const unknown = rules.filter((r) => !isFindingId(r));
    let problem: string | undefined;
    if (rules.length === 0) problem = 'no finding id after warrant-disable-next-line';
    else if (unknown.length > 0) problem = `unknown finding id(s): ${unknown.join(', ')}`;
    else if (reason === '') problem = 'no reason given (write " -- <reason>" after the finding id)';
    else if (targetLine === undefined) problem = 'no line follows the comment';
    out.push({ rules, reason, origin: 'inline', line: start.line, column: start.column, span, targetLine, ...(problem ? { problem } : {}) });
  }
  return out;
}

/** Convert a glob (`*`, `**`, `?`) to a regex matching a document name ending at a path-segment boundary. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const anchored = glob.startsWith('/') ? `^${re}$` : `(?:^|/)${re}$`;
  return new RegExp(anchored);
}

/** What suppression matching needs to know about a finding's place. */
export interface SuppressionContext {
  /** Document name (input name) of a document id. */
  docName(docId: string): string | undefined;
  /** Text of a sentence id. */
  sentenceText(sentenceId: string): string | undefined;
  /** Inline suppressions per document id. */
  inline: ReadonlyMap<string, Suppression[]>;
}

const normalise = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The first suppression (inline before config) that silences a finding, or undefined. */
export function matchSuppression(finding: Finding, config: readonly Suppression[], ctx: SuppressionContext): Suppression | undefined {
  const span = finding.location.span;
  for (const s of ctx.inline.get(finding.location.docId) ?? []) {
    if (s.problem || s.targetLine === undefined || !s.rules.includes(finding.ruleId)) continue;
    if (span?.kind === 'text' && span.line <= s.targetLine && s.targetLine <= span.endLine) return s;
  }
  for (const s of config) {
    if (s.problem || !s.rules.includes(finding.ruleId)) continue;
    if (s.path !== undefined) {
      const name = ctx.docName(finding.location.docId);
      if (name === undefined || !globToRegExp(s.path.replace(/\\/g, '/')).test(name.replace(/\\/g, '/'))) continue;
    }
    if (s.text !== undefined) {
      const sentence = finding.location.sentenceId === undefined ? undefined : ctx.sentenceText(finding.location.sentenceId);
      if (sentence === undefined || !normalise(sentence).includes(normalise(s.text))) continue;
    }
    return s;
  }
  return undefined;
}

/** Where a suppression is recorded, as the report shows it ("inline card.md:12", "config .warrant.yaml:4"). */
export function suppressionSource(s: Suppression, docName?: string): string {
  if (s.origin === 'inline') return `inline ${docName ?? '<input>'}:${s.line ?? 0}`;
  return `config ${s.file ?? '<config>'}${s.line === undefined ? '' : `:${s.line}`}`;
}

/** Mark findings a suppression matches (returns new objects; findings already suppressed keep theirs). */
export function applySuppressions<F extends Finding>(findings: F[], config: readonly Suppression[], ctx: SuppressionContext): F[] {
  return findings.map((f) => {
    if (f.suppressed || f.ruleId === 'invalid-suppression') return f;
    const s = matchSuppression(f, config, ctx);
    if (!s) return f;
    return { ...f, suppressed: { reason: s.reason, source: suppressionSource(s, ctx.docName(f.location.docId)) } };
  });
}
