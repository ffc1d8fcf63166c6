import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/model/types.ts';
import { REPORT_EXTENSIONS, REPORT_FORMATS, formatFromAccept, formatFromPath, isReportFormat, mediaTypeFor, renderReport, type ReportFormat } from '../../src/report/render.ts';
import { csvField } from '../../src/report/csv.ts';
import { escapeHtml } from '../../src/report/html.ts';
import { escapeMarkdown } from '../../src/report/markdown.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { CASES, RULES } from './cases.ts';
import { HAVE_SARIF_SCHEMA, sarifValidator } from './sarif-schema.ts';
import fc from 'fast-check';

const catalogue = findingCatalogue(RULES);
const opts = { catalogue, includeCreatedAt: false };
const GOLDEN_DIR = new URL('../fixtures/report/', import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN_FORMATS: ReportFormat[] = ['sarif', 'md', 'html', 'csv', 'table'];

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe.each(Object.keys(CASES))('case %s', (name) => {
  const report: Report = CASES[name]!();

  it.each(GOLDEN_FORMATS)('matches the golden %s rendering', (format) => {
    // The rule-set hash changes with any rule edit; the goldens pin the rendering, not the rules' bytes.
    const out = renderReport(report, format, opts).split(report.rulesetSha256).join('<ruleset-sha256>');
    const file = new URL(`${name}/report${REPORT_EXTENSIONS[format]}`, GOLDEN_DIR);
    if (UPDATE || !existsSync(file)) {
      mkdirSync(new URL(`${name}/`, GOLDEN_DIR), { recursive: true });
      writeFileSync(file, out);
      if (!UPDATE) throw new Error(`golden ${fileURLToPath(file)} was missing and has been written; run again`);
    }
    expect(out).toBe(readFileSync(file, 'utf8'));
    expect(out).not.toContain(report.createdAt);
  });

  it('shows no remedy as a raw template: findings say what to do with their own figures, rules name their slots', () => {
    for (const format of REPORT_FORMATS) {
      const out = renderReport(report, format, opts);
      expect(out, format).not.toMatch(/\\?\{(?:first|numbers|benchmarks|suggestion|clause|from|to|document|claimed|observed|benchmark|metric|evidence|text|section|note|claimType|cardDocument|cardText|target|phrase|place|code|line|missing)\\?\}/);
    }
  });

  it('states every input SHA-256, the rule-set SHA-256, the tool version and the profile in every rendering', () => {
    for (const format of REPORT_FORMATS) {
      const out = renderReport(report, format, opts);
      for (const i of report.inputs) expect(out, `${format} ${i.name}`).toContain(i.sha256);
      expect(out, format).toContain(report.rulesetSha256);
      expect(out, format).toContain(report.tool.version);
      expect(out, format).toContain(report.profile);
    }
  });

  it.skipIf(!HAVE_SARIF_SCHEMA)('renders SARIF valid against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(renderReport(report, 'sarif', opts));
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    const run = log.runs[0];
    expect(run.properties.rulesetSha256).toBe(report.rulesetSha256);
    expect(run.properties.profile).toBe(report.profile);
    expect(run.automationDetails.id).toBe(`warrant/${report.profile}/`);
    expect(run.artifacts.map((a: { hashes: Record<string, string> }) => a.hashes['sha-256'])).toEqual(report.inputs.map((i) => i.sha256));
    expect(run.results).toHaveLength(report.findings.length);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(run.tool.driver.rules[r.ruleIndex].help.text.length).toBeGreaterThan(10);
    }
  });

  it('escapes all document text in HTML and makes no external requests', () => {
    const html = renderReport(report, 'html', opts);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href|action)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`default-src 'none'`);
    for (const s of report.sentences) if (/[<>&"]/.test(s.text) && report.claims.find((c) => c.sentenceId === s.id)?.label === 'representation') expect(html).toContain(escapeHtml(s.text));
  });

  it('writes one CSV row per claim (plus inputs without claims), RFC 4180, formula cells neutralised', () => {
    const csv = renderReport(report, 'csv', opts);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    const header = rows[0]!;
    expect(header.slice(0, 12)).toEqual(['document', 'document_sha256', 'location', 'sentence_id', 'text', 'label', 'claim_type', 'score', 'quantity', 'evidence_verdict', 'contract_clause', 'finding_ids']);
    for (const r of rows) expect(r).toHaveLength(header.length);
    const claimRows = rows.slice(1).filter((r) => r[3] !== '');
    expect(claimRows.map((r) => r[3])).toEqual(report.claims.map((c) => c.sentenceId));
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const inputsWithout = report.inputs.filter((i) => !report.claims.some((c) => c.docId === i.sha256));
    expect(rows.slice(1).filter((r) => r[3] === '').map((r) => r[1])).toEqual(inputsWithout.map((i) => i.sha256));
  });

  it('renders the terminal table without ANSI unless asked, and never passes control characters through', () => {
    const plain = renderReport(report, 'table', opts);
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const coloured = renderReport(report, 'table', { ...opts, color: true });
    if (report.findings.length) expect(coloured).toContain('\x1b[');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
  });
});

