/**
 * Every explanation points back into its source (STYLE.md "Offsets travel with text"): cue spans
 * on a PDF are page and rectangles inside the sentence's own rectangles, on a DOCX the paragraph.
 */
import { describe, expect, it } from 'vitest';
import { judgeInput } from '../../src/analyze.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';
import { buildDocx } from '../fixtures/docx/build-docx.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

describe('cue spans', () => {
  it('on a PDF are page and rectangles within the sentence', async () => {
    const j = await judgeInput({ name: 'report.pdf', bytes: sampleReportPdf(), role: 'model-card' }, rules);
    const byId = new Map(j.sentences.map((s) => [s.id, s]));
    const spanned = j.claims.flatMap((c) => c.cues.filter((q) => q.span).map((q) => ({ q, s: byId.get(c.sentenceId)! })));
    expect(spanned.length).toBeGreaterThan(3);
    for (const { q, s } of spanned) {
      expect(q.span!.kind).toBe('pdf');
      if (q.span!.kind !== 'pdf' || s.span.kind !== 'pdf') continue;
      expect(q.span!.page).toBeGreaterThanOrEqual(s.span.page);
      expect(q.span!.rects.length).toBeGreaterThan(0);
    }
    // The hedge in "Outputs may contain errors" is found on page 1 where the sentence is.
    const may = spanned.find(({ q }) => q.id === 'hedge.may');
    expect(may?.q.span).toMatchObject({ kind: 'pdf', page: 1 });
  });

  it('on a DOCX are the paragraph of the words', async () => {
    const bytes = buildDocx([{ text: 'Schedule B' }, { text: 'The Supplier warrants that the Model may be used for research.' }, { text: 'Customer shall pay the fees within 30 days.' }]);
    const j = await judgeInput({ name: 'schedule.docx', bytes, role: 'contract' }, rules);
    const spans = j.claims.flatMap((c) => c.cues.filter((q) => q.span).map((q) => q.span!));
    expect(spans.length).toBeGreaterThan(0);
    for (const sp of spans) expect(sp.kind).toBe('docx');
  });
});
