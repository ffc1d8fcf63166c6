/**
 * The analyses: POST /api/analyses (an upload, analysed now or as a job), the list, one analysis in
 * any report format, its deletion, and the download of one of its stored inputs.
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { WarrantError } from '../model/errors.ts';
import { reportJson } from '../model/report-json.ts';
import { formatFromAccept, renderReport, REPORT_EXTENSIONS, REPORT_FORMATS, mediaTypeFor, type ReportFormat } from '../report/render.ts';
import { storedInputs } from '../jobs/execute.ts';
import { acceptAnalysisJob, jobAcceptedResponse, prefersAsync } from './jobs-routes.ts';
import { readUpload, uploadSchema } from './upload.ts';
import { fail, IdParam, problemResponse, security, type ApiApp, type ApiContext, type ApiEnv } from './context.ts';

const InputRefSchema = z.object({ name: z.string(), role: z.enum(['model-card', 'contract', 'evidence']), sha256: z.string(), mediaType: z.string(), size: z.number() });
const ReportSchema = z.record(z.string(), z.unknown()).openapi('Report', { description: 'The versioned JSON report (see DESIGN.md, data model).' });
const AnalysisSchema = z.object({ id: z.string(), createdAt: z.string(), report: ReportSchema }).openapi('Analysis');
const SummarySchema = z
  .object({ id: z.string(), createdAt: z.string(), profile: z.string(), inputs: z.array(InputRefSchema), summary: z.record(z.string(), z.unknown()) })
  .openapi('AnalysisSummary');
const FormatQuery = z.object({ format: z.enum(REPORT_FORMATS as unknown as [ReportFormat, ...ReportFormat[]]).optional() });

/** POST /api/analyses; its `profile` field lists the rule set's profiles. */
const createAnalysisRoute = (profiles: readonly string[]) =>
  createRoute({
    method: 'post',
    path: '/api/analyses',
    summary: 'Analyse uploaded documents',
    description:
      'multipart/form-data. File parts under `file` (role guessed) or under `model-card`, `contract`, `evidence` (role given). Optional field `profile`.',
    security,
    request: { body: { required: true, content: { 'multipart/form-data': { schema: uploadSchema(profiles) } } } },
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
  });

const listRoute = createRoute({
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
});

const getRoute = createRoute({
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
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/analyses/{id}',
  summary: 'Delete an analysis and the inputs only it used',
  security,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, 401: problemResponse('Missing or wrong token'), 404: problemResponse('No such analysis') },
});

const inputRoute = createRoute({
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
});

/** Register the /api/analyses routes. */
export function registerAnalysisRoutes(app: ApiApp, ctx: ApiContext): void {
  app.openapi(createAnalysisRoute(ctx.profiles), createAnalysis(ctx));
  app.openapi(listRoute, listAnalyses(ctx));
  app.openapi(getRoute, getAnalysis(ctx));
  app.openapi(deleteRoute, deleteAnalysis(ctx));
  app.openapi(inputRoute, getInput(ctx));
}

/** Analyse an upload: as a job with `Prefer: respond-async`, else now, answering 201 with the stored analysis. */
function createAnalysis(ctx: ApiContext): RouteHandler<ReturnType<typeof createAnalysisRoute>, ApiEnv> {
  return async (c) => {
    const upload = await readUpload(c, ctx);
    if (upload instanceof Response) return upload as never;
    const { inputs, profile } = upload;
    if (prefersAsync(c.req.header('prefer'))) return acceptAnalysisJob(c, ctx.jobs, { profile, inputs, createdAt: ctx.now().toISOString(), requestId: c.get('requestId') }) as never;
    const signal = c.get('signal');
    // Readable files are analysed even when another is not; the others are named in report.skipped (issue 16).
    const report = await ctx.runner.run(inputs, { profile, createdAt: ctx.now().toISOString(), signal, skipUnreadable: true });
    if (signal?.aborted) throw new WarrantError('CANCELLED', 'the client went away before the analysis was stored');
    const id = randomUUID();
    await ctx.store.saveAnalysis({ id, report, requestId: c.get('requestId'), inputs: storedInputs(report, inputs) });
    c.header('Location', `/api/analyses/${id}`);
    // The report's JSON text as the worker wrote it: no second serialisation of a large report here.
    return c.body(`{"id":${JSON.stringify(id)},"createdAt":${JSON.stringify(report.createdAt)},"report":${reportJson(report)}}`, 201, { 'content-type': 'application/json' }) as never;
  };
}

function listAnalyses(ctx: ApiContext): RouteHandler<typeof listRoute, ApiEnv> {
  return async (c) => {
    const { limit, offset } = c.req.valid('query');
    const page = await ctx.store.listAnalyses(limit, offset);
    return c.json(page as unknown as { items: z.infer<typeof SummarySchema>[]; total: number }, 200);
  };
}

function getAnalysis(ctx: ApiContext): RouteHandler<typeof getRoute, ApiEnv> {
  return async (c) => {
    const { id } = c.req.valid('param');
    const stored = await ctx.store.getAnalysis(id);
    if (!stored) return fail(c, 404, 'NOT_FOUND', `no analysis ${id}`);
    const format = c.req.valid('query').format ?? formatFromAccept(c.req.header('accept'));
    if (!format || format === 'json') return c.json({ id, createdAt: stored.createdAt, report: stored.report as unknown as Record<string, unknown> }, 200);
    const body = renderReport(stored.report, format, { catalogue: ctx.catalogue });
    const ext = REPORT_EXTENSIONS[format];
    return c.body(body, 200, {
      'Content-Type': mediaTypeFor(format),
      'Content-Disposition': `attachment; filename="warrant-${id}${ext}"`,
    }) as never;
  };
}

function deleteAnalysis(ctx: ApiContext): RouteHandler<typeof deleteRoute, ApiEnv> {
  return async (c) => {
    const { id } = c.req.valid('param');
    if (!(await ctx.store.deleteAnalysis(id, c.get('requestId')))) return fail(c, 404, 'NOT_FOUND', `no analysis ${id}`);
    return c.body(null, 204);
  };
}

function getInput(ctx: ApiContext): RouteHandler<typeof inputRoute, ApiEnv> {
  return async (c) => {
    const { id, sha256 } = c.req.valid('param');
    const input = await ctx.store.getInput(id, sha256);
    if (!input) return fail(c, 404, 'NOT_FOUND', `analysis ${id} has no input ${sha256}`);
    return c.body(Buffer.from(input.bytes), 200, {
      'Content-Type': input.mediaType,
      'Content-Disposition': contentDisposition(input.name),
    }) as never;
  };
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
