/**
 * One entry point for every rendering of the JSON report. The CLI and the API call only this.
 * (Initial version: JSON; the renderings SARIF, Markdown, HTML, CSV and table plug in here.)
 */
import type { Report } from '../model/types.ts';

/** Every output format. */
export const REPORT_FORMATS = ['json', 'sarif', 'md', 'html', 'csv', 'table'] as const;

/** A report format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MEDIA: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  table: 'text/plain; charset=utf-8',
};

/** Media type of a rendering. */
export function mediaTypeFor(format: ReportFormat): string {
  return MEDIA[format];
}

/** Options for renderings. */
export interface RenderOptions {
  /** ANSI colours in the terminal table. */
  color?: boolean;
}

/** Render a report in a format. */
export function renderReport(report: Report, format: ReportFormat, _opts: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    default:
      return JSON.stringify(report, null, 2) + '\n';
  }
}
