/**
 * The JSON text of a report, written once. A worker thread serialises the report it built (a string
 * crosses to the main thread far faster than a structured clone of the object), and the main thread
 * keeps that text beside the parsed report, so storing the analysis and answering the request reuse
 * it instead of serialising 20 MB again on the thread that answers /healthz. Reports are not
 * mutated after they are built; one that has no remembered text is serialised as usual.
 */
import type { Report } from './types.ts';

const known = new WeakMap<Report, string>();

/** Parse a report's JSON text and remember the text for it. */
export function parseReportJson(json: string): Report {
  const report = JSON.parse(json) as Report;
  known.set(report, json);
  return report;
}

/** The report's JSON text: the one it was parsed from, or a fresh serialisation. */
export function reportJson(report: Report): string {
  return known.get(report) ?? JSON.stringify(report);
}
