/**
 * assess: findings from the finding catalogue (rules/findings.yaml) under a profile
 * (rules/profiles/*.yaml), then suppressions. Pure: sources and suppressions come in as data.
 * OWNER: issue 7.
 */
import type { Finding, FindingId, Severity, Span } from '../model/types.ts';
import type { RuleSet } from '../rules/load.ts';
import { FINDING_IDS } from '../rules/kinds/names.ts';
import { findingCatalogue, resolveProfile, type FindingCatalogue } from './catalogue.ts';
import { applySuppressions, type Suppression } from './suppressions.ts';
import { detectorContext, type DetectorContext, type FindingDraft } from './context.ts';
import { DETECTORS, SUMMARY_DETECTORS } from './detectors/index.ts';
import type { AssessInput, AssessOptions } from './input.ts';

export { findInlineSuppressions, globToRegExp, mayHoldInlineSuppressions, type Suppression } from './suppressions.ts';
export { CONFIG_FILE_NAMES } from './config-names.ts';
export type { WarrantConfig } from './config.ts';

/** The config-file parsers (./config.ts), imported when a config file is read: their schemas load zod, which a run without one does without. */
export async function configParsers(): Promise<Pick<typeof import('./config.ts'), 'parseWarrantConfig' | 'parseSuppressionConfig'>> {
  return import('./config.ts');
}
export { checkAssessRules, findingCatalogue, resolveProfile, profileNames, type FindingCatalogue, type ResolvedProfile } from './catalogue.ts';
export type { AssessInput, AssessOptions } from './input.ts';
export type { Detector, DetectorContext, FindingDraft } from './context.ts';
export { DETECTORS } from './detectors/index.ts';

const SEVERITY_RANK: Record<Severity, number> = { off: 0, note: 1, warning: 2, error: 3 };

/** Sort key of a span: page/line order within a document. */
function spanKey(span: Span | undefined): [number, number, number] {
  if (!span) return [-1, 0, 0];
  switch (span.kind) {
    case 'text':
      return [span.offset, 0, 0];
    case 'pdf':
      return [span.page, span.bbox[1], span.bbox[0]];
    case 'docx':
      return [span.paragraph, 0, 0];
  }
}

/** Run the detectors of `ids` and give their drafts the profile's severity (dropping those turned off). */
function detect(ids: readonly FindingId[], ctx: DetectorContext, severities: Record<FindingId, Severity>): Finding[] {
  const out: Finding[] = [];
  for (const id of ids) {
    for (const draft of (DETECTORS[id] as (ctx: DetectorContext) => FindingDraft[])(ctx)) {
      let severity = severities[draft.ruleId];
      if (draft.cap !== undefined && SEVERITY_RANK[draft.cap] < SEVERITY_RANK[severity]) severity = draft.cap;
      if (severity === 'off') continue;
      out.push({ ruleId: draft.ruleId, severity, location: draft.location, related: draft.related ?? [], args: draft.args } as Finding);
    }
  }
  return out;
}

/**
 * Findings for an analysis under a profile, suppressions applied, sorted by source order then rule id: every
 * detector of DETECTORS, then the summaries over what remains unsuppressed. Findings are typed data; their
 * wording is rendered from the catalogue by the report layer (src/report/messages.ts).
 */
export function assessFindings(input: AssessInput, rules: RuleSet, profile: string, options: AssessOptions = {}): Finding[] {
  const catalogue: FindingCatalogue = findingCatalogue(rules);
  const severities = resolveProfile(rules, profile, catalogue).severities;
  const ctx = detectorContext(input, catalogue, options);
  const docOrder = new Map<string, number>();
  input.documents.forEach((d, i) => {
    if (!docOrder.has(d.doc.id)) docOrder.set(d.doc.id, i);
  });
  const config = options.suppressions ?? [];
  const where = { docName: ctx.docName, sentenceText: (id: string) => ctx.sentence(id)?.text, inline: ctx.inline };
  const first = applySuppressions(detect(FINDING_IDS.filter((id) => !SUMMARY_DETECTORS.includes(id)), ctx, severities), config, where);
  const summaries = applySuppressions(detect(SUMMARY_DETECTORS, { ...ctx, assessed: first }, severities), config, where);
  return sortFindings([...first, ...summaries], docOrder);
}

/** Sort by document order, then position in the document, then rule id, then arguments. */
export function sortFindings<F extends Finding>(findings: F[], docOrder: ReadonlyMap<string, number>): F[] {
  const keyed = findings.map((f) => ({ f, doc: docOrder.get(f.location.docId) ?? Number.MAX_SAFE_INTEGER, pos: spanKey(f.location.span), args: JSON.stringify(f.args) }));
  keyed.sort(
    (a, b) =>
      a.doc - b.doc ||
      a.pos[0] - b.pos[0] ||
      a.pos[1] - b.pos[1] ||
      a.pos[2] - b.pos[2] ||
      (a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : 0) ||
      (a.args < b.args ? -1 : a.args > b.args ? 1 : 0),
  );
  return keyed.map((k) => k.f);
}
