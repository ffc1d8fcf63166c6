/**
 * One entry point for every rendering of the JSON report. The CLI and the API call only this.
 * JSON is the source of truth; SARIF, Markdown, HTML, CSV and the terminal table derive from it.
 */
import type { Report } from '../model/types.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderSarif } from './sarif.ts';
import { renderTable } from './table.ts';
import type { RenderOptions } from './view.ts';

export type { RenderOptions } from './view.ts';

/** Every output format. */
export const REPORT_FORMATS = ['json', 'sarif', 'md', 'html', 'csv', 'table'] as const;

/** A report format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Media type of each rendering (HTTP Content-Type). */
export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  table: 'text/plain; charset=utf-8',
};

/** Usual file extension of each rendering (for --output names and Content-Disposition). */
export const REPORT_EXTENSIONS: Readonly<Record<ReportFormat, string>> = {
  json: '.json',
  sarif: '.sarif',
  md: '.md',
  html: '.html',
  csv: '.csv',
  table: '.txt',
};

/** Media type of a rendering. */
export function mediaTypeFor(format: ReportFormat): string {
  return REPORT_MEDIA_TYPES[format];
}

/** True when `s` names a report format. */
export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

/** The format an output file name implies (".sarif", ".sarif.json", ".md", ".html", ".csv", ".json", ".txt"), or undefined. */
export function formatFromPath(path: string): ReportFormat | undefined {
  const p = path.toLowerCase();
  if (p.endsWith('.sarif') || p.endsWith('.sarif.json')) return 'sarif';
  if (p.endsWith('.json')) return 'json';
  if (p.endsWith('.md') || p.endsWith('.markdown')) return 'md';
  if (p.endsWith('.html') || p.endsWith('.htm')) return 'html';
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.txt')) return 'table';
  return undefined;
}

/** The format an HTTP Accept header asks for (first acceptable media type in order of q), or undefined. */
export function formatFromAccept(accept: string | undefined): ReportFormat | undefined {
  if (!accept) return undefined;
  const wanted = accept
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.trim().split(';').map((x) => x.trim());
      const q = params.find((p) => p.startsWith('q='));
      return { type: (type ?? '').toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const w of wanted) {
    const hit = REPORT_FORMATS.find((f) => REPORT_MEDIA_TYPES[f].split(';')[0] === w.type);
    if (hit) return hit;
    if (w.type === 'text/html' || w.type === 'application/xhtml+xml') return 'html';
    if (w.type === 'text/x-markdown') return 'md';
  }
  return undefined;
}

/** Render a report in a format. Deterministic for a given report and options. */
export function renderReport(report: Report, format: ReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'sarif':
      return renderSarif(report, opts);
    case 'md':
      return renderMarkdown(report, opts);
    case 'html':
      return renderHtml(report, opts);
    case 'csv':
      return renderCsv(report, opts);
    case 'table':
      return renderTable(report, opts);
  }
}
