/**
 * POST /api/classify: one sentence through the classifier, with its cues (the web page's "why").
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { classifyText } from '../analyze.ts';
import { jsonBodyProblems, security, type ApiApp, type ApiContext, type ApiEnv } from './context.ts';

const classifyRoute = createRoute({
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
    ...jsonBodyProblems,
  },
});

/** Register POST /api/classify. */
export function registerClassifyRoutes(app: ApiApp, ctx: ApiContext): void {
  app.openapi(classifyRoute, classify(ctx));
}

function classify(ctx: ApiContext): RouteHandler<typeof classifyRoute, ApiEnv> {
  return (c) => {
    const { text, role, section } = c.req.valid('json');
    return c.json(classifyText(text, { role, sectionPath: section }, ctx.rules) as unknown as Record<string, unknown>, 200);
  };
}
