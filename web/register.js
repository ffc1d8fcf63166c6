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

/**
 * Render the register into `panel`.
 * @param {HTMLElement} panel
 * @param {import('./view-model.js').ReportIndex} idx
 * @param {{showInDocument: (sentenceId: string) => void, query: import('./view-model.js').RegisterQuery, selected: string}} ctx
 *   `query` and `selected` are kept by the caller so they survive switching views.
 */
export function renderRegister(panel, idx, ctx) {
  const rows = buildRows(idx);
  const q = ctx.query;

  /**
   * @param {string} id
   * @param {string} label
   * @param {string} allLabel
   * @param {Array<[string, string]>} options
   * @param {'label' | 'type' | 'verdict' | 'severity'} key
   */
  const filterSelect = (id, label, allLabel, options, key) => {
    const select = h('select', { id, name: key }, h('option', { value: '' }, allLabel), options.map(([v, text]) => h('option', { value: v, selected: q[key] === v }, text)));
    select.addEventListener('change', () => {
      q[key] = /** @type {HTMLSelectElement} */ (select).value || undefined;
      update();
    });
    return h('div', { class: 'filter' }, h('label', { for: id }, label), select);
  };

  const counts = (/** @type {(r: any) => boolean} */ pred) => rows.filter(pred).length;
  const labels = /** @type {Array<[string, string]>} */ ([
    ['representation', `${LABEL_ICON.representation} Representation (${counts((r) => r.label === 'representation')})`],
    ['narrative', `${LABEL_ICON.narrative} Narrative (${counts((r) => r.label === 'narrative')})`],
  ]);
  const types = distinct(rows, (r) => [r.type]).map((t) => /** @type {[string, string]} */ ([t, `${t} (${counts((r) => r.type === t)})`]));
  const verdicts = distinct(rows, (r) => r.verdicts, VERDICTS).map((v) => /** @type {[string, string]} */ ([v, `${VERDICT_WORDS[v] ?? v} (${counts((r) => r.verdicts.includes(v))})`]));
  verdicts.push(['none', `No evidence (${counts((r) => r.verdicts.length === 0)})`]);
  const severities = distinct(rows, (r) => [r.severity], SEVERITIES).map((s) => /** @type {[string, string]} */ ([s, `${severityIcon(s)} ${s} (${counts((r) => r.severity === s)})`]));
  severities.push(['none', `No findings (${counts((r) => r.findingCount === 0)})`]);

  const search = h('input', { id: 'register-search', type: 'search', placeholder: 'Words in the text, document, benchmark…', value: q.search ?? '', autocomplete: 'off' });
  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => {
      q.search = /** @type {HTMLInputElement} */ (search).value;
      update();
    }, 150);
  });

  const countLine = h('p', { class: 'register-count', id: 'register-count', role: 'status', 'aria-live': 'polite' });
  const reset = h('button', { type: 'button', id: 'register-reset' }, 'Clear filters');
  reset.addEventListener('click', () => {
    for (const k of ['label', 'type', 'verdict', 'severity', 'search']) delete q[/** @type {keyof typeof q} */ (k)];
    renderRegister(panel, idx, ctx);
  });
  const filters = h(
    'div',
    { class: 'filters', role: 'search', 'aria-label': 'Filter claims' },
    h('div', { class: 'filter filter-search' }, h('label', { for: 'register-search' }, 'Search'), search),
    filterSelect('filter-label', 'Label', 'All labels', labels, 'label'),
    filterSelect('filter-type', 'Claim type', 'All types', types, 'type'),
    filterSelect('filter-verdict', 'Evidence verdict', 'All verdicts', verdicts, 'verdict'),
    filterSelect('filter-severity', 'Finding severity', 'All severities', severities, 'severity'),
    h('div', { class: 'filter filter-reset' }, reset),
  );

  const headRow = h('tr', null);
  const tbody = h('tbody', { id: 'register-rows' });
  const table = h('table', { class: 'register', id: 'register-table' }, h('caption', { class: 'visually-hidden' }, 'Claims register. Use the arrow keys to move between rows; Enter or Space opens the evidence for a claim.'), h('thead', null, headRow), tbody);
  const side = h('aside', { class: 'evidence-panel', id: 'evidence-panel', 'aria-label': 'Evidence for the selected claim', tabindex: '-1' });

  const renderHead = () => {
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
          renderHead();
          update();
          /** @type {HTMLElement | null} */ (headRow.querySelector(`[data-sort="${key}"]`))?.focus();
        });
        return h('th', { scope: 'col', 'aria-sort': dir, class: `col-${key}` }, button);
      }),
    );
  };

  /** @param {string} id */
  const select = (id) => {
    ctx.selected = id;
    for (const tr of tbody.querySelectorAll('tr[aria-selected="true"]')) tr.setAttribute('aria-selected', 'false');
    const tr = [...tbody.querySelectorAll('tr')].find((r) => r.dataset.cid === id);
    if (tr) tr.setAttribute('aria-selected', 'true');
    renderEvidencePanel(side, idx, id, ctx.showInDocument);
  };

  // In a narrow window the panel sits under the table: bring it into view when a row is chosen,
  // so a selection never seems to do nothing (issue 16). Wide windows keep it beside the table.
  const reveal = () => {
    const top = side.getBoundingClientRect().top;
    if (top >= 0 && top <= window.innerHeight - 160) return;
    side.scrollIntoView({ block: 'start' });
  };

  const update = () => {
    const shown = queryRows(rows, q);
    countLine.textContent = `${shown.length} of ${rows.length} claims`;
    replace(
      tbody,
      shown.map((r) =>
        h(
          'tr',
          {
            tabindex: '-1',
            dataset: { cid: r.id, label: r.label, type: r.type, verdict: r.verdict, severity: r.severity },
            'aria-selected': r.id === ctx.selected ? 'true' : 'false',
            class: r.label === 'representation' ? 'row-rep' : 'row-nar',
          },
          h('td', { class: 'col-location' }, h('span', { class: 'row-doc' }, r.document), h('br'), r.location),
          h('td', { class: 'col-text' }, r.text),
          h('td', { class: 'col-label' }, h('span', { class: `label-badge ${r.label === 'representation' ? 'badge-rep' : 'badge-nar'}` }, `${r.label === 'representation' ? LABEL_ICON.representation : LABEL_ICON.narrative} ${r.declared ? 'declared' : fmtScore(r.score)}`), h('span', { class: 'visually-hidden' }, ` ${r.label}`)),
          h('td', { class: 'col-type' }, r.type, r.legalForce && r.legalForce !== 'other' ? h('span', { class: 'force' }, ` ${r.legalForce}`) : null),
          h('td', { class: 'col-quantity' }, r.quantity),
          h('td', { class: 'col-verdict' }, r.verdict ? h('span', { class: `verdict verdict-${r.verdict}` }, VERDICT_WORDS[r.verdict] ?? r.verdict) : h('span', { class: 'muted' }, '—')),
          h('td', { class: 'col-severity' }, r.findingCount ? h('span', { class: `finding-badge sev-${r.severity}` }, `${severityIcon(r.severity)} ${r.findingCount} ${r.severity}`) : h('span', { class: 'muted' }, '—')),
        ),
      ),
    );
    if (!shown.length) tbody.append(h('tr', null, h('td', { colspan: String(COLUMNS.length), class: 'empty' }, rows.length ? 'No claim matches these filters.' : 'This analysis has no claims.')));
    const current = tbody.querySelector('tr[aria-selected="true"]') ?? tbody.querySelector('tr[data-cid]');
    if (current) current.setAttribute('tabindex', '0');
  };

  renderHead();
  update();
  replace(panel, filters, countLine, h('div', { class: 'register-layout' }, h('div', { class: 'table-wrap' }, table), side));
  attachRoving(tbody, 'tr[data-cid]', (tr) => {
    select(tr.dataset.cid ?? '');
    reveal();
  });
  if (ctx.selected && idx.claimBySentence.has(ctx.selected)) select(ctx.selected);
  else renderEvidencePanel(side, idx, '', ctx.showInDocument);
  return { select };
}
