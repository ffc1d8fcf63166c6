// @ts-check
/**
 * The findings view (issue 16): grouped by document, contract documents first (what a clause changed is
 * what a lawyer acts on), then by severity, worst first; suppressed findings stay visible in their own
 * group. Filters like the register's: severity, document, rule, and words in the message.
 */
import { h, replace } from './dom.js';
import { SEVERITIES, locationText } from './view-model.js';
import { findingItem } from './evidence-panel.js';
import { severityIcon } from './review.js';

/** Document roles in the order their findings are shown. */
const ROLE_ORDER = ['contract', 'model-card', 'evidence'];

/** @typedef {import('./view-model.js').ReportIndex} ReportIndex */
/** @typedef {import('./view-model.js').Finding} Finding */
/** @typedef {{showInDocument: (sentenceId: string) => void, openClaim: (claimId: string) => void}} FindingsContext */
/** @typedef {{f: Finding, i: number, doc: import('./view-model.js').Document | undefined}} Entry a finding, its place in the report, its document */
/** @typedef {{severity?: string, doc?: string, rule?: string, search?: string}} FindingsQuery */

/**
 * @param {HTMLElement} panel
 * @param {ReportIndex} idx
 * @param {FindingsContext} ctx
 */
export function renderFindings(panel, idx, ctx) {
  if (!idx.findings.length) {
    replace(panel, h('p', { class: 'empty' }, 'No findings: nothing in these documents matched a finding rule.'));
    return;
  }
  const all = findingEntries(idx);
  /** @type {FindingsQuery} */
  const q = {};
  const status = h('p', { class: 'muted', id: 'findings-status', 'aria-live': 'polite' });
  const list = h('div', { id: 'findings-groups' });
  const update = () => {
    const shown = all.filter((x) => findingMatches(x, q));
    replace(status, `${shown.length} of ${all.length} findings`);
    const groups = findingGroups(shown);
    replace(list, groups.length === 0 ? h('p', { class: 'empty' }, 'No finding matches these filters.') : null, groups.map((g) => groupSection(g, idx, ctx)));
  };
  replace(panel, findingFilters(all, q, update), status, list);
  // The id the rest of the page (and its tests) use for the list of findings.
  list.setAttribute('data-list', 'findings');
  list.id = 'findings-list';
  update();
}

/**
 * Every finding with its place in the report and its document.
 * @param {ReportIndex} idx
 * @returns {Entry[]}
 */
function findingEntries(idx) {
  return idx.findings.map((f, i) => {
    const sid = f.location?.sentenceId;
    const s = sid ? idx.sentenceById.get(sid) : undefined;
    return { f, i, doc: idx.docById.get(f.location?.docId ?? s?.docId ?? '') };
  });
}

/**
 * @param {Entry} x
 * @param {FindingsQuery} q
 */
function findingMatches(x, q) {
  return (
    (!q.severity || (q.severity === 'suppressed' ? Boolean(x.f.suppressed) : !x.f.suppressed && x.f.severity === q.severity)) &&
    (!q.doc || x.doc?.id === q.doc) &&
    (!q.rule || x.f.ruleId === q.rule) &&
    (!q.search || `${x.f.message} ${x.f.remedy ?? ''} ${x.f.ruleId}`.toLowerCase().includes(q.search))
  );
}

/**
 * Findings grouped by document, contract documents first, then in report order.
 * @param {Entry[]} shown
 * @returns {Array<{doc: Entry['doc'], items: Entry[]}>}
 */
function findingGroups(shown) {
  /** @type {Map<string, {doc: Entry['doc'], items: Entry[]}>} */
  const byDoc = new Map();
  for (const x of shown) {
    const key = x.doc?.id ?? '';
    if (!byDoc.has(key)) byDoc.set(key, { doc: x.doc, items: [] });
    byDoc.get(key)?.items.push(x);
  }
  const roleRank = (/** @type {Entry['doc']} */ d) => (d ? Math.max(0, ROLE_ORDER.indexOf(d.role)) : ROLE_ORDER.length);
  return [...byDoc.values()].sort((a, b) => roleRank(a.doc) - roleRank(b.doc) || (a.items[0]?.i ?? 0) - (b.items[0]?.i ?? 0));
}

/**
 * The filter selects (each option with its count) and the search box; `update` runs on every change.
 * @param {Entry[]} all
 * @param {FindingsQuery} q
 * @param {() => void} update
 */
