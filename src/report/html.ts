/**
 * Standalone HTML rendering: one file, inline CSS, no script, no external requests (a CSP meta
 * tag forbids them), print styles. Every piece of text from documents, rules or the report is escaped.
 */
import type { ReportedFinding as Finding, Report } from '../model/types.ts';
import { claimRows, countsText, inputsOf, locationText, skippedLine, skippedOf, skippedText, stripControls, viewOf, type RenderOptions, type ReportView } from './view.ts';

/** Escape text for HTML element content and attribute values (control characters replaced). */
export function escapeHtml(text: string): string {
  return stripControls(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root{--err:#b3261e;--warn:#8a5a00;--note:#1f5fa8;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.text{max-width:32rem}
code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem;letter-spacing:.03em}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-note{color:var(--note)}
.muted{color:var(--muted)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.meta dt{font-weight:600}dl.meta dd{margin:0}
tr.suppressed td{color:var(--muted)}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}}
`;

/** Styles of the skipped-inputs notice, added only to a report that has one (the other pages stay byte-identical). */
const SKIPPED_CSS = `.skipped-notice{border:1px solid var(--warn);border-left-width:4px;background:#fff8e6;padding:.5rem .75rem;margin:1rem 0}
.skipped-notice ul{margin:.25rem 0 0;padding-left:1.2rem}
`;

function sevCell(sev: string): string {
  return `<td class="sev sev-${escapeHtml(sev)}">${escapeHtml(sev)}</td>`;
}

function findingRows(view: ReportView, findings: Finding[], suppressed: boolean): string {
  return findings
    .map((f) => {
      const extra = suppressed ? `<td>${escapeHtml(f.suppressed!.reason)}</td><td>${escapeHtml(f.suppressed!.source)}</td>` : `<td>${escapeHtml(f.remedy ?? '')}</td>`;
      return `<tr${suppressed ? ' class="suppressed"' : ''} id="${escapeHtml(view.ids.get(f)!)}"><td>${escapeHtml(view.ids.get(f)!)}</td>${sevCell(f.severity)}<td><code>${escapeHtml(f.ruleId)}</code></td><td>${escapeHtml(locationText(view, f.location))}</td><td class="text">${escapeHtml(f.message)}</td>${extra}</tr>`;
    })
    .join('\n');
}

/** Render a report as a standalone HTML page. */
export function renderHtml(report: Report, opts: RenderOptions = {}): string {
  const view = viewOf(report, opts);
  const h = escapeHtml;
  const sm = report.summary;
  const parts: string[] = [];
  parts.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Warrant report: ${h(inputsOf(view).map((i) => i.name).join(', ') || 'no inputs')}</title>`,
    `<style>${CSS}${skippedOf(report).length ? SKIPPED_CSS : ''}</style>`,
    '</head>',
    '<body>',
    '<h1>Warrant report</h1>',
    '<dl class="meta">',
    `<dt>Tool</dt><dd>${h(report.tool.name)} ${h(report.tool.version)}</dd>`,
    `<dt>Profile</dt><dd>${h(report.profile)}</dd>`,
    `<dt>Rule set SHA-256</dt><dd class="hash">${h(report.rulesetSha256)}</dd>`,
    `<dt>Report schema</dt><dd>${h(report.schemaVersion)}</dd>`,
    ...((opts.includeCreatedAt ?? true) ? [`<dt>Created</dt><dd>${h(report.createdAt)}</dd>`] : []),
    '</dl>',
  );
  // A partial analysis says so before anything else (issue 16).
  const skipped = skippedOf(report);
  if (skipped.length) {
    parts.push(`<div class="skipped-notice" id="skipped-notice" role="note"><strong>${h(skippedText(skipped.length))}</strong>; this report covers the other inputs only.<ul>`);
    for (const k of skipped) parts.push(`<li>${h(skippedLine(k))}</li>`);
    parts.push('</ul></div>');
  }

  parts.push('<h2>Inputs</h2>', '<table><thead><tr><th>Name</th><th>Role</th><th>Media type</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>');
  for (const i of inputsOf(view)) {
    parts.push(`<tr><td>${h(i.name)}</td><td>${h(i.role)}</td><td>${h(i.mediaType)}</td><td>${i.size}</td><td class="hash">${h(i.sha256)}</td></tr>`);
  }
  parts.push('</tbody></table>');
  if (skipped.length) {
    parts.push('<h2>Skipped inputs</h2>', '<table><thead><tr><th>Name</th><th>Role</th><th>Code</th><th>Reason</th><th>Bytes</th><th>SHA-256</th></tr></thead><tbody>');
    for (const k of skipped) {
      parts.push(`<tr><td>${h(k.name)}</td><td>${h(k.role ?? 'unknown')}</td><td><code>${h(k.code)}</code></td><td class="text">${h(k.message)}</td><td>${k.size}</td><td class="hash">${h(k.sha256)}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }

  parts.push('<h2>Summary</h2>', '<ul>');
  parts.push(`<li>${sm.documents} document(s), ${sm.sentences} sentence(s): ${sm.representations} representation(s), ${sm.narrative} narrative</li>`);
  parts.push(`<li>Findings: ${h(countsText(view))}</li>`);
  if (skipped.length) parts.push(`<li>Skipped: ${h(skippedText(skipped.length))}</li>`);
  const verdicts = Object.entries(sm.byVerdict);
  if (verdicts.length) parts.push(`<li>Evidence verdicts: ${h(verdicts.map(([k, v]) => `${k} ${v}`).join(', '))}</li>`);
  parts.push('</ul>');

  parts.push('<h2>Findings</h2>');
  if (view.active.length === 0) parts.push('<p class="muted">No findings.</p>');
  else {
    parts.push('<table><thead><tr><th>ID</th><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th><th>What to do</th></tr></thead><tbody>');
    parts.push(findingRows(view, view.active, false));
    parts.push('</tbody></table>');
  }
  if (view.suppressed.length) {
    parts.push('<h2>Suppressed findings</h2>');
    parts.push('<table><thead><tr><th>ID</th><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th><th>Reason</th><th>Suppressed by</th></tr></thead><tbody>');
    parts.push(findingRows(view, view.suppressed, true));
    parts.push('</tbody></table>');
  }

  const rows = claimRows(view).filter((r) => r.label === 'representation');
  parts.push('<h2>Claims register (representations)</h2>');
  if (rows.length === 0) parts.push('<p class="muted">No representations.</p>');
  else {
    parts.push('<table><thead><tr><th>Location</th><th>Text</th><th>Type</th><th>Quantity</th><th>Evidence</th><th>Contract clause</th><th>Findings</th></tr></thead><tbody>');
    for (const r of rows) {
      parts.push(
        `<tr><td>${h(r.location)}</td><td class="text">${h(r.text)}</td><td>${h(r.claimType)}</td><td>${h(r.quantity)}</td><td>${h(r.verdict)}</td><td>${h(r.contractClause)}</td><td>${h(r.findingIds)}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }

  const used = [...new Set(report.findings.map((f) => f.ruleId))];
  if (used.length) {
    parts.push('<h2>Rules</h2>', '<dl>');
    for (const id of used) {
      const r = view.rules.get(id);
      if (!r) continue;
      parts.push(`<dt><strong>${h(r.title)}</strong> <code>${h(id)}</code></dt><dd>${r.rationale ? `<p>${h(r.rationale)}</p>` : ''}<p><em>What to do:</em> ${h(r.remedy ?? '')}</p></dd>`);
    }
    parts.push('</dl>');
  }
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
