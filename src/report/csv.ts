/**
 * CSV claims register: one row per claim (RFC 4180: CRLF line ends, fields with comma, quote or
 * line break quoted, quotes doubled). Cells that a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) get a leading apostrophe (OWASP "CSV injection").
 * Each row also carries the document's SHA-256, the tool version, the profile and the rule-set SHA-256;
 * inputs with no claims (evidence files, unreadable documents) get one row each with the claim
 * columns empty, so every input's SHA-256 is in the register. An input the analysis skipped because
 * it could not be read (issue 16) gets a row too: label `skipped`, the error code and reason as its text.
 */
import type { Report } from '../model/types.ts';
import { claimRows, inputsOf, skippedOf, viewOf, type RenderOptions } from './view.ts';

/** Column headers, in order. */
export const CSV_COLUMNS = [
  'document',
  'document_sha256',
  'location',
  'sentence_id',
  'text',
  'label',
  'claim_type',
  'score',
  'quantity',
  'evidence_verdict',
  'contract_clause',
  'finding_ids',
  'tool_version',
  'profile',
  'ruleset_sha256',
] as const;

/** One CSV field: formula-neutralised, then quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Render the claims register as CSV. */
export function renderCsv(report: Report, opts: RenderOptions = {}): string {
  const view = viewOf(report, opts);
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of claimRows(view)) {
    const cells = [
      r.document,
      r.documentSha256,
      r.location,
      r.sentenceId,
      r.text,
      r.label,
      r.claimType,
      String(Math.round(r.score * 1000) / 1000),
      r.quantity,
      r.verdict,
      r.contractClause,
      r.findingIds,
      report.tool.version,
      report.profile,
      report.rulesetSha256,
    ];
    lines.push(cells.map(csvField).join(','));
  }
  const withClaims = new Set(report.claims.map((c) => c.docId));
  for (const i of inputsOf(view)) {
    if (withClaims.has(i.sha256)) continue;
    const cells = [i.name, i.sha256, i.name, '', '', '', '', '', '', '', '', '', report.tool.version, report.profile, report.rulesetSha256];
    lines.push(cells.map(csvField).join(','));
  }
  for (const k of skippedOf(report)) {
    const cells = [k.name, k.sha256, k.name, '', `not analysed: ${k.message} [${k.code}]`, 'skipped', '', '', '', '', '', '', report.tool.version, report.profile, report.rulesetSha256];
    lines.push(cells.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
