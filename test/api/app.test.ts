import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/api/app.ts';
import { inlineRunner } from '../../src/api/runner.ts';
import { SqliteStore } from '../../src/storage/sqlite.ts';
import { openStorage } from '../../src/storage/open.ts';
import type { Storage } from '../../src/storage/types.ts';
import { BACKENDS, freshPlace, type TestStoragePlace } from '../support/backends.ts';
import { form } from '../support/form.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const SAMPLE = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url));
const rules = compiledShippedRules();

function makeApp(opts: { token?: string; maxUploadBytes?: number; maxFiles?: number; dir?: string; store?: Storage } = {}) {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'warrant-api-'));
  const store = opts.store ?? new SqliteStore(join(dir, 'warrant.sqlite'));
  const app = createApp({
    store,
    rules,
    runner: inlineRunner(rules),
    maxUploadBytes: opts.maxUploadBytes ?? 5 * 1024 * 1024,
    maxFiles: opts.maxFiles ?? 5,
    token: opts.token,
    now: () => new Date('2026-01-02T03:04:05.000Z'),
  });
  return { app, store, dir };
}

async function expectProblem(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(body.code).toBe(code);
  expect(typeof body.detail).toBe('string');
  expect(typeof body.title).toBe('string');
  return body;
}

/** An app on fresh storage of `backend` (issue 15: the API cases run on SQLite and PostgreSQL). */
function appOn(backend: 'sqlite' | 'postgres', opts: Parameters<typeof makeApp>[0] = {}) {
  const t = {} as ReturnType<typeof makeApp> & { place: TestStoragePlace };
  beforeAll(async () => {
    const place = await freshPlace(backend);
    Object.assign(t, makeApp({ ...opts, dir: place.dataDir, store: await openStorage(place) }), { place });
  });
  afterAll(async () => {
    await t.store?.close();
    await t.place?.cleanup();
  });
  return t;
}

