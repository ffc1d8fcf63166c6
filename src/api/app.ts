/**
 * The Hono app: wires middleware, errors and routes; holds no pipeline logic (it calls a runner).
 * Tests call `app.request()` with no server.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import type { InputFile, Report, Role } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import { reportJson } from '../model/report-json.ts';
import type { Storage } from '../storage/types.ts';
import type { RuleSet } from '../rules/load.ts';
import { problem, problemFromError } from './problem.ts';
import { serveSamples, serveWeb } from './static.ts';
import { formatFromAccept, renderReport, REPORT_EXTENSIONS, REPORT_FORMATS, mediaTypeFor, type ReportFormat } from '../report/render.ts';
import { findingCatalogue } from '../assess/index.ts';
import { classifyText } from '../analyze.ts';
import type { PoolStats } from '../pool/worker-pool.ts';
import type { ProgressListener } from '../model/progress.ts';
import type { JobQueue } from '../jobs/types.ts';
import { storedInputs } from '../jobs/execute.ts';
import { acceptAnalysisJob, inProcessJobQueue, jobAcceptedResponse, prefersAsync, registerJobRoutes } from './jobs-routes.ts';
import { timingSafeEqual } from 'node:crypto';

/** Runs analyses off the request path (inline or in a worker pool). */
export interface AnalysisRunner {
  /** `signal` aborts when the client goes away: the analysis is cancelled. `onProgress` hears stages and PDF pages (jobs, issue 15). */
  run(inputs: InputFile[], options: { profile: string; createdAt: string; signal?: AbortSignal; skipUnreadable?: boolean; onProgress?: ProgressListener }): Promise<Report>;
  /** Worker saturation and queue depth, when the runner has a pool. */
  stats?(): PoolStats;
}

/** What the app needs. */
export interface AppDeps {
  store: Storage;
  rules: RuleSet;
  runner: AnalysisRunner;
  maxUploadBytes: number;
  maxFiles: number;
  /** Body limit of every route but uploads, bytes (default 64 KiB). */
  maxJsonBytes?: number;
  token?: string;
  /** Structured log sink (one object per line); omit to log nothing. */
  log?: (entry: Record<string, unknown>) => void;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Runs `Prefer: respond-async` analyses (issue 15); default an in-process queue over `runner` and `store`. */
  jobs?: JobQueue;
}

type Env = { Variables: { requestId: string; signal: AbortSignal } };

/** problem() typed to fit any route's declared responses. */
const fail = (...args: Parameters<typeof problem>): never => problem(...args) as never;

const ROLE_FIELDS: Record<string, Role | undefined> = { file: undefined, files: undefined, 'model-card': 'model-card', contract: 'contract', evidence: 'evidence' };
/** Every multipart field an upload may carry; any other is refused, never silently dropped (issue 17). */
const UPLOAD_FIELDS = [...Object.keys(ROLE_FIELDS), 'profile'];
const PROFILES = ['procurement', 'vendor-release'] as const;

const ProblemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string(), requestId: z.string().optional() })
  .openapi('Problem');
const problemResponse = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });
const InputRefSchema = z.object({ name: z.string(), role: z.enum(['model-card', 'contract', 'evidence']), sha256: z.string(), mediaType: z.string(), size: z.number() });
const ReportSchema = z.record(z.string(), z.unknown()).openapi('Report', { description: 'The versioned JSON report (see DESIGN.md, data model).' });
const AnalysisSchema = z.object({ id: z.string(), createdAt: z.string(), report: ReportSchema }).openapi('Analysis');
const SummarySchema = z
  .object({ id: z.string(), createdAt: z.string(), profile: z.string(), inputs: z.array(InputRefSchema), summary: z.record(z.string(), z.unknown()) })
  .openapi('AnalysisSummary');
const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });
const FormatQuery = z.object({ format: z.enum(REPORT_FORMATS as unknown as [ReportFormat, ...ReportFormat[]]).optional() });
const security = [{ bearer: [] as string[] }];

