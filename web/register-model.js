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
 */

/**
 * Build the register rows.
 * @param {import('./report-index.js').ReportIndex} idx
 * @returns {RegisterRow[]}
 */
export function buildRows(idx) {
  const docOrder = new Map(idx.documents.map((d, i) => [d.id, i]));
  return idx.claims.map((c) => {
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
