/**
 * The terminal table for a release manager (issue 16): `only` narrows it, findings come first when the
 * sentence list is long, and the last line says PASS or FAIL under --fail-on with what fails it.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.ts';
import { renderTable } from '../../src/report/table.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { cardCase, contractCase, RULES } from './cases.ts';

const catalogue = findingCatalogue(RULES);
const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('terminal table', () => {
  it('--only findings prints no sentence, --only representations no finding and no narrative', () => {
    const r = contractCase();
    const findings = renderTable(r, { catalogue, only: 'findings' });
    expect(findings).toContain('SEVERITY');
    expect(findings).not.toContain('sentence(s)\n');
    expect(findings).not.toMatch(/REP 0\.\d\d/);
    const reps = renderTable(r, { catalogue, only: 'representations' });
    expect(reps).not.toContain('SEVERITY');
    expect(reps).toContain('schedule-b.docx (contract): 3 representation(s)');
    expect(reps).toContain('kestrel.md (model-card): 1 representation(s)');
    expect(reps).not.toContain('The model may answer general questions in English.');
  });

  it('--only changes prints the clauses that changed their card source and the findings about them', () => {
    const out = renderTable(contractCase(), { catalogue, only: 'changes' });
    expect(out).toContain('schedule-b.docx (contract): 3 changed clause(s)');
    expect(out).not.toContain('kestrel.md (model-card): ');
    expect(out).toContain('contract-number-changed');
    expect(out).toContain('whole-document-incorporation');
    expect(out).not.toContain('representation-without-evidence');
    expect(out).not.toContain('evidence-missing-summary');
  });

  it('ends with one PASS/FAIL line naming what fails the run under --fail-on', () => {
    const r = contractCase();
    const last = (failOn?: 'error' | 'warning' | 'never'): string => lines(renderTable(r, { catalogue, ...(failOn ? { failOn } : {}) })).at(-1)!;
    expect(last()).toMatch(/^warrant: FAIL \(--fail-on error\): 3 finding\(s\) at or above error \(contract-hedge-removed 1, contract-number-changed 1, contract-qualifier-dropped 1\); evidence: no evidence links$/);
    expect(last('warning')).toMatch(/^warrant: FAIL \(--fail-on warning\): 5 finding\(s\)/);
    expect(last('never')).toBe('warrant: PASS (--fail-on never): 3 error(s), 2 warning(s); evidence: no evidence links');
    // The card case has one link per verdict kind it holds; the line lists them.
    expect(lines(renderTable(cardCase(), { catalogue })).at(-1)).toMatch(/evidence: .*\d+ contradicted/);
  });

  it('prints the findings before the sentences when the sentence list is long', () => {
    const short = renderTable(contractCase(), { catalogue });
    expect(short.indexOf('SEVERITY')).toBeGreaterThan(short.indexOf('(contract): 3 sentence(s)'));
    const long: Report = structuredClone(contractCase());
    const base = long.sentences[0]!;
    for (let i = 0; i < 120; i++) long.sentences.push({ ...base, id: `${base.id}-x${i}`, text: `Filler sentence ${i}.` });
    const out = renderTable(long, { catalogue });
    expect(out.indexOf('SEVERITY')).toBeGreaterThan(0);
    expect(out.indexOf('SEVERITY')).toBeLessThan(out.indexOf('Filler sentence 0.'));
    expect(lines(out).at(-1)).toMatch(/^warrant: FAIL/);
  });
});
