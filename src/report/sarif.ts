/**
 * SARIF 2.1.0 rendering (OASIS sarif-v2.1.0, errata01) for code-scanning tools and CI.
 * Text inputs get line/column regions. SARIF has no page field and its schema requires a region
 * to anchor on a line or offset, so a PDF location carries `physicalLocation.properties.page`
 * (and bbox) plus a logical location "page N"; DOCX likewise with the paragraph. Run properties carry the rule-set SHA-256, the profile and the report schema version;
 * every input is an artifact with its SHA-256. An input the analysis skipped because it could not be read
 * (issue 16) is a warning `toolExecutionNotification` of the run's invocation (SARIF §3.20.21), its
 * descriptor id the error code; it is not a result, since it is about the run, not the documents.
 */
import { createHash } from 'node:crypto';
import type { ReportedFinding as Finding, Location, Report, Severity, Span } from '../model/types.ts';
import { docName, inputsOf, skippedOf, skippedText, squash, viewOf, type RenderOptions, type ReportView } from './view.ts';

/** SARIF `level` of a severity. */
function levelOf(s: Severity): 'error' | 'warning' | 'note' | 'none' {
  return s === 'off' ? 'none' : s;
}

/** A file name as a relative URI reference (each path segment percent-encoded). */
export function uriOf(name: string): string {
  return name
    .split(/[\\/]/)
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

type Json = Record<string, unknown>;

/**
 * Region of a text span. The schema requires a region to anchor on a line or an offset, so PDF
 * and DOCX locations carry no region: their page/paragraph goes in `physicalLocation.properties`
 * (and a logical location), see `physicalOf`.
 */
function regionOf(span: Extract<Span, { kind: 'text' }>, snippet: string | undefined): Json {
  return {
    startLine: span.line,
    startColumn: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    charOffset: span.offset,
    charLength: Math.max(0, span.endOffset - span.offset),
    ...(snippet ? { snippet: { text: snippet } } : {}),
  };
}

/** Page (PDF) or paragraph (DOCX) of a location, for `physicalLocation.properties`. */
function placeOf(span: Span, snippet: string | undefined): Json | undefined {
  const snip = snippet ? { snippet } : {};
  if (span.kind === 'pdf') return { page: span.page, ...(span.endPage !== undefined ? { endPage: span.endPage } : {}), bbox: span.bbox, ...snip };
  if (span.kind === 'docx') return { paragraph: span.paragraph, endParagraph: span.endParagraph, ...snip };
  return undefined;
}

function logicalOf(view: ReportView, loc: Location, span: Span | undefined): Json[] {
  const out: Json[] = [];
  const name = docName(view, loc.docId);
  if (span?.kind === 'pdf') out.push({ name: `page ${span.page}`, fullyQualifiedName: `${name}#page=${span.page}`, kind: 'page' });
  if (span?.kind === 'docx') out.push({ name: `paragraph ${span.paragraph + 1}`, fullyQualifiedName: `${name}#paragraph=${span.paragraph + 1}`, kind: 'paragraph' });
  const s = loc.sentenceId ? view.sentenceById.get(loc.sentenceId) : undefined;
  if (s?.context.clauseRef) out.push({ name: s.context.clauseRef, fullyQualifiedName: `${name}#${s.context.clauseRef}`, kind: 'clause' });
  return out;
}

/** Render a report as a SARIF 2.1.0 log (pretty-printed JSON). */
export function renderSarif(report: Report, opts: RenderOptions = {}): string {
  const view = viewOf(report, opts);
  const inputs = inputsOf(view);
  const artifactIndex = new Map<string, number>();
  inputs.forEach((inp, i) => {
    if (!artifactIndex.has(inp.sha256)) artifactIndex.set(inp.sha256, i);
  });
  const artifacts = inputs.map((inp) => ({
    location: { uri: uriOf(inp.name) },
    ...(view.inputOf.has(inp.sha256) ? { length: inp.size } : {}),
    mimeType: inp.mediaType.split(';')[0]!.trim() || 'application/octet-stream',
    hashes: { 'sha-256': inp.sha256 },
    roles: ['analysisTarget'],
    properties: { role: inp.role },
  }));

  const ruleList = [...view.rules.values()];
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  const rules = ruleList.map((r) => {
    const examples = (r.examples ?? []).map((e) => `- Flagged: ${e.flagged}${e.better ? `\n  Better: ${e.better}` : ''}`).join('\n');
    return {
      id: r.id,
      name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: r.title },
      ...(r.rationale ? { fullDescription: { text: r.rationale } } : {}),
      help: {
        text: r.remedy ?? r.title,
        // The catalogue's <slot> placeholders, escaped so a Markdown viewer shows them instead of reading HTML tags.
        markdown: `${(r.remedy ?? r.title).replace(/[<>]/g, '\\$&')}${r.rationale ? `\n\n**Why:** ${r.rationale}` : ''}${examples ? `\n\n**Examples**\n\n${examples}` : ''}`,
      },
      ...(r.defaultSeverity ? { defaultConfiguration: { level: levelOf(r.defaultSeverity), enabled: r.defaultSeverity !== 'off' } } : {}),
      properties: { tags: ['warrant', r.id.startsWith('contract-') || r.id === 'whole-document-incorporation' || r.id === 'incorporated-document-missing' ? 'contract' : 'model-card'] },
    };
  });

  const locationOf = (loc: Location, extra: Json = {}): Json => {
    const s = loc.sentenceId ? view.sentenceById.get(loc.sentenceId) : undefined;
    const span = loc.span ?? s?.span;
    const index = artifactIndex.get(loc.docId);
    const uri = uriOf(docName(view, loc.docId));
    const logical = logicalOf(view, loc, span);
    return {
      ...extra,
      physicalLocation: {
        artifactLocation: { uri, ...(index !== undefined ? { index } : {}) },
        ...(span?.kind === 'text' ? { region: regionOf(span, s?.text) } : {}),
        ...(span && span.kind !== 'text' ? { properties: placeOf(span, s?.text) } : {}),
      },
      ...(logical.length ? { logicalLocations: logical } : {}),
    };
  };

  const results = report.findings.map((f: Finding, i) => {
    const s = f.location.sentenceId ? view.sentenceById.get(f.location.sentenceId) : undefined;
    const fingerprint = createHash('sha256')
      .update(`${f.ruleId}\0${docName(view, f.location.docId)}\0${squash(s?.text ?? f.message)}`)
      .digest('hex');
    const idx = ruleIndex.get(f.ruleId);
    return {
      ruleId: f.ruleId,
      ...(idx !== undefined ? { ruleIndex: idx } : {}),
      level: levelOf(f.severity),
      message: { text: f.message },
      locations: [locationOf(f.location)],
      ...(f.related.length ? { relatedLocations: f.related.map((r, j) => locationOf(r, { id: j + 1, message: { text: 'source' } })) } : {}),
      partialFingerprints: { 'warrantFinding/v1': fingerprint },
      ...(f.suppressed
        ? {
            suppressions: [
              {
                kind: f.suppressed.source.startsWith('inline') ? 'inSource' : 'external',
                status: 'accepted',
                justification: f.suppressed.reason,
                properties: { source: f.suppressed.source },
              },
            ],
          }
        : {}),
      properties: { findingId: view.ids.get(f), ...(f.remedy ? { remedy: f.remedy } : {}) },
    };
  });

  const skipped = skippedOf(report);
  const invocations = skipped.length
    ? [
        {
          executionSuccessful: true,
          toolExecutionNotifications: skipped.map((k) => ({
            level: 'warning',
            message: { text: `${k.name} was skipped: ${k.message} [${k.code}]` },
            descriptor: { id: k.code },
            locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(k.name) } } }],
            properties: { skipped: true, name: k.name, ...(k.role ? { role: k.role } : {}), code: k.code, sha256: k.sha256, size: k.size },
          })),
          properties: { skippedSummary: skippedText(skipped.length) },
        },
      ]
    : undefined;

  const includeCreatedAt = opts.includeCreatedAt ?? true;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        automationDetails: {
          id: `warrant/${report.profile}/`,
          description: { text: `Warrant analysis, profile ${report.profile}, rule set ${report.rulesetSha256}` },
          properties: { profile: report.profile, rulesetSha256: report.rulesetSha256 },
        },
        ...(invocations ? { invocations } : {}),
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
        properties: {
          profile: report.profile,
          rulesetSha256: report.rulesetSha256,
          reportSchemaVersion: report.schemaVersion,
          toolVersion: report.tool.version,
          ...(includeCreatedAt ? { createdAt: report.createdAt } : {}),
          inputs: inputs.map((i) => ({ name: i.name, role: i.role, sha256: i.sha256 })),
          ...(skipped.length ? { skipped: skipped.map((k) => ({ name: k.name, ...(k.role ? { role: k.role } : {}), code: k.code, sha256: k.sha256 })) } : {}),
          summary: report.summary,
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
