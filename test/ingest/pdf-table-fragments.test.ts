/**
 * PDF tables that cannot be read as rows (issue 16): the pieces a broken, centred or multi-line
 * header leaves behind are not sentences; the document reports PDF_TABLE_UNREAD instead, and the
 * rows that do read as rows stay.
 */
import { describe, expect, it } from 'vitest';
import { ingestPdf } from '../../src/ingest/pdf.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import { fragmentLikelihood, fragmentRows, isFragmentText, rowFragmentLikelihood, unreadTableRegions, type RegionPiece, type TableFragmentSettings } from '../../src/ingest/pdf-layout-fragments.ts';
import { shippedSegmentationRules } from '../../src/ingest/shipped-rules.ts';
import type { BBox, Document, TableData, TableRow } from '../../src/model/types.ts';
import { brokenHeaderTablePdf } from '../fixtures/pdf/broken-header-table.ts';

const shipped = shippedSegmentationRules().tableFragments!;
const settings: TableFragmentSettings = { ...shipped, functionWords: new Set(shipped.functionWords) };

function row(...cells: string[]): TableRow {
  const span = { kind: 'pdf' as const, page: 1, bbox: [0, 0, 1, 1] as BBox, rects: [] };
  return { cells: cells.map((text) => ({ text, runs: [], span })), span };
}

function table(header: string[][], rows: string[][]): TableData {
  return { header: header.map((r) => row(...r)), rows: rows.map((r) => row(...r)), origin: 'pdf' };
}

describe('fragment likelihood', () => {
  it.each([
    // label pieces, broken words and rows of numbers read apart from their table
    ["Humanity's Last Exam", true],
    ['Terminal- 24 30 33 25 31 23 Bench-Hard', true],
    ['AA 61 57 63 60 69 56', true],
    ['global 65.5 42 60.8 42.6* 63.9* 29', true],
    ['AgentCompany 39.3* /', true],
    ['1M (pointwis', true],
    ['Reasoning &', true],
    // prose: a sentence end, or function words
    ['The model was evaluated on MMLU.', false],
    ['Child sexual abuse and exploitation', false],
    ['It is well-suited for applications that require:', false],
    ['Outputs: Text, with a 64K token output.', false],
    ['where the reward is computed for each of the outputs in the group', false],
    // a list item ends with a semicolon, a lead-in with a colon
    ['enhanced reasoning;', false],
    ['Model input:', false],
  ])('%s → fragment %s', (text, want) => {
    expect(isFragmentText(text, settings)).toBe(want);
  });

  it.each(shipped.examples.match)('rules/segmentation.yaml tableFragments example %j is a fragment', (text) => {
    expect(isFragmentText(text, settings)).toBe(true);
  });
  it.each(shipped.examples.noMatch)('rules/segmentation.yaml tableFragments example %j is prose', (text) => {
    expect(isFragmentText(text, settings)).toBe(false);
  });

  it('scores the share of signals, and nothing for a piece that ends a sentence', () => {
    expect(fragmentLikelihood('Terminal- 24 30', settings)).toBe(1);
    expect(fragmentLikelihood('Sexually explicit content', settings)).toBe(0.75);
    expect(fragmentLikelihood('Gemma 3 27B scores 67.5.', settings)).toBe(0);
  });
});

describe('fragment rows', () => {
  it('takes header lines beyond the header and label pieces, and keeps rows with values', () => {
    const t = table(
      [
        ['', 'Claude 4', 'Grok 3'],
        ['Benchmark', 'Sonnet', 'Beta'],
        ['', '64k', 'Extended'],
      ],
      [
        ['', 'Exten ded thinki ng', 'thinking'],
        ['MMLU', '85.1', '84.2'],
        ['Image', '', ''],
        ['understanding Vibe-Eval', '67.2%', '65.6%'],
        ['Aider Polyglot', '72.7% whole / diff', 'diff'],
      ],
    );
    expect(fragmentRows(t, settings)).toEqual([0, 2]);
  });

  it('keeps the rows of a table of words that read as rows, and a centred group label', () => {
    const t = table(
      [['Evaluation', 'Metric', 'Type', 'n-shot']],
      [
        ['MBPP', 'pass@1', 'sampling', '3-shot'],
        ['', 'General Tasks', '', ''],
        ['HellaSwag', 'Accuracy', 'scoring', '10-shot'],
      ],
    );
    expect(fragmentRows(t, settings)).toEqual([]);
  });
});

