/**
 * Issue 16: an input the analysis could not read is in the report (`report.skipped`) and in every
 * rendering: JSON, Markdown, HTML, the terminal table, SARIF (a tool execution notification, valid
 * against the 2.1.0 schema) and CSV. The core skips only when asked and only on unreadable-input codes.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { renderReport } from '../../src/report/render.ts';
import { CSV_COLUMNS } from '../../src/report/csv.ts';
import { uriOf } from '../../src/report/sarif.ts';
import type { InputFile, Report } from '../../src/model/types.ts';
import { HAVE_SARIF_SCHEMA, sarifValidator } from './sarif-schema.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const enc = (s: string) => new TextEncoder().encode(s);

const CARD: InputFile = {
  name: 'wren-3b.md',
  role: 'model-card',
  bytes: enc('# Wren-3B\n\nWren-3B scores 61.2 on MMLU (5-shot).\n\nThe model is intended for English customer-support drafting.\n'),
};
/** A hostile name: markup and a formula, to check every rendering escapes it. */
const BAD_PDF: InputFile = { name: '=cmd|<b>schedule</b>.pdf', role: 'contract', bytes: enc('%PDF-1.4\nnot a PDF at all\n') };
const BAD_EVIDENCE: InputFile = { name: 'results.json', role: 'evidence', bytes: enc('{"results": {"mmlu": ') };

const opts = { createdAt: '2026-03-01T12:00:00.000Z', rules };

describe('the core: skipping unreadable inputs', () => {
  it('throws on an unreadable input unless asked to skip (the CLI default)', async () => {
    await expect(analyze([CARD, BAD_EVIDENCE], opts)).rejects.toMatchObject({ code: 'EVIDENCE_MALFORMED', file: 'results.json' });
  });

  it('skips it when asked, keeping the input order, the role given and the code', async () => {
    const report = await analyze([BAD_PDF, CARD, BAD_EVIDENCE], { ...opts, skipUnreadable: true });
    expect(report.inputs.map((i) => i.name)).toEqual(['wren-3b.md']);
    expect(report.skipped?.map((s) => [s.name, s.role, s.code])).toEqual([
      [BAD_PDF.name, 'contract', 'PDF_CORRUPT'],
      ['results.json', 'evidence', 'EVIDENCE_MALFORMED'],
    ]);
    expect(report.summary.documents).toBe(1);
  });

  it('leaves `skipped` out of a report that skipped nothing', async () => {
    const report = await analyze([CARD], { ...opts, skipUnreadable: true });
    expect('skipped' in report).toBe(false);
  });

  it('with nothing readable: one input keeps its own error, several are NO_READABLE_INPUT naming each', async () => {
    await expect(analyze([BAD_EVIDENCE], { ...opts, skipUnreadable: true })).rejects.toMatchObject({ code: 'EVIDENCE_MALFORMED' });
    const err = (await analyze([BAD_PDF, BAD_EVIDENCE], { ...opts, skipUnreadable: true }).catch((e: unknown) => e)) as WarrantError;
    expect(err).toBeInstanceOf(WarrantError);
    expect(err.code).toBe('NO_READABLE_INPUT');
    expect(err.message).toContain(`${BAD_PDF.name} [PDF_CORRUPT]`);
    expect(err.message).toContain('results.json [EVIDENCE_MALFORMED]');
    expect(err.details?.files).toHaveLength(2);
  });
});

describe('every rendering names the skipped input', () => {
  let report: Report;
  const get = async () => (report ??= await analyze([CARD, BAD_PDF], { ...opts, skipUnreadable: true }));

  it('JSON: report.skipped', async () => {
    const json = JSON.parse(renderReport(await get(), 'json')) as Report;
    expect(json.skipped).toEqual([expect.objectContaining({ name: BAD_PDF.name, role: 'contract', code: 'PDF_CORRUPT' })]);
  });

  it('Markdown: a warning and a Skipped inputs table, the name escaped', async () => {
    const md = renderReport(await get(), 'md', { includeCreatedAt: false });
    expect(md).toContain('## Skipped inputs');
    expect(md).toContain('1 input could not be read and was skipped');
    expect(md).toContain('`PDF_CORRUPT`');
    expect(md).toContain('\\<b\\>schedule\\</b\\>.pdf');
    expect(md).not.toContain('<b>');
  });

  it('HTML: a notice before the inputs and a table, the name escaped', async () => {
    const html = renderReport(await get(), 'html', { includeCreatedAt: false });
    expect(html).toContain('id="skipped-notice"');
    expect(html.indexOf('skipped-notice"')).toBeLessThan(html.indexOf('<h2>Inputs</h2>'));
    expect(html).toContain('<h2>Skipped inputs</h2>');
    expect(html).toContain('&lt;b&gt;schedule&lt;/b&gt;.pdf');
    expect(html).not.toContain('<b>schedule');
  });

  it('table: a "skipped" header line with the code, and the summary line counts it', async () => {
    const table = renderReport(await get(), 'table');
    const lines = table.trimEnd().split('\n');
    expect(lines.find((l) => l.startsWith('skipped '))).toMatch(/^skipped =cmd\|<b>schedule<\/b>\.pdf \(contract\): .*\[PDF_CORRUPT\]$/);
    expect(lines.at(-2)).toContain('1 input could not be read and was skipped');
    expect(lines.at(-1)).toMatch(/^warrant: (PASS|FAIL)/);
  });

  it('CSV: a row labelled skipped, formula neutralised', async () => {
    const csv = renderReport(await get(), 'csv');
    const row = csv.split('\r\n').find((l) => l.includes('PDF_CORRUPT'))!;
    expect(row.startsWith("'=cmd|<b>schedule</b>.pdf,")).toBe(true);
    expect(row.split(',')[CSV_COLUMNS.indexOf('label')]).toBe('skipped');
  });

  it('SARIF: a warning tool execution notification per skipped input; valid SARIF 2.1.0', async () => {
    const log = JSON.parse(renderReport(await get(), 'sarif'));
    const run = log.runs[0];
    expect(run.invocations).toHaveLength(1);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    const [n] = run.invocations[0].toolExecutionNotifications;
    expect(n).toMatchObject({ level: 'warning', descriptor: { id: 'PDF_CORRUPT' }, properties: { name: BAD_PDF.name, role: 'contract', code: 'PDF_CORRUPT' } });
    expect(n.message.text).toContain(BAD_PDF.name);
    expect(n.locations[0].physicalLocation.artifactLocation.uri).toBe(uriOf(BAD_PDF.name));
    // Not a finding: results stay the findings, artifacts the inputs analysed.
    expect(run.results).toHaveLength((await get()).findings.length);
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(['wren-3b.md']);
    if (HAVE_SARIF_SCHEMA) {
      const validate = sarifValidator();
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('a report with nothing skipped renders no skipped section and no invocation', async () => {
    const clean = await analyze([CARD], opts);
    expect(renderReport(clean, 'md')).not.toContain('Skipped');
    expect(renderReport(clean, 'html')).not.toContain('skipped-notice');
    expect(JSON.parse(renderReport(clean, 'sarif')).runs[0].invocations).toBeUndefined();
  });
});
