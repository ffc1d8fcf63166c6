// @ts-check
/**
 * Entry point: routes (#/, #/history, #/a/<id>[/register|/findings]), the access token box,
 * and the analysis view that ties review, register, findings and exports together.
 */
import { byId } from './dom.js';
import { ApiError, getAnalysis, getToken, setToken } from './api.js';
import { setupUpload, showError } from './upload.js';
import { renderHistory } from './history.js';
import { buildRows, indexReport } from './view-model.js';
import { analysisTitle, renderSummary, renderMeta } from './summary.js';
import { renderExports } from './exports.js';
import { renderReview } from './review.js';
import { renderRegister } from './register.js';
import { renderFindings } from './findings.js';
import { renderSkippedNotice } from './skipped.js';

/** @typedef {'review' | 'register' | 'findings'} Tab */

const views = ['view-home', 'view-history', 'view-analysis'];

/** The open analysis and the state each view keeps while the user switches tabs. */
const state = {
  /** @type {import('./api.js').Analysis | null} */
  analysis: null,
  /** @type {import('./view-model.js').ReportIndex | null} */
  idx: null,
  /** @type {{focusSentence: (sid: string) => void} | null} */
  review: null,
  /** @type {import('./view-model.js').RegisterQuery} */
  query: {},
  selected: '',
  /** @type {Tab} */
  tab: 'review',
  /** A sentence to bring into view once the review is shown. */
  pendingSentence: '',
  renderedTabs: new Set(),
};

/** @param {string} id */
function showView(id) {
  for (const v of views) byId(v).hidden = v !== id;
  byId('nav-new').toggleAttribute('aria-current', id === 'view-home');
  byId('nav-history').toggleAttribute('aria-current', id === 'view-history');
  if (id === 'view-home') byId('nav-new').setAttribute('aria-current', 'page');
  if (id === 'view-history') byId('nav-history').setAttribute('aria-current', 'page');
}

/** Parse the location hash into a route. */
function parseRoute() {
  const hash = location.hash || '#/';
  const m = /^#\/a\/([^/]+)(?:\/(review|register|findings))?$/.exec(hash);
  if (m) return { view: 'analysis', id: decodeURIComponent(m[1]), tab: /** @type {Tab} */ (m[2] ?? 'review') };
  if (hash === '#/history') return { view: 'history' };
  if (hash.startsWith('#/')) return { view: 'home' };
  return null; // an in-page anchor such as #main: not a route
}

async function route() {
  const r = parseRoute();
  if (!r) return;
  showError(byId('page-error'), '');
  byId('cue-tip').hidden = true;
  if (r.view === 'home') {
    showView('view-home');
    document.title = 'Warrant';
    await renderHistory(byId('recent-list'), { limit: 5, emptyText: 'No analyses yet. Your first one will be listed here.', onDeleted: forget });
  } else if (r.view === 'history') {
    showView('view-history');
    document.title = 'History · Warrant';
    await renderHistory(byId('history-list'), { limit: 100, emptyText: 'No analyses yet. Start one from “New analysis”.', onDeleted: forget });
  } else if (r.view === 'analysis' && r.id) {
    await openAnalysis(r.id, r.tab ?? 'review');
  }
}

/** Drop the cached analysis when it is deleted. @param {string} id */
function forget(id) {
  if (state.analysis?.id === id) {
    state.analysis = null;
    state.idx = null;
  }
}

/**
 * @param {string} id
 * @param {Tab} tab
 */
async function openAnalysis(id, tab) {
  if (state.analysis?.id !== id) {
    let analysis;
    try {
      analysis = await getAnalysis(id);
    } catch (err) {
      showView('view-home');
      showError(byId('page-error'), err instanceof ApiError ? `Could not open the analysis: ${err.message}` : String(err));
      return;
    }
    loadAnalysis(analysis);
  }
  showView('view-analysis');
  showTab(tab);
}

