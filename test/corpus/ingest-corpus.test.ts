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

/** Source slice without markup that splits words (inline HTML tags, emphasis, backslash escapes). */
function sliceWords(source: string, span: TextSpan): string {
  return source.slice(span.offset, span.endOffset).toLowerCase().replace(/<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/g, '').replace(/\\(?=\S)|[*_~`]/g, '');
}

function missingWords(source: string, s: Sentence): string[] {
  const span = s.span as TextSpan;
  const slice = sliceWords(source, span);
  return words(s.text).filter((w) => !slice.includes(w) && !(slice.includes('&') && /[^\x00-\x7f]/.test(w)));
}

describe.skipIf(!has)('corpus ingestion', () => {
  const docs = [...files('cards'), ...files('contracts')];
  it('finds the corpus documents', () => {
    expect(docs.length).toBeGreaterThan(0);
  });
  for (const path of docs) {
    it(`ingests and segments ${path}`, async () => {
      const bytes = readFileSync(CORPUS + path);
      const source = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
      const doc = await ingest({ name: path.split('/').pop()!, bytes });
      expect(doc.blocks.length).toBeGreaterThan(5);
      expect(doc.lineStarts?.length).toBeGreaterThan(1);
      const sentences = segmentDocument(doc);
      // a plausible count: at least one sentence per 400 characters of source, at most one per 15
      expect(sentences.length).toBeGreaterThan(source.length / 400);
      expect(sentences.length).toBeLessThan(source.length / 15);
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
