import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { frontMatterLength, readMarkdown, readMarkdownLimited } from '../../src/ingest/markdown.ts';
import { parseMarkdownTree, referenceMarkdownTree } from '../../src/ingest/markdown-parser.mjs';
import { ingest } from '../../src/ingest/index.ts';
import { WarrantError } from '../../src/model/errors.ts';
import type { Block, TextSpan } from '../../src/model/types.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/markdown/${name}`, import.meta.url), 'utf8');
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Every run maps its text one to one onto the source (a character reference maps to its '&'). */
function expectRunsFaithful(source: string, block: Block): void {
  for (const r of block.runs) {
    for (let k = 0; k < r.end - r.start; k++) {
      const t = block.text[r.start + k];
      const s = source[r.sourceOffset! + k];
      if (s !== t) expect(s).toBe('&');
    }
  }
}

describe('inline text and offset map', () => {
  const cases: Array<[string, string]> = [
    ['plain words', 'plain words'],
    ['*emphasis* and **strong** and ~~gone~~', 'emphasis and strong and gone'],
    ['a [link text](https://example.org "t") here', 'a link text here'],
    ['run `npm test` now', 'run npm test now'],
    ['escaped \\*stars\\* and \\_under\\_', 'escaped *stars* and _under_'],
    ['AT&amp;T &copy; 2024 &#10007;', 'AT&T © 2024 ✗'],
    ['CO<sub>2</sub> emissions', 'CO2 emissions'],
    ['<https://example.org/x> autolink', 'https://example.org/x autolink'],
    ['footnote[^1] here\n\n[^1]: note', 'footnote here'],
  ];
  it.each(cases)('%j → %j', (md, text) => {
    const doc = readMarkdown(md);
    const block = doc.blocks[0]!;
    expect(block.text).toBe(text);
    expectRunsFaithful(md, block);
  });

  it('keeps soft wraps as whitespace and hard breaks as line separators', () => {
    const doc = readMarkdown('one\ntwo  \nthree\\\nfour');
    expect(doc.blocks[0]!.text).toBe('one\ntwo\u2028three\u2028four');
  });

  it('sets lineStarts for CRLF and LF sources', () => {
    expect(readMarkdown('a\r\nb\nc').lineStarts).toEqual([0, 3, 5]);
  });
});

