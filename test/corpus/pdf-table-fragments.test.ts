/**
 * Real PDFs (../shared/corpus/pdfs): no row sentence and no text block next to a table is a fragment of a table that could not be read
 * as rows, by the measure of src/ingest/pdf-layout-fragments.ts, while every gold sentence is still
 * segmented (issue 16).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../src/ingest/index.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import { isFragmentText, rowFragmentLikelihood, type TableFragmentSettings } from '../../src/ingest/pdf-layout-fragments.ts';
import { shippedSegmentationRules } from '../../src/ingest/shipped-rules.ts';
import { looseKey, matchKey } from '../../src/eval/gold.ts';
import type { BBox, TableRow } from '../../src/model/types.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const pdfs = existsSync(CORPUS + 'pdfs') ? readdirSync(CORPUS + 'pdfs').filter((f) => f.endsWith('.pdf')).sort() : [];

const shipped = shippedSegmentationRules().tableFragments!;
const settings: TableFragmentSettings = { ...shipped, functionWords: new Set(shipped.functionWords) };

function rowOf(cells: string[]): TableRow {
  const span = { kind: 'pdf' as const, page: 1, bbox: [0, 0, 0, 0] as BBox, rects: [] };
  return { cells: cells.map((text) => ({ text, runs: [], span })), span };
}

/** Gold sentences of a corpus document (none when it has no gold file). */
function goldOf(pdf: string): string[] {
  const path = `${CORPUS}gold/${pdf.replace(/\.pdf$/, '.jsonl')}`;
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

/** Documents whose broken tables are known, and must be reported. */
const KNOWN_UNREAD = ['google-gemini-2.5-pro_model-card.pdf', 'minimax-m2_readme.pdf'];

describe.skipIf(pdfs.length === 0)('table fragments in the corpus PDFs', () => {
  for (const pdf of pdfs) {
    it(`${pdf}: no sentence is a table fragment, and every gold sentence is found`, { timeout: 120_000 }, async () => {
      const doc = await ingest({ name: pdf, bytes: readFileSync(CORPUS + 'pdfs/' + pdf), role: 'model-card' });
      const sentences = segmentDocument(doc);
      const bad: string[] = [];
      // a row sentence is a row
      for (const s of sentences) {
        if (s.context.table && rowFragmentLikelihood(rowOf(s.context.table.cells), settings) >= settings.threshold) bad.push(`row: ${s.text}`);
      }
      // a text block next to a table (inside its width, within the region gap above or below, in body
      // ems) is no fragment of it: fragments are judged by block, as the layout pass judges them (a
      // reference split after an initial, "Choquette-Choo,", is a sentence of a block of prose)
      const tables = doc.blocks.filter((b) => b.kind === 'table' && b.span.kind === 'pdf');
      const em = 10;
      for (const b of doc.blocks) {
        if ((b.kind !== 'paragraph' && b.kind !== 'list-item') || b.span.kind !== 'pdf') continue;
        const sp = b.span;
        const near = tables.some((t) => {
          if (t.span.kind !== 'pdf' || t.span.page !== sp.page) return false;
          const [x0, y0, x1, y1] = t.span.bbox;
          const gap = Math.max(sp.bbox[1] - y1, y0 - sp.bbox[3]);
          return sp.bbox[0] >= x0 - em && sp.bbox[2] <= x1 + em && gap <= settings.maxGapEm * em;
        });
        if (near && isFragmentText(b.text, settings)) bad.push(`text on page ${sp.page}: ${b.text}`);
      }
      expect(bad).toEqual([]);

      const produced = new Set(sentences.flatMap((s) => [matchKey(s.text), `~${looseKey(s.text)}`]));
      const missed = goldOf(pdf).filter((g) => !produced.has(matchKey(g)) && !produced.has(`~${looseKey(g)}`));
      expect(missed).toEqual([]);

      const unread = doc.diagnostics.filter((d) => d.code === 'PDF_TABLE_UNREAD');
      for (const d of unread) {
        expect(d.message).toMatch(/table on page \d+ could not be read as rows/);
        expect(d.span?.kind).toBe('pdf');
      }
      if (KNOWN_UNREAD.includes(pdf)) expect(unread.length).toBeGreaterThan(0);
    });
  }
});
