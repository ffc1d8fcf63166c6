/**
 * Markdown rendering (CommonMark + GFM tables): header with hashes, inputs, summary, findings,
 * suppressed findings, remedies, and the claims register of representations.
 * All document text is escaped so it renders as literal text (no markup, links or HTML).
 */
import type { Report } from '../model/types.ts';
import { claimRows, countsText, inputsOf, locationText, skippedOf, skippedText, stripControls, viewOf, type RenderOptions } from './view.ts';

/**
 * Escape text for inline Markdown inside a GFM table cell or after a list marker (never used at
 * the start of a line, so block markers need no escape): line breaks become spaces, and every
 * character that could start markup, a link, an image, HTML or an entity is backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return stripControls(text).replace(/[\\`*_{}[\]()<>#!|~&]/g, '\\$&');
}

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

/** Render a report as Markdown. */
export function renderMarkdown(report: Report, opts: RenderOptions = {}): string {
  const view = viewOf(report, opts);
  const e = escapeMarkdown;
  const out: string[] = [];
  out.push('# Warrant report', '');
  out.push(row(['Field', 'Value']), row(['---', '---']));
  out.push(row(['Tool', `${e(report.tool.name)} ${e(report.tool.version)}`]));
  out.push(row(['Profile', e(report.profile)]));
  out.push(row(['Rule set SHA-256', `\`${report.rulesetSha256}\``]));
  out.push(row(['Report schema', e(report.schemaVersion)]));
  if (opts.includeCreatedAt ?? true) out.push(row(['Created', e(report.createdAt)]));
  out.push('');

  out.push('## Inputs', '');
  out.push(row(['Name', 'Role', 'Media type', 'Bytes', 'SHA-256']), row(['---', '---', '---', '---:', '---']));
  for (const i of inputsOf(view)) out.push(row([e(i.name), e(i.role), e(i.mediaType), String(i.size), `\`${i.sha256}\``]));
  out.push('');

  // Inputs that could not be read are named where the inputs are, never dropped silently (issue 16).
  const skipped = skippedOf(report);
  if (skipped.length) {
    out.push('## Skipped inputs', '');
    out.push(`> **Warning:** ${skippedText(skipped.length)}; this report covers the other inputs only.`, '');
    out.push(row(['Name', 'Role', 'Code', 'Reason', 'Bytes', 'SHA-256']), row(['---', '---', '---', '---', '---:', '---']));
    for (const k of skipped) out.push(row([e(k.name), e(k.role ?? 'unknown'), `\`${k.code.replace(/[^A-Za-z0-9_-]/g, '')}\``, e(k.message), String(k.size), `\`${k.sha256}\``]));
    out.push('');
  }

  const sm = report.summary;
  out.push('## Summary', '');
  out.push(`- ${sm.documents} document(s), ${sm.sentences} sentence(s): ${sm.representations} representation(s), ${sm.narrative} narrative`);
  out.push(`- Findings: ${countsText(view)}`);
  if (skipped.length) out.push(`- Skipped: ${skippedText(skipped.length)} (see Skipped inputs)`);
  const verdicts = Object.entries(sm.byVerdict);
  if (verdicts.length) out.push(`- Evidence verdicts: ${verdicts.map(([k, v]) => `${e(k)} ${v}`).join(', ')}`);
  const types = Object.entries(sm.byClaimType).filter(([k]) => k !== 'none');
  if (types.length) out.push(`- Claim types: ${types.map(([k, v]) => `${e(k)} ${v}`).join(', ')}`);
  out.push('');

  out.push('## Findings', '');
  if (view.active.length === 0) out.push('No findings.', '');
  else {
    out.push(row(['ID', 'Severity', 'Rule', 'Location', 'Message']), row(['---', '---', '---', '---', '---']));
    for (const f of view.active) {
      out.push(row([view.ids.get(f)!, f.severity, `\`${f.ruleId}\``, e(locationText(view, f.location)), e(f.message)]));
    }
    out.push('');
  }

  if (view.suppressed.length) {
    out.push('## Suppressed findings', '');
    out.push(row(['ID', 'Severity', 'Rule', 'Location', 'Message', 'Reason', 'Suppressed by']), row(['---', '---', '---', '---', '---', '---', '---']));
    for (const f of view.suppressed) {
      out.push(row([view.ids.get(f)!, f.severity, `\`${f.ruleId}\``, e(locationText(view, f.location)), e(f.message), e(f.suppressed!.reason), e(f.suppressed!.source)]));
    }
    out.push('');
  }

  // What to do: each active finding's own remedy (its clause, numbers and sentence filled in), by rule.
  const used = [...new Set(view.active.map((f) => f.ruleId))];
  if (used.length) {
    out.push('## What to do', '');
    for (const id of used) {
      const r = view.rules.get(id);
      out.push(`- **${e(r?.title ?? id)}** (\`${id}\`)`);
      for (const f of view.active.filter((x) => x.ruleId === id)) {
        const remedy = f.remedy ?? r?.remedy;
        if (remedy) out.push(`  - ${view.ids.get(f)!}: ${e(remedy)}`);
      }
    }
    out.push('');
  }

  const rows = claimRows(view).filter((r) => r.label === 'representation');
  out.push('## Claims register (representations)', '');
  if (rows.length === 0) out.push('No representations.', '');
  else {
    out.push(row(['Location', 'Text', 'Type', 'Quantity', 'Evidence', 'Contract clause', 'Findings']), row(['---', '---', '---', '---', '---', '---', '---']));
    for (const r of rows) out.push(row([e(r.location), e(r.text), e(r.claimType), e(r.quantity), e(r.verdict), e(r.contractClause), e(r.findingIds)]));
    out.push('');
  }
  return out.join('\n');
}
