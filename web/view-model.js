// @ts-check
/**
 * The report's view model, one implementation for the exports and the web page: lookup tables over
 * one Report (src/model/types.ts), the claims register (one entry per claim, plus the claims a card
 * declares in its metadata), and the words for locations, quantities and verdicts.
 *
 * Plain JavaScript with JSDoc types, no DOM and no Node: the browser loads it as an ES module
 * (/web/view-model.js, served as is by src/api/static.ts), the server imports it from
 * src/report/view.ts (csv, markdown, html, table, sarif), and `tsc` checks it with the rest.
 * The exports and the page show different columns of the same register entries: the exports list
 * every claim with all its verdicts and finding ids; the page adds the declared claims and shows the
 * worst verdict and severity.
 */

/** @typedef {import('../src/model/types.ts').Report} Report */
/** @typedef {import('../src/model/types.ts').Document} Document */
/** @typedef {import('../src/model/types.ts').Sentence} Sentence */
/** @typedef {import('../src/model/types.ts').Claim} Claim */
/** @typedef {import('../src/model/types.ts').Quantity} Quantity */
/** @typedef {import('../src/model/types.ts').Link} Link */
/** @typedef {import('../src/model/types.ts').Alignment} Alignment */
/** @typedef {import('../src/model/types.ts').Transformation} Transformation */
/** @typedef {Report['findings'][number]} Finding a finding as a report holds it */
/** @typedef {import('../src/model/types.ts').EvidenceRecord} EvidenceRecord */
/** @typedef {import('../src/model/types.ts').Location} Location */
/** @typedef {import('../src/model/types.ts').Role} Role */

/** Severity order, worst first. */
export const SEVERITIES = /** @type {readonly string[]} */ (['error', 'warning', 'note', 'off']);
/** Verdict order, worst first (for a claim with several links). */
export const VERDICTS = /** @type {readonly string[]} */ (['contradicted', 'methodology-mismatch', 'other-model', 'stale', 'unverified', 'self-consistent', 'supported']);

/**
 * A list from a report field that may be missing (a report stored by an older version, a hand-built one).
 * @template T
 * @param {T[] | undefined} list
 * @returns {T[]}
 */
function listOf(list) {
  return Array.isArray(list) ? list : [];
}

/**
 * Lookup tables over one report, built once when a report is rendered or an analysis opens.
 * @param {Report} report
 */
export function indexReport(report) {
  const documents = listOf(report.documents);
  const sentences = listOf(report.sentences);
  const claims = listOf(report.claims);
  const evidence = listOf(report.evidence);
  const links = listOf(report.links);
  const alignments = listOf(report.alignments);
  const findings = listOf(report.findings);

  const docById = new Map(documents.map((d) => [d.id, d]));
  const docOrder = new Map(documents.map((d, i) => [d.id, i]));
  const sentenceById = new Map(sentences.map((s) => [s.id, s]));
  const claimBySentence = new Map(claims.map((c) => [c.sentenceId, c]));
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const evidenceById = new Map(evidence.map((e) => [e.id, e]));
  /** @type {Map<string, Link[]>} */
  const linksByClaim = new Map();
  for (const l of links) pushTo(linksByClaim, l.claimId, l);
  /** @type {Map<string, Alignment>} */
  const alignmentByContract = new Map();
  /** @type {Map<string, Alignment[]>} */
  const alignmentsByCard = new Map();
  for (const a of alignments) {
    alignmentByContract.set(a.contractSentenceId, a);
    if (a.cardSentenceId) pushTo(alignmentsByCard, a.cardSentenceId, a);
  }
  /** @type {Map<string, Finding[]>} */
  const findingsBySentence = new Map();
  /** @type {Map<string, Finding[]>} */
  const findingsByDoc = new Map();
  for (const f of findings) {
    const loc = f.location ?? {};
    if (loc.sentenceId) pushTo(findingsBySentence, loc.sentenceId, f);
    else if (loc.docId) pushTo(findingsByDoc, loc.docId, f);
  }
  /** Stable id of each finding ("F1", "F2", ... in report order), the same in every rendering. */
  const findingIds = new Map(findings.map((f, i) => [f, findingId(i)]));
  /** @type {Map<string, Sentence[]>} */
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
    docOrder,
    sentenceById,
    claimBySentence,
    claimById,
    evidenceById,
    linksByClaim,
    alignmentByContract,
    alignmentsByCard,
    findingsBySentence,
    findingsByDoc,
    findingIds,
    sentencesByDoc,
    /** @param {string} role */
    documentsOfRole: (role) => documents.filter((d) => d.role === role),
  };
}

