/**
 * GET /api/rules: the rule set in use (every file, its kind, hash and data).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { problemResponse, security, type ApiApp, type ApiContext } from './context.ts';

const rulesRoute = createRoute({
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
});

/** Register GET /api/rules. */
export function registerRulesRoutes(app: ApiApp, { rules }: ApiContext): void {
  app.openapi(rulesRoute, (c) => c.json({ sha256: rules.sha256, files: rules.files.map((f) => ({ path: f.path, kind: f.kind, sha256: f.sha256, data: f.data as unknown })) }, 200));
}