describe('table regions', () => {
  const piece = (kind: RegionPiece['kind'], top: number, text?: string, t?: TableData, page = 1): RegionPiece => ({
    kind,
    page,
    box: [72, top, 500, top + 10],
    size: 8,
    ...(text === undefined ? {} : { text }),
    ...(t ? { table: t } : {}),
  });
  const numbers = table([['Benchmark', 'A', 'B']], [['MMLU', '85.1', '84.2']]);

  it('leaves out fragments next to a table, over a page break too, and keeps prose and distant pieces', () => {
    const pieces = [
      piece('text', 40, 'Detailed results as of June 2025 are listed below:'),
      piece('table', 60, undefined, numbers),
      piece('text', 72, "Humanity's Last Exam"),
      piece('table', 84, undefined, numbers),
      piece('heading', 96, 'Factuality'),
      piece('text', 740, 'SimpleQA'),
      piece('text', 60, 'AgentCompany 39.3* /', undefined, 2),
      piece('text', 74, 'Notes: Data points marked with an asterisk are taken from the report.', undefined, 2),
      piece('text', 200, 'Sexually explicit content', undefined, 2),
    ];
    const d = unreadTableRegions(pieces, settings);
    expect([...d.drop].sort()).toEqual([2, 4]);
    expect(d.regions).toHaveLength(1);
    expect(d.regions[0]).toMatchObject({ page: 1, pieces: 2, rows: 0, whole: false });
  });

  it('goes on over a page break when the table ends its page', () => {
    const pieces = [piece('table', 700, undefined, numbers), piece('text', 60, 'AgentCompany 39.3* /', undefined, 2), piece('text', 74, 'The scores are averaged over eight runs.', undefined, 2)];
    const d = unreadTableRegions(pieces, settings);
    expect([...d.drop]).toEqual([1]);
    expect(d.regions[0]).toMatchObject({ page: 1, endPage: 2 });
  });

  it('leaves out a table whole when none of its rows reads as a row', () => {
    const labels = table([['Capability', 'Gemini', 'Claude']], [['Reasoning &', '', ''], ['Image', '', ''], ['Video', '', '']]);
    const d = unreadTableRegions([piece('table', 60, undefined, labels)], settings);
    expect([...d.drop]).toEqual([0]);
    expect(d.regions[0]).toMatchObject({ whole: true, rows: 3 });
  });

  it('reports nothing for a table that reads as rows', () => {
    expect(unreadTableRegions([piece('text', 40, 'Results are below:'), piece('table', 60, undefined, numbers)], settings).regions).toEqual([]);
  });
});

describe('a built PDF with a broken, centred header', () => {
  it('reports the table and makes no sentence of its fragments; rows with values and prose stay', async () => {
    const ingested = await ingestPdf({ name: 'results.pdf', bytes: brokenHeaderTablePdf() }, {});
    const doc: Document = { ...ingested, role: 'model-card' };
    const unread = doc.diagnostics.filter((d) => d.code === 'PDF_TABLE_UNREAD');
    expect(unread).toHaveLength(1);
    expect(unread[0]!.severity).toBe('warning');
    expect(unread[0]!.message).toMatch(/table on page 1 could not be read as rows/);
    expect(unread[0]!.span).toMatchObject({ kind: 'pdf', page: 1 });
    const sentences = segmentDocument(doc);
    const texts = sentences.map((s) => s.text);
    for (const t of texts) expect(t).not.toMatch(/thinki|\bded\b|Humanity's Last Exam|^Bench-Hard/);
    // no row sentence is a fragment row by the measure
    const rows = sentences.filter((s) => s.context.table);
    expect(rows.length).toBe(4);
    for (const s of rows) expect(rowFragmentLikelihood(row(...s.context.table!.cells), settings)).toBeLessThan(settings.threshold);
    // the rows that read as rows, with their scores, and the prose around the table
    expect(texts).toContain('MMLU | 85.1 | 84.2 | 80.9 | 90.8');
    expect(texts).toContain('AIME 2025 | 88.0 | 83.0 | 86.7 | 87.5');
    expect(texts).toContain('Results: the model was evaluated on the benchmarks in the table below.');
    expect(texts).toContain('The model is available through the API in three regions.');
    // a short list far from any table is prose, however short
    expect(texts).toContain('Sexually explicit content');
    expect(texts).toContain('Dangerous content');
  });
});
