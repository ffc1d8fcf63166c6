/**
 * The page's pure modules in Node: the register rows, filters, search and sort (role guessing is the
 * server's: test/ingest/input-role.test.ts, test/api/roles-routes.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Report, Sentence } from '../../src/model/types.ts';
import { buildRows, indexReport, locationText, queryRows, quantityText } from '../../web/view-model.js';

const span = (line: number) => ({ kind: 'text', line, column: 1, endLine: line, endColumn: 10, offset: 0, endOffset: 9 });
const report = {
  documents: [
    { id: 'c', name: 'card.md', role: 'model-card' },
    { id: 'k', name: 'schedule.pdf', role: 'contract' },
  ],
  sentences: [
    { id: 'c:s0', docId: 'c', index: 0, text: 'The model scores 68.4 on MMLU.', sectionPath: ['Evaluation'], span: span(3), context: {} },
    { id: 'c:s1', docId: 'c', index: 1, text: 'We hope it helps.', sectionPath: ['Intro'], span: span(1), context: {} },
    { id: 'k:s0', docId: 'k', index: 0, text: 'Provider warrants accuracy.', sectionPath: [], span: { kind: 'pdf', page: 4, bbox: [0, 0, 1, 1], rects: [] }, context: { clauseRef: 'Schedule B §2.1' } },
  ],
  claims: [
    { id: 'c:s0', sentenceId: 'c:s0', docId: 'c', type: 'performance', label: 'representation', score: 0.9, cues: [], quantities: [{ benchmark: 'MMLU', metric: 'accuracy', value: 68.4, raw: '68.4', precision: 1, scale: 'percent', shots: 5 }] },
    { id: 'c:s1', sentenceId: 'c:s1', docId: 'c', type: 'none', label: 'narrative', score: 0.1, cues: [], quantities: [] },
    { id: 'k:s0', sentenceId: 'k:s0', docId: 'k', type: 'performance', label: 'representation', score: 0.8, cues: [], quantities: [], legalForce: 'warranty' },
  ],
  evidence: [],
  links: [
    { claimId: 'c:s0', evidenceIds: ['e'], verdict: 'supported', note: '' },
    { claimId: 'c:s0', evidenceIds: ['f'], verdict: 'contradicted', note: '' },
  ],
  alignments: [],
  findings: [
    { ruleId: 'r1', severity: 'warning', message: 'm', location: { docId: 'k', sentenceId: 'k:s0' }, related: [] },
    { ruleId: 'r2', severity: 'error', message: 'm', location: { docId: 'k', sentenceId: 'k:s0' }, related: [], suppressed: { reason: 'ok', source: 'x' } },
  ],
};

describe('register model', () => {
  const rows = buildRows(indexReport(report as unknown as Report));
  it('one row per claim with worst verdict, unsuppressed findings, location and quantity', () => {
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['c:s0', 'c:s1', 'k:s0']);
    expect(rows[0].verdict).toBe('contradicted');
    expect(rows[0].quantity).toBe('MMLU accuracy 68.4 (5-shot)');
    expect(rows[0].location).toBe('Evaluation · line 3');
    expect(rows[2].location).toBe('Schedule B §2.1 · p. 4');
    expect(rows[2].severity).toBe('warning');
    expect(rows[2].findingCount).toBe(1);
  });
  it('filters by label, type, verdict (incl. none) and severity (incl. none)', () => {
    const ids = (q: object) => queryRows(rows, q).map((r: { id: string }) => r.id);
    expect(ids({ label: 'narrative' })).toEqual(['c:s1']);
    expect(ids({ type: 'performance' })).toEqual(['c:s0', 'k:s0']);
    expect(ids({ verdict: 'supported' })).toEqual(['c:s0']);
    expect(ids({ verdict: 'none' })).toEqual(['c:s1', 'k:s0']);
    expect(ids({ severity: 'warning' })).toEqual(['k:s0']);
    expect(ids({ severity: 'none' })).toEqual(['c:s0', 'c:s1']);
    expect(ids({ search: 'mmlu 68.4' })).toEqual(['c:s0']);
    expect(ids({ search: 'schedule.pdf' })).toEqual(['k:s0']);
  });
  it('sorts by a column both ways, document order breaking ties', () => {
    expect(queryRows(rows, { sort: 'score', dir: 'desc' }).map((r: { id: string }) => r.id)).toEqual(['c:s0', 'k:s0', 'c:s1']);
    expect(queryRows(rows, { sort: 'label' }).map((r: { id: string }) => r.id)).toEqual(['c:s1', 'c:s0', 'k:s0']);
    expect(queryRows(rows, { sort: 'verdict' }).map((r: { id: string }) => r.id)[0]).toBe('c:s0');
  });
  it('words for locations and quantities', () => {
    expect(locationText({ span: { kind: 'docx', paragraph: 4 }, sectionPath: [] } as unknown as Sentence)).toBe('¶ 5');
    expect(quantityText({ benchmark: 'GSM8K', metric: 'exact-match', raw: '52.3%', value: 52.3, comparator: '>=' })).toBe('GSM8K exact-match >= 52.3%');
  });
});