describe('blocks of a model card', () => {
  const source = fixture('card-basic.md');
  const doc = readMarkdown(source);
  const byText = (t: string): Block => doc.blocks.find((b) => b.text.startsWith(t))!;

  it('parses front matter into metadata', () => {
    expect(doc.metadata.license).toBe('apache-2.0');
    expect((doc.metadata['model-index'] as Array<{ name: string }>)[0]!.name).toBe('Quokka-7B');
    expect(doc.diagnostics).toEqual([]);
  });

  it('gives headings levels and every block its section path', () => {
    const h = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level]);
    expect(h).toEqual([
      ['Quokka-7B', 1],
      ['Model Details', 2],
      ['Evaluation', 2],
      ['Training hyperparameters', 3],
    ]);
    expect(byText('Intended use').sectionPath).toEqual(['Quokka-7B', 'Model Details']);
    expect(byText('After the details').sectionPath).toEqual(['Quokka-7B', 'Evaluation']);
  });

  it('reads list items with marker, depth and lead-in', () => {
    const lead = byText('The model is intended for:');
    const items = doc.blocks.filter((b) => b.kind === 'list-item');
    expect(items.map((b) => [b.text, b.marker, b.depth, b.leadBlockId])).toEqual([
      ['research on small language models;', '-', 0, lead.id],
      ['chat assistants in English', '-', 0, lead.id],
      ['with human review', '-', 1, undefined],
    ]);
  });

  it.each([
    ['**Model Developers** Meta', 'Model Developers'],
    ['**License:** MIT', 'License'],
    ['**Llama 2 family of models.** Token counts refer to pretraining data.', undefined],
    ['**Bold only**', undefined],
    ['Text then **bold** label', undefined],
  ])('bold label of %j is %j', (md, label) => {
    expect(readMarkdown(md).blocks[0]!.label).toBe(label);
  });

  it.each([
    ['[GitHub Repo](https://github.com/example/kestrel)', true],
    ['- **[Research paper](https://arxiv.org/abs/0000.00000)**', true],
    ['[Model page][page].\n\n[page]: https://example.org/kestrel', true],
    ['**License:** [Apache 2.0](https://www.apache.org/licenses/LICENSE-2.0)', undefined],
    ['Kestrel is trained on [public data](https://example.org/data).', undefined],
    ['https://example.org/kestrel', true],
  ])('%j is one link and nothing else: %j', (md, linkOnly) => {
    expect(readMarkdown(md).blocks[0]!.linkOnly).toBe(linkOnly);
  });

  it('keeps code and images as their own kinds', () => {
    const code = doc.blocks.find((b) => b.kind === 'code')!;
    expect(code.text).toBe('print("not a sentence.")');
    expect(code.lang).toBe('python');
    expect(doc.blocks.find((b) => b.kind === 'image')!.text).toBe('Quokka logo');
  });

  it('reads GFM tables with bold cells', () => {
    const t = doc.blocks.filter((b) => b.kind === 'table')[0]!.table!;
    expect(t.origin).toBe('gfm');
    expect(t.header[0]!.cells.map((c) => c.text)).toEqual(['Group', 'Benchmark', 'Quokka-7B']);
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['Reasoning', 'ARC-C', '55.1'],
      ['', 'HellaSwag', '77.0'],
      ['Knowledge', 'MMLU', '61.2'],
    ]);
    expect(t.rows[0]!.cells[2]!.bold).toBe(true);
    expect(t.rows[1]!.cells[2]!.bold).toBeUndefined();
  });

  it('reads a raw HTML table across blank lines: thead rows, colspan, rowspan, <br>, <b>', () => {
    const t = doc.blocks.filter((b) => b.kind === 'table')[1]!.table!;
    expect(t.origin).toBe('html');
    expect(t.header.length).toBe(2);
    expect(t.header[0]!.cells.map((c) => [c.text, c.colspan, c.rowspan])).toEqual([
      ['Benchmark', undefined, 2],
      ['Quokka', 2, undefined],
    ]);
    expect(t.rows.length).toBe(2);
    expect(t.rows[0]!.cells[1]!).toMatchObject({ text: '41.0', bold: true });
    expect(t.rows[1]!.cells[0]!.text).toBe('40.1\u2028(maj@1)');
    const cell = t.rows[0]!.cells[0]!;
    const span = cell.span as TextSpan;
    expect(source.slice(span.offset, span.endOffset)).toContain('GSM8K');
    expect(source.slice(cell.runs[0]!.sourceOffset!, cell.runs[0]!.sourceOffset! + 5)).toBe('GSM8K');
  });

  it('marks <details> content collapsed and uses the summary as a heading', () => {
    const inside = byText('The learning rate');
    expect(inside.collapsed).toBe(true);
    expect(inside.sectionPath).toEqual(['Quokka-7B', 'Evaluation', 'Training hyperparameters']);
    expect(byText('After the details').collapsed).toBeUndefined();
  });

  it('maps every block run back to the source', () => {
    for (const b of doc.blocks) if (b.kind !== 'table' && b.kind !== 'image') expectRunsFaithful(source, b);
  });
});