/** Build the app. */
export function createApp(deps: AppDeps): OpenAPIHono<Env> {
  const now = deps.now ?? (() => new Date());
  const catalogue = findingCatalogue(deps.rules);
  const jobs = deps.jobs ?? inProcessJobQueue(deps.runner, deps.store, deps.log);
  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        return fail(c, 400, 'BAD_REQUEST', `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
      }
      return undefined;
    },
  });

  // Request id + structured log + security headers on every response.
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    // The client's connection, captured before any middleware rebuilds the request.
    c.set('signal', c.req.raw.signal);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    deps.log?.({ level: 'info', msg: 'request', requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  app.onError((err, c) => {
    const internal = (!(err instanceof WarrantError) && !(err instanceof HTTPException)) || (err instanceof WarrantError && err.code === 'INTERNAL');
    // Internal details go to the log only; the response names the request id.
    if (internal) deps.log?.({ level: 'error', msg: 'unhandled', requestId: c.get('requestId'), error: String((err as Error)?.stack ?? err) });
    return problemFromError(c, err);
  });
  app.notFound((c) => problem(c, 404, 'NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`));

  // Optional bearer token on every /api route.
  app.use('/api/*', async (c, next) => {
    if (deps.token) {
      // RFC 7235 §2.1: the scheme name is case-insensitive.
      const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '');
      if (!m || !sameSecret(m[1]!, deps.token)) {
        c.header('WWW-Authenticate', 'Bearer realm="warrant"');
        return fail(c, 401, 'UNAUTHORIZED', 'this server needs a bearer token (Authorization: Bearer <WARRANT_TOKEN>)');
      }
    }
    await next();
  });

  // A body limit on every route: uploads have theirs, everything else a small one (issue 17: /api/classify took 200 MB).
  const uploadLimit = bodyLimit({
    maxSize: deps.maxUploadBytes,
    onError: (c) => problem(c, 413, 'TOO_LARGE', `upload exceeds the limit of ${Math.round(deps.maxUploadBytes / 1024 / 1024)} MB`),
  });
  const maxJson = deps.maxJsonBytes ?? 64 * 1024;
  const smallLimit = bodyLimit({ maxSize: maxJson, onError: (c) => problem(c, 413, 'TOO_LARGE', `request body exceeds the limit of ${Math.round(maxJson / 1024)} KB`) });
  app.use('*', (c, next) => (c.req.path === '/api/analyses' ? uploadLimit(c, next) : smallLimit(c, next)));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  const HealthSchema = z.object({
    status: z.enum(['ok', 'busy', 'unavailable']),
    analyses: z.number(),
    workers: z.object({ size: z.number(), busy: z.number(), queued: z.number(), maxQueue: z.number().nullable(), saturation: z.number() }).optional(),
    storage: z.object({ backend: z.enum(['sqlite', 'postgres']), writable: z.boolean(), error: z.string().optional() }),
    queue: z.object({ backend: z.string(), ok: z.boolean(), queued: z.number(), running: z.number() }).openapi({ description: 'The job queue: in-process, or PostgreSQL shared with other servers and `warrant worker`s' }),
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Health: worker saturation, queue depth, whether storage is writable, the job queue',
      responses: {
        200: { content: { 'application/json': { schema: HealthSchema } }, description: 'Up (status "busy" when every worker is busy and the queue is full)' },
        503: { content: { 'application/json': { schema: HealthSchema } }, description: 'Storage is not writable or the job queue is down' },
      },
    }),
    async (c) => {
      const stats = deps.runner.stats?.();
      const storage = await deps.store.health();
      const queue = await jobs.health().catch(() => ({ backend: 'unknown', ok: false, queued: 0, running: 0 }));
      const writable = storage.writable;
      const up = writable && queue.ok;
      const full = stats !== undefined && stats.busy >= stats.size && stats.maxQueue !== null && stats.queued >= stats.maxQueue;
      const body = {
        status: !up ? ('unavailable' as const) : full ? ('busy' as const) : ('ok' as const),
        analyses: writable ? await deps.store.countAnalyses() : 0,
        ...(stats ? { workers: { ...stats, saturation: Math.round((stats.busy / stats.size) * 100) / 100 } } : {}),
        storage,
        queue,
      };
      return up ? c.json(body, 200) : c.json(body, 503);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/analyses',
      summary: 'Analyse uploaded documents',
      description:
        'multipart/form-data. File parts under `file` (role guessed) or under `model-card`, `contract`, `evidence` (role given). Optional field `profile`.',
      security,
      request: {
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.any().optional().openapi({ type: 'string', format: 'binary' }),
                'model-card': z.any().optional().openapi({ type: 'string', format: 'binary' }),
                contract: z.any().optional().openapi({ type: 'string', format: 'binary' }),
                evidence: z.any().optional().openapi({ type: 'string', format: 'binary' }),
                profile: z.enum(PROFILES).optional(),
              }),
            },
          },
        },
      },
      responses: {
        202: jobAcceptedResponse,
        201: { content: { 'application/json': { schema: AnalysisSchema } }, description: 'Analysis stored; a file that could not be read while others could is listed in `report.skipped` (name, role, code, message)' },
        400: problemResponse('No file, or a malformed request'),
        401: problemResponse('Missing or wrong token'),
        413: problemResponse('Upload too large or too many files'),
        422: problemResponse('No file could be read (empty, binary, corrupt, encrypted, ...: one file keeps its own code, several are NO_READABLE_INPUT with `files`), or the analysis passed the deadline (ANALYSIS_TIMEOUT)'),
        503: problemResponse('Every worker is busy and the queue is full (BUSY, with Retry-After), or storage is unavailable'),
        507: problemResponse('Storage is full (STORAGE_FULL)'),
      },
    }),
    async (c) => {
      // Media types are case-insensitive (RFC 9110 §8.3.1).
      const ctype = (c.req.header('content-type') ?? '').trim().toLowerCase();
      if (!ctype.startsWith('multipart/form-data')) return fail(c, 400, 'BAD_REQUEST', 'send the files as multipart/form-data');
      const body: Record<string, Array<string | File>> = Object.create(null);
      try {
        const form = await c.req.formData();
        form.forEach((value, key) => (body[key] ??= []).push(value));
      } catch (cause) {
        return fail(c, 400, 'BAD_REQUEST', `malformed multipart body: ${(cause as Error).message}`);
      }
      const unknown = Object.keys(body).filter((f) => !UPLOAD_FIELDS.includes(f));
      if (unknown.length) {
        return fail(c, 400, 'BAD_REQUEST', `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f.slice(0, 60)}"`).join(', ')}; the accepted fields are ${UPLOAD_FIELDS.join(', ')}`);
      }
      const inputs: InputFile[] = [];
      for (const [field, value] of Object.entries(body)) {
        if (!(field in ROLE_FIELDS)) continue;
        for (const v of Array.isArray(value) ? value : [value]) {
          if (typeof v === 'string') return fail(c, 400, 'BAD_REQUEST', `field "${field}" must be a file upload, not text`);
          const file = v as File;
          inputs.push({ name: safeName(file.name), bytes: new Uint8Array(await file.arrayBuffer()), role: ROLE_FIELDS[field] });
        }
      }
      if (inputs.length === 0) return fail(c, 400, 'BAD_REQUEST', 'no file: send at least one part named file, model-card, contract or evidence');
      if (inputs.length > deps.maxFiles) return fail(c, 413, 'TOO_MANY_FILES', `at most ${deps.maxFiles} files per analysis`);
      const profileField = body.profile?.[0];
      if (profileField !== undefined && typeof profileField !== 'string') return fail(c, 400, 'BAD_REQUEST', 'field "profile" must be text');
      const profile = profileField ?? 'procurement';
      if (!(PROFILES as readonly string[]).includes(profile)) return fail(c, 400, 'BAD_REQUEST', `unknown profile "${profile}"; use ${PROFILES.join(' or ')}`);
      if (prefersAsync(c.req.header('prefer'))) return acceptAnalysisJob(c, jobs, { profile, inputs, createdAt: now().toISOString(), requestId: c.get('requestId') }) as never;
      const signal = c.get('signal');
      // Readable files are analysed even when another is not; the others are named in report.skipped (issue 16).
      const report = await deps.runner.run(inputs, { profile, createdAt: now().toISOString(), signal, skipUnreadable: true });
      if (signal?.aborted) throw new WarrantError('CANCELLED', 'the client went away before the analysis was stored');
      const id = randomUUID();
      await deps.store.saveAnalysis({
        id,
        report,
        requestId: c.get('requestId'),
        inputs: storedInputs(report, inputs),
      });
      c.header('Location', `/api/analyses/${id}`);
      // The report's JSON text as the worker wrote it: no second serialisation of a large report here.
      return c.body(`{"id":${JSON.stringify(id)},"createdAt":${JSON.stringify(report.createdAt)},"report":${reportJson(report)}}`, 201, { 'content-type': 'application/json' }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/analyses',
      summary: 'List analyses, newest first',
      security,
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      },
      responses: {
        200: { content: { 'application/json': { schema: z.object({ items: z.array(SummarySchema), total: z.number() }) } }, description: 'A page' },
        400: problemResponse('Bad paging parameters'),
        401: problemResponse('Missing or wrong token'),
      },
    }),
    async (c) => {
      const { limit, offset } = c.req.valid('query');
      const page = await deps.store.listAnalyses(limit, offset);
      return c.json(page as unknown as { items: z.infer<typeof SummarySchema>[]; total: number }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/analyses/{id}',
      summary: 'Fetch an analysis in any report format',
      description: 'Format by `?format=` or by `Accept` (application/sarif+json, text/markdown, text/html, text/csv). Default JSON `{id, createdAt, report}`.',
      security,
      request: { params: IdParam, query: FormatQuery },
      responses: {
        200: {
          content: {
            'application/json': { schema: AnalysisSchema },
            'application/sarif+json': { schema: z.record(z.string(), z.unknown()) },
            'text/markdown': { schema: z.string() },
            'text/html': { schema: z.string() },
            'text/csv': { schema: z.string() },
          },
          description: 'The analysis',
        },
        400: problemResponse('Unknown format'),
        401: problemResponse('Missing or wrong token'),
        404: problemResponse('No such analysis'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const stored = await deps.store.getAnalysis(id);
      if (!stored) return fail(c, 404, 'NOT_FOUND', `no analysis ${id}`);
      const format = c.req.valid('query').format ?? formatFromAccept(c.req.header('accept'));
      if (!format || format === 'json') return c.json({ id, createdAt: stored.createdAt, report: stored.report as unknown as Record<string, unknown> }, 200);
      const body = renderReport(stored.report, format, { catalogue });
      const ext = REPORT_EXTENSIONS[format];
      return c.body(body, 200, {
        'Content-Type': mediaTypeFor(format),
        'Content-Disposition': `attachment; filename="warrant-${id}${ext}"`,
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/analyses/{id}',
      summary: 'Delete an analysis and the inputs only it used',
      security,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, 401: problemResponse('Missing or wrong token'), 404: problemResponse('No such analysis') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deps.store.deleteAnalysis(id, c.get('requestId')))) return fail(c, 404, 'NOT_FOUND', `no analysis ${id}`);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/analyses/{id}/inputs/{sha256}',
      summary: 'Download one stored input of an analysis',
      security,
      request: { params: IdParam.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/).openapi({ param: { name: 'sha256', in: 'path' } }) }) },
      responses: {
        200: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The bytes' },
        401: problemResponse('Missing or wrong token'),
        404: problemResponse('No such input'),
      },
    }),
    async (c) => {
      const { id, sha256 } = c.req.valid('param');
      const input = await deps.store.getInput(id, sha256);
      if (!input) return fail(c, 404, 'NOT_FOUND', `analysis ${id} has no input ${sha256}`);
      return c.body(Buffer.from(input.bytes), 200, {
        'Content-Type': input.mediaType,
        'Content-Disposition': contentDisposition(input.name),
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/classify',
      summary: 'Classify one sentence',
      security,
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({
                text: z.string().min(1).max(5000),
                role: z.enum(['model-card', 'contract']).default('model-card'),
                section: z.array(z.string().max(200)).max(10).default([]),
              }),
            },
          },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } }, description: 'The claim with its cues' },
        400: problemResponse('Bad body'),
        401: problemResponse('Missing or wrong token'),
        413: problemResponse('Body over 64 KB (TOO_LARGE)'),
      },
    }),
    (c) => {
      const { text, role, section } = c.req.valid('json');
      return c.json(classifyText(text, { role, sectionPath: section }, deps.rules) as unknown as Record<string, unknown>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/rules',
      summary: 'The rule set in use',
      security,
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({ sha256: z.string(), files: z.array(z.object({ path: z.string(), kind: z.string(), sha256: z.string(), data: z.unknown() })) }),
            },
          },
          description: 'Rule files',
        },
        401: problemResponse('Missing or wrong token'),
      },
    }),
    (c) => c.json({ sha256: deps.rules.sha256, files: deps.rules.files.map((f) => ({ path: f.path, kind: f.kind, sha256: f.sha256, data: f.data as unknown })) }, 200),
  );

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Warrant API', version: '1.0.0', description: 'Model-card and contract analysis: representations, evidence, drift.' },
  });

  registerJobRoutes(app, jobs);
  serveWeb(app);
  serveSamples(app);
  return app;
}

/**
 * RFC 6266 Content-Disposition: an ASCII `filename` for old clients and the exact name as
 * `filename*` (RFC 8187, UTF-8 percent-encoded), so non-ASCII names (模型卡.md) download.
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Compare a presented token with the configured one in constant time. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Keep a file name printable and short; never a path. */
function safeName(name: string): string {
  const base = (name || 'upload').split(/[\\/]/).pop() ?? 'upload';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'upload';
}
