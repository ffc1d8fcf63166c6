import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ingest } from '../../src/ingest/index.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import { spanOf } from '../../src/segment/spans.ts';
import { tableRowSentences } from '../../src/segment/table.ts';
import { clauseRefOf } from '../../src/segment/clause-ref.ts';
import type { Block, Document, TableData, TextSpan } from '../../src/model/types.ts';

const source = readFileSync(new URL('../fixtures/markdown/card-basic.md', import.meta.url), 'utf8');
const doc = await ingest({ name: 'card-basic.md', bytes: new TextEncoder().encode(source) });
const sentences = segmentDocument(doc);
const find = (t: string) => sentences.find((s) => s.text.startsWith(t))!;

/** The sentences of a Markdown text ingested with a role. */
async function segmentMarkdown(name: string, md: string, role: 'model-card' | 'contract') {
  return segmentDocument(await ingest({ name, bytes: new TextEncoder().encode(md), role }));
}

describe('segmentDocument on a card', () => {
  it('splits prose into sentences with markup removed', () => {
    expect(sentences.slice(0, 3).map((s) => s.text)).toEqual([
      'Quokka-7B is a small decoder-only model trained by Example Labs on 2.1T tokens.',
      'It scores 61.2 on MMLU, e.g. the 5-shot split, vs. 58.0 for v1.0 of gpt-3.5-turbo.',
      'The weights *are* released & documented in config.json.',
    ]);
  });

  it('skips headings, code and images', () => {
    const texts = sentences.map((s) => s.text);
    expect(texts).not.toContain('Model Details');
    expect(texts.some((t) => t.includes('not a sentence'))).toBe(false);
    expect(texts).not.toContain('Quokka logo');
  });

  it('keeps a bold-label paragraph and a key-value line as one sentence each', () => {
    expect(find('Model Developers').text).toBe('Model Developers Example Labs');
    expect(find('Model Developers').context.keyValue).toEqual({ key: 'Model Developers', value: 'Example Labs' });
    expect(find('Model Developers').context.isFragment).toBeUndefined();
    expect(find('Intended use').context.keyValue).toEqual({ key: 'Intended use', value: 'general question answering.' });
  });

  it('attaches the lead-in to list items', () => {
    expect(find('research on small').context.listLead).toBe('The model is intended for:');
    expect(find('research on small').context.blockKind).toBe('list-item');
  });

  it("gives the lead-in to an item's first sentence only: the sentences after it stand on their own", async () => {
    const md = ['Stored data may be used with the following features:', '', '- **Batch jobs**. Batch jobs run once a day. They keep results for 30 days.', '', '  1. Nested item. Its second sentence.'].join('\n');
    const doc = segmentDocument(await ingest({ name: 'privacy.md', bytes: new TextEncoder().encode(md) }));
    const at = (t: string) => doc.find((s) => s.text.startsWith(t))!.context;
    expect(at('Batch jobs.').listLead).toBe('Stored data may be used with the following features:');
    expect(at('Batch jobs run').listLead).toBeUndefined();
    expect(at('They keep').listLead).toBeUndefined();
    expect(at('Batch jobs run').blockKind).toBe('list-item');
    expect(at('Its second').listLead).toBeUndefined();
    expect(at('Its second').outerListLeads).toBeUndefined();
  });

  it('gives an item of a nested list the lead-ins above its own, nearest first', async () => {
    const md = ['You agree you will not use the model to:', '', '1. Break the law, including to:', '', '   1. Engage in fraud, such as:', '', '      1. Phishing', '', '2. Harass anyone'].join('\n');
    const nested = segmentDocument(await ingest({ name: 'policy.md', bytes: new TextEncoder().encode(md) }));
    const at = (t: string) => nested.find((s) => s.text.startsWith(t))!.context;
    expect(at('Phishing')).toMatchObject({ listLead: 'Engage in fraud, such as:', outerListLeads: ['Break the law, including to:', 'You agree you will not use the model to:'] });
    expect(at('Engage in fraud')).toMatchObject({ listLead: 'Break the law, including to:', outerListLeads: ['You agree you will not use the model to:'] });
    expect(at('Harass anyone').listLead).toBe('You agree you will not use the model to:');
    expect(at('Harass anyone').outerListLeads).toBeUndefined();
  });

  it('splits at hard breaks', () => {
    expect(find('Line one').text).toBe('Line one of an address');
    expect(find('Line two').text).toBe('Line two after a hard break');
  });

  it('makes each table row one sentence with headers, bold cells and groups', () => {
    const rows = sentences.filter((s) => s.context.table);
    expect(rows.map((s) => s.text)).toEqual(['Reasoning | ARC-C | 55.1', 'HellaSwag | 77.0', 'Knowledge | MMLU | 61.2', 'GSM8K | 41.0 | 52.3', '40.1 (maj@1) | 50.0']);
    const hella = rows[1]!.context.table!;
    expect(hella).toMatchObject({ headers: ['Group', 'Benchmark', 'Quokka-7B'], cells: ['', 'HellaSwag', '77.0'], groupLabel: 'Reasoning', rowLabel: 'Benchmark', rowIndex: 1 });
    expect(rows[0]!.context.table!.boldCells).toEqual([false, false, true]);
    const html = rows[4]!.context.table!;
    expect(html.headers).toEqual(['Benchmark', 'Quokka / 7B', 'Quokka / 13B']);
    expect(html.cells).toEqual(['GSM8K', '40.1 (maj@1)', '50.0']);
    expect(html.groupLabel).toBe('GSM8K');
    expect(rows.every((s) => s.blockOffset === -1)).toBe(true);
  });

  it('marks sentences inside <details> collapsed', () => {
    expect(find('The learning rate').context.collapsed).toBe(true);
    expect(find('After the details').context.collapsed).toBeUndefined();
  });

  it('gives stable unique ids, indexes and block offsets', () => {
    expect(new Set(sentences.map((s) => s.id)).size).toBe(sentences.length);
    sentences.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(s.id).toBe(`${doc.id.slice(0, 12)}:s${i}`);
    });
    expect(segmentDocument(doc).map((s) => s.id)).toEqual(sentences.map((s) => s.id));
    const second = find('It scores');
    const block = doc.blocks.find((b) => b.id === second.blockId)!;
    expect(block.text.slice(second.blockOffset, second.blockOffset + 9)).toBe('It scores');
  });

  it('gives spans that slice the source to the sentence', () => {
    const s = find('It scores');
    const span = s.span as TextSpan;
    expect(source.slice(span.offset, span.endOffset)).toBe('It scores 61.2 on MMLU, e.g. the 5-shot split, vs. 58.0 for v1.0 of gpt-3.5-turbo.');
    expect(span.line).toBe(source.slice(0, span.offset).split('\n').length);
    const w = find('The weights').span as TextSpan;
    expect(source.slice(w.offset, w.endOffset)).toBe('The weights \\*are\\* released &amp; documented in `config.json`.');
    const row = find('HellaSwag').span as TextSpan;
    expect(source.slice(row.offset, row.endOffset)).toBe('| | HellaSwag | 77.0 |');
  });
});

