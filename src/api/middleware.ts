/**
 * What wraps every route: request id, structured log and security headers; problem+json for
 * requests a route's schema refuses, for errors and for unknown routes; the optional bearer token
 * on /api; a body limit on every route.
 */
import type { OpenAPIHonoOptions } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { WarrantError } from '../model/errors.ts';
import { problem, problemFromError } from './problem.ts';
import { fail, type ApiApp, type ApiEnv, type AppDeps } from './context.ts';

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** A request its route's schema refuses: 400 naming the first field and why (the app's `defaultHook`). */
export const refuseInvalid: NonNullable<OpenAPIHonoOptions<ApiEnv>['defaultHook']> = (result, c) => {
  if (!result.success) {
    const issue = result.error.issues[0];
    return fail(c, 400, 'BAD_REQUEST', `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
  }
  return undefined;
};

/** Register the middleware and the error handlers, in the order they must run. */
export function registerMiddleware(app: ApiApp, deps: AppDeps): void {
  app.use('*', requestContext(deps.log));
  app.onError((err, c) => {
    const internal = (!(err instanceof WarrantError) && !(err instanceof HTTPException)) || (err instanceof WarrantError && err.code === 'INTERNAL');
    // Internal details go to the log only; the response names the request id.
    if (internal) deps.log?.({ level: 'error', msg: 'unhandled', requestId: c.get('requestId'), error: String((err as Error)?.stack ?? err) });
    return problemFromError(c, err);
  });
  app.notFound((c) => problem(c, 404, 'NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`));
  app.use('/api/*', bearerAuth(deps.token));
  app.use('*', bodyLimits(deps));
}

/** Request id + structured log + security headers on every response. */
function requestContext(log: AppDeps['log']): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    // The client's connection, captured before any middleware rebuilds the request.
    c.set('signal', c.req.raw.signal);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    log?.({ level: 'info', msg: 'request', requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  };
}

/** The optional bearer token on every /api route. */
function bearerAuth(token: string | undefined): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (token) {
      // RFC 7235 §2.1: the scheme name is case-insensitive.
      const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '');
      if (!m || !sameSecret(m[1]!, token)) {
        c.header('WWW-Authenticate', 'Bearer realm="warrant"');
        return fail(c, 401, 'UNAUTHORIZED', 'this server needs a bearer token (Authorization: Bearer <WARRANT_TOKEN>)');
      }
    }
    await next();
  };
}

/** A body limit on every route: uploads have theirs, everything else a small one (issue 17: /api/classify took 200 MB). */
function bodyLimits(deps: AppDeps): MiddlewareHandler<ApiEnv> {
  const uploadLimit = bodyLimit({
    maxSize: deps.maxUploadBytes,
    onError: (c) => problem(c, 413, 'TOO_LARGE', `upload exceeds the limit of ${Math.round(deps.maxUploadBytes / 1024 / 1024)} MB`),
  });
  const maxJson = deps.maxJsonBytes ?? 64 * 1024;
  const smallLimit = bodyLimit({ maxSize: maxJson, onError: (c) => problem(c, 413, 'TOO_LARGE', `request body exceeds the limit of ${Math.round(maxJson / 1024)} KB`) });
  return (c, next) => (c.req.path === '/api/analyses' ? uploadLimit(c, next) : smallLimit(c, next));
}

/** Compare a presented token with the configured one in constant time. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