describe.each(BACKENDS)('API on %s: analyses', (backend) => {
  const t = appOn(backend);
  let id = '';

  it('creates an analysis from a multipart upload (201, Location, report)', async () => {
    const res = await t.app.request('/api/analyses', { method: 'POST', body: form([['file', 'kestrel-7b.md', SAMPLE]]) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; report: { inputs: Array<{ role: string; sha256: string }>; sentences: unknown[] } };
    id = body.id;
    expect(res.headers.get('location')).toBe(`/api/analyses/${id}`);
    expect(body.report.inputs[0]!.role).toBe('model-card');
    expect(body.report.inputs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('takes the role from the field name', async () => {
    const res = await t.app.request('/api/analyses', { method: 'POST', body: form([['contract', 'sched.md', SAMPLE]]) });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { report: { inputs: Array<{ role: string }> } };
    expect(body.report.inputs[0]!.role).toBe('contract');
  });

  it('fetches, lists, renders and deletes', async () => {
    const got = await t.app.request(`/api/analyses/${id}`);
    expect(got.status).toBe(200);
    expect(((await got.json()) as { id: string }).id).toBe(id);

    const list = (await (await t.app.request('/api/analyses?limit=1&offset=0')).json()) as { items: unknown[]; total: number };
    expect(list.items).toHaveLength(1);
    expect(list.total).toBe(2);

    for (const [format, type] of [
      ['sarif', 'application/sarif+json'],
      ['md', 'text/markdown'],
      ['html', 'text/html'],
      ['csv', 'text/csv'],
    ] as const) {
      const r = await t.app.request(`/api/analyses/${id}?format=${format}`);
      expect(r.status, format).toBe(200);
      expect(r.headers.get('content-type')).toContain(type);
    }
    const byAccept = await t.app.request(`/api/analyses/${id}`, { headers: { Accept: 'text/csv' } });
    expect(byAccept.headers.get('content-type')).toContain('text/csv');

    const sha = (await t.store.getAnalysis(id))!.inputs[0]!.sha256;
    const raw = await t.app.request(`/api/analyses/${id}/inputs/${sha}`);
    expect(raw.status).toBe(200);
    expect(Buffer.from(await raw.arrayBuffer()).equals(SAMPLE)).toBe(true);

    expect((await t.app.request(`/api/analyses/${id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await t.app.request(`/api/analyses/${id}`), 404, 'NOT_FOUND');
  });

  it('serves OpenAPI 3.1 and health', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/analyses', '/api/analyses/{id}', '/healthz', '/api/classify']));
    expect(((await (await t.app.request('/healthz')).json()) as { status: string }).status).toBe('ok');
  });

  it('classifies one sentence', async () => {
    const res = await t.app.request('/api/classify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'The model does not retain prompts after 30 days.' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { claim: { label: string; score: number } };
    expect(['representation', 'narrative']).toContain(body.claim.label);
  });
});

describe.each(BACKENDS)('API on %s: every error path is problem+json', (backend) => {
  const t = appOn(backend, { maxUploadBytes: 64 * 1024, maxFiles: 2 });
  const post = (body: BodyInit, headers: Record<string, string> = {}) => t.app.request('/api/analyses', { method: 'POST', body, headers });

  it.each([
    ['no file part', () => post(form([], { profile: 'procurement' })), 400, 'BAD_REQUEST'],
    ['not multipart', () => post('hello', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a text field named file', () => { const f = new FormData(); f.append('file', 'not a file'); return post(f); }, 400, 'BAD_REQUEST'],
    ['unknown profile', () => post(form([['file', 'a.md', SAMPLE]], { profile: 'lawyer' })), 400, 'BAD_REQUEST'],
    ['empty file', () => post(form([['file', 'empty.md', new Uint8Array()]])), 422, 'EMPTY_INPUT'],
    ['binary named .md', () => post(form([['file', 'bin.md', new Uint8Array([0, 1, 2, 3, 0, 255, 0, 7])]])), 422, 'BINARY_INPUT'],
    ['invalid UTF-8', () => post(form([['file', 'bad.md', new Uint8Array([0x23, 0x20, 0x48, 0x69, 0x0a, 0xc3, 0x28, 0x41, 0x42, 0x43, 0x0a])]])), 422, 'INVALID_UTF8'],
    ['PDF named .md', () => post(form([['file', 'fake.md', '%PDF-1.7\n%...']])), 422, 'EXTENSION_MISMATCH'],
    ['too many files', () => post(form([['file', 'a.md', SAMPLE], ['file', 'b.md', SAMPLE], ['file', 'c.md', SAMPLE]])), 413, 'TOO_MANY_FILES'],
    ['over the size limit', () => post(form([['file', 'big.md', '# big\n\n' + 'The model is fast. '.repeat(8000)]])), 413, 'TOO_LARGE'],
  ] as const)('%s', async (_name, send, status, code) => {
    await expectProblem(await send(), status, code);
  });

  it('GET errors', async () => {
    await expectProblem(await t.app.request('/api/analyses/nope'), 404, 'NOT_FOUND');
    await expectProblem(await t.app.request('/api/analyses/nope', { method: 'DELETE' }), 404, 'NOT_FOUND');
    await expectProblem(await t.app.request('/api/analyses?limit=0'), 400, 'BAD_REQUEST');
    await expectProblem(await t.app.request('/api/analyses?limit=abc'), 400, 'BAD_REQUEST');
    await expectProblem(await t.app.request('/api/analyses/x?format=pdf'), 400, 'BAD_REQUEST');
    await expectProblem(await t.app.request('/api/analyses/x/inputs/zz'), 400, 'BAD_REQUEST');
    await expectProblem(await t.app.request('/no/such/route'), 404, 'NOT_FOUND');
  });

  it('classify errors', async () => {
    const bad = (body: string) => t.app.request('/api/classify', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await expectProblem(await bad('{"text": ""}'), 400, 'BAD_REQUEST');
    await expectProblem(await bad('{"text": 3}'), 400, 'BAD_REQUEST');
    await expectProblem(await bad('{not json'), 400, 'BAD_REQUEST');
  });

  it('nothing was stored by the failed requests, and the app still answers', async () => {
    expect(await t.store.countAnalyses()).toBe(0);
    expect((await t.app.request('/healthz')).status).toBe(200);
  });
});

describe('API: bearer token', () => {
  const { app, store, dir } = makeApp({ token: 's3cret' });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  it('401 without or with a wrong token, 200 with it; health stays open', async () => {
    const none = await expectProblem(await app.request('/api/analyses'), 401, 'UNAUTHORIZED');
    expect(none.detail).toContain('Bearer');
    await expectProblem(await app.request('/api/analyses', { headers: { Authorization: 'Bearer nope' } }), 401, 'UNAUTHORIZED');
    expect((await app.request('/api/analyses', { headers: { Authorization: 'Bearer s3cret' } })).status).toBe(200);
    expect((await app.request('/healthz')).status).toBe(200);
  });
});

describe.each(BACKENDS)('API on %s: persistence across restarts', (backend) => {
  let place: TestStoragePlace;
  beforeAll(async () => {
    place = await freshPlace(backend);
  });
  afterAll(async () => place?.cleanup());
  it('an analysis stored by one app is served by the next', async () => {
    const first = makeApp({ dir: place.dataDir, store: await openStorage(place) });
    const res = await first.app.request('/api/analyses', { method: 'POST', body: form([['file', 'kestrel-7b.md', SAMPLE]]) });
    const { id } = (await res.json()) as { id: string };
    await first.store.close();
    const second = makeApp({ dir: place.dataDir, store: await openStorage(place) });
    expect((await second.app.request(`/api/analyses/${id}`)).status).toBe(200);
    await second.store.close();
  });
});

describe('API: shipped samples', () => {
  const { app, store, dir } = makeApp();
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  it('lists the samples with roles and serves their bytes', async () => {
    const list = (await (await app.request('/api/samples')).json()) as { items: Array<{ name: string; role: string; url: string }> };
    const card = list.items.find((i) => i.name === 'kestrel-7b.md')!;
    expect(card.role).toBe('model-card');
    expect(list.items.some((i) => i.role === 'contract')).toBe(true);
    const bytes = Buffer.from(await (await app.request(card.url)).arrayBuffer());
    expect(bytes.equals(SAMPLE)).toBe(true);
    expect((await app.request('/samples/cards/..%2Fpackage.json')).status).toBe(404);
  });
});
