// @ts-check
/**
 * The upload form: drag and drop or file picker, one role select per file (guessed, editable),
 * progress while the server works, problem+json errors in words. A file the server could not read
 * is marked in the list; when the others were analysed the page says so before opening the report (issue 16).
 */
import { byId, h, replace } from './dom.js';
import { ROLES, guessRole } from './roles.js';
import { ApiError, apiJson, uploadAnalysis } from './api.js';
import { reasonOf, skippedOf } from './skipped.js';
import { describeJob } from './job-progress.js';

/** @typedef {{file: File, role: string}} PendingFile */

const TEXT_EXT = /\.(md|markdown|mdx|txt|text)$/i;

/** Human size. @param {number} n */
export function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** @typedef {{reason: string, detail: string, skipped: boolean}} FileMark */

/**
 * Wire the upload form.
 * @param {{onDone: (result: import('./api.js').Analysis) => void, onStored?: (result: import('./api.js').Analysis) => void}} options
 *   onDone opens a result; onStored hears an analysis that was stored but not opened (some files skipped).
 */
export function setupUpload({ onDone, onStored }) {
  const form = /** @type {HTMLFormElement} */ (byId('upload-form'));
  const input = /** @type {HTMLInputElement} */ (byId('file-input'));
  const dropzone = byId('dropzone');
  const table = byId('file-table');
  const rows = byId('file-rows');
  const submit = /** @type {HTMLButtonElement} */ (byId('analyse-button'));
  const profile = /** @type {HTMLSelectElement} */ (byId('profile-select'));
  const progress = byId('upload-progress');
  const bar = /** @type {HTMLProgressElement} */ (byId('progress-bar'));
  const progressText = byId('progress-text');
  const error = byId('upload-error');
  /** @type {PendingFile[]} */
  const pending = [];
  let busy = false;
  /** Files the last analysis could not read, by name, marked in the list until the list changes (issue 16). */
  /** @type {Map<string, FileMark>} */
  const marks = new Map();

  byId('choose-button').addEventListener('click', () => input.click());

  const render = () => {
    table.hidden = pending.length === 0;
    submit.disabled = busy || pending.length === 0;
    replace(
      rows,
      pending.map((p, i) => {
        const selectId = `role-${i}`;
        const select = h(
          'select',
          { id: selectId, class: 'role-select', 'aria-label': `Role of ${p.file.name}`, disabled: busy },
          ROLES.map((r) => h('option', { value: r.value, selected: r.value === p.role }, r.label)),
        );
        select.addEventListener('change', () => {
          p.role = /** @type {HTMLSelectElement} */ (select).value;
        });
        const mark = marks.get(p.file.name);
        const badge = mark
          ? h(
              'span',
              { class: `file-failed-mark${mark.skipped ? ' file-skipped-mark' : ''}`, title: mark.detail || null },
              mark.skipped ? ` ✗ could not be read — skipped: ${mark.reason}` : ` ✗ could not be read${mark.reason ? `: ${mark.reason}` : ''}`,
            )
          : null;
        return h(
          'tr',
          { dataset: { file: p.file.name }, class: mark ? 'file-failed' : null, 'aria-invalid': mark ? 'true' : null },
          h('td', { class: 'file-name' }, p.file.name, badge),
          h('td', { class: 'num' }, formatSize(p.file.size)),
          h('td', null, select),
          h(
            'td',
            null,
            h('button', { type: 'button', class: 'link-button', disabled: busy, 'aria-label': `Remove ${p.file.name}`, onclick: () => {
              pending.splice(i, 1);
              render();
              (pending.length ? /** @type {HTMLElement} */ (rows.querySelector('select')) : byId('choose-button'))?.focus();
            } }, 'Remove'),
          ),
        );
      }),
    );
  };

  /** @param {Iterable<File>} files @param {string} [role] */
  const addFiles = async (files, role) => {
    showError(error, '');
    marks.clear();
    for (const file of files) {
      let guessed = role;
      if (!guessed) {
        let head;
        if (TEXT_EXT.test(file.name) && file.size > 0) head = await file.slice(0, 16384).text().catch(() => undefined);
        guessed = guessRole(file.name, head);
      }
      const existing = pending.findIndex((p) => p.file.name === file.name);
      if (existing >= 0) pending.splice(existing, 1, { file, role: guessed });
      else pending.push({ file, role: guessed });
    }
    render();
  };

  input.addEventListener('change', async () => {
    if (input.files) await addFiles([...input.files]);
    input.value = '';
  });

  for (const type of ['dragenter', 'dragover']) {
    dropzone.addEventListener(type, (e) => {
      e.preventDefault();
      dropzone.classList.add('is-dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) {
    dropzone.addEventListener(type, () => dropzone.classList.remove('is-dragging'));
  }
  dropzone.addEventListener('drop', (e) => {
    e.preventDefault();
    const files = e.dataTransfer?.files;
    if (files && files.length) void addFiles([...files]);
  });
  // A file dropped outside the zone must not navigate the page away.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy || pending.length === 0) return;
    const data = new FormData();
    for (const p of pending) data.append(p.role === 'auto' ? 'file' : p.role, p.file, p.file.name);
    data.append('profile', profile.value);
    busy = true;
    render();
    showError(error, '');
    progress.hidden = false;
    bar.value = 0;
    const names = pending.length === 1 ? pending[0].file.name : `${pending.length} files`;
    progressText.textContent = `Uploading ${names}…`;
    try {
      const result = await uploadAnalysis(data, (p, fraction, job) => {
        if (p === 'upload') {
          bar.value = fraction;
          progressText.textContent = `Uploading ${names}… ${Math.round(fraction * 100)}%`;
        } else if (job) {
          // The job's stage and, for a PDF, page N of M (issue 15); the bar fills with the pages.
          const shown = describeJob(job, names);
          progress.dataset.stage = shown.stage;
          if (shown.fraction === undefined) bar.removeAttribute('value');
          else bar.value = shown.fraction;
          progressText.textContent = shown.text;
        } else {
          bar.removeAttribute('value'); // indeterminate until the server says where the job is
          progressText.textContent = `Analysing ${names}…`;
        }
      });
      const skipped = skippedOf(result?.report);
      if (skipped.length === 0) {
        pending.splice(0, pending.length);
        onDone(result);
      } else {
        // Some files were analysed, some could not be read: say which here, where Analyse was pressed,
        // and let the user open the partial report or fix the file and analyse again (issue 16).
        marks.clear();
        const names = pending.map((p) => p.file.name);
        for (const s of skipped) marks.set(matchName(s.name, names), { reason: reasonOf(s.code), detail: `${s.message} [${s.code}]`, skipped: true });
        showPartial(error, skipped, (result?.report?.inputs ?? []).length, () => {
          pending.splice(0, pending.length);
          marks.clear();
          showError(error, '');
          render();
          onDone(result);
        });
        onStored?.(result);
      }
    } catch (err) {
      // Name the files the server could not read, and mark them in the list (issue 16).
      marks.clear();
      const names = pending.map((p) => p.file.name);
      const files = err instanceof ApiError ? err.files : [];
      for (const f of files) marks.set(matchName(f.name, names), { reason: reasonOf(f.code), detail: `${f.message} [${f.code}]`, skipped: false });
      const file = err instanceof ApiError && files.length === 0 ? failingFileOf(err, names) : '';
      if (file) marks.set(file, { reason: err instanceof ApiError && err.code ? reasonOf(err.code) : '', detail: err instanceof ApiError ? err.detail : '', skipped: false });
      const words = err instanceof ApiError ? err.message : `Something went wrong: ${String(err)}`;
      if (files.length) {
        showError(error, `None of the files could be read: ${files.map((f) => `${f.name} (${reasonOf(f.code)}, ${f.code})`).join('; ')}.`);
      } else showError(error, file && !words.includes(file) ? `${file}: ${words}` : words);
    } finally {
      delete progress.dataset.stage;
      busy = false;
      progress.hidden = true;
      render();
      // At 1280×900 the banner sits below the fold: bring it into view so the failure is seen.
      if (!error.hidden) error.scrollIntoView({ block: 'center' });
      // The first marked file's row too, when it fits with the banner (a long list keeps the banner in view).
      const row = /** @type {HTMLElement | null} */ (rows.querySelector('tr.file-failed'));
      if (row && !error.hidden) {
        const top = Math.min(row.getBoundingClientRect().top, error.getBoundingClientRect().top);
        const bottom = Math.max(row.getBoundingClientRect().bottom, error.getBoundingClientRect().bottom);
        if (bottom - top < window.innerHeight - 16 && (top < 0 || bottom > window.innerHeight)) window.scrollBy({ top: top - (window.innerHeight - (bottom - top)) / 2 });
      }
    }
  });

  void offerSamples(addFiles);
  render();
}

/**
 * The uploaded file an API error is about: the problem's `file`, else a pending file's name the message quotes.
 * @param {ApiError} err
 * @param {string[]} names
 * @returns {string}
 */
export function failingFileOf(err, names) {
  const base = (/** @type {string} */ n) => n.replace(/^.*[\\/]/, '');
  if (err.file) return names.find((n) => n === err.file || base(n) === base(err.file)) ?? base(err.file);
  const text = `${err.message} ${err.detail}`;
  return [...names].sort((a, b) => b.length - a.length).find((n) => text.includes(n)) ?? '';
}

/**
 * The pending file an error names: the exact name, else the same base name, else the name as given.
 * @param {string} name
 * @param {string[]} names
 */
function matchName(name, names) {
  const base = (/** @type {string} */ n) => n.replace(/^.*[\\/]/, '');
  return names.find((n) => n === name) ?? names.find((n) => base(n) === base(name)) ?? name;
}

/**
 * Say that some files were skipped and the others analysed, with a button that opens the report.
 * @param {HTMLElement} el
 * @param {Array<{name: string, code: string, message: string}>} skipped
 * @param {number} analysed
 * @param {() => void} open
 */
function showPartial(el, skipped, analysed, open) {
  const which = skipped.map((s) => `${s.name} (${reasonOf(s.code)}, ${s.code})`).join('; ');
  const verb = skipped.length === 1 ? 'was' : 'were';
  const rest = analysed === 1 ? 'The other file was analysed.' : `The other ${analysed} files were analysed.`;
  replace(
    el,
    h('strong', null, skipped.length === 1 ? '1 file skipped. ' : `${skipped.length} files skipped. `),
    `Could not be read and ${verb} left out: ${which}. ${rest} `,
    h('button', { type: 'button', class: 'primary', id: 'open-partial', onclick: open }, 'Open the report'),
  );
  el.classList.add('banner-warning');
  el.hidden = false;
}

/**
 * Show or clear an error banner.
 * @param {HTMLElement} el
 * @param {string} message
 */
export function showError(el, message) {
  el.textContent = message;
  el.classList.remove('banner-warning');
  el.hidden = !message;
}

/**
 * When the server lists sample files (GET /api/samples → {items: [{name, role, url}]}), offer to load them.
 * Absent endpoint: nothing is shown.
 * @param {(files: File[], role?: string) => Promise<void>} addFiles
 */
async function offerSamples(addFiles) {
  const offer = byId('samples-offer');
  /** @type {{items?: Array<{name: string, role?: string, url: string}>} | null} */
  let list = null;
  try {
    list = await apiJson('/api/samples');
  } catch {
    return;
  }
  const items = Array.isArray(list?.items) ? list.items.filter((i) => i && typeof i.url === 'string' && i.url.startsWith('/')) : [];
  if (!items.length) return;
  offer.hidden = false;
  byId('samples-button').addEventListener('click', async () => {
    for (const item of items) {
      try {
        const res = await fetch(item.url);
        if (!res.ok) continue;
        const blob = await res.blob();
        await addFiles([new File([blob], item.name, { type: blob.type })], item.role);
      } catch {
        /* a sample that fails to load is skipped */
      }
    }
  });
}
