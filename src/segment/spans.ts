/**
 * Sentence spans from a block's runs: the one place that turns a range of block text into a
 * Span, for all three kinds of run (text offsets, PDF page + bbox, DOCX paragraph).
 */
import type { BBox, Block, Document, SourceRun, Span } from '../model/types.ts';
import { lineColumnOf as lineColumn } from '../model/positions.ts';

function union(boxes: readonly BBox[]): BBox {
  return boxes.reduce<BBox>((u, b) => [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
}

/** Rectangles per line: runs on one page whose vertical extents overlap are merged. */
function rectsPerLine(runs: readonly SourceRun[]): BBox[] {
  const lines: Array<{ page: number; box: BBox }> = [];
  for (const r of runs) {
    if (!r.bbox) continue;
    const page = r.page ?? 1;
    const line = lines.find((l) => l.page === page && Math.min(l.box[3], r.bbox![3]) - Math.max(l.box[1], r.bbox![1]) > 0.5 * Math.min(l.box[3] - l.box[1], r.bbox![3] - r.bbox![1]));
    if (line) line.box = union([line.box, r.bbox]);
    else lines.push({ page, box: [...r.bbox] as BBox });
  }
  return lines.map((l) => l.box);
}

/** Source length of a run's text up to `end` (a whole character reference when the run is one). */
function sourceEnd(run: SourceRun, end: number): number {
  if (end >= run.end && run.sourceLength !== undefined) return run.sourceLength;
  return Math.min(end, run.end) - run.start;
}

/** Runs overlapping [start, end); runs are in text order, so a binary search finds the first. */
function overlapping(runs: readonly SourceRun[], start: number, end: number): SourceRun[] {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: SourceRun[] = [];
  for (let i = lo; i < runs.length && runs[i]!.start < end; i++) if (runs[i]!.end > start) out.push(runs[i]!);
  return out;
}

/** Span of block text [start, end), or the block's span when no run covers it. */
export function spanOf(doc: Pick<Document, 'lineStarts'>, block: Pick<Block, 'runs' | 'span'>, start: number, end: number): Span {
  const runs = overlapping(block.runs, start, end);
  if (runs.length === 0) return unmappedSpan(doc, block, start);
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  if (first.sourceOffset !== undefined && last.sourceOffset !== undefined && doc.lineStarts) {
    const offset = first.sourceOffset + Math.max(0, start - first.start);
    const endOffset = Math.max(offset, last.sourceOffset + sourceEnd(last, end));
    const a = lineColumn(doc.lineStarts, offset);
    const b = lineColumn(doc.lineStarts, endOffset);
    return { kind: 'text', line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset, endOffset };
  }
  const boxed = runs.filter((r) => r.bbox);
  if (boxed.length > 0) {
    const pages = boxed.map((r) => r.page ?? 1);
    const page = Math.min(...pages);
    const endPage = Math.max(...pages);
    const rects = rectsPerLine(boxed.filter((r) => (r.page ?? 1) === page));
    const span: Span = { kind: 'pdf', page, bbox: union(rects), rects };
    if (endPage !== page) span.endPage = endPage;
    return span;
  }
  const paragraphs = runs.map((r) => r.paragraph).filter((p): p is number => p !== undefined);
  if (paragraphs.length > 0) return { kind: 'docx', paragraph: Math.min(...paragraphs), endParagraph: Math.max(...paragraphs) };
  return block.span;
}

/**
 * Span of text no run covers (characters the reader inserted): an empty span where the text
 * would be, after the last mapped character before it, so spans stay ordered and disjoint.
 */
function unmappedSpan(doc: Pick<Document, 'lineStarts'>, block: Pick<Block, 'runs' | 'span'>, start: number): Span {
  if (block.span.kind !== 'text' || !doc.lineStarts) return block.span;
  let offset = block.span.offset;
  for (const r of block.runs) {
    if (r.sourceOffset === undefined || r.start >= start) continue;
    offset = Math.max(offset, r.sourceOffset + sourceEnd(r, start));
  }
  const at = lineColumn(doc.lineStarts, offset);
  return { kind: 'text', line: at.line, column: at.column, endLine: at.line, endColumn: at.column, offset, endOffset: offset };
}
