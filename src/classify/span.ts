/**
 * Maps a character range of a sentence back to the source (Markdown/text line and column),
 * through the block's offset map (SourceRun). Returns undefined when the range is not mappable.
 */
import type { Block, Document, Sentence, Span } from '../model/types.ts';
import { lineColumnOf as lineColumn } from '../model/positions.ts';

/** Source span of sentence text [start, end), when the block has a text offset map. */
export function cueSpan(doc: Document, block: Block | undefined, s: Sentence, start: number, end: number): Span | undefined {
  if (!block || s.blockOffset < 0 || !doc.lineStarts || block.runs.length === 0) return undefined;
  const a = sourceOffset(block, s.blockOffset + start);
  const b = sourceOffset(block, s.blockOffset + end - 1);
  if (a === undefined || b === undefined) return undefined;
  const from = lineColumn(doc.lineStarts, a);
  const to = lineColumn(doc.lineStarts, b + 1);
  return { kind: 'text', line: from.line, column: from.column, endLine: to.line, endColumn: to.column, offset: a, endOffset: b + 1 };
}

function sourceOffset(block: Block, at: number): number | undefined {
  for (const r of block.runs) {
    if (at >= r.start && at < r.end && r.sourceOffset !== undefined) return r.sourceOffset + (at - r.start);
  }
  return undefined;
}

