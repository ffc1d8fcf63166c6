import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { ingestPdf } from '../../src/ingest/pdf.ts';
import { ingest } from '../../src/ingest/index.ts';
import { codeOf } from '../support/error-code.ts';
import type { Block, Document, PdfSpan } from '../../src/model/types.ts';
import { buildPdf, flateBombPdf } from '../fixtures/pdf/build-pdf.ts';
import { manyPagesPdf, sampleReportPdf } from '../fixtures/pdf/sample-report.ts';

function pdfSpan(b: { span?: Block['span'] }): PdfSpan {
  expect(b.span).toBeDefined();
  expect(b.span?.kind).toBe('pdf');
  return b.span as PdfSpan;
}

describe('ingestPdf on the sample report', async () => {
  const doc = await ingestPdf({ name: 'sample.pdf', bytes: sampleReportPdf() }, {});
  const texts = doc.blocks.map((b) => b.text);

  it('reads pages, sizes and info', () => {
    expect(doc.pageCount).toBe(3);
    expect(doc.pageSizes).toEqual([
      [612, 792],
      [612, 792],
      [612, 792],
    ]);
    expect(doc.metadata.Title).toBe('Acme Widget Model Card');
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds headings by size and weight, with levels and section paths', () => {
    const heads = doc.blocks.filter((b) => b.kind === 'heading');
    expect(heads.map((h) => [h.text, h.level])).toEqual([
      ['Acme Widget Model Card', 1],
      ['1. Overview', 2],
      ['2. Evaluation', 2],
      ['3. Results chart', 2],
    ]);
    const para = doc.blocks.find((b) => b.text.startsWith('The Acme widget'))!;
    expect(para.sectionPath).toEqual(['Acme Widget Model Card', '1. Overview']);
  });

  it('reads a two-column page column by column, hyphenation joined', () => {
    const left = texts.find((t) => t.startsWith('The Acme widget model'));
    expect(left).toBe(
      'The Acme widget model answers short questions about garden tools. It was trained on a curated set of product manuals and support tickets, and it was evaluated on three public benchmarks before release.',
    );
    const right = texts.find((t) => t.startsWith('The model is not intended'));
    expect(right).toContain('or legal advice. Outputs may contain errors');
    expect(texts.indexOf(left!)).toBeLessThan(texts.indexOf(right!));
  });

  it('drops the running header and page numbers', () => {
    expect(texts.some((t) => t.includes('Draft'))).toBe(false);
    expect(doc.blocks.filter((b) => /^\d+$/.test(b.text))).toEqual([]);
  });

  it('turns aligned columns into a table with header and rows', () => {
    const table = doc.blocks.find((b) => b.kind === 'table')!;
    expect(table.table!.origin).toBe('pdf');
    expect(table.table!.header.map((r) => r.cells.map((c) => c.text))).toEqual([['Benchmark', 'Shots', 'Score']]);
    expect(table.table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['GardenQA', '5-shot', '71.3'],
      ['ToolBench Lite', '0-shot', '64.8'],
      ['ManualSum', '1-shot', '58.2'],
    ]);
    expect(table.table!.header[0]!.cells.every((c) => c.bold)).toBe(true);
    const cell = table.table!.rows[0]!.cells[2]!;
    expect(cell.runs[0]!.page).toBe(2);
    expect(table.sectionPath).toEqual(['Acme Widget Model Card', '2. Evaluation']);
  });

  it('reads bulleted lines as list items under their lead-in', () => {
    const items = doc.blocks.filter((b) => b.kind === 'list-item');
    expect(items.map((b) => [b.marker, b.text])).toEqual([
      ['•', 'answering questions about garden tools;'],
      ['•', 'summarising product manuals.'],
    ]);
    const lead = doc.blocks.find((b) => b.text === 'The model is intended for:')!;
    expect(items.every((b) => b.leadBlockId === lead.id)).toBe(true);
  });

  it('reports an image as content not analysable, with page and box, and keeps a block for it', () => {
    expect(doc.diagnostics).toHaveLength(1);
    const d = doc.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'CONTENT_IMAGE', severity: 'warning', message: 'content not analysable (image) on page 3' });
    expect(pdfSpan(d).bbox).toEqual([72, 110, 520, 400]);
    const img = doc.blocks.find((b) => b.kind === 'image')!;
    expect(pdfSpan(img).page).toBe(3);
    const i = doc.blocks.indexOf(img);
    expect(doc.blocks[i - 1]!.text).toBe('3. Results chart');
    expect(doc.blocks[i + 1]!.text).toBe('The chart above shows accuracy by task.');
  });

  it('gives every run a page and a top-left-origin box inside the page', () => {
    for (const b of doc.blocks) {
      const runs = b.table ? [...b.table.header, ...b.table.rows].flatMap((r) => r.cells.flatMap((c) => c.runs)) : b.runs;
      expect(runs.length).toBeGreaterThan(0);
      for (const r of runs) {
        expect(r.page).toBeGreaterThanOrEqual(1);
        const [x0, y0, x1, y1] = r.bbox!;
        expect(x0).toBeLessThan(x1);
        expect(y0).toBeLessThan(y1);
        expect(y1).toBeLessThanOrEqual(792);
        if (b.kind !== 'image') expect(r.end).toBeGreaterThan(r.start);
      }
    }
    const title = doc.blocks[0]!;
    // baseline at 90 pt from the top, 20 pt type: the box sits around it, near the top of the page
    expect(pdfSpan(title).bbox[1]).toBeGreaterThan(65);
    expect(pdfSpan(title).bbox[3]).toBeLessThan(100);
    // each wrapped line is a run, and a line where a sentence ends and the next begins is two,
    // each with its own part of the line
    const left = doc.blocks.find((b) => b.text.startsWith('The Acme widget model'))!;
    expect(left.runs).toHaveLength(7);
    const [, end, start] = left.runs;
    expect(left.text.slice(end!.start, end!.end)).toBe('questions about garden tools.');
    expect(left.text.slice(start!.start, start!.end)).toBe('It was');
    expect(end!.bbox![0]).toBe(72);
    expect(start!.bbox![0]).toBeGreaterThan(end!.bbox![2]);
    expect(start!.bbox![1]).toBe(end!.bbox![1]);
  });
});

