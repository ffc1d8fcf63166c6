/** Property: judging never throws on arbitrary sentence text, and scores stay in [0, 1]. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Document, Sentence } from '../../src/model/types.ts';
import { judgeSentences } from '../../src/classify/index.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const doc: Document = { id: 'd', name: 'x.md', role: 'model-card', mediaType: 'text/markdown', metadata: {}, blocks: [], diagnostics: [] };

function sentence(text: string, i: number, listLead?: string): Sentence {
  return {
    id: `s${i}`,
    docId: 'd',
    blockId: `b${i % 3}`,
    index: i,
    text,
    sectionPath: i % 2 ? ['Limitations'] : [],
    span: { kind: 'text', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 },
    blockOffset: 0,
    context: { role: i % 4 === 3 ? 'contract' : 'model-card', blockKind: listLead ? 'list-item' : 'paragraph', ...(listLead ? { listLead } : {}) },
  };
}

describe('judgeSentences never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 120 }), { minLength: 1, maxLength: 5 }), fc.option(fc.string({ maxLength: 40 }), { nil: undefined }), (texts, lead) => {
        const claims = judgeSentences(doc, texts.map((t, i) => sentence(t, i, lead)), rules);
        expect(claims).toHaveLength(texts.length);
        for (const c of claims) {
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(1);
          for (const cue of c.cues) if (cue.start !== undefined) expect(cue.end!).toBeGreaterThanOrEqual(cue.start);
        }
      }),
      { numRuns: 150 },
    );
  });
});