/** @param {import('./api.js').Analysis} analysis */
function loadAnalysis(analysis) {
  state.analysis = analysis;
  state.idx = indexReport(analysis.report);
  state.query = {};
  state.selected = '';
  state.review = null;
  state.renderedTabs = new Set();
  const title = analysisTitle(analysis.report);
  byId('analysis-title').textContent = title;
  document.title = `${title} · Warrant`;
  renderMeta(analysis);
  renderSummary(byId('summary'), analysis.report);
  // A partial analysis says so above the counts (issue 16).
  renderSkippedNotice(byId('skipped-notice'), analysis.report);
  renderExports(byId('exports'), analysis.id);
  const base = `#/a/${encodeURIComponent(analysis.id)}`;
  /** @type {HTMLAnchorElement} */ (byId('tab-review')).href = `${base}/review`;
  /** @type {HTMLAnchorElement} */ (byId('tab-register')).href = `${base}/register`;
  /** @type {HTMLAnchorElement} */ (byId('tab-findings')).href = `${base}/findings`;
  const n = state.idx.findings.filter((f) => !f.suppressed).length;
  byId('tab-findings').textContent = `Findings (${n})`;
  byId('tab-register').textContent = `Claims register (${buildRows(state.idx).length})`;
}

/** @param {Tab} tab */
function showTab(tab) {
  const idx = state.idx;
  if (!idx || !state.analysis) return;
  state.tab = tab;
  for (const t of /** @type {Tab[]} */ (['review', 'register', 'findings'])) {
    byId(`panel-${t}`).hidden = t !== tab;
    const link = byId(`tab-${t}`);
    if (t === tab) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (tab === 'review') {
    if (!state.review) state.review = renderReview(byId('panel-review'), idx, { openClaim });
    if (state.pendingSentence) {
      const sid = state.pendingSentence;
      state.pendingSentence = '';
      state.review.focusSentence(sid);
    }
  } else if (tab === 'register') {
    renderRegister(byId('panel-register'), idx, {
      showInDocument,
      query: state.query,
      get selected() {
        return state.selected;
      },
      set selected(v) {
        state.selected = v;
      },
    });
    if (state.selected) {
      const row = /** @type {HTMLElement | null} */ ([...document.querySelectorAll('#register-rows tr')].find((r) => /** @type {HTMLElement} */ (r).dataset.cid === state.selected) ?? null);
      row?.scrollIntoView({ block: 'center' });
      row?.focus({ preventScroll: true });
    }
  } else if (!state.renderedTabs.has('findings')) {
    renderFindings(byId('panel-findings'), idx, { showInDocument, openClaim });
    state.renderedTabs.add('findings');
  }
}

/** Go to the review and bring a sentence into view. @param {string} sid */
function showInDocument(sid) {
  if (!state.analysis) return;
  state.pendingSentence = sid;
  const target = `#/a/${encodeURIComponent(state.analysis.id)}/review`;
  if (location.hash === target) showTab('review');
  else location.hash = target;
}

/** Go to the register with a claim selected. @param {string} claimId */
function openClaim(claimId) {
  if (!state.analysis) return;
  state.selected = claimId;
  const target = `#/a/${encodeURIComponent(state.analysis.id)}/register`;
  if (location.hash === target) showTab('register');
  else location.hash = target;
}

function setupToken() {
  const input = /** @type {HTMLInputElement} */ (byId('token-input'));
  input.value = getToken();
  byId('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    /** @type {HTMLDetailsElement} */ (byId('token-box')).open = false;
    void route();
  });
  byId('token-clear').addEventListener('click', () => {
    input.value = '';
    setToken('');
  });
}

function start() {
  setupToken();
  setupUpload({
    onDone: (result) => {
      loadAnalysis(result);
      location.hash = `#/a/${encodeURIComponent(result.id)}/review`;
    },
    // Stored, but the page stays on the form to say which files were skipped: list it among the recent ones.
    onStored: () => void renderHistory(byId('recent-list'), { limit: 5, emptyText: 'No analyses yet. Your first one will be listed here.', onDeleted: forget }),
  });
  byId('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    byId('main').focus();
  });
  window.addEventListener('hashchange', () => {
    const before = parseRoute();
    void route().then(() => {
      // A new view (not a tab switch, which keeps focus on the tab) takes focus to its heading.
      const active = document.activeElement;
      if (before && (!active || active === document.body || !active.isConnected || active.closest('[hidden]'))) {
        const heading = /** @type {HTMLElement | null} */ (document.querySelector('.view:not([hidden]) h1'));
        if (heading) {
          heading.setAttribute('tabindex', '-1');
          heading.focus({ preventScroll: true });
        }
      }
    });
  });
  void route().then(() => document.body.setAttribute('data-ready', 'true'));
}

start();