describe('spans from PDF and DOCX runs', () => {
  const base = { id: 'b0', kind: 'paragraph' as const, sectionPath: [], text: 'First line text. Second line.' };
  it('unions boxes and gives one rectangle per line for PDF runs', () => {
    const block: Block = {
      ...base,
      span: { kind: 'pdf', page: 3, bbox: [0, 0, 600, 800], rects: [] },
      runs: [
        { start: 0, end: 10, page: 3, bbox: [50, 100, 150, 112] },
        { start: 11, end: 22, page: 3, bbox: [155, 100, 260, 112] },
        { start: 23, end: 29, page: 3, bbox: [50, 114, 110, 126] },
      ],
    };
    const span = spanOf({}, block, 0, 16);
    expect(span).toEqual({ kind: 'pdf', page: 3, bbox: [50, 100, 260, 112], rects: [[50, 100, 260, 112]] });
    const two = spanOf({}, block, 17, 29);
    expect(two).toMatchObject({ kind: 'pdf', page: 3, bbox: [50, 100, 260, 126] });
    expect((two as { rects: unknown[] }).rects).toHaveLength(2);
  });

  it('reports the last page of text that crosses a page break', () => {
    const block: Block = { ...base, span: { kind: 'pdf', page: 1, bbox: [0, 0, 1, 1], rects: [] }, runs: [{ start: 0, end: 10, page: 1, bbox: [1, 700, 100, 712] }, { start: 11, end: 29, page: 2, bbox: [1, 50, 100, 62] }] };
    expect(spanOf({}, block, 0, 29)).toMatchObject({ kind: 'pdf', page: 1, endPage: 2 });
  });

  it('gives paragraph ranges for DOCX runs', () => {
    const block: Block = { ...base, span: { kind: 'docx', paragraph: 4, endParagraph: 5 }, runs: [{ start: 0, end: 16, paragraph: 4 }, { start: 17, end: 29, paragraph: 5 }] };
    expect(spanOf({}, block, 17, 29)).toEqual({ kind: 'docx', paragraph: 5, endParagraph: 5 });
    expect(spanOf({}, block, 0, 29)).toEqual({ kind: 'docx', paragraph: 4, endParagraph: 5 });
  });

  it('segments a PDF-like document through the same path', () => {
    const pdfDoc: Document = {
      id: 'f'.repeat(64), name: 'x.pdf', role: 'model-card', mediaType: 'application/pdf', metadata: {}, diagnostics: [],
      blocks: [{ ...base, span: { kind: 'pdf', page: 1, bbox: [0, 0, 1, 1], rects: [] }, runs: [{ start: 0, end: 16, page: 1, bbox: [10, 10, 90, 20] }, { start: 17, end: 29, page: 1, bbox: [10, 22, 80, 32] }] }],
    };
    const s = segmentDocument(pdfDoc);
    expect(s.map((x) => x.text)).toEqual(['First line text.', 'Second line.']);
    expect(s[1]!.span).toEqual({ kind: 'pdf', page: 1, bbox: [10, 22, 80, 32], rects: [[10, 22, 80, 32]] });
  });
});

