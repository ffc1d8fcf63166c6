/**
 * Analyses as jobs over HTTP (issue 15 item 2). `POST /api/analyses` with `Prefer: respond-async`
 * (RFC 7240 §4.1) answers 202 Accepted with the job's URL (app.ts calls {@link acceptAnalysisJob});
 * `GET /api/jobs/{id}` says where the job is: state, stage, pages done of pages total while a PDF
 * is read, and the analysis URL once done. Thin: the queue (src/jobs/) does the work.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Env } from 'hono';
import type { InputRef, Report } from '../model/types.ts';
import type { AnalysisRunner } from './context.ts';
import { JOB_STAGES, type JobQueue, type JobStatus, type JobSubmission } from '../jobs/types.ts';
import { createInProcessQueue } from '../jobs/in-process.ts';
import { problem, statusForCode } from './problem.ts';

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ content: { 'application/problem+json': { schema: problemRef } }, description });

/** A job as the API shows it (GET /api/jobs/{id}, and the 202 body). */
export const JobSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ description: 'This job: GET it until `state` is done or failed' }),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    stage: z.enum(JOB_STAGES as unknown as [string, ...string[]]).optional().openapi({ description: 'Pipeline stage running now (or reached, when failed)' }),
    pagesDone: z.number().int().optional().openapi({ description: 'Pages of the PDF being read so far (stage ingest)' }),
    pagesTotal: z.number().int().optional().openapi({ description: 'Pages of the PDF being read (stage ingest)' }),
    input: z.string().optional().openapi({ description: 'The input being read or judged' }),
    inputIndex: z.number().int().optional(),
    inputCount: z.number().int().optional(),
    attempts: z.number().int(),
    analysisId: z.string().optional(),
    analysisUrl: z.string().optional().openapi({ description: 'The stored analysis, once state is done' }),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        status: z.number().int().openapi({ description: 'The HTTP status the synchronous request would have answered with' }),
        file: z.string().optional(),
        line: z.number().optional(),
        column: z.number().optional(),
        files: z.array(z.object({ name: z.string(), role: z.string().optional(), code: z.string(), message: z.string() })).optional(),
      })
      .optional()
      .openapi({ description: 'Why the job failed: the code and message the synchronous request would have answered with' }),
    profile: z.string(),
    inputs: z.array(z.object({ name: z.string(), role: z.string().optional(), sha256: z.string(), mediaType: z.string(), size: z.number() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Job');

type JobBody = z.infer<typeof JobSchema>;

/** The 202 response of POST /api/analyses (for its OpenAPI `responses`). */
export const jobAcceptedResponse = {
  content: { 'application/json': { schema: JobSchema } },
  description: 'With `Prefer: respond-async` (the web page always sends it): the analysis runs as a job; `Location` is the job. Poll it.',
  headers: { Location: { schema: { type: 'string' as const }, description: 'The job: /api/jobs/{id}' } },
};

/** True when a Prefer header (RFC 7240) asks for `respond-async`; preference names are case-insensitive. */
export function prefersAsync(prefer: string | undefined): boolean {
  if (!prefer) return false;
  return prefer.split(',').some((pref) => pref.split(';')[0]!.split('=')[0]!.trim().toLowerCase() === 'respond-async');
}

/** A job's API body: its status plus its URL and, once done, its analysis URL. */
export function jobBody(s: JobStatus): JobBody {
  const { requestId: _requestId, error, ...rest } = s;
  return {
    ...rest,
    url: `/api/jobs/${s.id}`,
    ...(s.analysisId && s.state === 'done' ? { analysisUrl: `/api/analyses/${s.analysisId}` } : {}),
    ...(error ? { error: { ...error, status: statusForCode(error.code) } } : {}),
  };
}

/** Submit an upload as a job and answer 202 Accepted with the job (app.ts, POST /api/analyses). */
export async function acceptAnalysisJob(c: Context, jobs: JobQueue, submission: JobSubmission): Promise<Response> {
  const status = await jobs.submit(submission);
  const url = `/api/jobs/${status.id}`;
  c.header('Location', url);
  c.header('Preference-Applied', 'respond-async');
  c.header('Vary', 'Prefer');
  c.header('Retry-After', '1');
  return c.json(jobBody(status), 202);
}

/**
 * The queue used when none is given (no WARRANT_DATABASE_URL: SQLite, one process): jobs run on
 * the app's runner and are stored through its store, as the synchronous path stores them.
 */
export function inProcessJobQueue(
  runner: AnalysisRunner,
  store: { saveAnalysis(a: { id: string; report: Report; inputs: Array<InputRef & { bytes: Uint8Array }>; requestId?: string }): unknown },
  log?: (entry: Record<string, unknown>) => void,
): JobQueue {
  return createInProcessQueue({
    analyze: (inputs, o) => runner.run(inputs, o),
    // `await` fits both the synchronous SQLite Store and the promise-returning Storage.
    saveAnalysis: async (job, report, inputs) => void (await store.saveAnalysis({ id: job.analysisId, report, inputs, requestId: job.requestId })),
    concurrency: runner.stats?.().size ?? 1,
    log,
  });
}

const jobRoute = createRoute({
  method: 'get',
  path: '/api/jobs/{id}',
  summary: 'Where an analysis job is: state, stage, PDF pages, and the analysis once done',
  description:
    'Poll until `state` is `done` (then fetch `analysisUrl`) or `failed` (then `error` holds the code and message the synchronous request would have answered with). `Retry-After` says when to ask again while the job is live.',
  security: [{ bearer: [] as string[] }],
  request: { params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { content: { 'application/json': { schema: JobSchema } }, description: 'The job' },
    401: problemResponse('Missing or wrong token'),
    404: problemResponse('No such job (or it ended long ago and was forgotten, in-process queue)'),
  },
});

/** Register GET /api/jobs/{id}. */
export function registerJobRoutes<E extends Env>(app: OpenAPIHono<E>, jobs: JobQueue): void {
  app.openapi(jobRoute, async (c) => {
    const { id } = c.req.valid('param');
    const status = await jobs.get(id);
    if (!status) return problem(c, 404, 'NOT_FOUND', `no job ${id}`) as never;
    c.header('Cache-Control', 'no-store');
    if (status.state === 'queued' || status.state === 'running') c.header('Retry-After', '1');
    return c.json(jobBody(status), 200);
  });
}
