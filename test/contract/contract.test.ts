import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgeInput } from '../../src/analyze.ts';
import {
  assessLegalForce,
  attachmentLabel,
  clauseRefsOf,
  detectIncorporation,
  findCrossReferences,
  findDefinitions,
  parseMarker,
  readDefinition,
  readLegalForce,
} from '../../src/contract/index.ts';
import type { LegalForce } from '../../src/model/types.ts';
import { judged } from '../align/helpers.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const legal = rules.legal;

describe('clause markers and attachments', () => {
  it.each([
    ['2.1', { kind: 'number', label: '2.1' }],
    ['3.', { kind: 'number', label: '3' }],
    ['(a)', { kind: 'alpha', label: 'a' }],
    ['b)', { kind: 'alpha', label: 'b' }],
    ['(iv)', { kind: 'roman', label: 'iv' }],
    ['(i)', { kind: 'roman', label: 'i' }],
    ['-', { kind: 'bullet', label: '-' }],
  ])('%s', (marker, expected) => expect(parseMarker(marker)).toEqual(expected));
  it('reads (i) after (h) as a letter', () => expect(parseMarker('(i)', 'h')).toEqual({ kind: 'alpha', label: 'i' }));
  it.each([
    ['Schedule B: Model Specification', 'Schedule B'],
    ['EXHIBIT A - SERVICE DESCRIPTION', 'Exhibit A'],
    ['Annex 2 — Acceptable Use', 'Annex 2'],
    ['Scheduled maintenance', undefined],
  ])('attachment of "%s"', (heading, label) => expect(attachmentLabel(heading, legal)).toBe(label));
});

describe('clause references', () => {
  it('builds "Schedule B §2.1(a)(ii)" from headings and markers', () => {
    const doc = judged('c.md', 'contract', `# Schedule B - Performance\n2.1 The Model performs.\n(a) It answers.\n(ii) Quickly.\n# Annex 3\n4. Fees apply.`);
    const refs = [...clauseRefsOf(doc.doc, legal).values()];
    expect(refs).toEqual(['Schedule B', 'Schedule B §2.1', 'Schedule B §2.1(a)', 'Schedule B §2.1(a)(ii)', 'Annex 3', 'Annex 3 §4']);
  });
  it('fills missing clause references on contract sentences', () => {
    const doc = judged('c.md', 'contract', `# Exhibit C\n1.2 Provider shall deliver the Model.`);
    assessLegalForce(doc, rules);
    expect(doc.sentences[0]!.context.clauseRef).toBe('Exhibit C §1.2');
  });
});

describe('definitions and cross-references', () => {
  it('reads quoted and unquoted definitions', () => {
    expect(readDefinition('"Model" means the Kestrel-7B-Instruct language model.', legal)?.terms).toEqual(['Model']);
    expect(readDefinition('“Licensee” or “you” means you, or your employer.', legal)?.terms).toEqual(['Licensee', 'you']);
    expect(readDefinition('Documentation shall mean the Model Card.', legal)?.terms).toEqual(['Documentation']);
    expect(readDefinition('Provider shall have no liability.', legal)).toBeUndefined();
  });
  it('collects inline definitions', () => {
    const doc = judged('c.md', 'contract', 'This Agreement is between Northwind Labs Ltd ("Provider") and Acme plc ("Customer").');
    expect(findDefinitions(doc.sentences, legal).map((d) => d.term)).toEqual(['Provider', 'Customer']);
  });
  it('finds cross-references', () => {
    expect(findCrossReferences('Subject to Section 2.1(a) and Schedule B, and clause 7.', legal).map((r) => r.target)).toEqual(['§2.1(a)', 'Schedule B', '§7']);
  });
});

