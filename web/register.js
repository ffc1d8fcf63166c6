// @ts-check
/**
 * The claims register: one table of every claim, filterable by label, claim type, evidence verdict
 * and severity, sortable by column, searchable; selecting a row opens the evidence panel.
 */
import { h, replace } from './dom.js';
import { attachRoving } from './roving.js';
import { fmtScore } from './cue-tip.js';
import { SEVERITIES, VERDICTS, VERDICT_WORDS, buildRows, distinct, queryRows } from './view-model.js';
import { renderEvidencePanel } from './evidence-panel.js';
import { LABEL_ICON, severityIcon } from './review.js';

/** Columns: key, heading. */
const COLUMNS = /** @type {const} */ ([
  ['location', 'Where'],
  ['text', 'Text'],
  ['label', 'Label'],
  ['type', 'Claim type'],
  ['quantity', 'Quantity'],
  ['verdict', 'Verdict'],
  ['severity', 'Findings'],
]);

/** @typedef {import('./view-model.js').RegisterRow} RegisterRow */
/** @typedef {import('./view-model.js').RegisterQuery} RegisterQuery */
/** @typedef {'label' | 'type' | 'verdict' | 'severity'} FilterKey */

/**
 * The register's state, shared by the functions that build and update it.
 * @typedef {object} Register
 * @property {HTMLElement} panel
 * @property {import('./view-model.js').ReportIndex} idx
 * @property {{showInDocument: (sentenceId: string) => void, query: RegisterQuery, selected: string}} ctx
 * @property {RegisterRow[]} rows every row, unfiltered
 * @property {RegisterQuery} q the filters, search and sort (kept by the caller)
 * @property {HTMLElement} countLine
 * @property {HTMLElement} headRow
 * @property {HTMLElement} tbody
 * @property {HTMLElement} side the evidence panel
 */

/**
 * Render the register into `panel`.
 * @param {HTMLElement} panel
 * @param {import('./view-model.js').ReportIndex} idx
 * @param {{showInDocument: (sentenceId: string) => void, query: RegisterQuery, selected: string}} ctx
 *   `query` and `selected` are kept by the caller so they survive switching views.
 */
export function renderRegister(panel, idx, ctx) {
  const headRow = h('tr', null);
  const tbody = h('tbody', { id: 'register-rows' });
  /** @type {Register} */
  const r = {
    panel,
    idx,
    ctx,
    rows: buildRows(idx),
    q: ctx.query,
    countLine: h('p', { class: 'register-count', id: 'register-count', role: 'status', 'aria-live': 'polite' }),
    headRow,
    tbody,
    side: h('aside', { class: 'evidence-panel', id: 'evidence-panel', 'aria-label': 'Evidence for the selected claim', tabindex: '-1' }),
  };
  const table = h('table', { class: 'register', id: 'register-table' }, h('caption', { class: 'visually-hidden' }, 'Claims register. Use the arrow keys to move between rows; Enter or Space opens the evidence for a claim.'), h('thead', null, headRow), tbody);
  renderHead(r);
  updateRows(r);
  replace(panel, filterBar(r), r.countLine, h('div', { class: 'register-layout' }, h('div', { class: 'table-wrap' }, table), r.side));
  attachRoving(tbody, 'tr[data-cid]', (tr) => {
    selectRow(r, tr.dataset.cid ?? '');
    revealPanel(r.side);
  });
  if (ctx.selected && idx.claimBySentence.has(ctx.selected)) selectRow(r, ctx.selected);
  else renderEvidencePanel(r.side, idx, '', ctx.showInDocument);
  return { select: (/** @type {string} */ id) => selectRow(r, id) };
}

/**
 * The search box, the filter selects (each option with its count) and the reset button.
 * @param {Register} r
 */
