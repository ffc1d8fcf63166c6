/**
 * Offset maps for text documents: a builder that appends plain text while recording which
 * source offsets each piece came from (Block.runs), and line/column helpers (Document.lineStarts).
 * Shared by the Markdown, HTML and plain-text readers; built while walking, never by re-parsing.
 */
import type { SourceRun, TextSpan } from '../model/types.ts';
import { lineColumnOf, lineStartsOf } from '../model/positions.ts';

export { lineColumnOf, lineStartsOf };

/** Character a hard line break (Markdown hard break, <br>) becomes in Block.text: U+2028 LINE SEPARATOR, so soft wraps ('\n') stay plain whitespace. */
export const LINE_BREAK = '\u2028';

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** Accumulates plain text and its runs back to the source. */
export class TextBuilder {
  text = '';
  runs: SourceRun[] = [];

  /** Append `value`; when `sourceOffset` is given, value[i] came from source[sourceOffset + i]. */
  push(value: string, sourceOffset?: number): void {
    if (value.length === 0) return;
    const start = this.text.length;
    this.text += value;
    if (sourceOffset !== undefined) this.addRun(start, start + value.length, sourceOffset);
  }

  /** Append text that is not in the source (a joining space, a line break for <br>). */
  pushSynthetic(value: string): void {
    this.push(value);
  }

  /**
   * Append `value`, the decoded form of `raw` (which starts at `rawOffset` in the source):
   * backslash escapes, character references and re-indented line breaks are aligned so that
   * every character that appears in both maps to its source position.
   */
  pushAligned(value: string, raw: string, rawOffset: number): void {
    let i = 0;
    let j = 0;
    while (j < value.length) {
      const v = value[j]!;
      if (i >= raw.length) {
        this.push(value.slice(j));
        return;
      }
      const r = raw[i]!;
      if (r === '&') {
        const m = ENTITY.exec(raw.slice(i, i + 40));
        if (m && value.slice(j, j + m[0].length) !== m[0]) {
          // a reference decodes to one code point (one or two UTF-16 units)
          const cp = value.codePointAt(j)!;
          const units = cp > 0xffff ? 2 : 1;
          const start = this.text.length;
          this.text += value.slice(j, j + units);
          this.runs.push({ start, end: start + units, sourceOffset: rawOffset + i, sourceLength: m[0].length });
          j += units;
          i += m[0].length;
          continue;
        }
      }
      if (r === v) {
        // extend a run of matching characters
        let k = 0;
        while (j + k < value.length && i + k < raw.length && raw[i + k] === value[j + k] && !(raw[i + k] === '\\' || raw[i + k] === '&')) k++;
        if (k === 0) k = 1;
        this.push(value.slice(j, j + k), rawOffset + i);
        i += k;
        j += k;
        continue;
      }
      if (r === '\\' && raw[i + 1] === v) {
        i++;
        continue;
      }
      if (/\s/.test(r) && !/\s/.test(v)) {
        i++;
        continue;
      }
      if (/\s/.test(v) && !/\s/.test(r)) {
        this.push(v);
        j++;
        continue;
      }
      if (v === '\ufffd') {
        // the parser replaced an unusable character (NUL): it stands for the source character
        this.push(v, rawOffset + i);
        i++;
        j++;
        continue;
      }
      // markup the parser removed: skip ahead to the character when it is near, else leave it unmapped
      const ahead = raw.indexOf(v, i);
      if (ahead >= 0 && ahead - i <= 16) {
        i = ahead;
        continue;
      }
      this.push(v);
      j++;
    }
  }

  private addRun(start: number, end: number, sourceOffset: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.end === start && last.sourceOffset !== undefined && last.sourceLength === undefined && last.sourceOffset + (last.end - last.start) === sourceOffset) {
      last.end = end;
      return;
    }
    this.runs.push({ start, end, sourceOffset });
  }
}

/** TextSpan for source offsets [offset, endOffset). */
export function textSpanOf(lineStarts: readonly number[], offset: number, endOffset: number): TextSpan {
  const a = lineColumnOf(lineStarts, offset);
  const b = lineColumnOf(lineStarts, endOffset);
  return { kind: 'text', line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset, endOffset };
}

/** Trim whitespace from both ends of builder output, keeping runs consistent. */
export function trimmed(text: string, runs: SourceRun[]): { text: string; runs: SourceRun[] } {
  const lead = text.length - text.trimStart().length;
  const t = text.trim();
  return { text: t, runs: shiftRuns(runs, lead, lead + t.length) };
}

/** Runs restricted to [from, to) of a text, re-based so `from` becomes 0. */
export function shiftRuns(runs: readonly SourceRun[], from: number, to: number): SourceRun[] {
  const out: SourceRun[] = [];
  for (const r of runs) {
    const s = Math.max(r.start, from);
    const e = Math.min(r.end, to);
    if (e <= s) continue;
    const run: SourceRun = { ...r, start: s - from, end: e - from };
    if (r.sourceOffset !== undefined) run.sourceOffset = r.sourceOffset + (s - r.start);
    // a character reference cut in half no longer spans its whole source
    if (r.sourceLength !== undefined && (s !== r.start || e !== r.end)) delete run.sourceLength;
    out.push(run);
  }
  return out;
}

/** Text and runs with the ordered, disjoint ranges `drop` removed; the kept pieces keep their source offsets. */
export function removeRanges(text: string, runs: readonly SourceRun[], drop: ReadonlyArray<[number, number]>): { text: string; runs: SourceRun[] } {
  let out = '';
  const outRuns: SourceRun[] = [];
  let from = 0;
  for (const [a, b] of [...drop, [text.length, text.length] as [number, number]]) {
    if (a > from) {
      for (const r of shiftRuns(runs, from, a)) outRuns.push({ ...r, start: r.start + out.length, end: r.end + out.length });
      out += text.slice(from, a);
    }
    from = Math.max(from, b);
  }
  return { text: out, runs: outRuns };
}
