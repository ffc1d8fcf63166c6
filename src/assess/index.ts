/**
 * assess: findings from the finding catalogue (rules/findings.yaml) under a profile
 * (rules/profiles/*.yaml), then suppressions. Pure: sources and suppressions come in as data.
 * OWNER: issue 7.
 */
import type { Alignment, Claim, Diagnostic, EvidenceRecord, Finding, Link, Location, Sentence, Severity, Span } from '../model/types.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { RuleSet } from '../rules/load.ts';
import type { FindingDefinition, FindingId } from '../rules/kinds/findings.ts';
import { findingCatalogue, resolveProfile, type FindingCatalogue } from './catalogue.ts';
import { applySuppressions, findInlineSuppressions, type Suppression } from './suppressions.ts';

export { findInlineSuppressions, globToRegExp, mayHoldInlineSuppressions, type Suppression } from './suppressions.ts';
export { parseSuppressionConfig, parseWarrantConfig, CONFIG_FILE_NAMES, type WarrantConfig } from './config.ts';
export { checkAssessRules, findingCatalogue, resolveProfile, profileNames, type FindingCatalogue, type ResolvedProfile } from './catalogue.ts';

/** Everything assess looks at. */
export interface AssessInput {
  documents: JudgedDocument[];
  evidence: EvidenceRecord[];
  links: Link[];
  alignments: Alignment[];
}

/** Suppression inputs, as data (the core reads no files). */
export interface AssessOptions {
  /** Config-file suppressions (parseSuppressionConfig). */
  suppressions?: Suppression[];
  /** Decoded source text per document id, for inline `warrant-disable-next-line` comments (Markdown/text inputs). */
  sources?: Record<string, string>;
}

const MAX_QUOTE = 160;

/** Shorten a sentence for a message. */
function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= MAX_QUOTE ? t : `${t.slice(0, MAX_QUOTE - 1).trimEnd()}…`;
}

/** A number as a reader wants it: no float noise. */
function num(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '?';
  return String(Math.round(n * 10_000) / 10_000);
}

/** Fill {placeholders} from params; unknown or missing values read "?". */
function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_m, k: string) => params[k] ?? '?').replace(/\s+/g, ' ').trim();
}

const SEVERITY_RANK: Record<Severity, number> = { off: 0, note: 1, warning: 2, error: 3 };
const DIAGNOSTIC_SEVERITY: Record<Diagnostic['severity'], Severity> = { error: 'error', warning: 'warning', info: 'note' };

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

