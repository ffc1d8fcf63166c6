/**
 * One view model for the exports and the web page (issue 14 item 5): the exports' claims register
 * (src/report/view.ts) and the page's (web/view-model.js) are two columns sets over the same entries.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.ts';
import { claimRows, viewOf } from '../../src/report/view.ts';
import { renderReport } from '../../src/report/render.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { VERDICTS, buildRows, indexReport, registerEntries, registerEntry, worst } from '../../web/view-model.js';
import { CASES, RULES } from './cases.ts';

describe.each(Object.keys(CASES))('case %s', (name) => {
  const report: Report = CASES[name]!();
  const view = viewOf(report, { catalogue: findingCatalogue(RULES) });
  const exported = claimRows(view);
  const page = buildRows(indexReport(report));
  const claimsOnPage = page.filter((r) => !r.declared);

  it('the exports read the same index the page builds', () => {
    const idx = indexReport(report);
    expect([...view.sentenceById.keys()]).toEqual([...idx.sentenceById.keys()]);
    expect([...view.linksByClaim.keys()]).toEqual([...idx.linksByClaim.keys()]);
    expect([...view.findingIds.values()]).toEqual(report.findings.map((_, i) => `F${i + 1}`));
  });

  it('lists the same claims, in the same order, with the same words', () => {
    expect(exported.length).toBe(report.claims.length);
    expect(claimsOnPage.map((r) => r.id)).toEqual(exported.map((r) => r.sentenceId));
    claimsOnPage.forEach((r, i) => {
      const e = exported[i]!;
      expect([r.document, r.text, r.label, r.type, r.score]).toEqual([e.document, e.text, e.label, e.claimType, e.score]);
    });
  });

  it('the page shows the worst of the verdicts the exports list, and counts the unsuppressed findings they name', () => {
    claimsOnPage.forEach((r, i) => {
      const e = exported[i]!;
      const verdicts = e.verdict ? e.verdict.split('; ').map((v) => v.split(' ')[0]!) : [];
      expect(r.verdicts).toEqual(verdicts);
      expect(r.verdict).toBe(worst(verdicts, VERDICTS));
      const active = e.findingIds ? e.findingIds.split('; ').filter((f) => !f.endsWith('(suppressed)')) : [];
      expect(r.findingCount).toBe(active.length);
    });
  });

  it('the CSV export has one register row per entry that is a claim', () => {
    const csv = renderReport(report, 'csv', { catalogue: findingCatalogue(RULES), includeCreatedAt: false });
    for (const e of registerEntries(indexReport(report)).filter((x) => x.claim)) expect(csv).toContain(e.id);
  });
});

describe('declared claims', () => {
  const docId = 'c'.repeat(64);
  const report = {
    documents: [{ id: docId, name: 'card.md', role: 'model-card' }],
    sentences: [],
    claims: [],
    evidence: [{ id: 'ev1', source: 'results.json', format: 'lm-eval', tier: 'harness', benchmark: 'MMLU', metric: 'accuracy', value: 64.1, rawValue: 0.641, methodology: {} }],
    links: [{ claimId: `${docId}:model-index:2`, evidenceIds: ['ev1'], verdict: 'contradicted', expected: 68.4, observed: 64.1, note: '' }],
    alignments: [],
    findings: [],
    inputs: [],
  } as unknown as Report;
  const idx = indexReport(report);

  it('a card model-index claim is a page row after the card sentences, not an export row', () => {
    const [row] = buildRows(idx);
    expect(row).toMatchObject({ id: `${docId}:model-index:2`, document: 'card.md', location: 'front matter · model-index[2]', text: 'Declared in the model-index: MMLU accuracy 68.4', verdict: 'contradicted', declared: true });
    expect(claimRows(viewOf({ ...report, summary: {} } as unknown as Report))).toEqual([]);
  });

  it('the evidence panel reads the same entry', () => {
    const e = registerEntry(idx, `${docId}:model-index:2`);
    expect(e?.declared?.location).toBe('front matter · model-index[2]');
    expect(e?.links).toHaveLength(1);
    expect(registerEntry(idx, 'nothing')).toBeUndefined();
  });

  it('where the card states the number comes from the link\'s origin, not from its claim id', () => {
    const links = [{ claimId: 'record-7', origin: { kind: 'model-index', docId, index: 3 }, evidenceIds: ['ev1'], verdict: 'supported', expected: 64.1, note: '' }];
    const [row] = buildRows(indexReport({ ...report, links } as unknown as Report));
    expect(row).toMatchObject({ id: 'record-7', document: 'card.md', location: 'front matter · model-index[3]', text: 'Declared in the model-index: MMLU accuracy 64.1', verdict: 'supported', declared: true });
    const code = [{ ...links[0], origin: { kind: 'code-block', docId, index: 0 } }];
    expect(buildRows(indexReport({ ...report, links: code } as unknown as Report))[0]?.location).toBe('front matter · code[0]');
  });
});