describe('card case details', () => {
  const report = CASES.card!();
  it('keeps the suppressed finding, marked, in every rendering', () => {
    const sup = report.findings.filter((f) => f.suppressed);
    expect(sup.map((f) => [f.ruleId, f.suppressed!.reason, f.suppressed!.source])).toEqual([['vague-superlative', 'approved by marketing review 2026-02', 'inline cards/kestrel card.md:5']]);
    const sarif = JSON.parse(renderReport(report, 'sarif', opts));
    const res = sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    expect(res).toHaveLength(1);
    expect(res[0].suppressions[0]).toMatchObject({ kind: 'inSource', status: 'accepted', justification: 'approved by marketing review 2026-02' });
    for (const f of ['md', 'html', 'table'] as const) expect(renderReport(report, f, opts)).toContain('approved by marketing review 2026-02');
  });

  it('gives text regions line and column', () => {
    const sarif = JSON.parse(renderReport(report, 'sarif', opts));
    const r = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'performance-contradicted');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('cards/kestrel%20card.md');
    expect(r.locations[0].physicalLocation.region).toMatchObject({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 30 });
    expect(r.message.text).toContain('68.4');
  });

  it('renders even when no catalogue is given (shipped rules or derived rule descriptions)', () => {
    const log = JSON.parse(renderReport(report, 'sarif', { includeCreatedAt: false }));
    if (HAVE_SARIF_SCHEMA) expect(sarifValidator()(log)).toBe(true);
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(0);
  });
});

describe('pdf and docx regions', () => {
  it('puts the page in region properties and a logical location for PDF', () => {
    const report = CASES.pdf!();
    const sarif = JSON.parse(renderReport(report, 'sarif', opts));
    const img = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'image-only-content');
    expect(img.locations[0].physicalLocation.properties.page).toBe(3);
    expect(img.locations[0].logicalLocations[0]).toMatchObject({ name: 'page 3', kind: 'page' });
    expect(img.locations[0].physicalLocation.region).toBeUndefined();
    expect(renderReport(report, 'md', opts)).toContain('gemini like card.pdf p. 3');
  });

  it('puts the paragraph and clause for DOCX', () => {
    const report = CASES.contract!();
    const sarif = JSON.parse(renderReport(report, 'sarif', opts));
    const num = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'contract-number-changed');
    expect(num.locations[0].physicalLocation.properties.paragraph).toBe(5);
    expect(num.locations[0].logicalLocations.map((l: { kind: string }) => l.kind)).toEqual(['paragraph', 'clause']);
    expect(num.relatedLocations[0].physicalLocation.region.startLine).toBe(3);
    const scope = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'contract-scope-broadened');
    expect(scope.suppressions[0]).toMatchObject({ kind: 'external', justification: 'Buyer accepts worldwide scope per negotiation note 14' });
  });
});

describe('escaping', () => {
  it('csvField quotes per RFC 4180 and neutralises formulas', () => {
    const cases: Array<[string, string]> = [
      ['plain', 'plain'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['line\nbreak', '"line\nbreak"'],
      ['=1+1', "'=1+1"],
      ['+cmd', "'+cmd"],
      ['-2', "'-2"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['=HYPERLINK("x","y")', '"\'=HYPERLINK(""x"",""y"")"'],
    ];
    for (const [input, want] of cases) expect(csvField(input)).toBe(want);
  });

  it('escapeHtml leaves no markup, escapeMarkdown no unescaped pipe or tag', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
        const md = escapeMarkdown(s);
        expect(md).not.toMatch(/(^|[^\\])(\\\\)*[|<]/);
        expect(md).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formats', () => {
  it('knows every format, its media type and extension', () => {
    expect(REPORT_FORMATS).toEqual(['json', 'sarif', 'md', 'html', 'csv', 'table']);
    expect(mediaTypeFor('sarif')).toBe('application/sarif+json; charset=utf-8');
    expect(isReportFormat('pdf')).toBe(false);
    expect(formatFromPath('out/results.sarif')).toBe('sarif');
    expect(formatFromPath('out/results.sarif.json')).toBe('sarif');
    expect(formatFromPath('register.CSV')).toBe('csv');
    expect(formatFromPath('report')).toBeUndefined();
  });

  it('picks a format from an Accept header by q then order', () => {
    const cases: Array<[string | undefined, ReportFormat | undefined]> = [
      [undefined, undefined],
      ['*/*', undefined],
      ['text/csv', 'csv'],
      ['application/sarif+json', 'sarif'],
      ['text/html,application/xhtml+xml,*/*;q=0.8', 'html'],
      ['application/json;q=0.5, text/markdown', 'md'],
      ['text/csv;q=0, application/json', 'json'],
    ];
    for (const [accept, want] of cases) expect(formatFromAccept(accept), String(accept)).toBe(want);
  });

  it('renders JSON as the report itself', () => {
    const report = CASES.card!();
    expect(JSON.parse(renderReport(report, 'json'))).toEqual(report);
  });
});
