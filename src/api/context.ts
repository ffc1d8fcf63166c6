/**
 * What every route module shares: the app's dependencies, the per-app context built from them
 * once (clock, job queue, finding catalogue, profile names), the Hono env, and the OpenAPI pieces
 * more than one route declares (the Problem schema, the bearer security, the `{id}` parameter).
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { InputFile, Report } from '../model/types.ts';
import type { Storage } from '../storage/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { PoolStats } from '../pool/worker-pool.ts';
import type { ProgressListener } from '../model/progress.ts';
import type { JobQueue } from '../jobs/types.ts';
import type { FindingCatalogue } from '../assess/index.ts';
import { problem } from './problem.ts';

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
  rules: CompiledRules;
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

/** The dependencies plus what createApp derives from them once; every route module receives it. */
export interface ApiContext extends AppDeps {
  now: () => Date;
  jobs: JobQueue;
  catalogue: FindingCatalogue;
  /** Every profile the rule set defines (rules/profiles/*.yaml and any rules dir): the ones an upload may name. */
  profiles: readonly string[];
}

/** Hono variables set by the request middleware. */
export type ApiEnv = { Variables: { requestId: string; signal: AbortSignal } };

/** The app every route module registers on. */
export type ApiApp = OpenAPIHono<ApiEnv>;

/** problem() typed to fit any route's declared responses. */
export const fail = (...args: Parameters<typeof problem>): never => problem(...args) as never;

export const ProblemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), code: z.string(), requestId: z.string().optional() })
  .openapi('Problem');

/** A problem+json response for a route's `responses`. */
export const problemResponse = (description: string) => ({ content: { 'application/problem+json': { schema: ProblemSchema } }, description });

/** The problems of a route that takes a small JSON body (POST /api/classify, /api/roles/guess). */
export const jsonBodyProblems = {
  400: problemResponse('Bad body'),
  401: problemResponse('Missing or wrong token'),
  413: problemResponse('Body over 64 KB (TOO_LARGE)'),
};

/** Every /api route may need the bearer token. */
export const security = [{ bearer: [] as string[] }];

export const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });
