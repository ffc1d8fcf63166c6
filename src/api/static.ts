/**
 * Serves the web UI (web/) at `/` and `/web/*`. Files are read once at start; unknown paths 404.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web/ folder shipped with the tool. */
export const WEB_DIR = resolve(fileURLToPath(new URL('../../web/', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function loadAssets(dir: string): Map<string, { body: Buffer; type: string }> {
  const assets = new Map<string, { body: Buffer; type: string }>();
  if (!existsSync(dir)) return assets;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (TYPES[extname(name)]) assets.set(relative(dir, full).split(sep).join('/'), { body: readFileSync(full), type: TYPES[extname(name)]! });
    }
  };
  walk(dir);
  return assets;
}

/** Register the static routes on an app. */
export function serveWeb(app: OpenAPIHono<any>, dir = WEB_DIR): void {
  const assets = loadAssets(dir);
  const send = (path: string) => {
    const a = assets.get(path);
    if (!a) return undefined;
    return new Response(new Uint8Array(a.body), { status: 200, headers: { 'Content-Type': a.type, 'Cache-Control': 'no-cache' } });
  };
  app.get('/', (c) => send('index.html') ?? c.text('web UI not found', 404));
  app.get('/web/*', (c) => send(c.req.path.slice('/web/'.length)) ?? c.notFound());
}

/** The shipped samples folder. */
export const SAMPLES_DIR = resolve(fileURLToPath(new URL('../../samples/', import.meta.url)));

const SAMPLE_ROLES: Record<string, 'model-card' | 'contract' | 'evidence'> = { cards: 'model-card', contracts: 'contract', evidence: 'evidence' };

/** List the shipped samples at GET /api/samples and serve their bytes at /samples/<folder>/<name> (read-only, fixed set). */
export function serveSamples(app: OpenAPIHono<any>, dir = SAMPLES_DIR): void {
  const files = new Map<string, { body: Buffer; role: 'model-card' | 'contract' | 'evidence'; name: string }>();
  for (const [folder, role] of Object.entries(SAMPLE_ROLES)) {
    const d = join(dir, folder);
    if (!existsSync(d)) continue;
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isFile()) files.set(`${folder}/${name}`, { body: readFileSync(full), role, name });
    }
  }
  app.get('/api/samples', (c) => c.json({ items: [...files].map(([path, f]) => ({ name: f.name, role: f.role, url: `/samples/${path}` })) }));
  app.get('/samples/:folder/:name', (c) => {
    const f = files.get(`${c.req.param('folder')}/${c.req.param('name')}`);
    if (!f) return c.notFound();
    return new Response(new Uint8Array(f.body), { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-cache' } });
  });
}
