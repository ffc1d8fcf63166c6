import { dropTableOfContents } from '../../src/ingest/pdf-layout-furniture.ts';
import { describe, expect, it } from 'vitest';
import { layoutPdf } from '../../src/ingest/pdf-layout.ts';
import { joinWrapped, normalizeLigatures } from '../../src/ingest/pdf-layout-text.ts';
import { isNumericCell } from '../../src/ingest/pdf-layout-table.ts';
import { structureNumberedClauses } from '../../src/ingest/docx-clauses.ts';
import type { PdfExtraction, PdfPageData, PdfTextItem } from '../../src/ingest/pdf-types.ts';

const FONTS = [
  { name: 'Body-Regular', bold: false, italic: false, ascent: 0.8, descent: -0.2 },
  { name: 'Body-Bold', bold: true, italic: false, ascent: 0.8, descent: -0.2 },
  { name: 'Mono-Regular', bold: false, italic: false, ascent: 0.8, descent: -0.2 },
];

function item(x: number, y: number, str: string, size = 10, font = 0): PdfTextItem {
  return { str, x, y, w: str.length * size * 0.5, size, font, upright: true };
}

function extraction(pages: Array<Partial<PdfPageData> & { items: PdfTextItem[] }>): PdfExtraction {
  return {
    numPages: pages.length,
    info: {},
    fonts: FONTS,
    pages: pages.map((p, i) => ({ page: i + 1, width: 600, height: 800, images: [], ...p })),
    timing: { textMs: 0, opsMs: 0 },
  };
}

describe('text helpers', () => {
  it.each([
    ['ﬁne-tuned', 'fine-tuned'],
    ['eﬀect of ﬂuency', 'effect of fluency'],
    ['oﬃce', 'office'],
    ['waﬄe', 'waffle'],
    ['plain', 'plain'],
  ])('normalises ligatures: %s', (raw, want) => {
    expect(normalizeLigatures(raw)).toBe(want);
  });

  it.each([
    ['evaluated on bench-', 'marks today', 'evaluated on benchmarks today'],
    ['a self-', 'attention layer', 'a self-attention layer'],
    ['for LLM-', 'powered products', 'for LLM-powered products'],
    ['Gemma3-', '4B-IT competes', 'Gemma3-4B-IT competes'],
    ['the end.', 'Next one', 'the end. Next one'],
    ['soft\u00AD', 'ware', 'software'],
  ])('joins wrapped lines: %s + %s', (a, b, want) => {
    expect(joinWrapped(a, b).text).toBe(want);
  });

  it.each([
    ['68.4', true],
    ['3,209M', true],
    ['+2.1%', true],
    ['-10.4%', true],
    ['—', true],
    ['GardenQA', false],
    ['5-shot', false],
  ])('numeric cell %s → %s', (t, want) => {
    expect(isNumericCell(t)).toBe(want);
  });
});

describe('layoutPdf (pure)', () => {
  it('reads two columns whose lines share baselines one column at a time', () => {
    const left = ['alpha one two three four five six', 'seven eight nine ten eleven twelve.', 'thirteen fourteen fifteen sixteen'];
    const right = ['RIGHT column starts here and goes', 'on for a while with other words', 'until it ends in a full stop here.'];
    const items = [
      ...left.map((t, i) => item(50, 100 + i * 12, t)),
      ...right.map((t, i) => item(320, 100 + i * 12, t)),
    ];
    const { blocks } = layoutPdf(extraction([{ items }]));
    const text = blocks.map((b) => b.text);
    expect(text[0]).toContain('alpha one two three four five six seven eight nine ten eleven twelve.');
    expect(text.join(' ')).not.toMatch(/six RIGHT/);
    expect(text.findIndex((t) => t.includes('alpha'))).toBeLessThan(text.findIndex((t) => t.includes('RIGHT')));
  });

  it('drops a header repeated on every page, keeps body text that repeats in the middle of pages', () => {
    const pages = [1, 2, 3, 4].map((n) => ({
      items: [item(50, 30, 'Vendor Confidential Report', 8), item(50, 300, 'Same sentence on every page.'), item(50, 320, `Body ${n} text.`), item(295, 780, String(n), 9)],
    }));
    const { blocks } = layoutPdf(extraction(pages));
    const text = blocks.map((b) => b.text);
    expect(text.some((t) => t.includes('Vendor Confidential'))).toBe(false);
    expect(text.filter((t) => /^\d$/.test(t))).toEqual([]);
    expect(text.filter((t) => t.includes('Same sentence on every page.'))).toHaveLength(4);
  });

  it('keeps numbers of a table row that sits in the bottom band of a page', () => {
    const items = [item(50, 600, 'Body text that comes first on the page.')];
    [['Model', 'Score'], ['Small', '12'], ['Large', '15']].forEach((r, i) => {
      items.push(item(50, 730 + i * 14, r[0]!), item(200, 730 + i * 14, r[1]!));
    });
    const { blocks } = layoutPdf(extraction([{ items }]));
    const t = blocks.find((b) => b.kind === 'table')!;
    expect(t.table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Small', '12'],
      ['Large', '15'],
    ]);
  });

  it('joins a paragraph cut by a page break and normalises ligatures in it', () => {
    const { blocks } = layoutPdf(
      extraction([
        { items: [item(50, 100, 'The model was ﬁne-tuned on a'), item(50, 112, 'small set of internal doc-')] },
        { items: [item(50, 100, 'uments and then evaluated.')] },
      ]),
    );
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.text).toBe('The model was fine-tuned on a small set of internal documents and then evaluated.');
    expect(blocks[0]!.span).toMatchObject({ kind: 'pdf', page: 1, endPage: 2 });
    expect(blocks[0]!.runs.map((r) => r.page)).toEqual([1, 1, 2]);
  });

  it('keeps a word whose ligature is an item of its own whole on a justified line with a number on it', () => {
    // pdfjs gives "cuto" and "ff" (and "fi" and "ne-tuning") as items that touch; wide word spaces of a
    // justified line put half an em before "2025.", where number cells are split apart
    const at = (x: number, str: string, w: number): PdfTextItem => ({ str, x, y: 100, w, size: 10, font: 0, upright: true });
    const { blocks } = layoutPdf(
      extraction([
        {
          items: [
            at(50, 'The', 18), at(74, 'data', 20), at(100, 'cuto', 20), at(120, 'ff', 8), at(134, 'is', 8), at(148, 'March', 28), at(182, '2025.', 24),
            at(212, 'We', 14), at(232, 'used', 22), at(260, 'fi', 7), at(267, 'ne-tuning.', 45),
          ],
        },
      ]),
    );
    expect(blocks.map((b) => b.text)).toEqual(['The data cutoff is March 2025. We used fine-tuning.']);
  });

  it('reads a list whose bullets are drawn as shapes as items of its lead-in', () => {
    // a browser's printed page: no marker text, the items set in under a lead-in that ends in a colon
    const { blocks } = layoutPdf(
      extraction([
        {
          items: [
            item(50, 100, 'Safeguards deployed with the agent include:'),
            item(80, 114, 'a confirmation step before any action that sends email;'),
            item(80, 128, 'a network allowlist that the administrator sets; and'),
            item(80, 142, 'logging of every tool call for 30 days.'),
            item(50, 160, 'The agent cannot install software on the host, and it keeps no state between runs at all.'),
          ],
        },
      ]),
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Safeguards deployed with the agent include:'],
      ['list-item', 'a confirmation step before any action that sends email;'],
      ['list-item', 'a network allowlist that the administrator sets; and'],
      ['list-item', 'logging of every tool call for 30 days.'],
      ['paragraph', 'The agent cannot install software on the host, and it keeps no state between runs at all.'],
    ]);
    expect(blocks.slice(1, 4).map((b) => b.leadBlockId)).toEqual([blocks[0]!.id, blocks[0]!.id, blocks[0]!.id]);
  });

  it('ranks headings by size, bold lines as the lowest level', () => {
    const { blocks } = layoutPdf(
      extraction([
        {
          items: [
            item(50, 60, 'Title Of The Card', 20, 1),
            item(50, 100, 'Intended use', 14, 1),
            item(50, 130, 'The model answers questions.'),
            item(50, 160, 'Out of scope', 10, 1),
            item(50, 180, 'Medical advice is out of scope.'),
          ],
        },
      ]),
    );
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level])).toEqual([
      ['Title Of The Card', 1],
      ['Intended use', 2],
      ['Out of scope', 3],
    ]);
    expect(blocks.at(-1)!.sectionPath).toEqual(['Title Of The Card', 'Intended use', 'Out of scope']);
  });

  it('keeps wide gaps between cells: pdfjs blank items do not glue a table row together', () => {
    const rows = [
      ['Model', 'Params', 'Score'],
      ['Small', '1B', '61.0'],
      ['Large', '7B', '70.2'],
    ];
    const items: PdfTextItem[] = [];
    rows.forEach((r, i) => {
      const y = 100 + i * 12;
      items.push(item(50, y, r[0]!), { ...item(80, y, ' '), w: 100 }, item(200, y, r[1]!), { ...item(215, y, ' '), w: 80 }, item(320, y, r[2]!));
    });
    const { blocks } = layoutPdf(extraction([{ items }]));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.table!.header[0]!.cells.map((c) => c.text)).toEqual(['Model', 'Params', 'Score']);
    expect(blocks[0]!.table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Small', '1B', '61.0'],
      ['Large', '7B', '70.2'],
    ]);
  });

  it('ignores small images and backgrounds under text, reports content images', () => {
    const body = Array.from({ length: 30 }, (_, i) => item(50, 100 + i * 12, 'Background text line number something.'));
    const { diagnostics, blocks } = layoutPdf(
      extraction([
        { items: [item(50, 50, 'Logo page.')], images: [{ bbox: [10, 10, 40, 40], kind: 'image' }] },
        { items: body, images: [{ bbox: [0, 0, 600, 800], kind: 'image' }] },
        { items: [item(50, 50, 'A chart follows.')], images: [{ bbox: [50, 100, 550, 400], kind: 'image' }] },
      ]),
    );
    expect(diagnostics.map((d) => d.message)).toEqual(['content not analysable (image) on page 3']);
    expect(blocks.filter((b) => b.kind === 'image')).toHaveLength(1);
  });

  it('drops raised footnote marks after words, keeps exponents after digits', () => {
    const items = [item(50, 100, 'Accuracy is 85.2%'), item(135, 96, '1', 6), item(145, 100, 'on the test set of'), item(240, 100, '10'), item(250, 96, '3', 6), item(256, 100, 'items.')];
    const { blocks } = layoutPdf(extraction([{ items }]));
    expect(blocks[0]!.text).toBe('Accuracy is 85.2% on the test set of 10^3 items.');
  });

  it('reads clause numbers as markers, and a contract gets clause paths from them', () => {
    const items = [
      item(50, 60, 'Schedule B', 16, 1),
      item(50, 100, '2.1 The Provider warrants that the Model will:'),
      item(70, 116, '(a) score at least 70.0 on GardenQA; and'),
      item(70, 132, '(b) answer in English.'),
    ];
    const { blocks } = layoutPdf(extraction([{ items }]));
    expect(blocks.map((b) => [b.kind, b.marker, b.text])).toEqual([
      ['heading', undefined, 'Schedule B'],
      ['list-item', '2.1', 'The Provider warrants that the Model will:'],
      ['list-item', '(a)', 'score at least 70.0 on GardenQA; and'],
      ['list-item', '(b)', 'answer in English.'],
    ]);
    const clauses = structureNumberedClauses(blocks);
    expect(clauses.at(-1)!.sectionPath).toEqual(['Schedule B', '2.1', '(b)']);
  });

  it('warns about a page with no text at all', () => {
    const { diagnostics } = layoutPdf(extraction([{ items: [item(50, 50, 'First page.')] }, { items: [] }]));
    expect(diagnostics.map((d) => d.code)).toEqual(['CONTENT_NO_TEXT']);
  });

  it('splits numbers set close together into cells, and keeps a long label in its own column', () => {
    const items: PdfTextItem[] = [];
    const header = [['Category', 50], ['Model A', 150], ['Model B', 200]] as const;
    for (const [t, x] of header) items.push(item(x, 100, t, 10, 1));
    const rows = [
      ['harassment/threatening', '0.832', '0.819'],
      ['hate', '0.895', '0.901'],
      ['violence', '0.911', '0.874'],
    ];
    rows.forEach((r, i) => {
      const y = 114 + i * 14;
      // the first label reaches under the next column's header; the numbers are half an em apart
      items.push(item(50, y, r[0]!), item(165, y, r[1]!), item(195, y, r[2]!));
    });
    const { blocks } = layoutPdf(extraction([{ items }]));
    const t = blocks.find((b) => b.kind === 'table')!;
    expect(t.table!.header[0]!.cells.map((c) => c.text)).toEqual(['Category', 'Model A', 'Model B']);
    expect(t.table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual(rows);
  });

  it('gives a table that goes on past a page break its header from the page before', () => {
    const tableItems = (top: number, rows: string[][], xs: number[], bold = false) =>
      rows.flatMap((r, i) => r.map((cell, k) => item(xs[k]!, top + i * 14, cell, 10, bold ? 1 : 0)));
    const page1 = [
      item(50, 80, 'Scores of the two models on the internal tasks are accuracy in percent.'),
      ...tableItems(110, [['Task', 'Wren-2', 'Wren-1']], [50, 200, 300], true),
      ...tableItems(124, [['Sorting', '61.0', '55.2'], ['Parsing', '70.4', '66.1']], [50, 200, 300]),
    ];
    const continued = tableItems(60, [['Ranking', '58.3', '51.9'], ['Routing', '64.7', '60.0']], [50, 200, 300]);
    const { blocks } = layoutPdf(extraction([{ items: page1 }, { items: continued }]));
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(2);
    expect(tables[1]!.table!.header.map((r) => r.cells.map((c) => c.text))).toEqual([['Task', 'Wren-2', 'Wren-1']]);
    expect(tables[1]!.table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([['Ranking', '58.3', '51.9'], ['Routing', '64.7', '60.0']]);
    // the block's span is on its own page, not stretched over the borrowed header
    expect(tables[1]!.span).toMatchObject({ kind: 'pdf', page: 2 });
    expect(tables[1]!.span.kind === 'pdf' && tables[1]!.span.bbox[1]).toBeGreaterThan(50);

    // a table with its columns elsewhere is another table, and keeps no header
    const other = tableItems(60, [['Ranking', '58.3', '51.9'], ['Routing', '64.7', '60.0']], [50, 400, 500]);
    const apart = layoutPdf(extraction([{ items: page1 }, { items: other }])).blocks.filter((b) => b.kind === 'table');
    expect(apart[1]!.table!.header).toEqual([]);

    // a caption of its own above it opens another table; a "(continued)" caption does not
    const captioned = (caption: string) =>
      layoutPdf(extraction([{ items: page1 }, { items: [item(50, 40, caption), ...continued] }])).blocks.filter((b) => b.kind === 'table')[1]!.table!.header.length;
    expect(captioned('Table 4: Scores on the held-out tasks.')).toBe(0);
    expect(captioned('Table 3 (continued)')).toBe(1);
  });

  it('splits a row of numbers drawn as one text item into cells', () => {
    const items = [item(50, 100, 'Bench', 10, 1), item(120, 100, 'Small', 10, 1), item(160, 100, 'Large', 10, 1)];
    items.push(item(50, 114, 'QA'), item(120, 114, '61.0   70.2'), item(50, 128, 'Sum'), item(120, 128, '40.5   44.9'));
    const { blocks } = layoutPdf(extraction([{ items }]));
    const t = blocks.find((b) => b.kind === 'table')!;
    expect(t.table!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['QA', '61.0', '70.2'],
      ['Sum', '40.5', '44.9'],
    ]);
  });

  it('splits a header row set as one tight fragment into the columns below it', () => {
    const items = [item(50, 100, 'Res', 10, 1), item(70, 100, 'DocVQA', 10, 1), item(105, 100, 'InfoVQA', 10, 1)];
    [['256', '31.9', '23.1'], ['448', '45.4', '31.6']].forEach((r, i) => {
      const y = 114 + i * 13;
      items.push(item(50, y, r[0]!), item(75, y, r[1]!), item(110, y, r[2]!));
    });
    const { blocks } = layoutPdf(extraction([{ items }]));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.table!.header.map((r) => r.cells.map((c) => c.text))).toEqual([['Res', 'DocVQA', 'InfoVQA']]);
    expect(blocks[0]!.table!.rows).toHaveLength(2);
  });

  it('reports the loose labels of a vector chart instead of reading them as text', () => {
    const items = [
      item(50, 60, 'Results are shown in the chart below.'),
      item(60, 100, '80'),
      item(300, 110, '71.5'),
      item(60, 140, '60'),
      item(60, 180, '40'),
      item(250, 190, '38.2 35.0'),
      item(60, 220, '20'),
      item(50, 260, 'Figure 1: Accuracy by task.'),
    ];
    const { blocks, diagnostics } = layoutPdf(extraction([{ items }]));
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['CONTENT_CHART', 'content not analysable (chart) on page 1']]);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'image', 'paragraph']);
    expect(blocks.some((b) => /\b71\.5\b/.test(b.text))).toBe(false);
  });
});

