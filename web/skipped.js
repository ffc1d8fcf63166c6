// @ts-check
/**
 * Files an analysis could not read (issue 16): short reasons by error code, and the notice the
 * report view shows when an analysis covers only some of the uploaded files.
 */
import { h, replace } from './dom.js';
import { roleLabel } from './roles.js';

/** A few words per error code, for the file list badge; the server's message goes in the tooltip. */
const REASONS = /** @type {Record<string, string>} */ ({
  EMPTY_INPUT: 'empty file',
  BINARY_INPUT: 'binary, not text',
  INVALID_UTF8: 'not UTF-8 text',
  UNSUPPORTED_FORMAT: 'not a document Warrant reads',
  EXTENSION_MISMATCH: 'content does not match its extension',
  TOO_LARGE: 'too large',
  TOO_MANY_PAGES: 'too many pages',
  PDF_ENCRYPTED: 'encrypted PDF',
  PDF_CORRUPT: 'corrupt PDF',
  PARSE_TIMEOUT: 'took too long to read',
  PARSE_OUT_OF_MEMORY: 'too large to read',
  DOCX_CORRUPT: 'corrupt DOCX',
  ZIP_BOMB: 'DOCX expands too far',
  EVIDENCE_UNKNOWN_FORMAT: 'evidence format not recognised',
  EVIDENCE_MALFORMED: 'malformed evidence file',
  TOO_MANY_RECORDS: 'too many results',
});

/**
 * A short reason for an error code ("corrupt PDF"), the code itself when it has no words.
 * @param {string} code
 * @returns {string}
 */
export function reasonOf(code) {
  return REASONS[code] ?? (code ? code.toLowerCase().replace(/_/g, ' ') : 'could not be read');
}

/**
 * The report's skipped inputs, whatever the report holds.
 * @param {import('./view-model.js').Report | undefined} report the report, whatever it holds (stored by an older version, hand-built)
 * @returns {Array<{name: string, role?: string, code: string, message: string}>}
 */
export function skippedOf(report) {
  const list = Array.isArray(report?.skipped) ? report.skipped : [];
  return list.filter((s) => s && typeof s.name === 'string').map((s) => ({ name: s.name, role: typeof s.role === 'string' ? s.role : undefined, code: String(s.code ?? ''), message: String(s.message ?? '') }));
}

/** "1 file skipped", "2 files skipped". @param {number} n */
export function skippedCount(n) {
  return `${n} file${n === 1 ? '' : 's'} skipped`;
}

/**
 * Show (or hide) the notice of a partial analysis: how many files were skipped, which, and why.
 * @param {HTMLElement} el
 * @param {import('./view-model.js').Report} report
 */
export function renderSkippedNotice(el, report) {
  const skipped = skippedOf(report);
  el.hidden = skipped.length === 0;
  if (!skipped.length) {
    replace(el);
    return;
  }
  replace(
    el,
    h('strong', { class: 'skipped-count' }, skippedCount(skipped.length)),
    ': this analysis covers the other files only. ',
    skipped.length === 1 ? 'This file could not be read:' : 'These files could not be read:',
    h(
      'ul',
      { class: 'skipped-list' },
      skipped.map((s) =>
        h(
          'li',
          { dataset: { file: s.name } },
          h('span', { class: 'input-name' }, s.name),
          s.role ? ` (${roleLabel(s.role)})` : '',
          ' — ',
          h('span', { class: 'skipped-badge' }, `skipped: ${reasonOf(s.code)}`),
          ' ',
          h('span', { class: 'skipped-detail' }, `${s.message}${s.code ? ` [${s.code}]` : ''}`),
        ),
      ),
    ),
  );
}
