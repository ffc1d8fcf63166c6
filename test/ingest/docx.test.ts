import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { ingestDocx } from '../../src/ingest/docx.ts';
import { ingest } from '../../src/ingest/index.ts';
import { formatNumber, numberParagraphs } from '../../src/ingest/docx-numbering.ts';
import { openZip } from '../../src/ingest/docx-zip.ts';
import { structureNumberedClauses } from '../../src/ingest/docx-clauses.ts';
import { codeOf } from '../support/error-code.ts';
import type { DocxSpan } from '../../src/model/types.ts';
import { buildDocx, buildZip, type DocxBody } from '../fixtures/docx/build-docx.ts';

/** A schedule written for these tests. */
const SCHEDULE: DocxBody = [
  { text: 'Schedule B: Model Warranties', style: 'Title' },
  { text: 'Definitions', style: 'Heading1', numId: 1, ilvl: 0 },
  { text: [{ text: 'Model', bold: true }, { text: ' means the garden assistant described in the Model Card.' }], numId: 1, ilvl: 1 },
  { text: 'Documentation means the Model Card dated 1 March.', numId: 1, ilvl: 1 },
  { text: 'Performance', style: 'Heading1', numId: 1, ilvl: 0 },
  { text: 'The Provider warrants that the Model will:', numId: 1, ilvl: 1 },
  { text: 'score at least 70.0 on GardenQA;', numId: 1, ilvl: 2 },
  { text: 'answer in English and French.', numId: 1, ilvl: 2 },
  { text: 'The Customer may use the Model for:' },
  { text: 'answering tool questions', numId: 2 },
  { text: 'summarising manuals', numId: 2 },
  { text: '3.4 A clause number typed by hand stays with its clause.' },
  { rows: [['Benchmark', 'Shots', 'Score'], ['GardenQA', '5-shot', '71.3'], ['ToolBench Lite', '0-shot', '64.8']], headerRow: true, boldHeader: true },
  { text: 'Restarted list item.', numId: 3, ilvl: 0 },
];