function filterBar(r) {
  const { rows, q } = r;
  const counts = (/** @type {(r: RegisterRow) => boolean} */ pred) => rows.filter(pred).length;
  /** @type {Array<[string, string]>} */
  const labels = [
    ['representation', `${LABEL_ICON.representation} Representation (${counts((x) => x.label === 'representation')})`],
    ['narrative', `${LABEL_ICON.narrative} Narrative (${counts((x) => x.label === 'narrative')})`],
  ];
  /** @type {Array<[string, string]>} */
  const types = distinct(rows, (x) => [x.type]).map((t) => [t, `${t} (${counts((x) => x.type === t)})`]);
  /** @type {Array<[string, string]>} */
  const verdicts = distinct(rows, (x) => x.verdicts, VERDICTS).map((v) => [v, `${VERDICT_WORDS[v] ?? v} (${counts((x) => x.verdicts.includes(v))})`]);
  verdicts.push(['none', `No evidence (${counts((x) => x.verdicts.length === 0)})`]);
  /** @type {Array<[string, string]>} */
  const severities = distinct(rows, (x) => [x.severity], SEVERITIES).map((s) => [s, `${severityIcon(s)} ${s} (${counts((x) => x.severity === s)})`]);
  severities.push(['none', `No findings (${counts((x) => x.findingCount === 0)})`]);

  const reset = h('button', { type: 'button', id: 'register-reset' }, 'Clear filters');
  reset.addEventListener('click', () => {
    for (const k of /** @type {const} */ (['label', 'type', 'verdict', 'severity', 'search'])) delete q[k];
    renderRegister(r.panel, r.idx, r.ctx);
  });
  return h(
    'div',
    { class: 'filters', role: 'search', 'aria-label': 'Filter claims' },
    h('div', { class: 'filter filter-search' }, h('label', { for: 'register-search' }, 'Search'), searchBox(r)),
    filterSelect(r, 'filter-label', 'Label', 'All labels', labels, 'label'),
    filterSelect(r, 'filter-type', 'Claim type', 'All types', types, 'type'),
    filterSelect(r, 'filter-verdict', 'Evidence verdict', 'All verdicts', verdicts, 'verdict'),
    filterSelect(r, 'filter-severity', 'Finding severity', 'All severities', severities, 'severity'),
    h('div', { class: 'filter filter-reset' }, reset),
  );
}

/**
 * @param {Register} r
 * @param {string} id
 * @param {string} label
 * @param {string} allLabel
 * @param {Array<[string, string]>} options
 * @param {FilterKey} key
 */
function filterSelect(r, id, label, allLabel, options, key) {
  const select = h('select', { id, name: key }, h('option', { value: '' }, allLabel), options.map(([v, text]) => h('option', { value: v, selected: r.q[key] === v }, text)));
  select.addEventListener('change', () => {
    r.q[key] = /** @type {HTMLSelectElement} */ (select).value || undefined;
    updateRows(r);
  });
  return h('div', { class: 'filter' }, h('label', { for: id }, label), select);
}

/**
 * The search box: rows update a moment after typing stops.
 * @param {Register} r
 */
function searchBox(r) {
  const search = h('input', { id: 'register-search', type: 'search', placeholder: 'Words in the text, document, benchmark…', value: r.q.search ?? '', autocomplete: 'off' });
  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => {
      r.q.search = /** @type {HTMLInputElement} */ (search).value;
      updateRows(r);
    }, 150);
  });
  return search;
}

/**
 * The column headings, each a sort button showing the current sort.
 * @param {Register} r
 */
function renderHead(r) {
  const { q, headRow } = r;
  replace(
    headRow,
    COLUMNS.map(([key, heading]) => {
      const active = (q.sort ?? '') === key;
      const dir = active ? (q.dir === 'desc' ? 'descending' : 'ascending') : 'none';
      const button = h('button', { type: 'button', class: 'sort-button', dataset: { sort: key } }, heading, h('span', { class: 'sort-icon', 'aria-hidden': 'true' }, active ? (q.dir === 'desc' ? ' ▼' : ' ▲') : ' ↕'));
      button.addEventListener('click', () => {
        if (q.sort === key) q.dir = q.dir === 'desc' ? 'asc' : 'desc';
        else {
          q.sort = key;
          q.dir = 'asc';
        }
        renderHead(r);
        updateRows(r);
        /** @type {HTMLElement | null} */ (headRow.querySelector(`[data-sort="${key}"]`))?.focus();
      });
      return h('th', { scope: 'col', 'aria-sort': dir, class: `col-${key}` }, button);
    }),
  );
}

