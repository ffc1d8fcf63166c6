import { describe, expect, it } from 'vitest';
import { judgeInput } from '../../src/analyze.ts';
import type { PdfSpan } from '../../src/model/types.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';
import { buildDocx } from '../fixtures/docx/build-docx.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

/** The sample report's content as Markdown, written the way an author would. */
const MARKDOWN = `# Acme Widget Model Card

## 1. Overview

The Acme widget model answers short questions about garden tools. It was trained on a curated set of product manuals and support tickets, and it was evaluated on three public benchmarks before release.

The model is not intended for medical or legal advice. Outputs may contain errors, and a person should review them before they reach a customer. We plan to publish a safety report with the next release.

## 2. Evaluation

Scores on the held-out test splits are listed below.

| Benchmark | Shots | Score |
|---|---|---|
| GardenQA | 5-shot | 71.3 |
| ToolBench Lite | 0-shot | 64.8 |
| ManualSum | 1-shot | 58.2 |

The model is intended for:

- answering questions about garden tools;
- summarising product manuals.
`;

describe('PDF and DOCX sentences through the pipeline', async () => {
  const rules = compiledShippedRules();
  const pdf = await judgeInput({ name: 'sample.pdf', bytes: sampleReportPdf(), role: 'model-card' }, rules);
  const md = await judgeInput({ name: 'sample.md', bytes: new TextEncoder().encode(MARKDOWN), role: 'model-card' }, rules);

  it('segments the PDF into the same sentences as the Markdown', () => {
    const mdTexts = md.sentences.map((s) => s.text);
    const pdfTexts = pdf.sentences.map((s) => s.text);
    for (const t of mdTexts) expect(pdfTexts).toContain(t);
  });

  it('classifies PDF sentences like Markdown ones', () => {
    const label = (j: typeof pdf, text: string) => {
      const s = j.sentences.find((x) => x.text === text)!;
      const c = j.claims.find((x) => x.sentenceId === s.id)!;
      return [c.label, c.type];
    };
    const shared = md.sentences.map((s) => s.text).filter((t) => pdf.sentences.some((s) => s.text === t));
    expect(shared.length).toBeGreaterThan(8);
    for (const t of shared) expect([t, ...label(pdf, t)]).toEqual([t, ...label(md, t)]);
  });

  it('every PDF sentence points at its page and line rectangles', () => {
    const s = pdf.sentences.find((x) => x.text.startsWith('It was trained on a curated set'))!;
    const span = s.span as PdfSpan;
    expect(span.kind).toBe('pdf');
    expect(span.page).toBe(1);
    // the sentence runs over five lines of the left column (from mid-line 2 to line 6)
    expect(span.rects.length).toBe(5);
    expect(span.bbox[2]).toBeLessThan(306);
    // the first rectangle starts where the sentence starts, mid-line, not at the column's edge
    expect(span.rects[0]![0]).toBeGreaterThan(150);
    const row = pdf.sentences.find((x) => x.context.table && x.text.includes('GardenQA'))!;
    expect((row.span as PdfSpan).page).toBe(2);
  });

  it('reads a DOCX schedule into sentences with paragraph spans', async () => {
    const docx = await judgeInput(
      {
        name: 'schedule.docx',
        role: 'contract',
        bytes: buildDocx([
          { text: 'Warranties', style: 'Heading1', numId: 1, ilvl: 0 },
          { text: 'The Provider warrants that the Model scores at least 70.0 on GardenQA.', numId: 1, ilvl: 1 },
        ]),
      },
      rules,
    );
    const s = docx.sentences.find((x) => x.text.includes('warrants'))!;
    expect(s.span).toEqual({ kind: 'docx', paragraph: 1, endParagraph: 1 });
  });
});
