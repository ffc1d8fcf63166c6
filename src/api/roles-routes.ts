/**
 * POST /api/roles/guess: the role an analysis would give a file uploaded without one (evidence by
 * format, else model card or contract by rules/roles.yaml), for the web page's role select. The
 * guess is ingest's (guessInputRole); the page keeps no rules of its own.
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import { guessInputRole } from '../ingest/index.ts';
import { WarrantError } from '../model/errors.ts';
import { jsonBodyProblems, security, type ApiApp, type ApiContext, type ApiEnv } from './context.ts';

/** Most text the page sends: the first 16 KB of a text file is enough to read its role. */
const MAX_GUESS_TEXT = 16384;

const guessRoute = createRoute({
  method: 'post',
  path: '/api/roles/guess',
  summary: 'Guess the role of a file uploaded without one',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().min(1).max(500),
            text: z.string().max(MAX_GUESS_TEXT).optional().openapi({ description: 'The start of the file, for text files (Markdown, text, JSON, CSV, YAML); omit for PDF and DOCX' }),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({
            role: z.enum(['model-card', 'contract', 'evidence']).nullable().openapi({ description: 'null: not decidable from what was sent (the analysis decides when it reads the whole file)' }),
          }),
        },
      },
      description: 'The role an analysis would give the file',
    },
    ...jsonBodyProblems,
  },
});

/** Register POST /api/roles/guess. */
export function registerRoleRoutes(app: ApiApp, ctx: ApiContext): void {
  app.openapi(guessRoute, guess(ctx));
}

function guess(ctx: ApiContext): RouteHandler<typeof guessRoute, ApiEnv> {
  return async (c) => {
    const { name, text } = c.req.valid('json');
    const bytes = new TextEncoder().encode(text ?? '');
    try {
      return c.json({ role: (await guessInputRole({ name, bytes }, ctx.rules)) ?? null }, 200);
    } catch (err) {
      // A start of a file that does not read (binary, a lying extension, no text) leaves the decision to the analysis.
      if (err instanceof WarrantError) return c.json({ role: null }, 200);
      throw err;
    }
  };
}