/**
 * Show the rows the query selects, in its order.
 * @param {Register} r
 */
function updateRows(r) {
  const { rows, tbody } = r;
  const shown = queryRows(rows, r.q);
  r.countLine.textContent = `${shown.length} of ${rows.length} claims`;
  replace(
    tbody,
    shown.map((row) => rowElement(row, row.id === r.ctx.selected)),
  );
  if (!shown.length) tbody.append(h('tr', null, h('td', { colspan: String(COLUMNS.length), class: 'empty' }, rows.length ? 'No claim matches these filters.' : 'This analysis has no claims.')));
  const current = tbody.querySelector('tr[aria-selected="true"]') ?? tbody.querySelector('tr[data-cid]');
  if (current) current.setAttribute('tabindex', '0');
}

/**
 * One row of the table.
 * @param {RegisterRow} r
 * @param {boolean} selected
 */
function rowElement(r, selected) {
  return h(
    'tr',
    {
      tabindex: '-1',
      dataset: { cid: r.id, label: r.label, type: r.type, verdict: r.verdict, severity: r.severity },
      'aria-selected': selected ? 'true' : 'false',
      class: r.label === 'representation' ? 'row-rep' : 'row-nar',
    },
    h('td', { class: 'col-location' }, h('span', { class: 'row-doc' }, r.document), h('br'), r.location),
    h('td', { class: 'col-text' }, r.text),
    h('td', { class: 'col-label' }, h('span', { class: `label-badge ${r.label === 'representation' ? 'badge-rep' : 'badge-nar'}` }, `${r.label === 'representation' ? LABEL_ICON.representation : LABEL_ICON.narrative} ${r.declared ? 'declared' : fmtScore(r.score)}`), h('span', { class: 'visually-hidden' }, ` ${r.label}`)),
    h('td', { class: 'col-type' }, r.type, r.legalForce && r.legalForce !== 'other' ? h('span', { class: 'force' }, ` ${r.legalForce}`) : null),
    h('td', { class: 'col-quantity' }, r.quantity),
    h('td', { class: 'col-verdict' }, r.verdict ? h('span', { class: `verdict verdict-${r.verdict}` }, VERDICT_WORDS[r.verdict] ?? r.verdict) : h('span', { class: 'muted' }, '—')),
    h('td', { class: 'col-severity' }, r.findingCount ? h('span', { class: `finding-badge sev-${r.severity}` }, `${severityIcon(r.severity)} ${r.findingCount} ${r.severity}`) : h('span', { class: 'muted' }, '—')),
  );
}

/**
 * Select a claim: mark its row and show its evidence.
 * @param {Register} r
 * @param {string} id
 */
function selectRow(r, id) {
  r.ctx.selected = id;
  for (const tr of r.tbody.querySelectorAll('tr[aria-selected="true"]')) tr.setAttribute('aria-selected', 'false');
  const tr = [...r.tbody.querySelectorAll('tr')].find((x) => x.dataset.cid === id);
  if (tr) tr.setAttribute('aria-selected', 'true');
  renderEvidencePanel(r.side, r.idx, id, r.ctx.showInDocument);
}

/**
 * In a narrow window the panel sits under the table: bring it into view when a row is chosen,
 * so a selection never seems to do nothing (issue 16). Wide windows keep it beside the table.
 * @param {HTMLElement} side
 */
function revealPanel(side) {
  const top = side.getBoundingClientRect().top;
  if (top >= 0 && top <= window.innerHeight - 160) return;
  side.scrollIntoView({ block: 'start' });
}
