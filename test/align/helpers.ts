/**
 * Hand-built judged documents for alignment tests: one sentence per line; "# " lines are
 * headings; "N." / "(a)" prefixes become block markers; "A | B | C" lines under a "|"-header
 * line become table rows.
 */
import type { Block, Claim, Role, Sentence } from '../../src/model/types.ts';
import type { JudgedDocument } from '../../src/model/judged.ts';

/** Build a judged document from lines. */
export function judged(name: string, role: Role, text: string): JudgedDocument {
  const blocks: Block[] = [];
  const sentences: Sentence[] = [];
  const claims: Claim[] = [];
  const docId = `doc-${name}`;
  let offset = 0;
  let headers: string[] | undefined;
  let rowIndex = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const start = offset;
    offset += raw.length + 1;
    if (!line) {
      headers = undefined;
      continue;
    }
    const id = `${docId}-b${blocks.length}`;
    const span = { kind: 'text' as const, line: blocks.length + 1, column: 1, endLine: blocks.length + 1, endColumn: line.length + 1, offset: start, endOffset: start + line.length };
    if (line.startsWith('# ')) {
      blocks.push({ id, kind: 'heading', sectionPath: [], text: line.slice(2), runs: [], span, level: 1 });
      continue;
    }
    if (line.includes(' | ')) {
      const cells = line.split(' | ').map((c) => c.trim());
      if (!headers) {
        headers = cells;
        rowIndex = 0;
        continue;
      }
      blocks.push({ id, kind: 'table', sectionPath: [], text: '', runs: [], span });
      sentences.push({ id: `${id}-s0`, docId, blockId: id, index: sentences.length, text: cells.join(' | '), sectionPath: [], span, blockOffset: -1, context: { role, blockKind: 'table', table: { headers, cells, rowIndex: rowIndex++ } } });
      continue;
    }
    const m = /^((?:\d+(?:\.\d+)*\.?)|\([a-z]+\))\s+(.*)$/.exec(line);
    const body = m ? m[2]! : line;
    const block: Block = { id, kind: 'paragraph', sectionPath: [], text: body, runs: [], span };
    if (m) block.marker = m[1]!;
    blocks.push(block);
    sentences.push({ id: `${id}-s0`, docId, blockId: id, index: sentences.length, text: body, sectionPath: [], span, blockOffset: 0, context: { role, blockKind: 'paragraph' } });
  }
  for (const s of sentences) claims.push({ id: s.id, sentenceId: s.id, docId, type: 'other', label: 'representation', score: 0.5, cues: [], quantities: [] });
  return { doc: { id: docId, name, role, mediaType: 'text/plain', metadata: {}, blocks, diagnostics: [] }, sentences, claims };
}
