/**
 * RFC 9457 problem details: every API error is application/problem+json with a stable code.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isWarrantError, type ErrorCode } from '../model/errors.ts';

/** The body of an error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode | string;
  instance?: string;
  requestId?: string;
  file?: string;
  line?: number;
  column?: number;
  /** NO_READABLE_INPUT: every file of the upload with the code that stopped it (issue 16). */
  files?: Array<{ name: string; role?: string; code: string; message: string }>;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  TOO_LARGE: 413,
  TOO_MANY_FILES: 413,
  TOO_MANY_PAGES: 422,
  PARSE_TIMEOUT: 422,
  PARSE_OUT_OF_MEMORY: 422,
  INTERNAL: 500,
  ANALYSIS_TIMEOUT: 422,
  TOO_MANY_RECORDS: 422,
  BUSY: 503,
  CANCELLED: 503,
  STORAGE_FULL: 507,
  STORAGE_UNAVAILABLE: 503,
  RULES_INVALID: 500,
  CONFIG_INVALID: 500,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable input',
  500: 'Internal error',
  507: 'Insufficient storage',
  503: 'Busy',
};

/** HTTP status for an error code: input problems are 422 unless listed. */
export function statusForCode(code: ErrorCode): ContentfulStatusCode {
  return STATUS_BY_CODE[code] ?? 422;
}

/** Send a problem+json response. */
export function problem(c: Context, status: ContentfulStatusCode, code: string, detail: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = {
    type: `https://warrant.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: c.req.path,
    requestId: c.get('requestId' as never) as string | undefined,
    ...extra,
  };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}

/** Turn any thrown value into a problem response (WarrantError keeps its code; others are 500 with no internals). */
export function problemFromError(c: Context, err: unknown): Response {
  if (isWarrantError(err)) {
    // Back-pressure (RFC 9110 §10.2.3): say when to come back.
    const retry = err.details?.retryAfterSeconds;
    if (typeof retry === 'number') c.header('Retry-After', String(retry));
    if (err.code === 'INTERNAL') return problem(c, 500, 'INTERNAL', 'An unexpected error occurred; it has been logged with this request id.');
    const files = Array.isArray(err.details?.files) ? { files: err.details.files as Problem['files'] } : {};
    return problem(c, statusForCode(err.code), err.code, err.message, { file: err.file, line: err.line, column: err.column, ...files });
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : status === 413 ? 'TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
    return problem(c, status, code, err.message || TITLES[status] || 'request failed');
  }
  return problem(c, 500, 'INTERNAL', 'An unexpected error occurred; it has been logged with this request id.');
}
