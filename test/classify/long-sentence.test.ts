/**
 * Work per sentence is bounded (issue 17): a sentence far longer than any real one is judged on a
 * window, and the document says so.
 */
import { describe, expect, it } from 'vitest';
import type { Document, Sentence } from '../../src/model/types.ts';
import { judgeSentences } from '../../src/classify/index.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

describe('a very long sentence', () => {
  it('is judged on a bounded window with a SENTENCE_TRUNCATED diagnostic', () => {
    const text = 'The model scores 99.9 % on the benchmark and '.repeat(4500);
    const doc: Document = { id: 'd', name: 'card.md', role: 'model-card', mediaType: 'text/markdown', metadata: {}, blocks: [], diagnostics: [] };
    const s: Sentence = {
      id: 'd:s0',
      docId: 'd',
      blockId: 'b0',
      index: 0,
      text,
      sectionPath: [],
      span: { kind: 'text', line: 1, column: 1, endLine: 1, endColumn: text.length + 1, offset: 0, endOffset: text.length },
      blockOffset: 0,
      context: { role: 'model-card', blockKind: 'paragraph' },
    };
    const started = performance.now();
    const [claim] = judgeSentences(doc, [s], compiledShippedRules());
    // Generous bound for a loaded CI machine; unbounded judging took minutes on 200 KB.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(claim!.sentenceId).toBe('d:s0');
    expect(['representation', 'narrative']).toContain(claim!.label);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['SENTENCE_TRUNCATED']);
    expect(doc.diagnostics[0]!.message).toMatch(/of 202500 characters was judged on its first \d+/);
  });
});
