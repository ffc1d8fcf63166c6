/**
 * PDF text read whole (issue 16): a figure in a clause keeps its place ("not less than 99.5%"), and a
 * hyphen at a line end that is part of a name or compound is kept ("meta-llama/llama-models").
 */
import { describe, expect, it } from 'vitest';
import { ingestPdf } from '../../src/ingest/pdf.ts';
import { joinWrapped } from '../../src/ingest/pdf-layout-text.ts';
import { buildPdf, helveticaWidth } from '../fixtures/pdf/build-pdf.ts';

/** One line of text items placed one after the other at `y`, as a PDF writer splits a line by font. */
function line(y: number, parts: Array<{ text: string; bold?: boolean }>, x = 72, size = 10): Array<{ x: number; y: number; size: number; text: string; bold?: boolean }> {
  const out = [];
  for (const p of parts) {
    out.push({ x, y, size, text: p.text, ...(p.bold ? { bold: true } : {}) });
    x += helveticaWidth(p.text, size);
  }
  return out;
}

describe('PDF words and numbers', () => {
  it('keeps a hyphen that belongs to a name or compound at a line end, and still joins a split word', () => {
    expect(joinWrapped('see github.com/meta-llama/llama-', 'models for the code').text).toBe('see github.com/meta-llama/llama-models for the code');
    expect(joinWrapped('the meta-llama-', 'models repository').text).toBe('the meta-llama-models repository');
    expect(joinWrapped('download from llama-', 'models/blob/main').text).toBe('download from llama-models/blob/main');
    expect(joinWrapped('trained on gpt2-', 'style data').text).toBe('trained on gpt2-style data');
    // A word split by hyphenation is still joined.
    expect(joinWrapped('the mod-', 'els were trained').text).toBe('the models were trained');
    expect(joinWrapped('Evalu-', 'ation results.').text).toBe('Evaluation results.');
  });

  it('reads a clause with its figure and a repository name across a line break from a built PDF', async () => {
    const texts = [
      { x: 72, y: 72, size: 16, text: 'Schedule 2 Service Levels', bold: true },
      ...line(96, [{ text: '2.1 The Service shall be available not less than ' }, { text: '99.5', bold: true }, { text: '% of each month.' }]),
      // A numbered clause (a list item) wrapped before a decimal: the figure opens the next line, and is no item number.
      ...line(110, [{ text: '2.3 Provider shall keep the monthly availability of the Service at a level of not less than' }]),
      ...line(124, [{ text: '99.5 per cent, measured over each calendar month.' }], 90),
      ...line(138, [{ text: 'Provider shall respond to a Severity 1 incident within not less than' }]),
      ...line(152, [{ text: '4 hours of notification.' }]),
      ...line(180, [{ text: '2.2 The code is published at github.com/meta-llama/llama-' }]),
      ...line(194, [{ text: 'models and the weights at the same place.' }]),
    ];
    const doc = await ingestPdf({ name: 'schedule.pdf', bytes: buildPdf([{ texts }]) }, {});
    const all = doc.blocks.map((b) => b.text).join('\n');
    expect(all).toContain('available not less than 99.5% of each month.');
    expect(all).toContain('at a level of not less than 99.5 per cent, measured over each calendar month.');
    expect(all).toContain('within not less than 4 hours of notification.');
    expect(all).toContain('github.com/meta-llama/llama-models and the weights');
  });
});
