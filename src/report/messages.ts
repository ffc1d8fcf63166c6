/**
 * The wording of findings: a finding is typed data (id, severity, location, args); its message and remedy
 * are the catalogue's templates (rules/findings.yaml) filled from its args, here and nowhere else. The report
 * holds the rendered text (buildReport), so every output format and the JSON/API consumers read the same words.
 */
import type { EvidenceCheck, Finding, FindingArgsMap, FindingId, FindingSubject, ReportedFinding, Transformation } from '../model/types.ts';
import type { FindingCatalogue } from '../assess/index.ts';

/** Placeholder values of one finding. */
type Params = Record<string, string>;

const MAX_QUOTE = 160;

/** Shorten a sentence for a message. */
export function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= MAX_QUOTE ? t : `${t.slice(0, MAX_QUOTE - 1).trimEnd()}…`;
}

/** A number as a reader wants it: no float noise. */
function num(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '?';
  return String(Math.round(n * 10_000) / 10_000);
}

/** Fill {placeholders} from params; unknown or missing values read "?". */
export function fillTemplate(template: string, params: Record<string, string>, missing: (slot: string) => string = () => '?'): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_m, k: string) => params[k] ?? missing(k)).replace(/\s+/g, ' ').trim();
}

function subjectParams(s: FindingSubject): Params {
  if (s.kind === 'card-entry') {
    return {
      text: `model-index: ${s.benchmark} ${s.metric} ${s.raw}${s.location ? ` (${s.location})` : ''}`,
      document: s.document,
      claimType: 'performance',
      label: 'representation',
      section: 'model-index',
      clause: 'model-index',
    };
  }
  const section = s.section.join(' > ') || '(top)';
  return { text: quote(s.text), document: s.document, claimType: s.claimType, label: s.label, section, clause: s.clause ?? section };
}

function checkParams(c: EvidenceCheck): Params {
  return {
    benchmark: c.benchmark ?? '?',
    metric: c.metric ?? '?',
    claimed: c.claimed !== undefined ? num(c.claimed) : (c.claimedRaw ?? '?'),
    observed: num(c.observed),
    tolerance: num(c.tolerance),
    note: c.note,
    evidence: c.sources.length ? [...new Set(c.sources.map((r) => (r.location ? `${r.source} ${r.location}` : r.source)))].join(', ') : 'no record',
    direction: c.direction === 'better' ? 'better than claimed' : 'worse than claimed',
  };
}

/** A hedged rewording of a representation without evidence, from its own number. */
function suggestion(a: FindingArgsMap['representation-without-evidence']): string {
  const q = a.sample;
  if (q) {
    const conditions = [q.shots !== undefined ? `${q.shots}-shot` : undefined, q.metric].filter(Boolean).join(', ');
    return `In our evaluation (${q.benchmark}${conditions ? `, ${conditions}` : ''}, <harness and version>, <date>) the model scored ${q.raw}; results on your workload may differ.`;
  }
  const t = quote(a.subject.kind === 'sentence' ? a.subject.text : subjectParams(a.subject).text!).replace(/[.;:]+$/, '');
  return `In our evaluation (<benchmark, harness and date>), ${t.charAt(0).toLowerCase()}${t.slice(1)}; results on your workload may differ.`;
}

/** A side of a transformation with no words (a negation dropped, a hedge removed) reads as such, never as "?". */
function side(t: Transformation, words: string | undefined): string {
  return words || t.note || (t.kind === 'negation-flipped' ? 'no negation' : '(nothing)');
}

function driftParams(a: FindingArgsMap['contract-hedge-removed']): Params {
  const t = a.transformation;
  return { ...subjectParams(a.subject), cardText: quote(a.card.text), cardDocument: a.card.document, from: side(t, t.from), to: side(t, t.to), note: t.note ?? '', similarity: num(a.similarity) };
}

function incorporationParams(a: FindingArgsMap['whole-document-incorporation']): Params {
  return {
    ...subjectParams(a.subject),
    phrase: quote(a.phrase),
    target: a.target === null ? 'a document not among the inputs' : (a.target.name ?? a.target.docId),
    exposed: String(a.exposed),
  };
}