describe('legal force', () => {
  const cases: Array<[string, LegalForce, string | undefined]> = [
    ['Provider warrants that the Model achieves 70% on MMLU.', 'warranty', 'Provider'],
    ['The Vendor represents and warrants that the model was trained on licensed data.', 'warranty', 'Vendor'],
    ['Provider shall delete audio within 24 hours.', 'covenant', 'Provider'],
    ['Customer will not reverse engineer the Model.', 'covenant', 'Customer'],
    ['The Model shall perform materially in accordance with the Documentation.', 'covenant', 'Supplier'],
    ['The Service is provided "as is", without warranty of any kind.', 'disclaimer', undefined],
    ['In no event will Provider be liable for lost profits.', 'disclaimer', undefined],
    ['Provider makes no representation as to the accuracy of outputs.', 'disclaimer', undefined],
    ['"Model" means the Kestrel-7B-Instruct language model.', 'definition', undefined],
    ['The Model is intended for question answering.', 'other', undefined],
    ['Customer may access the Service during the Subscription Period.', 'other', undefined],
  ];
  it.each(cases)('%s', (text, force, obligor) => {
    const r = readLegalForce(text, legal, { vendorParty: 'Supplier' });
    expect(r.force).toBe(force);
    expect(r.obligor).toBe(obligor);
  });
});

describe('incorporation phrases', () => {
  it.each([
    ['The Model will perform as described in the Model Card dated 14 March 2026.', 'Model Card dated 14 March 2026', 'model-card'],
    ['Schedule B forms part of this Agreement.', 'Schedule B', 'attachment'],
    ['The Kestrel-7B-Instruct Model Card is incorporated herein by reference.', 'Kestrel-7B-Instruct Model Card', 'model-card'],
    ['The Service shall be provided in accordance with the Heron ASR v2 model card last updated 3 June 2026.', 'Heron ASR v2 model card last updated 3 June 2026', 'model-card'],
  ])('%s', (text, name, role) => {
    const inc = detectIncorporation(text, legal);
    expect(inc?.name).toBe(name);
    expect(inc?.role).toBe(role);
    expect(text.slice(inc!.start, inc!.end)).toBe(inc!.phrase);
  });
  it('ignores clauses that incorporate nothing', () => {
    expect(detectIncorporation('Customer shall pay the fees within 30 days.', legal)).toBeUndefined();
  });
  // Issue 16: internal cross-references and the agreement the schedule belongs to import no outside document.
  it.each([
    'The Provider shall notify the Customer in accordance with Clause 11.',
    'Fees are payable as set out in the Agreement.',
    'The Service Levels apply as described in Section III.',
    'Each party shall comply with Clause 4.2 and Schedule terms as set out in this Agreement.',
    'Credits are calculated in accordance with paragraph 3 of this Schedule.',
  ])('no incorporation: %s', (text) => {
    expect(detectIncorporation(text, legal)).toBeUndefined();
  });
  it.each([
    ['The Model performs as described in Section 3 of the Model Card dated 1 March 2026.', 'Section 3 of the Model Card dated 1 March 2026', 'model-card'],
    ['The Customer shall use the Model in accordance with the Acceptable Use Policy.', 'Acceptable Use Policy', undefined],
    ['Fees are set out in the Agreement, and the Model performs as described in the Documentation.', 'Documentation', 'model-card'],
  ])('incorporation of an outside document: %s', (text, name, role) => {
    const inc = detectIncorporation(text, legal);
    expect(inc?.name).toBe(name);
    expect(inc?.role).toBe(role);
  });
});

describe('contract pipeline (real ingest and segmentation)', () => {
  it('gives every sample schedule sentence a clause reference and a legal force', async () => {
    const path = fileURLToPath(new URL('../../samples/contracts/northwind-acme-schedule-b.md', import.meta.url));
    const j = await judgeInput({ name: 'schedule-b.md', bytes: readFileSync(path), role: 'contract' }, rules);
    expect(j.sentences.length).toBeGreaterThan(15);
    for (const s of j.sentences) expect(s.context.clauseRef, s.text).toMatch(/^Schedule B/);
    const force = (start: string) => j.claims.find((c) => j.sentences.find((s) => s.id === c.sentenceId)!.text.startsWith(start));
    expect(force('Provider warrants')?.legalForce).toBe('warranty');
    expect(force('Customer shall not use')).toMatchObject({ legalForce: 'covenant', obligor: 'Customer' });
    expect(force('In no event')?.legalForce).toBe('disclaimer');
    expect(force('"Model" means')?.legalForce).toBe('definition');
  });
});
