// @ts-check
/**
 * History of past analyses: input names, roles and SHA-256 hashes; open or delete each.
 */
import { h, replace } from './dom.js';
import { ApiError, deleteAnalysis, listAnalyses } from './api.js';
import { roleLabel } from './roles.js';

/** @typedef {{limit?: number, emptyText: string, onDeleted?: (id: string) => void}} HistoryOptions */

/**
 * Render the list of analyses into `container`.
 * @param {HTMLElement} container
 * @param {HistoryOptions} options
 * @returns {Promise<number>} total number of analyses on the server
 */
export async function renderHistory(container, options) {
  const limit = options.limit ?? 50;
  replace(container, h('p', { class: 'muted' }, 'Loading…'));
  let page;
  try {
    page = await listAnalyses(limit, 0);
  } catch (err) {
    replace(container, h('p', { class: 'banner banner-error', role: 'alert' }, err instanceof ApiError ? err.message : String(err)));
    return -1;
  }
  const items = Array.isArray(page?.items) ? page.items : [];
  if (!items.length) {
    replace(container, h('p', { class: 'empty', id: 'history-empty' }, options.emptyText));
    return 0;
  }
  const list = h('ul', { class: 'history' });
  for (const item of items) list.append(historyItem(item, container, options));
  replace(container, list, page.total > items.length ? h('p', { class: 'muted' }, `Showing the ${items.length} newest of ${page.total} analyses.`) : null);
  return page.total ?? items.length;
}

/**
 * @param {{id: string, createdAt: string, inputs: Array<{name: string, role: string, sha256: string, size?: number}>, summary?: Partial<import('./view-model.js').Report['summary']>}} item
 * @param {HTMLElement} container
 * @param {HistoryOptions} options
 */
function historyItem(item, container, options) {
  const inputs = Array.isArray(item.inputs) ? item.inputs : [];
  const title = inputs.map((i) => i.name).join(', ') || item.id;
  /** @type {Partial<import('./view-model.js').Report['summary']>} */
  const summary = item.summary ?? {};
  const findings = summary.findings ?? {};
  const status = h('span', { class: 'history-status', role: 'status' });
  const del = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete analysis of ${title}` }, 'Delete');
  const actions = h('div', { class: 'history-actions' }, h('a', { class: 'button-like', href: `#/a/${encodeURIComponent(item.id)}`, 'aria-label': `Open analysis of ${title}` }, 'Open'), del, status);
  const li = h(
    'li',
    { class: 'history-item', dataset: { id: item.id } },
    h(
      'div',
      { class: 'history-main' },
      h('p', { class: 'history-when' }, formatDate(item.createdAt)),
      h(
        'ul',
        { class: 'inputs' },
        inputs.map((i) => h('li', null, h('span', { class: 'input-name' }, i.name), ` · ${roleLabel(i.role)} · `, h('code', { class: 'hash', title: `SHA-256 ${i.sha256}` }, i.sha256))),
      ),
      summary.sentences !== undefined
        ? h('p', { class: 'muted' }, [plural(summary.sentences, 'sentence'), plural(summary.representations ?? 0, 'representation'), `${plural(findings.error ?? 0, 'error')}, ${plural(findings.warning ?? 0, 'warning')}`].join(' · '))
        : null,
    ),
    actions,
  );
  del.addEventListener('click', () => {
    // Two steps instead of window.confirm, so the page never opens a dialog.
    const confirm = h('button', { type: 'button', class: 'danger' }, 'Yes, delete');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const restore = () => {
      confirm.remove();
      cancel.remove();
      del.hidden = false;
      del.focus();
    };
    cancel.addEventListener('click', restore);
    confirm.addEventListener('click', async () => {
      try {
        await deleteAnalysis(item.id);
        li.remove();
        options.onDeleted?.(item.id);
        if (!container.querySelector('.history-item')) void renderHistory(container, options);
      } catch (err) {
        status.textContent = err instanceof ApiError ? err.message : String(err);
        restore();
      }
    });
    del.hidden = true;
    del.after(confirm, cancel);
    confirm.focus();
  });
  return li;
}

/** "1 error", "2 errors". @param {number} n @param {string} word */
function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** @param {string} iso */
export function formatDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso ?? '';
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
