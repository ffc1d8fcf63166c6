// @ts-check
/**
 * Export buttons: links to the server's renderings of the report (JSON, SARIF, Markdown, HTML, CSV).
 * With an access token set, the download goes through fetch so the token can be sent.
 */
import { h, replace } from './dom.js';
import { ApiError, downloadWithToken, formatUrl, getToken } from './api.js';

/** Formats, with the words on the button and the file extension. */
export const FORMATS = /** @type {const} */ ([
  ['csv', 'CSV', 'csv'],
  ['html', 'HTML', 'html'],
  ['md', 'Markdown', 'md'],
  ['sarif', 'SARIF', 'sarif.json'],
  ['json', 'JSON', 'json'],
]);

/**
 * @param {HTMLElement} nav
 * @param {string} id analysis id
 */
export function renderExports(nav, id) {
  const status = h('span', { class: 'export-status', role: 'status' });
  replace(
    nav,
    h('span', { class: 'exports-label' }, 'Export'),
    FORMATS.map(([format, label, ext]) => {
      const href = formatUrl(id, format);
      const a = h('a', { class: 'button-like export', href, download: `warrant-${id}.${ext}`, dataset: { format }, 'aria-label': `Export as ${label}` }, label);
      a.addEventListener('click', async (e) => {
        if (!getToken()) return; // the plain link works without a token
        e.preventDefault();
        try {
          await downloadWithToken(href, `warrant-${id}.${ext}`);
          status.textContent = '';
        } catch (err) {
          status.textContent = err instanceof ApiError ? err.message : String(err);
        }
      });
      return a;
    }),
    status,
  );
}