describe('ingestDocx', async () => {
  const doc = await ingestDocx({ name: 'schedule.docx', bytes: buildDocx(SCHEDULE, 'Schedule B') }, {});

  it('reads headings with levels, numbers kept, and section paths', () => {
    const heads = doc.blocks.filter((b) => b.kind === 'heading');
    // Heading 1 sits under the Title
    expect(heads.map((h) => [h.text, h.level])).toEqual([
      ['Schedule B: Model Warranties', 1],
      ['1. Definitions', 2],
      ['2. Performance', 2],
    ]);
    const item = doc.blocks.find((b) => b.text.startsWith('score at least'))!;
    expect(item.sectionPath).toEqual(['Schedule B: Model Warranties', '2. Performance']);
  });

  it('keeps Word list numbers as clause markers, with depth', () => {
    const items = doc.blocks.filter((b) => b.kind === 'list-item').map((b) => [b.marker, b.depth, b.text]);
    expect(items).toEqual([
      ['1.1', 1, 'Model means the garden assistant described in the Model Card.'],
      ['1.2', 1, 'Documentation means the Model Card dated 1 March.'],
      ['2.1', 1, 'The Provider warrants that the Model will:'],
      ['(a)', 2, 'score at least 70.0 on GardenQA;'],
      ['(b)', 2, 'answer in English and French.'],
      ['•', 0, 'answering tool questions'],
      ['•', 0, 'summarising manuals'],
      ['3.4', 0, 'A clause number typed by hand stays with its clause.'],
      ['5.', 0, 'Restarted list item.'],
    ]);
    const lead = doc.blocks.find((b) => b.text === 'The Customer may use the Model for:')!;
    expect(doc.blocks.find((b) => b.text === 'summarising manuals')!.leadBlockId).toBe(lead.id);
  });

  it('reads tables with header row, bold cells and paragraph spans', () => {
    const t = doc.blocks.find((b) => b.kind === 'table')!;
    expect(t.table!.origin).toBe('docx');
    expect(t.table!.header.map((r) => r.cells.map((c) => c.text))).toEqual([['Benchmark', 'Shots', 'Score']]);
    expect(t.table!.header[0]!.cells.every((c) => c.bold)).toBe(true);
    expect(t.table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['GardenQA', '5-shot', '71.3'],
      ['ToolBench Lite', '0-shot', '64.8'],
    ]);
    // 12 body paragraphs before the table (0..11), then one paragraph per cell
    const first = t.table!.header[0]!.cells[0]!.span as DocxSpan;
    expect(first.paragraph).toBe(12);
    expect((t.span as DocxSpan).endParagraph).toBe(20);
    const after = doc.blocks.find((b) => b.text === 'Restarted list item.')!;
    expect((after.span as DocxSpan).paragraph).toBe(21);
  });

  it('maps every run to its paragraph, and reads core properties', () => {
    for (const b of doc.blocks) {
      if (b.kind === 'table') continue;
      expect(b.runs).toHaveLength(1);
      expect(b.runs[0]!.paragraph).toBe((b.span as DocxSpan).paragraph);
      expect(b.runs[0]!.end).toBe(b.text.length);
    }
    expect(doc.metadata).toMatchObject({ title: 'Schedule B', creator: 'Warrant tests' });
    expect(doc.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('gives a contract its clause paths and run-in titles from Word numbers', async () => {
    const d = await ingestDocx(
      {
        name: 'clauses.docx',
        bytes: buildDocx([
          { text: 'Warranties', style: 'Heading1', numId: 1, ilvl: 0 },
          { text: 'Accuracy. The Model scores at least 70.0 on GardenQA.', numId: 1, ilvl: 1 },
          { text: 'The Provider warrants that the Model will:', numId: 1, ilvl: 1 },
          { text: 'answer in English;', numId: 1, ilvl: 2 },
          { text: 'answering tool questions', numId: 2 },
        ]),
      },
      {},
    );
    const blocks = structureNumberedClauses(d.blocks);
    const view = blocks.filter((b) => b.kind !== 'heading').map((b) => [b.kind, b.marker, b.clauseTitle, b.sectionPath.join(' > '), b.text]);
    expect(view).toEqual([
      ['paragraph', '1.1', 'Accuracy', '1. Warranties > 1.1', 'The Model scores at least 70.0 on GardenQA.'],
      ['paragraph', '1.2', undefined, '1. Warranties > 1.2', 'The Provider warrants that the Model will:'],
      ['paragraph', '(a)', undefined, '1. Warranties > 1.2 > (a)', 'answer in English;'],
      ['list-item', '•', undefined, '1. Warranties > 1.2 > (a)', 'answering tool questions'],
    ]);
    // runs still map into the shortened text
    const first = blocks.find((b) => b.clauseTitle === 'Accuracy')!;
    expect(first.runs[0]!.end).toBeLessThanOrEqual(first.text.length);
  });

  it('reports a picture as content not analysable, with a block at its paragraph', async () => {
    const d = await ingestDocx({ name: 'pic.docx', bytes: buildDocx([{ text: 'Results are in the chart below.' }, { text: '', image: true }, { text: 'More text.' }]) }, {});
    expect(d.diagnostics).toEqual([
      { code: 'CONTENT_IMAGE', severity: 'warning', message: 'content not analysable (image) in paragraph 2', span: { kind: 'docx', paragraph: 1, endParagraph: 1 } },
    ]);
    expect(d.blocks.map((b) => b.kind)).toEqual(['paragraph', 'image', 'paragraph']);
    expect(doc.diagnostics).toEqual([]);
  });

  it('ingest() dispatches .docx and keeps the given role', async () => {
    const d = await ingest({ name: 'schedule.docx', bytes: buildDocx(SCHEDULE), role: 'contract' });
    expect(d.role).toBe('contract');
    expect(d.blocks.length).toBe(doc.blocks.length);
  });
});

describe('hostile and broken DOCX', () => {
  it('a zip bomb (huge compression ratio) is ZIP_BOMB before mammoth reads it', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const bytes = buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: zeros }]);
    expect(bytes.length).toBeLessThan(200 * 1024);
    expect(await codeOf(ingestDocx({ name: 'bomb.docx', bytes }, {}))).toBe('ZIP_BOMB');
  });

  it('an entry that expands past its declared size is ZIP_BOMB', async () => {
    const body = `<w:document><w:body><w:p><w:r><w:t>${'x'.repeat(500_000)}</w:t></w:r></w:p></w:body></w:document>`;
    const bytes = buildZip([{ name: 'word/document.xml', data: body, declaredSize: 1000 }]);
    expect(await codeOf(ingestDocx({ name: 'liar.docx', bytes }, {}))).toBe('ZIP_BOMB');
  });

  it('a truncated DOCX is DOCX_CORRUPT', async () => {
    const bytes = buildDocx(SCHEDULE);
    expect(await codeOf(ingestDocx({ name: 'cut.docx', bytes: bytes.slice(0, bytes.length - 200) }, {}))).toBe('DOCX_CORRUPT');
  });

  it('reading past the time limit is PARSE_TIMEOUT', async () => {
    const big: DocxBody = Array.from({ length: 3000 }, (_, i) => ({ text: `Paragraph ${i} of a long schedule.` }));
    expect(await codeOf(ingestDocx({ name: 'long.docx', bytes: buildDocx(big) }, { timeoutMs: 1 }))).toBe('PARSE_TIMEOUT');
  });

  it('a ZIP without word/document.xml is DOCX_CORRUPT', async () => {
    const bytes = buildZip([{ name: 'readme.txt', data: 'hello' }]);
    expect(await codeOf(ingestDocx({ name: 'empty.docx', bytes }, {}))).toBe('DOCX_CORRUPT');
  });

  it('a damaged document.xml is DOCX_CORRUPT', async () => {
    const bytes = buildZip([
      { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: '_rels/.rels', data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>' },
      { name: 'word/document.xml', data: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>' },
    ]);
    expect(await codeOf(ingestDocx({ name: 'bad.docx', bytes }, {}))).toBe('DOCX_CORRUPT');
  });

  it('a ZIP named .md, or text named .docx, is refused by detection', async () => {
    expect(await codeOf(ingest({ name: 'card.md', bytes: buildDocx(SCHEDULE) }))).toBe('EXTENSION_MISMATCH');
    expect(await codeOf(ingest({ name: 'card.docx', bytes: new TextEncoder().encode('plain text') }))).toBe('EXTENSION_MISMATCH');
  });

  it('openZip lists entries with declared sizes', () => {
    const z = openZip(buildZip([{ name: 'a.txt', data: 'hello' }]), 'a.zip');
    expect(z.entries.map((e) => [e.name, e.uncompressedSize])).toEqual([['a.txt', 5]]);
    expect(new TextDecoder().decode(z.read('a.txt'))).toBe('hello');
    expect(deflateRawSync(Buffer.from('x')).length).toBeGreaterThan(0);
  });
});

