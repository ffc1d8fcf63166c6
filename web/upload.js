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
import { offerProfiles } from './profiles.js';

/** @typedef {{file: File, role: string}} PendingFile */

/** Human size. @param {number} n */
export function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** @typedef {{reason: string, detail: string, skipped: boolean}} FileMark */

/**
 * The upload form's elements and state, shared by the functions that wire and update it.
 * @typedef {object} Upload
 * @property {HTMLInputElement} input
 * @property {HTMLElement} dropzone
 * @property {HTMLElement} table
 * @property {HTMLElement} rows
 * @property {HTMLButtonElement} submit
 * @property {HTMLSelectElement} profile
 * @property {HTMLElement} progress
 * @property {HTMLProgressElement} bar
 * @property {HTMLElement} progressText
 * @property {HTMLElement} error
 * @property {PendingFile[]} pending
 * @property {boolean} busy
 * @property {Map<string, FileMark>} marks files the last analysis could not read, by name, marked in the list until the list changes (issue 16)
 * @property {(result: import('./api.js').Analysis) => void} onDone
 * @property {((result: import('./api.js').Analysis) => void) | undefined} onStored
 */

/**
 * Wire the upload form.
 * @param {{onDone: (result: import('./api.js').Analysis) => void, onStored?: (result: import('./api.js').Analysis) => void}} options
 *   onDone opens a result; onStored hears an analysis that was stored but not opened (some files skipped).
 */
export function setupUpload({ onDone, onStored }) {
  /** @type {Upload} */
  const u = {
    input: /** @type {HTMLInputElement} */ (byId('file-input')),
    dropzone: byId('dropzone'),
    table: byId('file-table'),
    rows: byId('file-rows'),
    submit: /** @type {HTMLButtonElement} */ (byId('analyse-button')),
    profile: /** @type {HTMLSelectElement} */ (byId('profile-select')),
    progress: byId('upload-progress'),
    bar: /** @type {HTMLProgressElement} */ (byId('progress-bar')),
    progressText: byId('progress-text'),
    error: byId('upload-error'),
    pending: [],
    busy: false,
    marks: new Map(),
    onDone,
    onStored,
  };
  byId('choose-button').addEventListener('click', () => u.input.click());
  u.input.addEventListener('change', async () => {
    if (u.input.files) await addFiles(u, [...u.input.files]);
    u.input.value = '';
  });
  wireDropzone(u);
  byId('upload-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void submitUpload(u);
  });
  void offerSamples((files, role) => addFiles(u, files, role));
  void offerProfiles(u.profile);
  renderFiles(u);
}

/**
 * The list of files to upload, each with its role select.
 * @param {Upload} u
 */
function renderFiles(u) {
  u.table.hidden = u.pending.length === 0;
  u.submit.disabled = u.busy || u.pending.length === 0;
  replace(
    u.rows,
    u.pending.map((p, i) => fileRow(u, p, i)),
  );
}

/**
 * @param {Upload} u
 * @param {PendingFile} p
 * @param {number} i
 */
function fileRow(u, p, i) {
  const select = h(
    'select',
    { id: `role-${i}`, class: 'role-select', 'aria-label': `Role of ${p.file.name}`, disabled: u.busy },
    ROLES.map((r) => h('option', { value: r.value, selected: r.value === p.role }, r.label)),
  );
  select.addEventListener('change', () => {
    p.role = /** @type {HTMLSelectElement} */ (select).value;
  });
  const mark = u.marks.get(p.file.name);
  const badge = mark
    ? h(
        'span',
        { class: `file-failed-mark${mark.skipped ? ' file-skipped-mark' : ''}`, title: mark.detail || null },
        mark.skipped ? ` ✗ could not be read — skipped: ${mark.reason}` : ` ✗ could not be read${mark.reason ? `: ${mark.reason}` : ''}`,
      )
    : null;
  const remove = () => {
    u.pending.splice(i, 1);
    renderFiles(u);
    (u.pending.length ? /** @type {HTMLElement} */ (u.rows.querySelector('select')) : byId('choose-button'))?.focus();
  };
  return h(
    'tr',
    { dataset: { file: p.file.name }, class: mark ? 'file-failed' : null, 'aria-invalid': mark ? 'true' : null },
    h('td', { class: 'file-name' }, p.file.name, badge),
    h('td', { class: 'num' }, formatSize(p.file.size)),
    h('td', null, select),
    h('td', null, h('button', { type: 'button', class: 'link-button', disabled: u.busy, 'aria-label': `Remove ${p.file.name}`, onclick: remove }, 'Remove')),
  );
}