function findingFilters(all, q, update) {
  const count = (/** @type {(x: Entry) => boolean} */ pred) => all.filter(pred).length;
  const select = (/** @type {string} */ id, /** @type {string} */ label, /** @type {string} */ allLabel, /** @type {Array<[string, string]>} */ options, /** @type {'severity'|'doc'|'rule'} */ key) => {
    const el = h('select', { id, name: key }, h('option', { value: '' }, allLabel), options.map(([v, text]) => h('option', { value: v }, text)));
    el.addEventListener('change', () => {
      q[key] = /** @type {HTMLSelectElement} */ (el).value || undefined;
      update();
    });
    return h('div', { class: 'filter' }, h('label', { for: id }, label), el);
  };
  /** @type {Array<[string, string]>} */
  const severities = SEVERITIES.filter((s) => all.some((x) => !x.f.suppressed && x.f.severity === s)).map((s) => [s, `${severityIcon(s)} ${s} (${count((x) => !x.f.suppressed && x.f.severity === s)})`]);
  if (all.some((x) => x.f.suppressed)) severities.push(['suppressed', `Suppressed (${count((x) => Boolean(x.f.suppressed))})`]);
  /** @type {Array<[string, string]>} */
  const docs = [...new Map(all.flatMap((x) => (x.doc ? [[x.doc.id, x.doc]] : []))).values()].map((d) => [d.id, `${d.name} (${count((x) => x.doc?.id === d.id)})`]);
  /** @type {Array<[string, string]>} */
  const rules = [...new Set(all.map((x) => x.f.ruleId))].sort().map((r) => [r, `${r} (${count((x) => x.f.ruleId === r)})`]);
  const search = h('input', { id: 'findings-search', type: 'search', placeholder: 'Words in the message or remedy…', autocomplete: 'off' });
  search.addEventListener('input', () => {
    q.search = /** @type {HTMLInputElement} */ (search).value.trim().toLowerCase() || undefined;
    update();
  });
  return h(
    'div',
    { class: 'filters', id: 'findings-filters' },
    select('findings-filter-severity', 'Severity', 'All severities', severities, 'severity'),
    select('findings-filter-doc', 'Document', 'All documents', docs, 'doc'),
    select('findings-filter-rule', 'Rule', 'All rules', rules, 'rule'),
    h('div', { class: 'filter filter-search' }, h('label', { for: 'findings-search' }, 'Search'), search),
  );
}

/**
 * One document's findings, in bands by severity (worst first), suppressed last.
 * @param {{doc: Entry['doc'], items: Entry[]}} g
 * @param {ReportIndex} idx
 * @param {FindingsContext} ctx
 */
function groupSection(g, idx, ctx) {
  const name = g.doc?.name ?? 'Analysis';
  const role = g.doc?.role === 'contract' ? 'contract' : g.doc?.role === 'model-card' ? 'model card' : (g.doc?.role ?? '');
  const bands = [...SEVERITIES.map((s) => ({ key: s, title: s, items: g.items.filter((x) => !x.f.suppressed && x.f.severity === s) })), { key: 'suppressed', title: 'suppressed', items: g.items.filter((x) => x.f.suppressed) }].filter((b) => b.items.length > 0);
  return h(
    'section',
    { class: 'findings-doc', dataset: { doc: name, role: g.doc?.role ?? '' } },
    h('h3', null, name, role ? h('span', { class: 'muted' }, ` · ${role}`) : null, h('span', { class: 'muted' }, ` · ${g.items.length} finding${g.items.length === 1 ? '' : 's'}`)),
    bands.map((b) =>
      h(
        'section',
        { class: `findings-band band-${b.key}`, dataset: { severity: b.key } },
        h('h4', null, `${b.key === 'suppressed' ? '' : `${severityIcon(b.key)} `}${b.title} (${b.items.length})`),
        h('ol', { class: 'findings' }, b.items.map((x) => findingListItem(x.f, idx, ctx))),
      ),
    ),
  );
}

/**
 * One finding with where it is and the ways to see it in context.
 * @param {Finding} f
 * @param {ReportIndex} idx
 * @param {FindingsContext} ctx
 */
function findingListItem(f, idx, ctx) {
  const sid = f.location?.sentenceId;
  const s = sid ? idx.sentenceById.get(sid) : undefined;
  const li = findingItem(f);
  li.append(
    h(
      'p',
      { class: 'finding-where' },
      s ? locationText(s) : 'Whole document',
      s ? ' ' : null,
      s ? h('button', { type: 'button', class: 'link-button', onclick: () => ctx.showInDocument(s.id) }, 'Show in document') : null,
      s && idx.claimBySentence.has(s.id) ? ' ' : null,
      s && idx.claimBySentence.has(s.id) ? h('button', { type: 'button', class: 'link-button', onclick: () => ctx.openClaim(s.id) }, 'Open in register') : null,
    ),
    // Node.append would write a null as the text "null": a finding on a whole document has no quote.
    ...(s ? [h('blockquote', { class: 'finding-quote' }, s.text)] : []),
  );
  return li;
}