describe('Word numbering', () => {
  it.each([
    [1, 'decimal', '1'],
    [3, 'lowerLetter', 'c'],
    [28, 'lowerLetter', 'bb'],
    [4, 'upperRoman', 'IV'],
    [9, 'lowerRoman', 'ix'],
    [7, 'decimalZero', '07'],
  ])('formats %i as %s → %s', (n, fmt, want) => {
    expect(formatNumber(n, fmt)).toBe(want);
  });

  it('numbers through style-linked numbering (a heading style that carries numPr)', () => {
    const numbering = `<w:numbering><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="Part %1"/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num></w:numbering>`;
    const styles = `<w:styles><w:style w:type="paragraph" w:styleId="Part"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style></w:styles>`;
    const doc = `<w:document><w:body><w:p><w:pPr><w:pStyle w:val="Part"/></w:pPr><w:r><w:t>General</w:t></w:r></w:p><w:p/><w:p><w:pPr><w:pStyle w:val="Part"/></w:pPr><w:r><w:t>Fees &amp; costs</w:t></w:r></w:p></w:body></w:document>`;
    expect(numberParagraphs(doc, numbering, styles)).toEqual([
      { text: 'General', label: 'Part A', level: 0 },
      { text: '' },
      { text: 'Fees & costs', label: 'Part B', level: 0 },
    ]);
  });
});

describe('DOCX reader on arbitrary bytes', () => {
  it('only ever throws WarrantErrors', async () => {
    const fc = await import('fast-check');
    const base = buildDocx(SCHEDULE);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), async (edits) => {
        const bytes = base.slice();
        for (const [i, v] of edits) bytes[i] = v;
        const code = await codeOf(ingestDocx({ name: 'fuzz.docx', bytes }, {}));
        expect(typeof code).toBe('string');
      }),
      { numRuns: 150 },
    );
  });
});
