/**
 * End to end through the real pipeline: analyze() on our samples (and a corpus PDF where present),
 * then every rendering. Assertions are about assess and report; what earlier stages find may change.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, judgeInput } from '../../src/analyze.ts';
import { assessFindings } from '../../src/assess/index.ts';
import { REPORT_FORMATS, renderReport } from '../../src/report/render.ts';
import { exitCodeFor } from '../../src/report/exit-code.ts';
import { FINDING_IDS } from '../../src/rules/kinds/findings.ts';
import type { InputFile, Report, Role } from '../../src/model/types.ts';
import { HAVE_SARIF_SCHEMA, sarifValidator } from './sarif-schema.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const SAMPLES = new URL('../../samples/', import.meta.url);
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const rules = compiledShippedRules();

function file(base: URL, name: string, role?: Role): InputFile {
  return { name, bytes: new Uint8Array(readFileSync(new URL(name, base))), ...(role ? { role } : {}) };
}

function posKey(r: Report, f: Report['findings'][number]): [number, number] {
  const doc = r.documents.findIndex((d) => d.id === f.location.docId);
  const s = f.location.span;
  const pos = !s ? -1 : s.kind === 'text' ? s.offset : s.kind === 'pdf' ? s.page * 1e6 + s.bbox[1] : s.paragraph;
  return [doc, pos];
}

function checkReport(report: Report): void {
  for (const f of report.findings) expect(FINDING_IDS).toContain(f.ruleId);
  for (let i = 1; i < report.findings.length; i++) {
    const [d0, p0] = posKey(report, report.findings[i - 1]!);
    const [d1, p1] = posKey(report, report.findings[i]!);
    expect(d0 < d1 || (d0 === d1 && p0 <= p1), `finding ${i} out of order`).toBe(true);
  }
  for (const format of REPORT_FORMATS) {
    const out = renderReport(report, format, { includeCreatedAt: false });
    for (const i of report.inputs) expect(out, `${format} ${i.name}`).toContain(i.sha256);
    expect(out).toContain(report.rulesetSha256);
    expect(out).toContain(report.profile);
  }
  if (HAVE_SARIF_SCHEMA) {
    const validate = sarifValidator();
    const log = JSON.parse(renderReport(report, 'sarif'));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.runs[0].results).toHaveLength(report.findings.length);
  }
}

describe('analyze() → assess → renderings', () => {
  it('a card with evidence and a contract schedule quoting it', async () => {
    const report = await analyze(
      [
        file(SAMPLES, 'cards/kestrel-7b.md', 'model-card'),
        file(SAMPLES, 'evidence/kestrel-7b_lm-eval.json', 'evidence'),
        file(SAMPLES, 'evidence/kestrel-7b_leaderboard.csv', 'evidence'),
        file(SAMPLES, 'contracts/northwind-acme-schedule-b.md', 'contract'),
      ],
      { rules, profile: 'procurement', createdAt: '2026-03-01T00:00:00.000Z' },
    );
    checkReport(report);
    const ids = new Set(report.findings.map((f) => f.ruleId));
    expect([...ids].some((id) => id.startsWith('contract-')), [...ids].join()).toBe(true);
    expect(report.findings.some((f) => ['performance-contradicted', 'performance-understated', 'number-without-methodology'].includes(f.ruleId))).toBe(true);
    // Drift findings point at the contract and relate back to a card sentence.
    const card = report.documents.find((d) => d.role === 'model-card')!;
    for (const f of report.findings.filter((x) => x.ruleId.startsWith('contract-'))) expect(f.related[0]?.docId).toBe(card.id);
    expect(exitCodeFor(report, 'never')).toBe(0);
    expect(exitCodeFor(report, 'error')).toBe(report.findings.some((f) => f.severity === 'error' && !f.suppressed) ? 1 : 0);
    // Issue 16: contract drift is an error under the vendor's profile too (a clause changed a card sentence);
    // the numbers without evidence are notes with one summary warning for the card.
    const vendor = await analyze([file(SAMPLES, 'contracts/northwind-acme-schedule-b.md', 'contract'), file(SAMPLES, 'cards/kestrel-7b.md', 'model-card')], { rules, profile: 'vendor-release' });
    const drift = vendor.findings.filter((f) => f.ruleId.startsWith('contract-'));
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((f) => f.severity === 'error')).toBe(true);
    expect(vendor.findings.filter((f) => f.ruleId === 'representation-without-evidence').every((f) => f.severity === 'note')).toBe(true);
    const summary = vendor.findings.filter((f) => f.ruleId === 'evidence-missing-summary');
    expect(summary.map((f) => f.location.docId)).toEqual([card.id]);
    expect(summary[0]!.message).toBe('cards/kestrel-7b.md: 8 numeric representation(s) have no evidence (MMLU, GSM8K, ARC-Challenge, HellaSwag, HumanEval); add eval files to check them');
  });

  it('a number checked only against the card\'s own model-index is self-consistent, apart from supported, in every rendering (issue 16)', async () => {
    const report = await analyze([file(SAMPLES, 'cards/kestrel-7b.md', 'model-card')], { rules, profile: 'vendor-release', createdAt: '2026-03-01T00:00:00.000Z' });
    expect(report.summary.byVerdict['self-consistent']).toBeGreaterThan(0);
    expect(report.summary.byVerdict.supported).toBeUndefined();
    for (const format of ['json', 'sarif', 'md', 'html', 'csv', 'table'] as const) {
      const out = renderReport(report, format, { includeCreatedAt: false });
      expect(out, format).toContain('self-consistent');
      expect(out, format).not.toMatch(/\bsupported\b/);
    }
    // With the harness output the same numbers are supported by independent evidence.
    const withEvidence = await analyze([file(SAMPLES, 'cards/kestrel-7b.md', 'model-card'), file(SAMPLES, 'evidence/kestrel-7b_lm-eval.json', 'evidence')], { rules });
    expect(withEvidence.summary.byVerdict.supported).toBeGreaterThan(0);
  });

  it('inline suppressions in a real Markdown card', async () => {
    const input = file(new URL('../fixtures/assess/', import.meta.url), 'suppressed-card.md', 'model-card');
    const judged = await judgeInput(input, rules);
    const findings = assessFindings({ documents: [judged], evidence: [], links: [], alignments: [] }, rules, 'procurement', {
      sources: { [judged.doc.id]: new TextDecoder().decode(input.bytes) },
    });
    const at = (line: number) => findings.filter((f) => f.location.span?.kind === 'text' && f.location.span.line === line);
    expect(at(12).length).toBeGreaterThan(0);
    for (const f of at(12)) expect(f.suppressed).toEqual({ reason: 'comparison published in the launch blog, reviewed 2026-03-02', source: 'inline suppressed-card.md:11' });
    expect(at(14).every((f) => !f.suppressed)).toBe(true);
    expect(at(16).map((f) => f.ruleId)).toEqual(['invalid-suppression']);
  });

  const PDF = `${CORPUS}pdfs/google-gemini-3-pro_model-card.pdf`;
  it.skipIf(!existsSync(PDF))('a real PDF card with image-only benchmark tables', async () => {
    const report = await analyze([{ name: 'google-gemini-3-pro_model-card.pdf', bytes: new Uint8Array(readFileSync(PDF)), role: 'model-card' }], { rules, profile: 'vendor-release' });
    checkReport(report);
    const images = report.findings.filter((f) => f.ruleId === 'image-only-content');
    expect(images.length).toBeGreaterThan(0);
    for (const f of images) expect(f.location.span?.kind).toBe('pdf');
    const log = JSON.parse(renderReport(report, 'sarif'));
    const r = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'image-only-content');
    expect(r.locations[0].physicalLocation.properties.page).toBeGreaterThan(0);
    expect(r.locations[0].logicalLocations[0].kind).toBe('page');
  });
});
