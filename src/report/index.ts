/**
 * report: the versioned JSON report the pipeline builds (json.ts). Its renderings (render.ts:
 * SARIF, Markdown, HTML, CSV, tables) are chosen by the surfaces, which import them where a
 * command needs them.
 */
export { buildReport, summarize, type ReportBody } from './json.ts';
