/**
 * GET /healthz: worker saturation, queue depth, whether storage is writable, the job queue.
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import type { ApiApp, ApiContext, ApiEnv } from './context.ts';

const HealthSchema = z.object({
  status: z.enum(['ok', 'busy', 'unavailable']),
  analyses: z.number(),
  workers: z.object({ size: z.number(), busy: z.number(), queued: z.number(), maxQueue: z.number().nullable(), saturation: z.number() }).optional(),
  storage: z.object({ backend: z.enum(['sqlite', 'postgres']), writable: z.boolean(), error: z.string().optional() }),
  queue: z.object({ backend: z.string(), ok: z.boolean(), queued: z.number(), running: z.number() }).openapi({ description: 'The job queue: in-process, or PostgreSQL shared with other servers and `warrant worker`s' }),
});

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Health: worker saturation, queue depth, whether storage is writable, the job queue',
  responses: {
    200: { content: { 'application/json': { schema: HealthSchema } }, description: 'Up (status "busy" when every worker is busy and the queue is full)' },
    503: { content: { 'application/json': { schema: HealthSchema } }, description: 'Storage is not writable or the job queue is down' },
  },
});

/** Register GET /healthz. */
export function registerHealthRoutes(app: ApiApp, ctx: ApiContext): void {
  app.openapi(healthRoute, health(ctx));
}

function health(ctx: ApiContext): RouteHandler<typeof healthRoute, ApiEnv> {
  return async (c) => {
    const stats = ctx.runner.stats?.();
    const storage = await ctx.store.health();
    const queue = await ctx.jobs.health().catch(() => ({ backend: 'unknown', ok: false, queued: 0, running: 0 }));
    const writable = storage.writable;
    const up = writable && queue.ok;
    const full = stats !== undefined && stats.busy >= stats.size && stats.maxQueue !== null && stats.queued >= stats.maxQueue;
    const body = {
      status: !up ? ('unavailable' as const) : full ? ('busy' as const) : ('ok' as const),
      analyses: writable ? await ctx.store.countAnalyses() : 0,
      ...(stats ? { workers: { ...stats, saturation: Math.round((stats.busy / stats.size) * 100) / 100 } } : {}),
      storage,
      queue,
    };
    return up ? c.json(body, 200) : c.json(body, 503);
  };
}
