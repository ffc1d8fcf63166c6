// @ts-check
/**
 * The HTTP API client: bearer token, problem+json errors turned into words, upload with progress.
 * Talks only to this origin (the page's CSP allows nothing else).
 */

/** @typedef {{id: string, createdAt: string, report: import('./view-model.js').Report}} Analysis an analysis as GET /api/analyses/{id} returns it */
/** @typedef {import('../src/jobs/types.ts').JobStatus} Job a job as GET /api/jobs/{id} returns it */

const TOKEN_KEY = 'warrant.token';

/** An API error with a sentence a person can read. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {{status?: number, code?: string, title?: string, detail?: string, file?: string, files?: Array<{name: string, code: string, message: string, role?: string}>}} [info]
   */
  constructor(message, info = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = info.status ?? 0;
    this.code = info.code ?? '';
    this.title = info.title ?? '';
    this.detail = info.detail ?? '';
    /** The input the problem is about, when the server names one (problem+json `file`). */
    this.file = info.file ?? '';
    /** Every file of an upload none of which could be read (NO_READABLE_INPUT `files`), each with its code. */
    this.files = info.files ?? [];
  }
}

/** @returns {string} the bearer token kept for this tab, or '' */
export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** @param {string} token keep (or clear, when empty) the bearer token for this tab */
export function setToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lasts as long as the page */
  }
}

/** @returns {Record<string, string>} */
function authHeaders() {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Words for an HTTP status when the server sent no problem document. */
const STATUS_WORDS = /** @type {Record<number, string>} */ ({
  400: 'The server could not read the request.',
  401: 'The server needs an access token. Enter it under "Access token" at the top of the page.',
  403: 'The access token was refused.',
  404: 'Not found: it may have been deleted.',
  413: 'The upload is too large for this server.',
  415: 'The server does not accept this kind of file.',
  422: 'The server could not analyse this input.',
  429: 'The server is busy. Try again in a minute.',
  500: 'The server failed while analysing. Try again, and report it if it keeps happening.',
  503: 'The server is not available right now.',
});

/**
 * Turn a failed response into an ApiError with readable words (problem+json when the server sent it).
 * @param {number} status
 * @param {string} contentType
 * @param {string} body
 * @returns {ApiError}
 */
export function problemToError(status, contentType, body) {
  /** @type {{title?: string, detail?: string, code?: string, file?: string, files?: unknown}} */
  let problem = {};
  if (/json/.test(contentType)) {
    try {
      const parsed = JSON.parse(body);
      if (parsed && typeof parsed === 'object') problem = parsed;
    } catch {
      /* not JSON after all */
    }
  }
  const title = typeof problem.title === 'string' ? problem.title : '';
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  const code = typeof problem.code === 'string' ? problem.code : '';
  const file = typeof problem.file === 'string' ? problem.file : '';
  const files = (Array.isArray(problem.files) ? problem.files : [])
    .filter((f) => f && typeof f === 'object' && typeof f.name === 'string')
    .map((f) => ({ name: String(f.name), code: String(f.code ?? ''), message: String(f.message ?? ''), ...(typeof f.role === 'string' ? { role: f.role } : {}) }));
  let message = detail || title || STATUS_WORDS[status] || `The server answered with status ${status}.`;
  if (status === 401 && !detail) message = STATUS_WORDS[401];
  if (detail && title && !detail.toLowerCase().startsWith(title.toLowerCase())) message = `${title}: ${detail}`;
  return new ApiError(message, { status, code, title, detail, file, files });
}

/**
 * Fetch JSON from the API.
 * @param {string} path
 * @param {RequestInit} [init]
 */
export async function apiJson(path, init = {}) {
  let res;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...authHeaders(), ...(init.headers ?? {}) } });
  } catch {
    throw new ApiError('Could not reach the Warrant server. Is it running?');
  }
  if (!res.ok) throw problemToError(res.status, res.headers.get('content-type') ?? '', await res.text());
  if (res.status === 204) return null;
  return res.json();
}

/**
 * List past analyses.
 * @param {number} [limit]
 * @param {number} [offset]
 * @returns {Promise<{items: Array<{id: string, createdAt: string, inputs: Array<{name: string, role: string, sha256: string, size?: number}>, summary: import('./view-model.js').Report['summary']}>, total: number}>}
 */