/** @typedef {ReturnType<typeof indexReport>} ReportIndex */

/**
 * Stable id of the i-th finding of a report ("F1", "F2", ...).
 * @param {number} index
 * @returns {string}
 */
export function findingId(index) {
  return `F${index + 1}`;
}

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

// ---------------------------------------------------------------------------------------------
// The claims register

/**
 * What can be said about a claim a card makes in its metadata (a model-index entry), not in a sentence.
 * @typedef {object} DeclaredClaim
 * @property {string} docId
 * @property {string} document document name
 * @property {number} n index of the entry
 * @property {string} location
 * @property {string} text
 * @property {string} quantity
 */

/**
 * One claim of the register, with everything the report says about it.
 * @typedef {object} RegisterEntry
 * @property {string} id claim id (= sentence id; for a declared claim, its record id)
 * @property {string} docId
 * @property {Document | undefined} doc
 * @property {Sentence | undefined} sentence
 * @property {Claim | undefined} claim absent for a declared claim
 * @property {Quantity[]} quantities
 * @property {Link[]} links the claim's evidence links, in report order
 * @property {Finding[]} findings findings on the claim's sentence, suppressed ones included, in report order
 * @property {number} order document order, then sentence order (declared claims after their card's sentences)
 * @property {DeclaredClaim} [declared] set for a claim made in the document's metadata
 */

/**
 * The register: one entry per claim in report order, then the claims the evidence linker found
 * outside sentences (a card's model-index entries).
 * @param {ReportIndex} idx
 * @returns {RegisterEntry[]}
 */
export function registerEntries(idx) {
  const out = idx.claims.map((c) => claimEntry(idx, c));
  for (const [claimId, links] of idx.linksByClaim) {
    if (!idx.claimBySentence.has(claimId)) out.push(declaredEntry(idx, claimId, links));
  }
  return out;
}

/**
 * The register entry of one claim (the evidence panel's subject), or undefined when the report has none.
 * @param {ReportIndex} idx
 * @param {string} claimId
 * @returns {RegisterEntry | undefined}
 */
export function registerEntry(idx, claimId) {
  const claim = idx.claimById.get(claimId);
  if (claim) return claimEntry(idx, claim);
  const links = idx.linksByClaim.get(claimId);
  return links?.length ? declaredEntry(idx, claimId, links) : undefined;
}

/**
 * @param {ReportIndex} idx
 * @param {Claim} c
 * @returns {RegisterEntry}
 */
function claimEntry(idx, c) {
  const sentence = idx.sentenceById.get(c.sentenceId);
  return {
    id: c.id,
    docId: c.docId,
    doc: idx.docById.get(c.docId),
    sentence,
    claim: c,
    quantities: Array.isArray(c.quantities) && c.quantities.length ? c.quantities : c.quantity ? [c.quantity] : [],
    links: idx.linksByClaim.get(c.id) ?? [],
    findings: idx.findingsBySentence.get(c.sentenceId) ?? [],
    order: (idx.docOrder.get(c.docId) ?? 0) * 1e6 + (sentence?.index ?? 0),
  };
}

/**
 * @param {ReportIndex} idx
 * @param {string} claimId
 * @param {Link[]} links
 * @returns {RegisterEntry}
 */
function declaredEntry(idx, claimId, links) {
  const d = declaredClaim(idx, claimId, links);
  return {
    id: claimId,
    docId: d.docId,
    doc: idx.docById.get(d.docId),
    sentence: undefined,
    claim: undefined,
    quantities: [],
    links,
    findings: [],
    order: (idx.docOrder.get(d.docId) ?? 0) * 1e6 + 5e5 + d.n,
    declared: d,
  };
}

/**
 * What can be said about a metadata claim from its links: the linker names such a claim by the id of
 * the card's record of that number, and says in `origin` where the card states it. Links stored
 * before `origin` existed are read from the record id, "<docId>:model-index:<n>".
 * @param {ReportIndex} idx
 * @param {string} claimId
 * @param {Link[]} links
 * @returns {DeclaredClaim}
 */