describe('HTML outside tables', () => {
  it('extracts text of loose HTML, drops comments, keeps image alt text', () => {
    const doc = readMarkdown('<!-- hidden -->\n<div align="center"><img alt="Logo" src="x.png"/><p>Centered <b>text</b> here.</p></div>\n');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['image', 'Logo'],
      ['paragraph', 'Centered text here.'],
    ]);
  });

  it('reads a self-contained <details> element', () => {
    const doc = readMarkdown('<details><summary>More</summary><p>Hidden fact.</p></details>\n\nVisible.');
    expect(doc.blocks.map((b) => [b.kind, b.text, b.collapsed ?? false])).toEqual([
      ['heading', 'More', true],
      ['paragraph', 'Hidden fact.', true],
      ['paragraph', 'Visible.', false],
    ]);
  });

  it('keeps images without alt text as empty image blocks', () => {
    const doc = readMarkdown('![](chart.png)\n\n<p><img src="x.png"></p>\n');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['image', ''],
      ['image', ''],
    ]);
  });

  it('maps HTML alt text back to the source', () => {
    const md = '<div><img alt="Score chart" src="s.png"></div>\n';
    const b = readMarkdown(md).blocks[0]!;
    expect(md.slice(b.runs[0]!.sourceOffset!, b.runs[0]!.sourceOffset! + 11)).toBe('Score chart');
  });

  it('turns inline <img> and Markdown images into image blocks after their paragraph', () => {
    const doc = readMarkdown('See <img src="a.png" alt="Chart of scores"> and ![Logo](l.png) here.');
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'See  and  here.'],
      ['image', 'Chart of scores'],
      ['image', 'Logo'],
    ]);
  });

  it('drops a DocFX include directive, alone or as a list item, and keeps the text around it', () => {
    const md = '[!INCLUDE [translation](../includes/translation.md)]\n\nThe service keeps no prompts.\n\n- Tell users how content is moderated.\n- [!INCLUDE [regulatory](../includes/regulatory.md)]\n';
    expect(readMarkdown(md).blocks.map((b) => b.text)).toEqual(['The service keeps no prompts.', 'Tell users how content is moderated.']);
  });

  it('strips GitHub alert markers from block quotes', () => {
    expect(readMarkdown('> [!NOTE]\n> Weights are 685B.').blocks[0]!.text).toBe('Weights are 685B.');
  });
});

describe('front matter problems', () => {
  it('reports malformed YAML with its line and still reads the body', () => {
    const doc = readMarkdown(fixture('bad-front-matter.md'));
    expect(doc.diagnostics).toHaveLength(1);
    const d = doc.diagnostics[0]!;
    expect(d.code).toBe('FRONT_MATTER_INVALID');
    expect((d.span as TextSpan).line).toBeGreaterThanOrEqual(3);
    expect((d.span as TextSpan).line).toBeLessThanOrEqual(4);
    expect(d.message).toMatch(/line [34]/);
    expect(doc.blocks.some((b) => b.text.startsWith('The body is still read.'))).toBe(true);
    expect(doc.metadata).toEqual({});
  });

  it('reports front matter that is not a mapping', () => {
    const doc = readMarkdown('---\n- a\n- b\n---\n\nBody.');
    expect(doc.diagnostics[0]!.code).toBe('FRONT_MATTER_INVALID');
    expect(doc.blocks[0]!.text).toBe('Body.');
  });
});