/** Findings for an analysis under a profile, suppressions applied, sorted by source order then rule id. */
export function assessFindings(input: AssessInput, rules: RuleSet, profile: string, options: AssessOptions = {}): Finding[] {
  const catalogue: FindingCatalogue = findingCatalogue(rules);
  const severities = resolveProfile(rules, profile, catalogue).severities;
  const def = (id: FindingId): FindingDefinition => catalogue.get(id)!;

  const docOrder = new Map<string, number>();
  const docName = new Map<string, string>();
  input.documents.forEach((d, i) => {
    if (!docOrder.has(d.doc.id)) docOrder.set(d.doc.id, i);
    if (!docName.has(d.doc.id)) docName.set(d.doc.id, d.doc.name);
  });
  const sentences = new Map<string, Sentence>();
  for (const d of input.documents) for (const s of d.sentences) sentences.set(s.id, s);
  const claimsByDoc = new Map<string, Claim[]>();
  for (const d of input.documents) claimsByDoc.set(d.doc.id, [...(claimsByDoc.get(d.doc.id) ?? []), ...d.claims]);
  const evidence = new Map(input.evidence.map((e) => [e.id, e]));
  const linksByClaim = new Map<string, Link[]>();
  for (const l of input.links) linksByClaim.set(l.claimId, [...(linksByClaim.get(l.claimId) ?? []), l]);

  const TIER_ORDER: Record<EvidenceRecord['tier'], number> = { harness: 0, declared: 1, 'self-reported': 2 };
  const recordsOf = (link: Link): EvidenceRecord[] => link.evidenceIds.map((id) => evidence.get(id)).filter((e): e is EvidenceRecord => e !== undefined);
  const tierRank = (link: Link): number => Math.min(3, ...recordsOf(link).map((r) => TIER_ORDER[r.tier]));
  /** The finding a link's verdict raises (none for supported / unverified), with its link placeholders. */
  const linkFinding = (link: Link, benchmark: string | undefined, metric: string | undefined, raw: string | undefined): { id: FindingId; params: Record<string, string> } | undefined => {
    const records = recordsOf(link);
    const first = records[0];
    const better = /\bbetter than claimed\b/.test(link.note) || (!/\bworse than claimed\b/.test(link.note) && link.expected !== undefined && link.observed !== undefined && link.observed > link.expected);
    const params = {
      benchmark: benchmark ?? first?.benchmark ?? '?',
      metric: metric ?? first?.metric ?? '?',
      claimed: link.expected !== undefined ? num(link.expected) : (raw ?? '?'),
      observed: num(link.observed),
      tolerance: num(link.tolerance),
      note: link.note,
      evidence: records.length ? [...new Set(records.map((r) => (r.location ? `${r.source} ${r.location}` : r.source)))].join(', ') : 'no record',
      direction: better ? 'better than claimed' : 'worse than claimed',
    };
    switch (link.verdict) {
      case 'contradicted': {
        const fromHarness = records.length === 0 || records.some((r) => r.tier === 'harness');
        if (!fromHarness) return { id: 'model-index-disagreement', params };
        return { id: better ? 'performance-understated' : 'performance-contradicted', params };
      }
      case 'methodology-mismatch':
        return { id: 'number-without-methodology', params: { ...params, missing: link.note } };
      case 'other-model':
        return { id: 'evidence-other-model', params };
      case 'stale':
        return { id: 'evidence-stale', params };
      default:
        return undefined;
    }
  };

  const findings: Finding[] = [];
  const emit = (id: FindingId, location: Location, params: Record<string, string>, related: Location[] = [], cap?: Severity): void => {
    let severity = severities[id];
    if (cap !== undefined && SEVERITY_RANK[cap] < SEVERITY_RANK[severity]) severity = cap;
    if (severity === 'off') return;
    const d = def(id);
    // The remedy is a template too: it names this finding's clause, sentence and numbers (issue 16).
    findings.push({ ruleId: id, severity, message: fill(d.message, params), location, related, remedy: fill(d.remedy, params) });
  };

  const sentenceLocation = (s: Sentence): Location => ({ docId: s.docId, sentenceId: s.id, span: s.span });
  const claimParams = (s: Sentence, c: Claim | undefined): Record<string, string> => ({
    text: quote(s.text),
    document: docName.get(s.docId) ?? s.docId,
    claimType: c?.type ?? 'none',
    label: c?.label ?? 'narrative',
    section: s.sectionPath.join(' > ') || '(top)',
    clause: s.context.clauseRef ?? (s.sectionPath.join(' > ') || '(top)'),
  });

  // Claims: evidence verdicts, weak representations, missing evidence, scope coverage, methodology.
  const rwe = def('representation-without-evidence');
  const scope = def('scope-without-coverage');
  const method = def('number-without-methodology');
  for (const jd of input.documents) {
    const isCard = jd.doc.role === 'model-card';
    for (const claim of jd.claims) {
      const s = sentences.get(claim.sentenceId);
      if (!s) continue;
      const loc = sentenceLocation(s);
      const base = claimParams(s, claim);
      const links = linksByClaim.get(claim.id) ?? [];
      const isRep = claim.label === 'representation';

      if (claim.weak && isRep) emit('vague-superlative', loc, base);

      // One finding per quantity and rule: the link with the strongest evidence wins (one Link per source).
      const seen = new Set<string>();
      for (const link of [...links].sort((a, b) => tierRank(a) - tierRank(b))) {
        const q = link.quantityIndex === undefined ? claim.quantity : claim.quantities[link.quantityIndex];
        const hit = linkFinding(link, q?.benchmark ?? q?.benchmarkText, q?.metric, q?.raw);
        if (!hit) continue;
        const key = `${link.quantityIndex ?? 0}\0${hit.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        emit(hit.id, loc, { ...base, ...hit.params });
      }

      if (!isCard || !isRep || claim.weak) continue;
      const verdicts = new Set(links.map((l) => l.verdict));
      // A comparison row (every number about another model) is not the vendor's claim about its own model.
      const aboutOthers = claim.quantities.length > 0 && claim.quantities.every((q) => q.ownModel === false);
      // Agreeing with the card's own model-index is consistency, not evidence: still a number without evidence.
      if (rwe.claimTypes?.includes(claim.type) && !aboutOthers && links.every((l) => l.verdict === 'unverified' || l.verdict === 'self-consistent')) {
        emit('representation-without-evidence', loc, { ...base, ...withoutEvidenceParams(s, claim) });
      }
      if (scope.claimTypes?.includes(claim.type) && verdicts.has('unverified') && !verdicts.has('supported')) {
        const note = links.find((l) => l.verdict === 'unverified')?.note ?? 'no evidence covers it';
        emit('scope-without-coverage', loc, { ...base, note });
      }
      // Numbers no evidence judged: flag when none of the methodology fields is stated.
      const fields = method.methodologyFields ?? ['shots', 'metric'];
      const unchecked = claim.quantities.filter((q, i) => {
        if ((q.benchmark === undefined && q.benchmarkText === undefined) || q.ownModel === false) return false;
        const own = links.filter((l) => (l.quantityIndex ?? 0) === i);
        if (own.some((l) => l.verdict !== 'unverified')) return false;
        return !fields.some((f) => (f === 'conditions' ? (q.conditions?.length ?? 0) > 0 : q[f] !== undefined));
      });
      if (unchecked.length > 0) {
        emit('number-without-methodology', loc, {
          ...base,
          benchmark: [...new Set(unchecked.map((q) => q.benchmark ?? q.benchmarkText ?? '?'))].join(', '),
          claimed: unchecked.map((q) => q.raw).join(', '),
          missing: `no ${fields.join(' or ')} stated`,
          metric: unchecked[0]!.metric ?? '?',
          observed: '?',
          tolerance: '?',
          note: 'not linked to evidence',
          evidence: 'no record',
        });
      }
    }
  }

  // Model-index entries are claims too: their links carry the declared record's id as claimId.
  const claimIds = new Set(input.documents.flatMap((d) => d.claims.map((c) => c.id)));
  const seenDeclared = new Set<string>();
  for (const link of [...input.links].sort((a, b) => tierRank(a) - tierRank(b))) {
    if (claimIds.has(link.claimId)) continue;
    const rec = evidence.get(link.claimId);
    if (!rec) continue;
    const jd = input.documents.find((d) => link.claimId.startsWith(`${d.doc.id}:`)) ?? input.documents.find((d) => d.doc.name === rec.source);
    if (!jd) continue;
    const hit = linkFinding(link, rec.benchmark, rec.metric, String(rec.rawValue));
    if (!hit) continue;
    const key = `${link.claimId}\0${hit.id}`;
    if (seenDeclared.has(key)) continue;
    seenDeclared.add(key);
    const text = `model-index: ${rec.benchmarkText ?? rec.benchmark} ${rec.metric} ${String(rec.rawValue)}${rec.location ? ` (${rec.location})` : ''}`;
    emit(hit.id, { docId: jd.doc.id }, { text, document: jd.doc.name, claimType: 'performance', label: 'representation', section: 'model-index', clause: 'model-index', ...hit.params });
  }

  // Contract alignments: drift per transformation, whole-document incorporation.
  for (const a of input.alignments) {
    const s = sentences.get(a.contractSentenceId);
    if (!s) continue;
    const claim = (claimsByDoc.get(s.docId) ?? []).find((c) => c.sentenceId === s.id);
    const loc = sentenceLocation(s);
    const base = claimParams(s, claim);
    const card = a.cardSentenceId ? sentences.get(a.cardSentenceId) : undefined;
    if (card) {
      for (const t of a.transformations) {
        if (t.kind === 'verbatim') continue;
        emit(
          `contract-${t.kind}` as FindingId,
          loc,
          {
            ...base,
            cardText: quote(card.text),
            cardDocument: docName.get(card.docId) ?? card.docId,
            // A side with no words (a negation dropped, a hedge removed) reads as such, never as "?".
            from: t.from || t.note || (t.kind === 'negation-flipped' ? 'no negation' : '(nothing)'),
            to: t.to || t.note || (t.kind === 'negation-flipped' ? 'no negation' : '(nothing)'),
            note: t.note ?? '',
            similarity: num(a.similarity),
          },
          [sentenceLocation(card)],
        );
      }
    }
    // A clause that "incorporates" the very document it sits in exposes nothing new.
    if (a.incorporates && a.incorporates.docId !== s.docId) {
      const target = a.incorporates.docId ?? null;
      const exposed = target === null ? 'all' : String((claimsByDoc.get(target) ?? []).filter((c) => c.label === 'representation').length);
      // A document the contract imports that nobody analysed is the reviewer's to act on; one among the inputs
      // has been read, and its representations are listed in this report.
      emit(
        target === null || !docName.has(target) ? 'incorporated-document-missing' : 'whole-document-incorporation',
        loc,
        { ...base, phrase: quote(a.incorporates.phrase), target: target === null ? 'a document not among the inputs' : (docName.get(target) ?? target), exposed },
        target === null || !docName.has(target) ? [] : [{ docId: target }],
      );
    }
  }

  // Documents: input diagnostics (image-only content) and missing limitations sections.
  const image = def('image-only-content');
  const limits = def('missing-limitations');
  for (const jd of input.documents) {
    const name = jd.doc.name;
    for (const d of jd.doc.diagnostics) {
      const loc: Location = { docId: jd.doc.id, ...(d.span ? { span: d.span } : {}) };
      const page = d.span?.kind === 'pdf' ? String(d.span.page) : '?';
      const line = d.span?.kind === 'text' ? String(d.span.line) : '?';
      const place =
        d.span?.kind === 'pdf' ? `page ${d.span.page}` : d.span?.kind === 'docx' ? `paragraph ${d.span.paragraph + 1}` : d.span?.kind === 'text' ? `line ${d.span.line}` : 'an unknown place';
      if (image.diagnosticCodes?.includes(d.code)) emit('image-only-content', loc, { document: name, page, place, code: d.code, diagnostic: d.message });
      else emit('input-diagnostic', loc, { document: name, page, line, place, code: d.code, diagnostic: d.message }, [], DIAGNOSTIC_SEVERITY[d.severity]);
    }
    if (jd.doc.role === 'model-card') {
      const types = limits.claimTypes ?? ['limitation', 'out-of-scope'];
      const words = (limits.headings ?? []).map((w) => w.toLowerCase());
      const byType = jd.claims.some((c) => types.includes(c.type));
      const byHeading = jd.doc.blocks.some((b) => b.kind === 'heading' && words.some((w) => b.text.toLowerCase().includes(w)));
      if (!byType && !byHeading) emit('missing-limitations', { docId: jd.doc.id }, { document: name, claimTypes: types.join(', ') });
    }
  }

  // Inline suppression comments that cannot apply are findings themselves.
  const inline = new Map<string, Suppression[]>();
  for (const jd of input.documents) {
    const text = options.sources?.[jd.doc.id];
    if (text === undefined || inline.has(jd.doc.id)) continue;
    const found = findInlineSuppressions(text);
    inline.set(jd.doc.id, found);
    for (const s of found) {
      if (!s.problem) continue;
      emit('invalid-suppression', { docId: jd.doc.id, ...(s.span ? { span: s.span } : {}) }, { document: jd.doc.name, line: String(s.line ?? '?'), problem: s.problem });
    }
  }

  const ctx = { docName: (id: string) => docName.get(id), sentenceText: (id: string) => sentences.get(id)?.text, inline };
  const suppressed = applySuppressions(findings, options.suppressions ?? [], ctx);

  // One summary per document of the numbers nobody supplied evidence for, counted after suppressions so an
  // accepted number does not count; the numbers themselves keep a note each.
  const summaries: Finding[] = [];
  const hasEvidenceFiles = input.evidence.some((e) => e.tier === 'harness');
  for (const jd of input.documents) {
    const open = suppressed.filter((f) => f.ruleId === 'representation-without-evidence' && !f.suppressed && f.location.docId === jd.doc.id);
    if (open.length === 0) continue;
    const names: string[] = [];
    for (const f of open) {
      const claim = (claimsByDoc.get(jd.doc.id) ?? []).find((c) => c.sentenceId === f.location.sentenceId);
      for (const q of claim?.quantities ?? []) {
        const b = q.benchmark ?? q.benchmarkText;
        if (b !== undefined && q.ownModel !== false && !names.includes(b)) names.push(b);
      }
    }
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
    const before = findings.length;
    emit('evidence-missing-summary', { docId: jd.doc.id }, {
      document: jd.doc.name,
      count: String(open.length),
      benchmarks: shown || 'no benchmark named',
      first: names[0] ?? 'the first number listed',
      advice: hasEvidenceFiles ? 'the evidence supplied does not cover them; add eval files that do' : 'add eval files to check them',
    });
    summaries.push(...findings.slice(before));
  }
  return sortFindings([...suppressed, ...applySuppressions(summaries, options.suppressions ?? [], ctx)], docOrder);
}

/** Placeholders of a representation-without-evidence finding: its own numbers and a hedged wording of its sentence. */
function withoutEvidenceParams(s: Sentence, claim: Claim): Record<string, string> {
  const own = claim.quantities.filter((q) => q.ownModel !== false);
  const numbers = own.map((q) => q.raw).filter(Boolean);
  const benchmarks = [...new Set(own.map((q) => q.benchmark ?? q.benchmarkText).filter((b): b is string => b !== undefined))];
  const q = own.find((x) => x.benchmark !== undefined || x.benchmarkText !== undefined);
  let suggestion: string;
  if (q) {
    const conditions = [q.shots !== undefined ? `${q.shots}-shot` : undefined, q.metric].filter(Boolean).join(', ');
    suggestion = `In our evaluation (${q.benchmark ?? q.benchmarkText}${conditions ? `, ${conditions}` : ''}, <harness and version>, <date>) the model scored ${q.raw}; results on your workload may differ.`;
  } else {
    const t = quote(s.text).replace(/[.;:]+$/, '');
    suggestion = `In our evaluation (<benchmark, harness and date>), ${t.charAt(0).toLowerCase()}${t.slice(1)}; results on your workload may differ.`;
  }
  return {
    numbers: numbers.length ? numbers.join(', ') : 'the figure',
    benchmarks: benchmarks.length ? benchmarks.join(', ') : 'no benchmark named',
    suggestion,
  };
}

/** Sort by document order, then position in the document, then rule id, then message. */
export function sortFindings(findings: Finding[], docOrder: ReadonlyMap<string, number>): Finding[] {
  const keyed = findings.map((f) => ({ f, doc: docOrder.get(f.location.docId) ?? Number.MAX_SAFE_INTEGER, pos: spanKey(f.location.span) }));
  keyed.sort(
    (a, b) =>
      a.doc - b.doc ||
      a.pos[0] - b.pos[0] ||
      a.pos[1] - b.pos[1] ||
      a.pos[2] - b.pos[2] ||
      (a.f.ruleId < b.f.ruleId ? -1 : a.f.ruleId > b.f.ruleId ? 1 : 0) ||
      (a.f.message < b.f.message ? -1 : a.f.message > b.f.message ? 1 : 0),
  );
  return keyed.map((k) => k.f);
}