export function declaredClaim(idx, claimId, links) {
  const origin = links.map((l) => l.origin).find((o) => o && o.kind !== 'sentence');
  const m = /^(.*):([a-z-]+):(\d+)$/.exec(claimId);
  const place = origin && origin.kind !== 'sentence' ? { docId: origin.docId, part: origin.kind === 'code-block' ? 'code' : origin.kind, n: origin.index } : m ? { docId: m[1] ?? '', part: m[2] ?? '', n: Number(m[3]) } : undefined;
  const docId = place?.docId ?? '';
  const doc = idx.docById.get(docId) ?? idx.documents.find((d) => docId && d.id.startsWith(docId));
  const ev = links.flatMap((l) => l.evidenceIds ?? []).map((id) => idx.evidenceById.get(id)).find(Boolean);
  const expected = links.find((l) => typeof l.expected === 'number')?.expected;
  const quantity = [ev?.benchmark, ev?.metric, expected].filter((x) => x !== undefined && x !== '').join(' ');
  return {
    docId: doc?.id ?? docId,
    document: doc?.name ?? docId,
    n: place?.n ?? 0,
    location: place ? `front matter · ${place.part}[${place.n}]` : 'metadata',
    text: `Declared in the ${place ? place.part : 'metadata'}${quantity ? `: ${quantity}` : ''}`,
    quantity,
  };
}

/**
 * One row of the register on the web page.
 * @typedef {object} RegisterRow
 * @property {string} id claim id (= sentence id)
 * @property {string} docId
 * @property {string} document document name
 * @property {string} role
 * @property {string} location
 * @property {number} order document order, then sentence order
 * @property {string} text
 * @property {string} label
 * @property {number} score
 * @property {string} type
 * @property {string} quantity
 * @property {string} verdict worst verdict over the claim's links ('' when none)
 * @property {string[]} verdicts
 * @property {string} severity worst severity over the claim's unsuppressed findings ('' when none)
 * @property {number} findingCount unsuppressed findings
 * @property {string} legalForce
 * @property {boolean} [declared] a claim made in the document's metadata (model-index front matter), not in a sentence
 */

/**
 * The register rows the web page shows: every entry, declared claims included.
 * @param {ReportIndex} idx
 * @returns {RegisterRow[]}
 */
export function buildRows(idx) {
  return registerEntries(idx).map(registerRow);
}

/**
 * @param {RegisterEntry} e
 * @returns {RegisterRow}
 */
function registerRow(e) {
  const verdicts = e.links.map((l) => l.verdict);
  const verdict = worst(verdicts, VERDICTS);
  if (e.declared) {
    return {
      id: e.id,
      docId: e.docId,
      document: e.declared.document,
      role: 'model-card',
      location: e.declared.location,
      order: e.order,
      text: e.declared.text,
      label: 'representation',
      score: 1,
      type: 'performance',
      quantity: e.declared.quantity,
      verdict,
      verdicts,
      severity: '',
      findingCount: 0,
      legalForce: '',
      declared: true,
    };
  }
  const c = /** @type {Claim} */ (e.claim);
  const findings = e.findings.filter((f) => !f.suppressed);
  return {
    id: e.id,
    docId: e.docId,
    document: e.doc?.name ?? e.docId,
    role: e.doc?.role ?? '',
    location: locationText(e.sentence),
    order: e.order,
    text: e.sentence?.text ?? '',
    label: c.label,
    score: typeof c.score === 'number' ? c.score : 0,
    type: c.type,
    quantity: e.quantities.map(quantityText).join('; '),
    verdict,
    verdicts,
    severity: worst(
      findings.map((f) => f.severity),
      SEVERITIES,
    ),
    findingCount: findings.length,
    legalForce: c.legalForce ?? '',
  };
}

/**
 * One row of the claims register in the exports (CSV, Markdown, HTML).
 * @typedef {object} ClaimRow
 * @property {string} document
 * @property {string} documentSha256
 * @property {string} location
 * @property {string} sentenceId
 * @property {string} text
 * @property {string} label
 * @property {string} claimType
 * @property {number} score
 * @property {string} quantity
 * @property {string} verdict
 * @property {string} contractClause
 * @property {string} findingIds
 */

