/**
 * Every real card and contract in ../shared/corpus ingests, gives a plausible number of
 * sentences, and every sentence's span slices back to source text containing its words.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../src/ingest/index.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import type { Sentence, TextSpan } from '../../src/model/types.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const has = existsSync(CORPUS);
const files = (dir: string): string[] => (has && existsSync(CORPUS + dir) ? readdirSync(CORPUS + dir).filter((f) => /\.(md|txt)$/.test(f)).map((f) => `${dir}/${f}`) : []);

/** Words of a sentence: letter/digit tokens, lower-cased. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * Source slice without markup that splits words: inline HTML tags (outside code spans, where
 * "`<return code>`" is literal text), link destinations ("[託管服務](#託管服務)" splits a run of
 * CJK characters, which this test reads as one word), emphasis and backslash escapes.
 */
function sliceWords(source: string, span: TextSpan): string {
  return source
    .slice(span.offset, span.endOffset)
    .toLowerCase()
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/g, '')))
    .join('')
    .replace(/\\(?=\S)|[*_~`]/g, '');
}

/** The slice as rendered text: link destinations dropped, so the link text joins the words around it. */
function withoutLinkDestinations(slice: string): string {
  return slice.replace(/\]\([^)\s]*\)/g, '').replace(/\[/g, '');
}

/** The prose a document's sentences come from: its YAML front matter is metadata (a card's model-index can hold hundreds of results). */
function bodyOf(source: string): string {
  return source.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/, '');
}

function missingWords(source: string, s: Sentence): string[] {
  const span = s.span as TextSpan;
  const slice = sliceWords(source, span);
  const rendered = withoutLinkDestinations(slice);
  return words(s.text).filter((w) => !slice.includes(w) && !rendered.includes(w) && !(slice.includes('&') && /[^\x00-\x7f]/.test(w)));
}

describe.skipIf(!has)('corpus ingestion', () => {
  const docs = [...files('cards'), ...files('contracts')];
  it('finds the corpus documents', () => {
    expect(docs.length).toBeGreaterThan(0);
  });
  for (const path of docs) {
    it.each([
      ['as stored', (s: string) => s],
      ['with CRLF line ends', (s: string) => s.replace(/\r?\n/g, '\r\n')],
    ])(`ingests and segments ${path} %s`, async (_how, transform) => {
      const source = transform(readFileSync(CORPUS + path, 'utf8').replace(/^\uFEFF/, ''));
      const bytes = new TextEncoder().encode(source);
      const doc = await ingest({ name: path.split('/').pop()!, bytes, role: path.startsWith('contracts/') ? 'contract' : 'model-card' });
      // with no role given it still ingests (the role is guessed)
      const guessed = await ingest({ name: path.split('/').pop()!, bytes });
      expect(['model-card', 'contract']).toContain(guessed.role);
      expect(doc.blocks.length).toBeGreaterThan(5);
      expect(doc.lineStarts?.length).toBeGreaterThan(1);
      const sentences = segmentDocument(doc);
      // a plausible count: at least one sentence per 400 characters of the body, at most one per 15
      const body = bodyOf(source).length;
      expect(sentences.length).toBeGreaterThan(body / 400);
      expect(sentences.length).toBeLessThan(body / 15);
      expect(new Set(sentences.map((s) => s.id)).size).toBe(sentences.length);
      const bad: string[] = [];
      let last = -1;
      for (const s of sentences) {
        expect(s.span.kind).toBe('text');
        const span = s.span as TextSpan;
        expect(span.offset).toBeGreaterThanOrEqual(0);
        expect(span.endOffset).toBeLessThanOrEqual(source.length);
        expect(span.endOffset).toBeGreaterThan(span.offset);
        // line/column agree with the offsets
        const lineStart = doc.lineStarts![span.line - 1]!;
        expect(lineStart + span.column - 1).toBe(span.offset);
        if (s.blockOffset >= 0) {
          expect(span.offset).toBeGreaterThanOrEqual(last);
          last = span.endOffset;
        }
        const miss = missingWords(source, s);
        if (miss.length) bad.push(`${s.id} [${miss.join(', ')}] ${s.text.slice(0, 80)}`);
      }
      expect(bad).toEqual([]);
    });
  }
});

/** Gold matching as the evaluator reads it: case, whitespace, Markdown emphasis and escapes ignored. */
function goldKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const goldFiles = has && existsSync(CORPUS + 'gold') ? readdirSync(CORPUS + 'gold').filter((f) => f.endsWith('.jsonl')) : [];

describe.skipIf(goldFiles.length === 0)('gold sentences are produced by segmentation', () => {
  for (const file of goldFiles) {
    it(`produces at least 95% of the gold sentences of ${file}`, async () => {
      const gold = readFileSync(CORPUS + 'gold/' + file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { doc: string; text: string });
      const docPath = CORPUS + gold[0]!.doc;
      if (!existsSync(docPath)) return;
      // the role comes from the corpus folder: this measures segmentation, not role guessing
      const role = gold[0]!.doc.startsWith('contracts/') ? 'contract' : 'model-card';
      const doc = await ingest({ name: gold[0]!.doc.split('/').pop()!, bytes: readFileSync(docPath), role });
      const produced = new Set(segmentDocument(doc).map((s) => goldKey(s.text)));
      const missed = gold.filter((g) => !produced.has(goldKey(g.text))).map((g) => g.text);
      expect(missed.length / gold.length, `missed:\n${missed.join('\n')}`).toBeLessThanOrEqual(0.05);
    });
  }
});

describe.skipIf(!has)('real tables', () => {
  const load = async (path: string) => {
    const doc = await ingest({ name: path.split('/').pop()!, bytes: readFileSync(CORPUS + path) });
    return segmentDocument(doc).filter((s) => s.context.table);
  };

  it.skipIf(!existsSync(CORPUS + 'cards/meta-llama-3.1_model-card.md'))('reads the HTML-only tables of the Llama 3.1 card, rowspans included', async () => {
    const rows = await load('cards/meta-llama-3.1_model-card.md');
    expect(rows.length).toBeGreaterThan(40);
    const mmlu = rows.find((r) => r.context.table!.cells.includes('MMLU'))!;
    expect(mmlu.context.table!.headers).toContain('Benchmark');
    const continued = rows.find((r) => r.context.table!.cells[1] === 'MMLU-Pro (CoT)')!;
    // a row under a rowspan carries its group label and the spanned cell
    expect(continued.context.table!.groupLabel).toBe(continued.context.table!.cells[0]);
    expect(continued.context.table!.groupLabel).toBeTruthy();
  });

  it.skipIf(!existsSync(CORPUS + 'cards/deepseek-v3_readme.md'))('groups DeepSeek-V3 benchmark rows by their blank-first-cell label', async () => {
    const rows = await load('cards/deepseek-v3_readme.md');
    const bbh = rows.find((r) => r.context.table!.cells[1]?.startsWith('BBH'))!;
    expect(bbh.context.table!.groupLabel).toBe('English');
    expect(bbh.context.table!.rowLabel).toBe('Benchmark (Metric)');
    const mbpp = rows.find((r) => r.context.table!.cells[1]?.startsWith('MBPP'))!;
    expect(mbpp.context.table!.groupLabel).toBe('Code');
    expect(bbh.context.table!.boldCells!.some(Boolean)).toBe(true);
  });
});
