/**
 * The Hono app: wires middleware, errors and the route modules; holds no pipeline logic (it calls a runner).
 * Each route module registers its routes and their OpenAPI definitions; tests call `app.request()` with no server.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { findingCatalogue, profileNames } from '../assess/index.ts';
import type { ApiApp, ApiContext, ApiEnv, AppDeps } from './context.ts';
import { refuseInvalid, registerMiddleware } from './middleware.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { registerAnalysisRoutes } from './analyses-routes.ts';
import { registerClassifyRoutes } from './classify-routes.ts';
import { registerRulesRoutes } from './rules-routes.ts';
import { registerRoleRoutes } from './roles-routes.ts';
import { inProcessJobQueue, registerJobRoutes } from './jobs-routes.ts';
import { serveSamples, serveWeb } from './static.ts';

export type { AnalysisRunner, AppDeps } from './context.ts';
export { contentDisposition } from './analyses-routes.ts';

/** Build the app. */
export function createApp(deps: AppDeps): ApiApp {
  const ctx: ApiContext = {
    ...deps,
    now: deps.now ?? (() => new Date()),
    jobs: deps.jobs ?? inProcessJobQueue(deps.runner, deps.store, deps.log),
    catalogue: findingCatalogue(deps.rules),
    profiles: profileNames(deps.rules),
  };
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: refuseInvalid });
  registerMiddleware(app, deps);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registerHealthRoutes(app, ctx);
  registerAnalysisRoutes(app, ctx);
  registerClassifyRoutes(app, ctx);
  registerRulesRoutes(app, ctx);
  registerRoleRoutes(app, ctx);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Warrant API', version: '1.0.0', description: 'Model-card and contract analysis: representations, evidence, drift.' },
  });
  registerJobRoutes(app, ctx.jobs);
  serveWeb(app);
  serveSamples(app);
  return app;
}