describe('ingest()', () => {
  it('builds a Document with id, role, media type and line starts', async () => {
    const doc = await ingest({ name: 'card.md', bytes: bytes(fixture('card-basic.md')) });
    expect(doc.id).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.role).toBe('model-card');
    expect(doc.mediaType).toBe('text/markdown');
    expect(doc.lineStarts![0]).toBe(0);
  });

  it('keeps a role the caller gives', async () => {
    const doc = await ingest({ name: 'card.md', bytes: bytes('# Terms\n\nThe Provider shall comply.'), role: 'model-card' });
    expect(doc.role).toBe('model-card');
  });

  const bad: Array<[string, string, Uint8Array, string]> = [
    ['empty file', 'empty.md', new Uint8Array(), 'EMPTY_INPUT'],
    ['whitespace only', 'blank.md', bytes('  \n\n \t\n'), 'EMPTY_INPUT'],
    ['binary named .md', 'image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'BINARY_INPUT'],
    ['invalid UTF-8', 'latin1.md', new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x6d, 0x6f, 0x64, 0x65, 0x6c, 0x0a]), 'INVALID_UTF8'],
    ['a JSON evidence file', 'results.json', bytes('{"results": {}}'), 'UNSUPPORTED_FORMAT'],
    ['a CSV evidence file', 'scores.csv', bytes('benchmark,metric,value\nmmlu,acc,61.2\n'), 'UNSUPPORTED_FORMAT'],
    ['a PDF named .md', 'card.md', bytes('%PDF-1.7\n'), 'EXTENSION_MISMATCH'],
  ];
  it.each(bad)('rejects %s', async (_what, name, data, code) => {
    const err = await ingest({ name, bytes: data }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarrantError);
    expect((err as WarrantError).code).toBe(code);
    expect((err as WarrantError).file).toBe(name);
  });

  it('says that structured files are evidence', async () => {
    await expect(ingest({ name: 'r.yaml', bytes: bytes('a: 1\n') })).rejects.toThrow(/evidence/);
  });

  it('limits Markdown and text inputs more tightly than binary ones', async () => {
    const err = await ingest({ name: 'big.txt', bytes: bytes('a. '.repeat(1000)) }, { maxTextBytes: 1000 }).catch((e: unknown) => e);
    expect((err as WarrantError).code).toBe('TOO_LARGE');
    expect((err as WarrantError).message).toMatch(/Markdown and text/);
  });

  it('reads pathological Markdown quickly or rejects it cleanly', async () => {
    const t = Date.now();
    const cases = [
      '*'.repeat(20000) + 'a' + '*'.repeat(20000),
      '<table><tr><td>' + '<b>'.repeat(5000) + 'x</td></tr></table>',
      '<div>'.repeat(5000) + 'deep text' + '</div>'.repeat(5000),
      '>'.repeat(20000) + ' deep quote.',
    ];
    for (const md of cases) {
      try {
        const doc = await ingest({ name: 'odd.md', bytes: bytes(md), role: 'model-card' });
        expect(doc.blocks.length).toBeGreaterThan(0);
      } catch (e) {
        expect(e).toBeInstanceOf(WarrantError);
        expect((e as WarrantError).code).toBe('TOO_LARGE');
      }
    }
    expect(Date.now() - t).toBeLessThan(30_000);
  });

  it('keeps runaway emphasis runs as text', () => {
    const md = 'a ' + '*'.repeat(20) + 'b' + '_'.repeat(18) + ' c';
    expect(readMarkdown(md).blocks[0]!.text).toBe(md);
  });

  it('reads delimiter-dense paragraphs literally but keeps list structure and other blocks', () => {
    const dense = '*a'.repeat(300);
    const md = `# Title\n\nNormal *emphasis* here.\n\n${dense}\n\n${Array.from({ length: 250 }, (_, i) => `* item *${i}*`).join('\n')}\n\n\`\`\`\n${'*'.repeat(30)}\n\`\`\`\n`;
    const doc = readMarkdown(md);
    expect(doc.blocks[1]!.text).toBe('Normal emphasis here.');
    expect(doc.blocks[2]!.text).toBe(dense);
    const items = doc.blocks.filter((b) => b.kind === 'list-item');
    expect(items).toHaveLength(250);
    expect(items[7]!.text).toBe('item *7*');
    expect(doc.blocks.find((b) => b.kind === 'code')!.text).toBe('*'.repeat(30));
    for (const b of doc.blocks) expectRunsFaithful(md, b);
  });

  it('rejects input over the size limit', async () => {
    const err = await ingest({ name: 'big.md', bytes: bytes('# x\n\n' + 'a'.repeat(2000)) }, { maxBytes: 1000 }).catch((e: unknown) => e);
    expect((err as WarrantError).code).toBe('TOO_LARGE');
  });
});