describe('table grouping', () => {
  const cell = (text: string, extra: object = {}) => ({ text, runs: [], span: { kind: 'docx' as const, paragraph: 0, endParagraph: 0 }, ...extra });
  const row = (...cells: ReturnType<typeof cell>[]) => ({ cells, span: { kind: 'docx' as const, paragraph: 0, endParagraph: 0 } });
  it('expands colspan in headers and rowspan in bodies', () => {
    const t: TableData = {
      origin: 'html',
      header: [row(cell('Task', { rowspan: 2 }), cell('Model A', { colspan: 2 })), row(cell('base'), cell('chat'))],
      rows: [row(cell('Code', { rowspan: 2 }), cell('1'), cell('2')), row(cell('3'), cell('4')), row(cell('Math'), cell('5'), cell('6'))],
    };
    const r = tableRowSentences(t);
    expect(r.map((x) => x.table.headers)).toEqual(Array(3).fill(['Task', 'Model A / base', 'Model A / chat']));
    expect(r.map((x) => [x.text, x.table.cells, x.table.groupLabel])).toEqual([
      ['Code | 1 | 2', ['Code', '1', '2'], 'Code'],
      ['3 | 4', ['Code', '3', '4'], 'Code'],
      ['Math | 5 | 6', ['Math', '5', '6'], 'Math'],
    ]);
  });

  it('does not group a table whose first column is never blank', () => {
    const t: TableData = { origin: 'gfm', header: [row(cell('Benchmark'), cell('Score'))], rows: [row(cell('MMLU'), cell('61')), row(cell('GSM8K'), cell('40'))] };
    expect(tableRowSentences(t).map((x) => [x.table.groupLabel, x.table.rowLabel])).toEqual([[undefined, 'Benchmark'], [undefined, 'Benchmark']]);
  });

  it('survives absurd spans', () => {
    const t: TableData = { origin: 'html', header: [], rows: [row(cell('a', { colspan: 1e9, rowspan: 1e9 })), row(cell('b'))] };
    expect(() => tableRowSentences(t)).not.toThrow();
  });
});

