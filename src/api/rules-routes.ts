/**
 * GET /api/rules: the rule set in use (every file, its kind, hash and data). `?kind=profile` keeps the
 * files of one kind: the web page needs the profiles, not the fitted weights and word vectors (~2 MB).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { problemResponse, security, type ApiApp, type ApiContext } from './context.ts';

const rulesRoute = createRoute({
  method: 'get',
  path: '/api/rules',
  summary: 'The rule set in use',
  security,
  request: { query: z.object({ kind: z.string().optional().openapi({ description: 'Only the files of this kind (e.g. profile)' }) }) },
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
  app.openapi(rulesRoute, (c) => {
    const { kind } = c.req.valid('query');
    const files = rules.files.filter((f) => kind === undefined || f.kind === kind);
    return c.json({ sha256: rules.sha256, files: files.map((f) => ({ path: f.path, kind: f.kind, sha256: f.sha256, data: f.data as unknown })) }, 200);
  });
}
