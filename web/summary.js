/**
 * The counts a reader sees first: documents, sentences, representations, narrative, findings by
 * severity and evidence verdicts (straight from report.summary).
 */
import { h, replace } from './dom.js';
import { VERDICTS, VERDICT_WORDS } from './report-index.js';
import { roleLabel } from './roles.js';
import { formatDate } from './history.js';

/**
 * @param {HTMLElement} dl
 * @param {any} report
 */
export function renderSummary(dl, report) {
  const s = report.summary ?? {};
  const f = s.findings ?? {};
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
    item('evidence', 'Evidence links', Object.values(v).reduce((a, b) => a + (Number(b) || 0), 0), verdictParts.join(', ') || 'none'),
  );
}

/**
 * One line about the analysis: when, profile, inputs.
 * @param {HTMLElement} p
 * @param {{createdAt: string, report: any}} analysis
 */
export function renderMeta(p, analysis) {
  const inputs = Array.isArray(analysis.report.inputs) ? analysis.report.inputs : [];
  replace(
    p,
    `${formatDate(analysis.createdAt ?? analysis.report.createdAt)} · profile ${analysis.report.profile ?? 'procurement'} · `,
    inputs.map((i, n) => [n ? ', ' : '', h('span', { class: 'input-name', title: `${roleLabel(i.role)} · SHA-256 ${i.sha256}` }, i.name), ` (${roleLabel(i.role)})`]),
  );
}