describe('large Markdown in a worker', () => {
  it('gives the same document from the worker as in-thread', async () => {
    const source = fixture('card-basic.md');
    const viaWorker = await readMarkdownLimited(source, 'card.md', { timeoutMs: 20_000, workerThreshold: 0 });
    expect(viaWorker).toEqual(readMarkdown(source));
  });

  it('measures the front matter as the parser reads it (its length does not count toward the worker threshold)', () => {
    const cases = ['---\na: 1\n---\nbody', '--- \na: 1\n---\t\nbody', '---\r\na: 1\r\n---\r\nx', '---\na: 1\n---', '---\n---\n', '---\n\n---\n# h',
      '---', '---\n', '---\na: 1\n', '---x\na\n---\n', '---\na\n----\nb\n---\nc', '---\na\n --- \n---\n', 'text\n---\na\n---\n', fixture('card-basic.md')];
    for (const source of cases) {
      const first = (referenceMarkdownTree(source) as { children: Array<{ type: string; position?: { end: { offset?: number } } }> }).children[0];
      let expected = 0;
      if (first?.type === 'yaml') {
        expected = first.position!.end.offset!;
        expected += source.startsWith('\r\n', expected) ? 2 : /^[\r\n]/.test(source.slice(expected)) ? 1 : 0;
      }
      expect(frontMatterLength(source), JSON.stringify(source.slice(0, 40))).toBe(expected);
    }
  });

  it('gives the tree remark gives, with the front matter read without the parser and the autolink pass only where it can find a link', () => {
    const cases = [
      '---\na: 1\n---\nbody', '--- \na: 1\n---\t\nbody', '---\na: 1\n---   \n\n# T\n', '---\na:\t1\n---\n\n\n  indented\n\n    code\n', '---\n---\nx', '---\n\n---\n# h',
      '---\r\na: 1\r\nb:\r\n  - c\r\n---\r\n# T\r\n\r\ntext\r\n', '---\ra: 1\r---\rbody\r', '---\r\na: 1\n---\r\nx', '---\r\n---\r\nx',
      // left to the parser: a blank body, front matter again, a byte order mark, NUL, a tab on the closing fence
      '---\na: 1\n---', '---\na: 1\n---\n\n', '---\na: 1\n---\n---\nb: 2\n---\nbody', '---\na: 1\n---\n\uFEFFbody', '---\na\0: 1\n---\nx', '---\na: 1\n---\t\nx',
      '---\na: 1\n---\n- x\n- y\n\n> q\n\n| a | b |\n|---|---|\n| http://x.y | c@d.ef |\n',
      'x https://a.b/c d\n\n*e www.f.g*\n\n[l http://h.i](u) [r]\n\n[r]: http://x\n', '&#64;x\n\nfoo&commat;bar.com\n', 'mailto:a@b.cd xmpp:a@b.cd/r\n\n# see WWW.EXAMPLE.COM\n',
      // the GFM guards: e-mail, URL and www autolinks and tables where the source may hold one, and where it cannot
      'a\tfoo@bar.com\tb x@y.z\\@w.e a.b@c_d.e [a@b.c](x) [x a@b.co\n', 'x\r\nfoo@bar.com\r\n\r\n> a@b.co\n> HTTP://x.y wWw.z.q', '\uFEFFfoo@bar.com www.x.y', 'a\0b@c.de',
      'para\n| a | b |\n| - | - |\n| c | d |\ne', '> | a |\n> |---|\n> | b |\nlazy', '- x\n\n  a | b\n  -|-\n  c|d\n', 'a\n\t|-:|\n', 'a|b\r\n:-|-\r\nc', 'a\r|-\rb', '> a\n|-|', 'a\n> |-|', 'x\n---\n', 'h\n|\n|-|',
      ...readdirSync(new URL('../fixtures/markdown/', import.meta.url)).filter((f) => f.endsWith('.md')).map(fixture),
    ];
    for (const source of cases) expect(parseMarkdownTree(source), JSON.stringify(source.slice(0, 60))).toStrictEqual(referenceMarkdownTree(source));
  });

  it('parses in-thread a card whose source is over the threshold only by its front matter', async () => {
    const source = `---\nresults:\n${'  - value: 1.5\n'.repeat(50)}---\n# Card\n\nThe model scores 1.5 on it.\n`;
    const limits = { timeoutMs: 20_000, workerThreshold: source.length - frontMatterLength(source) };
    expect(await readMarkdownLimited(source, 'card.md', limits)).toEqual(readMarkdown(source));
  });

  it('stops a parse that runs past the timeout', async () => {
    const source = "'a\n".repeat(200_000);
    const err = await readMarkdownLimited(source, 'slow.md', { timeoutMs: 300, workerThreshold: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WarrantError);
    expect((err as WarrantError).code).toBe('PARSE_TIMEOUT');
  });

  it('reports nesting the parser cannot follow as an input error', async () => {
    const err = await ingest({ name: 'deep.md', bytes: bytes('>'.repeat(20000) + ' x') }).catch((e: unknown) => e);
    expect((err as WarrantError).code).toBe('TOO_LARGE');
  });
});
