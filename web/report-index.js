/**
 * Lookup tables over one Report (src/model/types.ts), built once when an analysis opens.
 * Pure: no DOM. Every view reads the report through this index.
 */

/** Severity order, worst first. */
export const SEVERITIES = ['error', 'warning', 'note', 'off'];
/** Verdict order, worst first (for a claim with several links). */
export const VERDICTS = ['contradicted', 'methodology-mismatch', 'other-model', 'stale', 'unverified', 'self-consistent', 'supported'];

/**
 * @param {any} report
 */
export function indexReport(report) {
  const documents = Array.isArray(report.documents) ? report.documents : [];
  const sentences = Array.isArray(report.sentences) ? report.sentences : [];
  const claims = Array.isArray(report.claims) ? report.claims : [];
  const evidence = Array.isArray(report.evidence) ? report.evidence : [];
  const links = Array.isArray(report.links) ? report.links : [];
  const alignments = Array.isArray(report.alignments) ? report.alignments : [];
  const findings = Array.isArray(report.findings) ? report.findings : [];

  const docById = new Map(documents.map((d) => [d.id, d]));
  const sentenceById = new Map(sentences.map((s) => [s.id, s]));
  const claimBySentence = new Map(claims.map((c) => [c.sentenceId, c]));
  const evidenceById = new Map(evidence.map((e) => [e.id, e]));
  /** @type {Map<string, any[]>} */
  const linksByClaim = new Map();
  for (const l of links) pushTo(linksByClaim, l.claimId, l);
  /** @type {Map<string, any>} */
  const alignmentByContract = new Map();
  /** @type {Map<string, any[]>} */
  const alignmentsByCard = new Map();
  for (const a of alignments) {
    alignmentByContract.set(a.contractSentenceId, a);
    if (a.cardSentenceId) pushTo(alignmentsByCard, a.cardSentenceId, a);
  }
  /** @type {Map<string, any[]>} */
  const findingsBySentence = new Map();
  /** @type {Map<string, any[]>} */
  const findingsByDoc = new Map();
  for (const f of findings) {
    const loc = f.location ?? {};
    if (loc.sentenceId) pushTo(findingsBySentence, loc.sentenceId, f);
    else if (loc.docId) pushTo(findingsByDoc, loc.docId, f);
  }
  /** @type {Map<string, any[]>} */
  const sentencesByDoc = new Map();
  for (const s of sentences) pushTo(sentencesByDoc, s.docId, s);
  for (const list of sentencesByDoc.values()) list.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));

  return {
    report,
    documents,
    sentences,
    claims,
    evidence,
    links,
    alignments,
    findings,
    docById,
    sentenceById,
    claimBySentence,
    evidenceById,
    linksByClaim,
    alignmentByContract,
    alignmentsByCard,
    findingsBySentence,
    findingsByDoc,
    sentencesByDoc,
    /** @param {string} role */
    documentsOfRole: (role) => documents.filter((d) => d.role === role),
  };
}

/** @typedef {ReturnType<typeof indexReport>} ReportIndex */

/**
 * @template T
 * @param {Map<string, T[]>} map
 * @param {string} key
 * @param {T} value
 */
function pushTo(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Where a sentence is, in words: section (unless left out), clause reference, page, line.
 * @param {any} sentence
 * @param {{section?: boolean}} [options] section: false when a heading above already names it
 * @returns {string}
 */
export function locationText(sentence, options = {}) {
  if (!sentence) return '';
  const parts = [];
  const ref = sentence.context?.clauseRef;
  if (ref) parts.push(ref);
  const span = sentence.span;
  if (span?.kind === 'pdf') parts.push(span.endPage && span.endPage !== span.page ? `pp. ${span.page}–${span.endPage}` : `p. ${span.page}`);
  else if (span?.kind === 'text') parts.push(`line ${span.line}`);
  else if (span?.kind === 'docx') parts.push(`¶ ${span.paragraph + 1}`);
  if (options.section !== false && !ref && Array.isArray(sentence.sectionPath) && sentence.sectionPath.length) parts.unshift(sentence.sectionPath[sentence.sectionPath.length - 1]);
  return parts.join(' · ');
}

/**
 * A quantity in words: "MMLU accuracy 68.4 (5-shot)".
 * @param {any} q
 * @returns {string}
 */
export function quantityText(q) {
  if (!q) return '';
  const head = [q.benchmark ?? q.benchmarkText, q.metric].filter(Boolean).join(' ');
  const value = `${q.comparator && q.comparator !== '=' ? `${q.comparator} ` : ''}${q.raw ?? q.value}${q.unit && !String(q.raw ?? '').includes(q.unit) ? ` ${q.unit}` : ''}`;
  const cond = [q.shots !== undefined ? `${q.shots}-shot` : '', q.split ?? '', q.model && q.ownModel === false ? `model ${q.model}` : ''].filter(Boolean).join(', ');
  return [head, value].filter(Boolean).join(' ') + (cond ? ` (${cond})` : '');
}

/**
 * The worst of a list of values by an order (first = worst).
 * @param {string[]} values
 * @param {string[]} order
 * @returns {string}
 */
export function worst(values, order) {
  let best = '';
  let rank = Infinity;
  for (const v of values) {
    const r = order.indexOf(v);
    const rr = r < 0 ? order.length : r;
    if (rr < rank) {
      rank = rr;
      best = v;
    }
  }
  return best;
}

/** Words for a transformation kind. */
export const TRANSFORMATION_WORDS = /** @type {Record<string, string>} */ ({
  verbatim: 'Quoted verbatim',
  'hedge-removed': 'Hedge removed',
  'modality-strengthened': 'Modality strengthened',
  'number-changed': 'Number changed',
  'scope-broadened': 'Scope broadened',
  'qualifier-dropped': 'Qualifier dropped',
  'negation-flipped': 'Negation flipped',
});

/** Words for a verdict. */
export const VERDICT_WORDS = /** @type {Record<string, string>} */ ({
  supported: 'Supported',
  // The card agrees with its own model-index: consistency, not independent evidence (issue 16).
  'self-consistent': 'Self-consistent (card only)',
  contradicted: 'Contradicted',
  'methodology-mismatch': 'Methodology mismatch',
  'other-model': 'Other model',
  stale: 'Stale',
  unverified: 'Unverified',
});