function diagnosticParams(a: FindingArgsMap['input-diagnostic']): Params {
  const d = a.diagnostic;
  const span = d.span;
  return {
    document: a.document,
    page: span?.kind === 'pdf' ? String(span.page) : '?',
    line: span?.kind === 'text' ? String(span.line) : '?',
    place: span?.kind === 'pdf' ? `page ${span.page}` : span?.kind === 'docx' ? `paragraph ${span.paragraph + 1}` : span?.kind === 'text' ? `line ${span.line}` : 'an unknown place',
    code: d.code,
    diagnostic: d.message,
  };
}

const check = (a: { subject: FindingSubject; check: EvidenceCheck }): Params => ({ ...subjectParams(a.subject), ...checkParams(a.check) });

/** The placeholder values of each finding, from its args (FINDING_PLACEHOLDERS lists the names a template may use). */
const PARAMS: { readonly [K in FindingId]: (args: FindingArgsMap[K]) => Params } = {
  'representation-without-evidence': (a) => ({
    ...subjectParams(a.subject),
    numbers: a.numbers.length ? a.numbers.join(', ') : 'the figure',
    benchmarks: a.benchmarks.length ? a.benchmarks.join(', ') : 'no benchmark named',
    suggestion: suggestion(a),
  }),
  'performance-contradicted': check,
  'performance-understated': check,
  'model-index-disagreement': check,
  'number-without-methodology': (a) => {
    if (a.basis === 'evidence') return { ...check(a), missing: a.check.note };
    return {
      ...subjectParams(a.subject),
      benchmark: [...new Set(a.numbers.map((q) => q.benchmark))].join(', '),
      claimed: a.numbers.map((q) => q.raw).join(', '),
      missing: `no ${a.fields.join(' or ')} stated`,
      metric: a.numbers[0]?.metric ?? '?',
      observed: '?',
      tolerance: '?',
      note: 'not linked to evidence',
      evidence: 'no record',
    };
  },
  'evidence-other-model': check,
  'evidence-stale': check,
  'scope-without-coverage': (a) => ({ ...subjectParams(a.subject), note: a.coverage ?? 'no evidence covers it' }),
  'contract-hedge-removed': driftParams,
  'contract-modality-strengthened': driftParams,
  'contract-number-changed': driftParams,
  'contract-scope-broadened': driftParams,
  'contract-qualifier-dropped': driftParams,
  'contract-negation-flipped': driftParams,
  'whole-document-incorporation': incorporationParams,
  'incorporated-document-missing': incorporationParams,
  'evidence-missing-summary': (a) => {
    const shown = a.benchmarks.slice(0, 5).join(', ') + (a.benchmarks.length > 5 ? ` and ${a.benchmarks.length - 5} more` : '');
    return {
      document: a.document,
      count: String(a.count),
      benchmarks: shown || 'no benchmark named',
      first: a.benchmarks[0] ?? 'the first number listed',
      advice: a.evidenceSupplied ? 'the evidence supplied does not cover them; add eval files that do' : 'add eval files to check them',
    };
  },
  'vague-superlative': (a) => subjectParams(a.subject),
  'image-only-content': diagnosticParams,
  'missing-limitations': (a) => ({ document: a.document, claimTypes: a.claimTypes.join(', ') }),
  'input-diagnostic': diagnosticParams,
  'invalid-suppression': (a) => ({ document: a.document, line: a.line !== undefined ? String(a.line) : '?', problem: a.problem }),
};

/** The placeholder values of a finding. */
export function findingParams(f: Finding): Params {
  return (PARAMS[f.ruleId] as (args: unknown) => Params)(f.args);
}

/**
 * A finding with its message and remedy rendered from the catalogue. A finding that is already rendered
 * and carries no args (a stored report from before findings had them) keeps its text.
 */
export function renderFinding(f: Finding, catalogue: FindingCatalogue): ReportedFinding {
  const given = f as Partial<ReportedFinding>;
  const def = catalogue.get(f.ruleId);
  if ((f.args === undefined || !def) && typeof given.message === 'string') return f as ReportedFinding;
  if (!def) return { ...f, message: f.ruleId };
  const params = findingParams(f);
  // The remedy is a template too: it names this finding's clause, sentence and numbers (issue 16).
  return { ...f, message: fillTemplate(def.message, params), remedy: fillTemplate(def.remedy, params) };
}

/** Render every finding. */
export function renderFindings(findings: readonly Finding[], catalogue: FindingCatalogue): ReportedFinding[] {
  return findings.map((f) => renderFinding(f, catalogue));
}