/**
 * The register rows the exports show: one per claim in report order (declared claims are not rows:
 * their links are listed with the evidence), every verdict with its numbers, every finding id.
 * @param {ReportIndex} idx
 * @returns {ClaimRow[]}
 */
export function claimRows(idx) {
  return registerEntries(idx).flatMap((e) => (e.claim ? [claimRow(idx, e, e.claim)] : []));
}

/**
 * @param {ReportIndex} idx
 * @param {RegisterEntry} e
 * @param {Claim} c
 * @returns {ClaimRow}
 */
function claimRow(idx, e, c) {
  const s = e.sentence;
  const own = s?.context.clauseRef;
  const clauses = e.doc?.role === 'contract' ? (own ? [own] : []) : contractClausesOf(idx, c.sentenceId);
  return {
    document: e.doc?.name ?? c.docId,
    documentSha256: c.docId,
    location: s ? fullLocationText(idx, { docId: c.docId, sentenceId: s.id, span: s.span }) : (e.doc?.name ?? c.docId),
    sentenceId: c.sentenceId,
    text: s?.text ?? '',
    label: c.label,
    claimType: c.type,
    score: c.score,
    quantity: c.quantities.map(fullQuantityText).join('; '),
    verdict: e.links.map(verdictText).join('; '),
    contractClause: [...new Set(clauses)].join('; '),
    findingIds: e.findings.map((f) => `${idx.findingIds.get(f)}:${f.ruleId}${f.suppressed ? ' (suppressed)' : ''}`).join('; '),
  };
}

/**
 * The contract clauses that take a card sentence as their source: "msa.docx §4.2".
 * @param {ReportIndex} idx
 * @param {string} cardSentenceId
 * @returns {string[]}
 */
export function contractClausesOf(idx, cardSentenceId) {
  /** @type {string[]} */
  const out = [];
  for (const a of idx.alignmentsByCard.get(cardSentenceId) ?? []) {
    const cs = idx.sentenceById.get(a.contractSentenceId);
    if (!cs) continue;
    out.push(`${docName(idx, cs.docId)} ${cs.context.clauseRef ?? (cs.sectionPath.join(' > ') || fullLocationText(idx, { docId: cs.docId, span: cs.span }))}`);
  }
  return out;
}

/**
 * @typedef {object} RegisterQuery
 * @property {string} [label]
 * @property {string} [type]
 * @property {string} [verdict] a verdict, or 'none' for claims without evidence links
 * @property {string} [severity] a severity, or 'none' for claims without findings
 * @property {string} [search] words to find in text, document, location, quantity
 * @property {keyof RegisterRow} [sort]
 * @property {'asc' | 'desc'} [dir]
 */

/**
 * Filter, search and sort register rows.
 * @param {RegisterRow[]} rows
 * @param {RegisterQuery} q
 * @returns {RegisterRow[]}
 */
