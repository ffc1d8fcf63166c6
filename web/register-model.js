/**
 * The claims register as data: one row per claim, and the filter/sort/search over rows.
 * Pure: no DOM, so it is tested in Node as well as in the browser.
 */
import { SEVERITIES, VERDICTS, locationText, quantityText, worst } from './report-index.js';

/**
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
 * @property {string} severity worst severity over the claim's findings ('' when none)
 * @property {number} findingCount
 * @property {string} legalForce
 * @property {boolean} [declared] a claim made in the document's metadata (model-index front matter), not in a sentence
 */

/**
 * Build the register rows.
 * @param {import('./report-index.js').ReportIndex} idx
 * @returns {RegisterRow[]}
 */
export function buildRows(idx) {
  const docOrder = new Map(idx.documents.map((d, i) => [d.id, i]));
  const rows = idx.claims.map((c) => {
    const s = idx.sentenceById.get(c.sentenceId);
    const doc = idx.docById.get(c.docId);
    const verdicts = (idx.linksByClaim.get(c.id) ?? []).map((l) => l.verdict);
    const findings = (idx.findingsBySentence.get(c.sentenceId) ?? []).filter((f) => !f.suppressed);
    const quantities = Array.isArray(c.quantities) && c.quantities.length ? c.quantities : c.quantity ? [c.quantity] : [];
    return {
      id: c.id,
      docId: c.docId,
      document: doc?.name ?? c.docId,
      role: doc?.role ?? '',
      location: locationText(s),
      order: (docOrder.get(c.docId) ?? 0) * 1e6 + (s?.index ?? 0),
      text: s?.text ?? '',
      label: c.label,
      score: typeof c.score === 'number' ? c.score : 0,
      type: c.type,
      quantity: quantities.map(quantityText).join('; '),
      verdict: worst(verdicts, VERDICTS),
      verdicts,
      severity: worst(findings.map((f) => f.severity), SEVERITIES),
      findingCount: findings.length,
      legalForce: c.legalForce ?? '',
    };
  });
  return rows.concat(declaredRows(idx, docOrder));
}

/**
 * Rows for claims the evidence linker found outside sentences (a card's model-index entries):
 * their links name a claim id that is no sentence, "<docId>:model-index:<n>".
 * @param {import('./report-index.js').ReportIndex} idx
 * @param {Map<string, number>} docOrder
 * @returns {RegisterRow[]}
 */
export function declaredRows(idx, docOrder) {
  /** @type {RegisterRow[]} */
  const out = [];
  for (const [claimId, links] of idx.linksByClaim) {
    if (idx.claimBySentence.has(claimId)) continue;
    const d = declaredClaim(idx, claimId, links);
    const verdicts = links.map((l) => l.verdict);
    out.push({
      id: claimId,
      docId: d.docId,
      document: d.document,
      role: 'model-card',
      location: d.location,
      order: (docOrder.get(d.docId) ?? 0) * 1e6 + 5e5 + d.n,
      text: d.text,
      label: 'representation',
      score: 1,
      type: 'performance',
      quantity: d.quantity,
      verdict: worst(verdicts, VERDICTS),
      verdicts,
      severity: '',
      findingCount: 0,
      legalForce: '',
      declared: true,
    });
  }
  return out;
}

/**
 * What can be said about a metadata claim from its id and links.
 * @param {import('./report-index.js').ReportIndex} idx
 * @param {string} claimId
 * @param {any[]} links
 */
export function declaredClaim(idx, claimId, links) {
  const m = /^(.*):([a-z-]+):(\d+)$/.exec(claimId);
  const docId = m ? m[1] : '';
  const doc = idx.docById.get(docId) ?? idx.documents.find((d) => docId && d.id.startsWith(docId));
  const n = m ? Number(m[3]) : 0;
  const ev = links.flatMap((l) => l.evidenceIds ?? []).map((id) => idx.evidenceById.get(id)).find(Boolean);
  const expected = links.find((l) => typeof l.expected === 'number')?.expected;
  const quantity = [ev?.benchmark, ev?.metric, expected].filter((x) => x !== undefined && x !== '').join(' ');
  return {
    docId: doc?.id ?? docId,
    document: doc?.name ?? docId,
    n,
    location: m ? `front matter · ${m[2]}[${m[3]}]` : 'metadata',
    text: `Declared in the ${m ? m[2] : 'metadata'}${quantity ? `: ${quantity}` : ''}`,
    quantity,
  };
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
 * Filter, search and sort rows.
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
 * @param {string[]} [order]
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