/**
 * Add files to the list (a file of the same name replaces the one there), each with its role.
 * @param {Upload} u
 * @param {Iterable<File>} files
 * @param {string} [role] the role to give them; guessed when absent
 */
async function addFiles(u, files, role) {
  showError(u.error, '');
  u.marks.clear();
  for (const file of files) {
    let guessed = role;
    if (!guessed) guessed = await guessRole(file);
    const existing = u.pending.findIndex((p) => p.file.name === file.name);
    if (existing >= 0) u.pending.splice(existing, 1, { file, role: guessed });
    else u.pending.push({ file, role: guessed });
  }
  renderFiles(u);
}

/**
 * Files dropped on the zone are added; dropped anywhere else, they must not navigate the page away.
 * @param {Upload} u
 */
function wireDropzone(u) {
  const { dropzone } = u;
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
    if (files && files.length) void addFiles(u, [...files]);
  });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
}

/**
 * Upload the listed files with their roles and the profile, showing progress; then open the
 * report, or say which files could not be read.
 * @param {Upload} u
 */
async function submitUpload(u) {
  if (u.busy || u.pending.length === 0) return;
  const data = new FormData();
  for (const p of u.pending) data.append(p.role === 'auto' ? 'file' : p.role, p.file, p.file.name);
  data.append('profile', u.profile.value);
  u.busy = true;
  renderFiles(u);
  showError(u.error, '');
  u.progress.hidden = false;
  u.bar.value = 0;
  const names = u.pending.length === 1 ? (u.pending[0]?.file.name ?? '') : `${u.pending.length} files`;
  u.progressText.textContent = `Uploading ${names}…`;
  try {
    uploaded(u, await uploadAnalysis(data, progressReporter(u, names)));
  } catch (err) {
    uploadFailed(u, err);
  } finally {
    uploadEnded(u);
  }
}

/**
 * What the progress bar and line show while the upload and then the analysis run.
 * @param {Upload} u
 * @param {string} names what is uploaded, in words
 * @returns {(phase: 'upload' | 'analyse', fraction: number, job?: import('./api.js').Job) => void}
 */
function progressReporter(u, names) {
  const { bar, progress, progressText } = u;
  return (p, fraction, job) => {
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
  };
}

/**
 * An analysis came back: open it, or, when some files were skipped, say which and offer to open it.
 * @param {Upload} u
 * @param {import('./api.js').Analysis} result
 */
function uploaded(u, result) {
  const skipped = skippedOf(result?.report);
  if (skipped.length === 0) {
    u.pending.splice(0, u.pending.length);
    u.onDone(result);
    return;
  }
  // Some files were analysed, some could not be read: say which here, where Analyse was pressed,
  // and let the user open the partial report or fix the file and analyse again (issue 16).
  u.marks.clear();
  const names = u.pending.map((p) => p.file.name);
  for (const s of skipped) u.marks.set(matchName(s.name, names), { reason: reasonOf(s.code), detail: `${s.message} [${s.code}]`, skipped: true });
  showPartial(u.error, skipped, (result?.report?.inputs ?? []).length, () => {
    u.pending.splice(0, u.pending.length);
    u.marks.clear();
    showError(u.error, '');
    renderFiles(u);
    u.onDone(result);
  });
  u.onStored?.(result);
}

/**
 * The upload or the analysis failed: name the files the server could not read, and mark them in the list (issue 16).
 * @param {Upload} u
 * @param {unknown} err
 */
function uploadFailed(u, err) {
  u.marks.clear();
  const names = u.pending.map((p) => p.file.name);
  const files = err instanceof ApiError ? err.files : [];
  for (const f of files) u.marks.set(matchName(f.name, names), { reason: reasonOf(f.code), detail: `${f.message} [${f.code}]`, skipped: false });
  const file = err instanceof ApiError && files.length === 0 ? failingFileOf(err, names) : '';
  if (file) u.marks.set(file, { reason: err instanceof ApiError && err.code ? reasonOf(err.code) : '', detail: err instanceof ApiError ? err.detail : '', skipped: false });
  const words = err instanceof ApiError ? err.message : `Something went wrong: ${String(err)}`;
  if (files.length) {
    showError(u.error, `None of the files could be read: ${files.map((f) => `${f.name} (${reasonOf(f.code)}, ${f.code})`).join('; ')}.`);
  } else showError(u.error, file && !words.includes(file) ? `${file}: ${words}` : words);
}

/**
 * The upload is over: the form is usable again, and a banner (with the first marked file) is in view.
 * @param {Upload} u
 */
function uploadEnded(u) {
  const { error, progress, rows } = u;
  delete progress.dataset.stage;
  u.busy = false;
  progress.hidden = true;
  renderFiles(u);
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