export function queryRows(rows, q) {
  const words = (q.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const out = rows.filter((r) => {
    if (q.label && r.label !== q.label) return false;
    if (q.type && r.type !== q.type) return false;
    if (q.verdict && (q.verdict === 'none' ? r.verdicts.length > 0 : !r.verdicts.includes(q.verdict))) return false;
    if (q.severity && (q.severity === 'none' ? r.findingCount > 0 : r.severity !== q.severity)) return false;
    if (words.length) {
      const hay = `${r.text} ${r.document} ${r.location} ${r.quantity} ${r.type} ${r.label}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
  const key = q.sort ?? 'order';
  const dir = q.dir === 'desc' ? -1 : 1;
  const rank = (/** @type {RegisterRow} */ r) => {
    if (key === 'verdict') return r.verdict ? VERDICTS.indexOf(r.verdict) : VERDICTS.length;
    if (key === 'severity' || key === 'findingCount') return r.severity ? SEVERITIES.indexOf(r.severity) * 1000 - r.findingCount : 1e6;
    if (key === 'location') return r.order;
    return r[key];
  };
  return out
    .map((r) => ({ r, k: rank(r) }))
    .sort((a, b) => {
      const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k));
      return c * dir || a.r.order - b.r.order;
    })
    .map((x) => x.r);
}

/**
 * The distinct values of a field, for filter selects.
 * @param {RegisterRow[]} rows
 * @param {(r: RegisterRow) => string[]} pick
 * @param {readonly string[]} [order]
 * @returns {string[]}
 */
export function distinct(rows, pick, order = []) {
  const set = new Set(rows.flatMap(pick).filter(Boolean));
  return [...set].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
    return a.localeCompare(b);
  });
}

// ---------------------------------------------------------------------------------------------
// Words

/**
 * The worst of a list of values by an order (first = worst).
 * @param {readonly string[]} values
 * @param {readonly string[]} order
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

/**
 * Name of a document, or its id when the report does not hold it.
 * @param {ReportIndex} idx
 * @param {string} docId
 * @returns {string}
 */
export function docName(idx, docId) {
  return idx.docById.get(docId)?.name ?? listOf(idx.report.inputs).find((i) => i.sha256 === docId)?.name ?? docId;
}

/**
 * Where a sentence is within its document, as the page shows it beside the document's name:
 * section (unless left out), clause reference, page, line ("Evaluation · line 3", "Schedule B §2.1 · p. 4").
 * @param {Pick<Sentence, 'span' | 'sectionPath'> & {context?: Sentence['context']} | undefined} sentence
 * @param {{section?: boolean}} [options] section: false when a heading above already names it
 * @returns {string}
 */
export function locationText(sentence, options = {}) {
  if (!sentence) return '';
  /** @type {string[]} */
  const parts = [];
  const ref = sentence.context?.clauseRef;
  if (ref) parts.push(ref);
  const span = sentence.span;
  if (span?.kind === 'pdf') parts.push(span.endPage && span.endPage !== span.page ? `pp. ${span.page}–${span.endPage}` : `p. ${span.page}`);
  else if (span?.kind === 'text') parts.push(`line ${span.line}`);
  else if (span?.kind === 'docx') parts.push(`¶ ${span.paragraph + 1}`);
  const section = Array.isArray(sentence.sectionPath) ? sentence.sectionPath[sentence.sectionPath.length - 1] : undefined;
  if (options.section !== false && !ref && section) parts.unshift(section);
  return parts.join(' · ');
}

/**
 * A location in words the exports print, naming the document: "card.md:12:3", "card.pdf p. 4",
 * "contract.docx ¶ 7", or the name alone.
 * @param {ReportIndex} idx
 * @param {Location} loc
 * @returns {string}
 */
export function fullLocationText(idx, loc) {
  const name = docName(idx, loc.docId);
  const span = loc.span ?? (loc.sentenceId ? idx.sentenceById.get(loc.sentenceId)?.span : undefined);
  if (!span) return name;
  switch (span.kind) {
    case 'text':
      return `${name}:${span.line}:${span.column}`;
    case 'pdf':
      return span.endPage && span.endPage !== span.page ? `${name} pp. ${span.page}-${span.endPage}` : `${name} p. ${span.page}`;
    case 'docx':
      return `${name} ¶ ${span.paragraph + 1}`;
  }
}

/**
 * A quantity in words as the page shows it: "MMLU accuracy 68.4 (5-shot)", "GSM8K exact-match >= 52.3%".
 * @param {Partial<Quantity> | undefined} q
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
 * A quantity in words as the exports print it, with every condition: "MMLU accuracy 68.4 (5-shot, test)".
 * @param {Quantity} q
 * @returns {string}
 */
export function fullQuantityText(q) {
  const conds = [q.shots !== undefined ? `${q.shots}-shot` : undefined, q.split, ...(q.conditions ?? [])].filter((c) => !!c);
  const head = [q.benchmark ?? q.benchmarkText, q.metric, `${q.comparator && q.comparator !== '=' ? q.comparator : ''}${q.raw}`].filter(Boolean).join(' ');
  const model = q.model && !q.ownModel ? ` [${q.model}]` : '';
  return `${head}${conds.length ? ` (${conds.join(', ')})` : ''}${model}`;
}

/**
 * A link's verdict in words: "contradicted (claimed 15.16, observed 39.5)".
 * @param {Link} l
 * @returns {string}
 */
export function verdictText(l) {
  const nums = l.expected !== undefined || l.observed !== undefined ? ` (claimed ${fmt(l.expected)}, observed ${fmt(l.observed)}${l.tolerance !== undefined ? `, ±${fmt(l.tolerance)}` : ''})` : '';
  return `${l.verdict}${nums}`;
}

/** @param {number | undefined} n */
function fmt(n) {
  return n === undefined ? '?' : String(Math.round(n * 10_000) / 10_000);
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
