/**
 * What every rendering derives from a report: finding ids, locations in words, the claims
 * register rows, rule descriptions. Renderings format; this module decides what is shown.
 * The index, the register and the words for locations and quantities are the web page's too:
 * they live in web/view-model.js (plain JavaScript with JSDoc types, loaded as is by the browser).
 */
import type { InputRef, Location, Quantity, Report, Severity, SkippedInput } from '../model/types.ts';
import { claimRows, docName, findingId, fullLocationText, fullQuantityText, indexReport, verdictText, type ClaimRow, type ReportIndex } from '../../web/view-model.js';
import { FINDING_IDS } from '../rules/kinds/names.ts';
import type { FindingDefinition } from '../rules/kinds/findings.ts';
import { findingCatalogue, type FindingCatalogue } from '../assess/index.ts';
import { shippedRules } from '../rules/load.ts';
import { fillTemplate } from './messages.ts';

/** A finding as a report holds it. */
type Finding = Report['findings'][number];

export { claimRows, docName, findingId, verdictText };
export type { ClaimRow };

/** Options every rendering takes. */
export interface RenderOptions {
  /** ANSI colours in the terminal table. */
  color?: boolean;
  /** Finding definitions (titles, rationale, remedies) for rule descriptions; default: the shipped catalogue. */
  catalogue?: FindingCatalogue;
  /** Show the report's createdAt (default true; golden tests turn it off). */
  includeCreatedAt?: boolean;
  /** Terminal width for the table (default 120). */
  width?: number;
  /** Terminal table: show only the findings, the representations, or the contract clauses that changed their card source. */
  only?: TableOnly;
  /** Terminal table: the --fail-on threshold, so the summary line says whether the run fails. */
  failOn?: 'error' | 'warning' | 'never';
}

/** Parts of the terminal table `--only` can select. */
export const TABLE_ONLY = ['findings', 'representations', 'changes'] as const;
/** One `--only` value. */
export type TableOnly = (typeof TABLE_ONLY)[number];

/** Severities in display order. */
export const SEVERITIES: readonly Exclude<Severity, 'off'>[] = ['error', 'warning', 'note'];

/** A short human description of one finding rule. */
export interface RuleInfo {
  id: string;
  title: string;
  rationale?: string;
  remedy?: string;
  defaultSeverity?: Severity;
  examples?: FindingDefinition['wording'];
}

/**
 * Derived, indexed view of a report: the view model the web page reads too (web/view-model.js),
 * plus what only the exports need (rule descriptions from the catalogue, findings split by suppression).
 */
export interface ReportView extends ReportIndex {
  /** Input (by SHA-256) each document came from. */
  inputOf: Map<string, InputRef>;
  /** Finding id ("F3") per finding, by object identity (= `findingIds`). */
  ids: Map<Finding, string>;
  active: Finding[];
  suppressed: Finding[];
  rules: Map<string, RuleInfo>;
}

/** Build the indexed view a rendering needs. */
export function viewOf(report: Report, opts: RenderOptions = {}): ReportView {
  const idx = indexReport(report);
  return {
    ...idx,
    inputOf: new Map(report.inputs.map((i) => [i.sha256, i])),
    ids: idx.findingIds,
    active: report.findings.filter((f) => !f.suppressed),
    suppressed: report.findings.filter((f) => f.suppressed),
    rules: ruleInfo(report, opts.catalogue),
  };
}

let shippedCatalogue: FindingCatalogue | null | undefined;

/** The shipped catalogue, or null when the shipped rules cannot be loaded. */
function defaultCatalogue(): FindingCatalogue | null {
  if (shippedCatalogue === undefined) {
    try {
      shippedCatalogue = findingCatalogue(shippedRules());
    } catch {
      shippedCatalogue = null;
    }
  }
  return shippedCatalogue;
}

/** Rule descriptions: every catalogue entry, plus any rule id a finding uses that the catalogue lacks. */
function ruleInfo(report: Report, given: FindingCatalogue | undefined): Map<string, RuleInfo> {
  const catalogue = given ?? defaultCatalogue();
  const out = new Map<string, RuleInfo>();
  for (const id of FINDING_IDS) {
    const d = catalogue?.get(id);
    if (d) out.set(id, { id, title: d.title, rationale: squash(d.rationale), remedy: genericRemedy(d.remedy), defaultSeverity: d.severity, examples: d.wording });
  }
  for (const f of report.findings) {
    if (!out.has(f.ruleId)) out.set(f.ruleId, { id: f.ruleId, title: humanise(f.ruleId), ...(f.remedy ? { remedy: f.remedy } : {}) });
  }
  return out;
}

/** Replace control characters (ESC, C1 controls, ...; line breaks and tabs become spaces) so text cannot drive a terminal or break markup. */
export function stripControls(text: string): string {
  return text.replace(/\r\n?|\n|\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

/**
 * A remedy as the rule catalogue states it, for every finding of the rule: the template's slots,
 * which each finding fills with its own clause, numbers and sentence (fillTemplate), shown as <slot>
 * rather than as raw template braces.
 */
export function genericRemedy(template: string): string {
  return fillTemplate(template, {}, (slot) => `<${slot}>`);
}

/** Collapse whitespace (YAML folded text). */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function humanise(id: string): string {
  const s = id.replace(/[-_.]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A location in words: "card.md:12:3", "card.pdf p. 4", "contract.docx ¶ 7", or the name alone. */
export function locationText(view: ReportView, loc: Location): string {
  return fullLocationText(view, loc);
}

/** A quantity in words: "MMLU accuracy 68.4 (5-shot, test)". */
export function quantityText(q: Quantity): string {
  return fullQuantityText(q);
}

/** Counts of active findings per severity, and suppressed. */
export function findingCounts(view: ReportView): { error: number; warning: number; note: number; suppressed: number } {
  const c = { error: 0, warning: 0, note: 0, suppressed: view.suppressed.length };
  for (const f of view.active) if (f.severity !== 'off') c[f.severity]++;
  return c;
}

/** "2 errors, 1 warning, 0 notes (1 suppressed)". */
export function countsText(view: ReportView): string {
  const c = findingCounts(view);
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.note, 'note')}${c.suppressed ? ` (${c.suppressed} suppressed)` : ''}`;
}

/** Inputs with their SHA-256, plus documents the report holds that no input names (hand-built reports). */
export function inputsOf(view: ReportView): InputRef[] {
  const out = [...view.report.inputs];
  for (const d of view.report.documents) {
    if (!view.inputOf.has(d.id)) out.push({ name: d.name, role: d.role, sha256: d.id, mediaType: d.mediaType, size: 0 });
  }
  return out;
}

/** Inputs the analysis could not read and went on without (issue 16), in upload order; empty for most reports. */
export function skippedOf(report: Report): SkippedInput[] {
  return Array.isArray(report.skipped) ? report.skipped : [];
}

/** "1 input could not be read and was skipped" / "2 inputs could not be read and were skipped". */
export function skippedText(n: number): string {
  return n === 1 ? '1 input could not be read and was skipped' : `${n} inputs could not be read and were skipped`;
}

/** One skipped input in words: "schedule.pdf (contract): schedule.pdf is not a readable PDF [PDF_CORRUPT]". */
export function skippedLine(s: SkippedInput): string {
  return `${s.name}${s.role ? ` (${s.role})` : ''}: ${s.message} [${s.code}]`;
}