export function listAnalyses(limit = 50, offset = 0) {
  return apiJson(`/api/analyses?limit=${limit}&offset=${offset}`);
}

/**
 * @param {string} id
 * @returns {Promise<Analysis>}
 */
export function getAnalysis(id) {
  return apiJson(`/api/analyses/${encodeURIComponent(id)}`);
}

/** @param {string} id */
export function deleteAnalysis(id) {
  return apiJson(`/api/analyses/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * URL of a rendering of an analysis.
 * @param {string} id
 * @param {string} format json | sarif | md | html | csv
 */
export function formatUrl(id, format) {
  return `/api/analyses/${encodeURIComponent(id)}?format=${encodeURIComponent(format)}`;
}

/**
 * Download a rendering with the bearer token (plain links cannot carry a header).
 * @param {string} url
 * @param {string} fallbackName
 */
export async function downloadWithToken(url, fallbackName) {
  let res;
  try {
    res = await fetch(url, { headers: authHeaders() });
  } catch {
    throw new ApiError('Could not reach the Warrant server. Is it running?');
  }
  if (!res.ok) throw problemToError(res.status, res.headers.get('content-type') ?? '', await res.text());
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Upload files for analysis as a job (issue 15): the server answers 202 with the job, which is
 * polled until it is done, and the analysis is then fetched. Upload progress comes from
 * XMLHttpRequest (fetch cannot report it); analysis progress from the job (stage, PDF pages).
 * A server that answers 201 with the report (no job support) is taken as it is.
 * @param {FormData} form
 * @param {(phase: 'upload' | 'analyse', fraction: number, job?: Job) => void} onProgress
 * @returns {Promise<Analysis>}
 */
export function uploadAnalysis(form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/analyses');
    xhr.setRequestHeader('Accept', 'application/json');
    // RFC 7240: run the analysis as a job and answer at once.
    xhr.setRequestHeader('Prefer', 'respond-async');
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress('upload', e.total ? e.loaded / e.total : 1);
    });
    xhr.upload.addEventListener('load', () => onProgress('analyse', 1));
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        let body;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          reject(new ApiError('The server sent a report the page could not read.'));
          return;
        }
        if (xhr.status === 202 && body && typeof body.url === 'string') {
          onProgress('analyse', 1, body);
          followJob(body.url, (job) => onProgress('analyse', 1, job)).then(resolve, reject);
        } else {
          resolve(body);
        }
      } else {
        reject(problemToError(xhr.status, xhr.getResponseHeader('content-type') ?? '', xhr.responseText));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError('Could not reach the Warrant server. Is it running?')));
    xhr.addEventListener('abort', () => reject(new ApiError('The upload was cancelled.')));
    xhr.send(form);
  });
}

/** Times a job poll may fail to reach the server in a row before the page gives up. */
const POLL_NETWORK_RETRIES = 5;

/**
 * Poll a job until it ends; resolve with its analysis, or reject with its error in words.
 * @param {string} url the job (/api/jobs/{id})
 * @param {(job: Job) => void} onJob hears each state of the job
 * @returns {Promise<Analysis>}
 */
export async function followJob(url, onJob) {
  let misses = 0;
  for (let n = 0; ; n++) {
    // Quick at first (most analyses take a second or two), then once a second.
    await new Promise((r) => setTimeout(r, Math.min(1000, 200 + 100 * n)));
    let job;
    try {
      job = await apiJson(url, { cache: 'no-store' });
      misses = 0;
    } catch (err) {
      if (err instanceof ApiError && err.status === 0 && ++misses <= POLL_NETWORK_RETRIES) continue;
      throw err;
    }
    onJob(job);
    if (job.state === 'done') return getAnalysis(job.analysisId);
    if (job.state === 'failed') throw jobError(job.error);
  }
}

/**
 * A failed job's error as the ApiError the synchronous request would have given (same code, words, file).
 * @param {{code?: string, message?: string, status?: number, file?: string} | undefined} error
 * @returns {ApiError}
 */
export function jobError(error) {
  const e = error ?? {};
  const status = typeof e.status === 'number' ? e.status : 422;
  return problemToError(status, 'application/problem+json', JSON.stringify({ ...e, status, detail: e.message ?? '' }));
}
