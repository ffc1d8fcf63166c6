/**
 * Maps a character range of a sentence back to the source, through the block's offset map
 * (SourceRun): line and column for Markdown and text, page and rectangles for PDF, paragraph for
 * DOCX. Returns undefined when the range is not mappable (table rows, inserted text).
 */
import type { Block, Document, Sentence, Span } from '../model/types.ts';
import { spanOf } from '../segment/index.ts';

/** Source span of sentence text [start, end), when the block has an offset map for it. */
export function cueSpan(doc: Document, block: Block | undefined, s: Sentence, start: number, end: number): Span | undefined {
  if (!block || s.blockOffset < 0 || block.runs.length === 0 || end <= start) return undefined;
  const from = s.blockOffset + start;
  const to = s.blockOffset + end;
  if (!block.runs.some((r) => r.start < to && r.end > from)) return undefined;
  return spanOf(doc, block, from, to);
}