describe('hostile and broken PDFs', () => {
  const sample = sampleReportPdf();

  it('an encrypted PDF is PDF_ENCRYPTED', async () => {
    const bytes = buildPdf([{ texts: [{ x: 72, y: 100, size: 10, text: 'secret' }] }], { encrypted: true });
    expect(await codeOf(ingestPdf({ name: 'locked.pdf', bytes }, {}))).toBe('PDF_ENCRYPTED');
  });

  it('a truncated PDF is PDF_CORRUPT', async () => {
    expect(await codeOf(ingestPdf({ name: 'cut.pdf', bytes: sample.slice(0, Math.floor(sample.length / 2)) }, {}))).toBe('PDF_CORRUPT');
  });

  it('a PDF with garbage between header and end marker is PDF_CORRUPT', async () => {
    const junk = new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(3000)}\n%%EOF\n`);
    expect(await codeOf(ingestPdf({ name: 'junk.pdf', bytes: junk }, {}))).toBe('PDF_CORRUPT');
  });

  it('more pages than the limit is TOO_MANY_PAGES', async () => {
    expect(await codeOf(ingestPdf({ name: 'long.pdf', bytes: manyPagesPdf(12) }, { maxPages: 10 }))).toBe('TOO_MANY_PAGES');
    const ok = await ingestPdf({ name: 'long.pdf', bytes: manyPagesPdf(12) }, { maxPages: 12 });
    expect(ok.pageCount).toBe(12);
  });

  it('a text file named .pdf is refused', async () => {
    const bytes = new TextEncoder().encode('# Not a PDF\n\nJust text.\n');
    expect(await codeOf(ingest({ name: 'card.pdf', bytes }))).toBe('EXTENSION_MISMATCH');
    expect(await codeOf(ingestPdf({ name: 'card.pdf', bytes }, {}))).toBe('PDF_CORRUPT');
  });

  it('parsing past the time limit is PARSE_TIMEOUT', async () => {
    expect(await codeOf(ingestPdf({ name: 'slow.pdf', bytes: sample }, { timeoutMs: 1 }))).toBe('PARSE_TIMEOUT');
  });

  it('parsing past the memory cap is PARSE_OUT_OF_MEMORY', async () => {
    expect(await codeOf(ingestPdf({ name: 'big.pdf', bytes: sample }, { maxMemoryMb: 2 }))).toBe('PARSE_OUT_OF_MEMORY');
  });

  it('a PDF whose stream inflates far past the cap (outside the JS heap) is PARSE_OUT_OF_MEMORY', async () => {
    const bytes = flateBombPdf(400);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(await codeOf(ingestPdf({ name: 'bomb.pdf', bytes }, { maxMemoryMb: 64 }))).toBe('PARSE_OUT_OF_MEMORY');
  });

  it('the process stays up and reads the next file after every failure', async () => {
    const doc = await ingestPdf({ name: 'sample.pdf', bytes: sample }, {});
    expect(doc.blocks.length).toBeGreaterThan(5);
  });

  it('ingest() dispatches .pdf and sets a role', async () => {
    const doc: Document = await ingest({ name: 'sample.pdf', bytes: sample });
    expect(doc.role).toBe('model-card');
    expect(doc.pageCount).toBe(3);
  });
});

const CORPUS = new URL('../../../shared/corpus/pdfs/', import.meta.url);
const corpusFile = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, CORPUS)));

describe.skipIf(!existsSync(CORPUS))('corpus PDFs', () => {
  it('Gemma 3 report: two-column sentences whole, headings, table rows, no repeated running header', async () => {
    const doc = await ingestPdf({ name: 'gemma-3.pdf', bytes: corpusFile('google-gemma-3_technical-report.pdf') }, {});
    expect(doc.pageCount).toBe(25);
    const paras = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    // page 1 is two columns with lines on the same baselines: the sentence must not take words from the other column
    const sentence = paras.find((t) => t.includes('These models are designed to run on standard'));
    expect(sentence).toContain('These models are designed to run on standard consumer-grade hardware such as phones, laptops, and high-end GPUs.');
    expect(paras.some((t) => t.includes('The pre-training optimization recipe is similar to Gemma 2, with some modifications in the architecture design.'))).toBe(true);
    const heads = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(heads).toEqual(expect.arrayContaining(['Gemma 3 Technical Report', '1. Introduction', '2. Model Architecture', '2.1. Vision modality', '2.2. Pre-training']));
    const vision = doc.blocks.find((b) => b.kind === 'heading' && b.text === '2.1. Vision modality')!;
    expect(vision.sectionPath).toEqual(['Gemma 3 Technical Report', '2. Model Architecture']);
    // Table 1 (parameter counts): the 4B row is one row of four cells
    const rows = doc.blocks.filter((b) => b.kind === 'table').flatMap((b) => b.table!.rows.map((r) => r.cells.map((c) => c.text)));
    expect(rows).toContainEqual(['4B', '417M', '675M', '3,209M']);
    // Table 6: numbers set close together are still one cell each
    expect(rows).toContainEqual(['MMLU-Pro', '67.3', '75.8', '77.6', '79.1', '15.6', '46.8', '56.9', '14.7', '43.6', '60.6', '67.5']);
    // appendix Table 9: each row of numbers is drawn as one text item; still one cell per number
    expect(rows).toContainEqual(['PIQA', '78.1', '81.9', '83.5', '73.8', '79.6', '81.8', '83.3']);
    const table9 = doc.blocks.find((b) => b.kind === 'table' && b.table!.rows.some((r) => r.cells[0]!.text === 'PIQA'))!;
    expect(table9.table!.header.at(-1)!.cells.map((c) => c.text)).toEqual(['', '2B', '9B', '27B', '1B', '4B', '12B', '27B']);
    const all = doc.blocks.map((b) => b.text);
    expect(all.filter((t) => t === 'Gemma 3 Technical Report')).toHaveLength(1);
    // page numbers sit in the bottom band; numbers inside figures elsewhere are content
    const bottomNumbers = doc.blocks.filter((b) => /^\d{1,2}$/.test(b.text) && b.span.kind === 'pdf' && b.span.bbox[1] > 0.88 * 841.89);
    expect(bottomNumbers).toEqual([]);
  });

  it('Gemini 3 Pro card: the benchmark table image is reported with its page', async () => {
    const doc = await ingestPdf({ name: 'gemini-3-pro.pdf', bytes: corpusFile('google-gemini-3-pro_model-card.pdf') }, {});
    const images = doc.diagnostics.filter((d) => d.code === 'CONTENT_IMAGE');
    expect(images.map((d) => d.message)).toContain('content not analysable (image) on page 5');
    for (const d of images) expect(d.span?.kind).toBe('pdf');
    const img = doc.blocks.find((b) => b.kind === 'image')!;
    expect(img.sectionPath).toContain('Evaluation');
    const heads = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(heads).toEqual(expect.arrayContaining(['Model Information', 'Intended Usage and Limitations', 'Frontier Safety']));
    // text tables with vertically centred, wrapped cells: one row per table row
    const rows = doc.blocks.filter((b) => b.kind === 'table').flatMap((b) => b.table!.rows.map((r) => r.cells.map((c) => c.text)));
    expect(rows).toContainEqual(['Text to Text Safety', 'Automated content safety evaluation measuring safety policies', '-10.4%']);
    const cyber = rows.find((r) => r[0] === 'Cybersecurity')!;
    expect(cyber.slice(2)).toEqual(['Uplift Level 1', 'CCL not reached']);
    expect(rows.find((r) => r[0] === 'Harmful Manipulation')).toBeDefined();
  });

  it('gpt-oss card: numbered section headings and the parameter table', async () => {
    const doc = await ingestPdf({ name: 'gpt-oss.pdf', bytes: corpusFile('openai-gpt-oss-120b-20b_model-card.pdf') }, {});
    const heads = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(heads).toEqual(expect.arrayContaining(['1 Introduction', '2.1 Quantization', '2.2 Architecture']));
    const rows = doc.blocks.filter((b) => b.kind === 'table').flatMap((b) => b.table!.rows.map((r) => r.cells.map((c) => c.text)));
    expect(rows).toContainEqual(['Active Parameters', '5.13B', '3.61B']);
    // wrapped first-column labels stay in their row; a row under a label keeps its empty first cell
    expect(rows).toContainEqual(['Password protection - system message/user message', '0.965', '0.947', '0.982']);
    expect(rows).toContainEqual(['', 'hallucination rate', '0.782', '0.914', '0.750']);
    const arabic = rows.find((r) => r[0] === 'Arabic');
    expect(arabic).toHaveLength(10);
    // the bar charts' labels are reported, not read as sentences
    expect(doc.diagnostics.filter((d) => d.code === 'CONTENT_CHART').map((d) => d.message)).toContain('content not analysable (chart) on page 6');
    expect(doc.diagnostics.filter((d) => d.code === 'CONTENT_IMAGE').length).toBeGreaterThan(5);
  });
});

describe('PDF reader on damaged bytes', () => {
  it('only ever throws WarrantErrors (bytes changed inside a valid file)', async () => {
    const fc = await import('fast-check');
    const base = sampleReportPdf();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }), async (edits) => {
        const bytes = base.slice();
        for (const [i, v] of edits) bytes[i] = v;
        const code = await codeOf(ingestPdf({ name: 'fuzz.pdf', bytes }, { timeoutMs: 20_000 }));
        expect(typeof code).toBe('string');
      }),
      { numRuns: 15 },
    );
  });
});