describe('layoutPdf properties', () => {
  it('never throws, and every run maps into its block text', async () => {
    const fc = await import('fast-check');
    const itemArb = fc.record({
      str: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('•', '1.', '68.4', 'ﬁne-', 'tuned', ' ', '', 'Table 1 | x')),
      x: fc.double({ min: -50, max: 650, noNaN: true }),
      y: fc.double({ min: -50, max: 850, noNaN: true }),
      w: fc.double({ min: 0, max: 300, noNaN: true }),
      size: fc.double({ min: 0, max: 30, noNaN: true }),
      font: fc.integer({ min: 0, max: 2 }),
      upright: fc.boolean(),
    });
    const pageArb = fc.record({
      items: fc.array(itemArb, { maxLength: 60 }),
      images: fc.array(
        fc.record({ bbox: fc.tuple(fc.double({ min: -10, max: 600, noNaN: true }), fc.double({ min: -10, max: 800, noNaN: true }), fc.double({ min: 0, max: 620, noNaN: true }), fc.double({ min: 0, max: 820, noNaN: true })), kind: fc.constant('image' as const) }),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(fc.array(pageArb, { minLength: 1, maxLength: 4 }), (pages) => {
        const { blocks } = layoutPdf(extraction(pages));
        for (const b of blocks) {
          for (const r of b.runs) {
            expect(r.start).toBeGreaterThanOrEqual(0);
            expect(r.end).toBeLessThanOrEqual(b.text.length);
            expect(r.start).toBeLessThanOrEqual(r.end);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('layoutPdf on hostile pages', () => {
  it('lays out a page of 30 000 tiny items in bounded time', () => {
    const items: PdfTextItem[] = [];
    for (let i = 0; i < 30000; i++) items.push(item(20 + (i % 100) * 5.6, 20 + Math.floor(i / 100) * 2.5, String(i % 10), 2));
    const t0 = performance.now();
    const { blocks } = layoutPdf(extraction([{ items }]));
    expect(performance.now() - t0).toBeLessThan(15000);
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('reports a page the worker cut short', () => {
    const { diagnostics } = layoutPdf(extraction([{ items: [item(50, 50, 'x')], truncated: 123456 }]));
    expect(diagnostics.map((d) => d.code)).toEqual(['PDF_PAGE_TRUNCATED']);
  });
});

describe('table of contents', () => {
  const frag = (row: number, text: string, x0: number, x1: number) =>
    ({ page: 1, row, text, x0, x1, top: row * 12, bottom: row * 12 + 10, baseline: row * 12 + 9, size: 10, bold: false, allBold: false }) as unknown as Parameters<typeof dropTableOfContents>[0][number];
  it('drops leader rows, page references and the Contents title on a contents page; keeps prose', () => {
    const frags = [
      frag(0, 'Contents', 50, 120),
      frag(1, '1 Introduction', 50, 150),
      frag(1, '3', 500, 510),
      ...[2, 3, 4, 5, 6].flatMap((r) => [frag(r, `1.${r} Section title . . . . . . . . . .`, 60, 480), frag(r, String(r + 2), 500, 510)]),
      frag(7, 'This model card describes the release.', 50, 400),
    ];
    const kept = dropTableOfContents(frags).map((f) => f.text);
    expect(kept).toEqual(['This model card describes the release.']);
  });
  it('leaves a page without leaders untouched', () => {
    const frags = [frag(0, 'MMLU', 50, 90), frag(0, '68.4', 300, 330)];
    expect(dropTableOfContents(frags)).toHaveLength(2);
  });
});

describe('layoutPdf: run-in headings, lead-ins and wrapped lines', () => {
  /** Items of one line set in turn (x advances by each item's width plus a space). */
  function line(y: number, pieces: Array<[string, number]>, x = 50, size = 10): PdfTextItem[] {
    const out: PdfTextItem[] = [];
    for (const [str, font] of pieces) {
      out.push({ str, x, y, w: str.length * size * 0.5, size, font, upright: true });
      x += str.length * size * 0.5 + size * 0.3;
    }
    return out;
  }

  it('takes a run-in heading set in another face off the paragraph; keeps a label with a colon', () => {
    const { blocks } = layoutPdf(
      extraction([
        {
          items: [
            ...line(100, [['Web', 1], ['Most of our documents are English webpages crawled for training.', 0]]),
            ...line(112, [['We filter them by quality before training the model.', 0]]),
            ...line(150, [['Notes:', 1], ['Starred scores are taken from the official reports of others.', 0]]),
            ...line(190, [['We align with', 0], ['Artificial Analysis', 1], ['for all scores in this table.', 0]]),
          ],
        },
      ]),
    );
    const paras = blocks.filter((b) => b.kind === 'paragraph');
    expect(paras[0]!.clauseTitle).toBe('Web');
    expect(paras[0]!.text.startsWith('Most of our documents')).toBe(true);
    expect(paras[1]!.clauseTitle).toBeUndefined();
    expect(paras[1]!.text.startsWith('Notes: Starred')).toBe(true);
    // a styled phrase inside the sentence is not a heading: the lead is in the body face
    expect(paras[2]!.clauseTitle).toBeUndefined();
    for (const b of paras) for (const r of b.runs) expect(r.end).toBeLessThanOrEqual(b.text.length);
  });

  it('joins a colon lead-in with an address or a lower-case line below it; a label line starts a paragraph', () => {
    const { blocks } = layoutPdf(
      extraction([
        {
          items: [
            ...line(100, [['Download the weights from the repository:', 0]]),
            ...line(112, [['https://example.org/tern/tern-2b.', 0]]),
            ...line(140, [['Use these sampling parameters for best results:', 0]]),
            ...line(152, [['temperature=1.0 , top_p = 0.95 .', 2]], 54, 9),
            ...line(180, [['https://ex.org/demo', 0]]),
            ...line(192, [['Maintainer: @someone (Example Org)', 0]]),
          ],
        },
      ]),
    );
    expect(blocks.map((b) => b.text)).toEqual([
      'Download the weights from the repository: https://example.org/tern/tern-2b.',
      'Use these sampling parameters for best results: temperature=1.0 , top_p = 0.95 .',
      'https://ex.org/demo',
      'Maintainer: @someone (Example Org)',
    ]);
  });

  it('keeps a decimal that opens a wrapped line in its sentence, and reads a modifier apostrophe as ’', () => {
    const long = 'Recent models such as Alpha 2.5 (Lab, 2030), Beta 4 (Lab, 2031) and Gamma';
    const { blocks } = layoutPdf(
      extraction([
        {
          items: [
            ...line(100, [[long + ' '.repeat(0), 0]]),
            ...line(112, [['3.7 (Other Lab, 2031) show progress on the modelʼs goals.', 0]]),
          ],
        },
      ]),
    );
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.kind).toBe('paragraph');
    expect(blocks[0]!.text).toContain('and Gamma 3.7 (Other Lab, 2031) show progress on the model’s goals.');
  });
});
