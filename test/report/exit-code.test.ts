import { describe, expect, it } from 'vitest';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, exitCodeFor, failingFindings, isFailOn } from '../../src/report/exit-code.ts';
import type { ReportedFinding, Report, Severity } from '../../src/model/types.ts';
import { cardCase } from './cases.ts';

function withFindings(specs: Array<[Severity, boolean]>): Report {
  const base = cardCase();
  const findings: ReportedFinding[] = specs.map(([severity, suppressed], i) => ({
    ruleId: 'vague-superlative',
    severity,
    args: { subject: { kind: 'sentence', text: `s${i}`, document: 'card.md', claimType: 'capability', label: 'representation', section: [] } },
    message: `m${i}`,
    location: { docId: base.documents[0]!.id },
    related: [],
    ...(suppressed ? { suppressed: { reason: 'r', source: 'config .warrant.yaml:1' } } : {}),
  }));
  return { ...base, findings };
}

describe('exitCodeFor', () => {
  const cases: Array<[string, Array<[Severity, boolean]>, 'error' | 'warning' | 'never', number]> = [
    ['no findings', [], 'error', EXIT_OK],
    ['an error fails --fail-on error', [['error', false]], 'error', EXIT_FINDINGS],
    ['a warning passes --fail-on error', [['warning', false]], 'error', EXIT_OK],
    ['a warning fails --fail-on warning', [['warning', false]], 'warning', EXIT_FINDINGS],
    ['a note passes --fail-on warning', [['note', false]], 'warning', EXIT_OK],
    ['a suppressed error passes', [['error', true]], 'error', EXIT_OK],
    ['never never fails', [['error', false]], 'never', EXIT_OK],
  ];
  for (const [name, specs, failOn, want] of cases) it(name, () => expect(exitCodeFor(withFindings(specs), failOn)).toBe(want));

  it('takes several reports (batch)', () => {
    expect(exitCodeFor([withFindings([]), withFindings([['warning', false]])], 'warning')).toBe(EXIT_FINDINGS);
    expect(failingFindings([withFindings([['error', false]]), withFindings([['error', false], ['note', false]])], 'error')).toHaveLength(2);
  });

  it('documents the codes', () => {
    expect([EXIT_OK, EXIT_FINDINGS, EXIT_USAGE]).toEqual([0, 1, 2]);
    expect(isFailOn('warning')).toBe(true);
    expect(isFailOn('fatal')).toBe(false);
  });
});