describe('clause references', () => {
  it.each([
    [['Schedule B', '2', '2.1', '(a)'], 'Schedule B §2.1(a)'],
    [['AGREEMENT', '1', '(b)', '(i)'], '§1(b)(i)'],
    [['Exhibit A'], 'Exhibit A'],
    [['SCHEDULE 2 – SERVICE LEVELS', '3'], 'Schedule 2 §3'],
    [['Model Details'], undefined],
  ])('%j → %j', (path, ref) => expect(clauseRefOf(path)).toBe(ref));
});

describe('key-value paragraphs', () => {
  it('splits a paragraph of "Key: value" lines into one sentence per line', async () => {
    const md = 'Developed by: Example Labs\nLicense: MIT\nPaper: see the report. It is long.\n\nA normal\nwrapped paragraph: with a colon.\n';
    const d = await ingest({ name: 'kv.md', bytes: new TextEncoder().encode(md), role: 'model-card' });
    const s = segmentDocument(d);
    expect(s.map((x) => [x.text, x.context.keyValue?.key])).toEqual([
      ['Developed by: Example Labs', 'Developed by'],
      ['License: MIT', 'License'],
      ['Paper: see the report.', 'Paper'],
      ['It is long.', undefined],
      ['A normal wrapped paragraph: with a colon.', undefined],
    ]);
    const lic = s[1]!.span as TextSpan;
    expect(md.slice(lic.offset, lic.endOffset)).toBe('License: MIT');
  });
});

describe('captions', () => {
  it('a caption number is not a key: "Table 3: Malware refusals" names a table', async () => {
    const md = 'Table 3: Malware refusals\n\nFigure 2a: Scores by language\n\nTable of results: see below.\n';
    expect((await segmentMarkdown('cap.md', md, 'model-card')).map((x) => x.context.keyValue?.key)).toEqual([undefined, undefined, 'Table of results']);
  });
});

describe('run-in clause titles in a Markdown contract', () => {
  it('takes a short sentence-case title after a clause number off its sentence, as the plain-text reader does', async () => {
    const md = '# Terms\n\n5.1 Fees. You pay monthly.\n\n5.2 Automatic renewal. Paid plans renew each month.\n\n1. Human review. We review flagged content.\n2. It works. The model is fine.\n';
    expect((await segmentMarkdown('terms.md', md, 'contract')).map((x) => x.text)).toEqual([
      'You pay monthly.',
      'Paid plans renew each month.',
      'We review flagged content.',
      'It works.',
      'The model is fine.',
    ]);
  });
});

describe('keys with an abbreviation', () => {
  it('a key may hold an abbreviation\'s dot: "No. of layers: 32", "Core repo (code, docs, etc.): <url>"', async () => {
    const md = '- No. of layers: 32\n- Core repo (code, docs, etc.): https://example.com/repo\n- Approx. size: 14 GB\n- It is done. Note: more later\n';
    expect((await segmentMarkdown('abbr.md', md, 'model-card')).map((x) => x.context.keyValue)).toEqual([
      { key: 'No. of layers', value: '32' },
      { key: 'Core repo (code, docs, etc.)', value: 'https://example.com/repo' },
      { key: 'Approx. size', value: '14 GB' },
      undefined,
      { key: 'Note', value: 'more later' },
    ]);
  });
});

