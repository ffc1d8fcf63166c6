/**
 * The findings list: every finding, worst first, with its location, the sentence it points to
 * and its remedy; suppressed findings stay visible, marked as such.
 */
import { h, replace } from './dom.js';
import { SEVERITIES, locationText } from './report-index.js';
import { findingItem } from './evidence-panel.js';

/**
 * @param {HTMLElement} panel
 * @param {import('./report-index.js').ReportIndex} idx
 * @param {{showInDocument: (sentenceId: string) => void, openClaim: (claimId: string) => void}} ctx
 */
export function renderFindings(panel, idx, ctx) {
  if (!idx.findings.length) {
    replace(panel, h('p', { class: 'empty' }, 'No findings: nothing in these documents matched a finding rule.'));
    return;
  }
  const order = (/** @type {any} */ f) => (f.suppressed ? 10 : 0) + Math.max(0, SEVERITIES.indexOf(f.severity));
  const sorted = [...idx.findings].map((f, i) => ({ f, i })).sort((a, b) => order(a.f) - order(b.f) || a.i - b.i);
  replace(
    panel,
    h(
      'ol',
      { class: 'findings', id: 'findings-list' },
      sorted.map(({ f }) => {
        const sid = f.location?.sentenceId;
        const s = sid ? idx.sentenceById.get(sid) : undefined;
        const doc = idx.docById.get(f.location?.docId ?? s?.docId ?? '');
        const item = findingItem(f);
        item.append(
          h(
            'p',
            { class: 'finding-where' },
            `${doc?.name ?? 'Analysis'}${s ? ` · ${locationText(s)}` : ''}`,
            s ? ' ' : null,
            s ? h('button', { type: 'button', class: 'link-button', onclick: () => ctx.showInDocument(s.id) }, 'Show in document') : null,
            s && idx.claimBySentence.has(s.id) ? ' ' : null,
            s && idx.claimBySentence.has(s.id) ? h('button', { type: 'button', class: 'link-button', onclick: () => ctx.openClaim(s.id) }, 'Open in register') : null,
          ),
          s ? h('blockquote', { class: 'finding-quote' }, s.text) : null,
        );
        return item;
      }),
    ),
  );
}
