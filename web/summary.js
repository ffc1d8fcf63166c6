// @ts-check
/**
 * The counts a reader sees first: documents, sentences, representations, narrative, findings by
 * severity and evidence verdicts (straight from report.summary).
 */
import { byId, h, replace } from './dom.js';
import { VERDICTS, VERDICT_WORDS } from './view-model.js';
import { roleLabel } from './roles.js';
import { formatDate } from './history.js';
import { reasonOf, skippedCount, skippedOf } from './skipped.js';

/**
 * @param {HTMLElement} dl
 * @param {import('./view-model.js').Report} report
 */
export function renderSummary(dl, report) {
  /** @type {Partial<import('./view-model.js').Report['summary']>} */
  const s = report.summary ?? {};
  const f = s.findings ?? {};
  /** @type {Record<string, number | undefined>} */
  const v = s.byVerdict ?? {};
  const verdictParts = VERDICTS.filter((k) => v[k]).map((k) => `${v[k]} ${VERDICT_WORDS[k].toLowerCase()}`);
  /** @param {string} key @param {string} label @param {unknown} value @param {string} [detail] */
  const item = (key, label, value, detail) =>
    h('div', { class: `stat stat-${key}` }, h('dt', null, label), h('dd', { dataset: { key } }, String(value ?? 0)), detail ? h('dd', { class: 'stat-detail' }, detail) : null);
  replace(
    dl,
    item('documents', 'Documents', s.documents),
    item('sentences', 'Sentences', s.sentences),
    item('representations', 'Representations', s.representations),
    item('narrative', 'Narrative', s.narrative),
    item('errors', 'Errors', f.error ?? 0),
    item('warnings', 'Warnings', f.warning ?? 0),
    item('notes', 'Notes', f.note ?? 0),
    item('evidence', 'Evidence links', Object.values(v).reduce((/** @type {number} */ a, b) => a + (Number(b) || 0), 0), verdictParts.join(', ') || 'none'),
  );
  // Links and claims are different counts (issue 16): say so in one line.
  const note = document.getElementById('counts-note');
  if (note) {
    replace(
      note,
      'Evidence links count each number checked against each evidence source, so one claim can have several links; the claims register counts claims, one row per sentence. ',
      'Self-consistent means the card agrees with its own model-index, not that independent evidence backs it.',
    );
  }
}

/**
 * The analysis heading: the documents' names when there are one or two, else counts by role.
 * @param {import('./view-model.js').Report} report
 * @returns {string}
 */
export function analysisTitle(report) {
  const inputs = Array.isArray(report.inputs) ? report.inputs : [];
  const docs = inputs.filter((i) => i.role !== 'evidence');
  if (docs.length && docs.length <= 2) return docs.map((i) => i.name).join(' + ');
  const count = (/** @type {string} */ role) => inputs.filter((i) => i.role === role).length;
  const parts = [
    [count('model-card'), 'model card', 'model cards'],
    [count('contract'), 'contract', 'contracts'],
    [count('evidence'), 'evidence file', 'evidence files'],
  ].filter(([n]) => n).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return parts.join(', ') || 'Analysis';
}

/**
 * When, which profile, and the inputs with their roles, sizes and SHA-256 hashes.
 * @param {import('./api.js').Analysis} analysis
 */
export function renderMeta(analysis) {
  const inputs = Array.isArray(analysis.report.inputs) ? analysis.report.inputs : [];
  replace(byId('analysis-meta'), `${formatDate(analysis.createdAt ?? analysis.report.createdAt)} · profile ${analysis.report.profile ?? 'procurement'}`);
  const skipped = skippedOf(analysis.report);
  replace(
    byId('analysis-inputs-summary'),
    `${inputs.length} input${inputs.length === 1 ? '' : 's'}${skipped.length ? ` (${skippedCount(skipped.length)})` : ''}: `,
    inputs.map((i) => i.name).join(', '),
  );
  replace(
    byId('analysis-inputs-list'),
    inputs.map((i) => h('li', null, h('span', { class: 'input-name' }, i.name), ` · ${roleLabel(i.role)}${typeof i.size === 'number' ? ` · ${i.size} bytes` : ''} · SHA-256 `, h('code', { class: 'hash' }, i.sha256))),
    // Skipped files are listed with the inputs, marked, never left out (issue 16).
    skipped.map((s) =>
      h('li', { class: 'input-skipped', dataset: { file: s.name } }, h('span', { class: 'input-name' }, s.name), s.role ? ` · ${roleLabel(s.role)}` : '', ' · ', h('span', { class: 'skipped-badge' }, `skipped: ${reasonOf(s.code)}`)),
    ),
  );
}