describe('a run of key lines', () => {
  it('splits the "Key: value" lines that open a paragraph from the sentence after them, and keeps wrapped prose whole', async () => {
    const md = [
      'Model version: 1.0', 'Card updated: 2026-06-24', 'Contact: help@example.com', 'Feel free to ask on the forum.', '',
      'Model version: 1.0', 'Card updated: 2026-06-24', 'and then some wrapped prose.', '',
    ].join('\n');
    expect((await segmentMarkdown('kv.md', md, 'model-card')).map((x) => x.text)).toEqual([
      'Model version: 1.0',
      'Card updated: 2026-06-24',
      'Contact: help@example.com',
      'Feel free to ask on the forum.',
      'Model version: 1.0 Card updated: 2026-06-24 and then some wrapped prose.',
    ]);
  });
});

describe('numbered steps in title case', () => {
  it('in a contract, keeps a whole item in title case as a sentence when its list holds sentences, and a clause heading as a heading', async () => {
    const md = [
      '# Setup', '', 'To turn it on, follow these steps:', '', '1. Sign in to the Quarry Console.', '2. Select the project that owns the deployment.', '3. Open Settings.', '',
      '## Steps without a lead-in', '', '1. Open the Data Controls Page.', '2. Turn off training on your conversations.', '',
      '## Terms', '', '1. Definitions.', '', '"Model" means the weights.', '',
      '2. Fees. Customer pays monthly.', '3. Support Hours.', '',
    ].join('\n');
    expect((await segmentMarkdown('steps.md', md, 'contract')).map((x) => x.text)).toEqual([
      'To turn it on, follow these steps:',
      'Sign in to the Quarry Console.',
      'Select the project that owns the deployment.',
      'Open Settings.',
      'Open the Data Controls Page.',
      'Turn off training on your conversations.',
      '"Model" means the weights.',
      'Customer pays monthly.',
    ]);
  });
});

describe('dash-labelled sentences', () => {
  it('read a short label before a spaced dash as the key, like "Key: value"', async () => {
    const md = 'Network isolation – the agent has no network access.\n\nSandboxing - Files outside the workspace are not visible.\n\nWe ran it - and it worked.\n\nThe model - which is small - runs on a laptop.\n';
    expect((await segmentMarkdown('dash.md', md, 'model-card')).map((x) => x.context.keyValue)).toEqual([
      { key: 'Network isolation', value: 'the agent has no network access.' },
      { key: 'Sandboxing', value: 'Files outside the workspace are not visible.' },
      undefined,
      undefined,
    ]);
  });
});

describe('fragments', () => {
  it('marks a short line of its own as a fragment, not the sentences after it', async () => {
    const md = '**Refusals**  \nWe reduced refusals to benign prompts. Tone improved.\n\nJust a label\n';
    const d = await ingest({ name: 'f.md', bytes: new TextEncoder().encode(md), role: 'model-card' });
    expect(segmentDocument(d).map((x) => [x.text, x.context.isFragment ?? false])).toEqual([
      ['Refusals', true],
      ['We reduced refusals to benign prompts.', false],
      ['Tone improved.', false],
      ['Just a label', true],
    ]);
  });
});

describe('character references', () => {
  it('end a span after the whole reference', async () => {
    const md = 'Built by R&amp;D. Rated &#10004;\n';
    const d = await ingest({ name: 'e.md', bytes: new TextEncoder().encode(md), role: 'model-card' });
    const spans = segmentDocument(d).map((s) => { const sp = s.span as TextSpan; return [s.text, md.slice(sp.offset, sp.endOffset)]; });
    expect(spans).toEqual([
      ['Built by R&D.', 'Built by R&amp;D.'],
      ['Rated ✔', 'Rated &#10004;'],
    ]);
  });
});
