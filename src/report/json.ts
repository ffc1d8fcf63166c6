/**
 * The JSON report: the source of truth every rendering derives from.
 */
import type { Claim, Finding, InputRef, Link, Report, ReportSummary, SkippedInput } from '../model/types.ts';
import type { FindingCatalogue } from '../assess/index.ts';
import { REPORT_SCHEMA_VERSION, TOOL_VERSION } from '../version.ts';
import { renderFindings } from './messages.ts';

/** Everything a report holds but its header and summary. */
export type ReportBody = Omit<Report, 'schemaVersion' | 'tool' | 'createdAt' | 'inputs' | 'skipped' | 'rulesetSha256' | 'profile' | 'summary'>;

/**
 * Assemble a versioned report with its summary. Findings come as typed data; each gets its message and
 * remedy here, rendered from `catalogue` (the analysis's rules), so the report states them in the wording
 * of the rules it was made with and every rendering and API consumer reads the same text.
 */
export function buildReport(
  header: { createdAt: string; inputs: InputRef[]; skipped?: SkippedInput[]; rulesetSha256: string; profile: string },
  body: Omit<ReportBody, 'findings'> & { findings: readonly Finding[] },
  catalogue: FindingCatalogue,
): Report {
  const full: ReportBody = { ...body, findings: renderFindings(body.findings, catalogue) };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'warrant', version: TOOL_VERSION },
    ...header,
    ...full,
    summary: summarize(full),
  };
}

/** Counts per label, claim type, verdict and severity. */
export function summarize(body: Pick<ReportBody, 'documents' | 'sentences' | 'claims' | 'links' | 'findings'>): ReportSummary {
  const count = <T extends string>(items: T[]): Partial<Record<T, number>> => {
    const out: Partial<Record<T, number>> = {};
    for (const i of items) out[i] = (out[i] ?? 0) + 1;
    return out;
  };
  const claims: Claim[] = body.claims;
  const links: Link[] = body.links;
  const findings: Finding[] = body.findings.filter((f) => !f.suppressed);
  return {
    documents: body.documents.length,
    sentences: body.sentences.length,
    representations: claims.filter((c) => c.label === 'representation').length,
    narrative: claims.filter((c) => c.label === 'narrative').length,
    byClaimType: count(claims.map((c) => c.type)),
    byVerdict: count(links.map((l) => l.verdict)),
    findings: count(findings.map((f) => f.severity)),
  };
}
