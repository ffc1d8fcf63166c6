/**
 * No silent drops and no generic 500s at the API boundary (issue 17), with `app.request()`:
 * unknown upload fields, non-ASCII file names, Bearer in any case, upper-case media types,
 * a body limit on every route, a full disk, and internal details kept in the log.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AnalysisRunner } from '../../src/api/app.ts';
import { inlineRunner } from '../../src/api/runner.ts';
import { SqliteStore as Store } from '../../src/storage/sqlite.ts';
import { form } from '../support/form.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const SAMPLE = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url));

function makeApp(opts: { token?: string; runner?: AnalysisRunner; store?: Store; log?: (e: Record<string, unknown>) => void } = {}) {
  const store = opts.store ?? new Store(join(mkdtempSync(join(tmpdir(), 'warrant-bounded-')), 'warrant.sqlite'));
  const app = createApp({ store, rules, runner: opts.runner ?? inlineRunner(rules), maxUploadBytes: 5 * 1024 * 1024, maxFiles: 5, token: opts.token, log: opts.log });
  return { app, store };
}

async function problemOf(res: Response): Promise<{ status: number; code: string; detail: string }> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as never;
}

describe('API: no silent drops, no generic 500s', () => {
  it.each(['evidence[]', 'Evidence', 'document'])('an upload part under the unknown field "%s" is a 400 listing the accepted fields', async (field) => {
    const { app } = makeApp();
    const res = await app.request('/api/analyses', { method: 'POST', body: form([['model-card', 'card.md', SAMPLE], [field, 'results.csv', 'benchmark,metric,value\nMMLU,acc,60\n']]) });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.code).toBe('BAD_REQUEST');
    expect(p.detail).toContain(`"${field}"`);
    expect(p.detail).toContain('file, files, model-card, contract, evidence, profile');
  });

  it('a non-ASCII file name is stored and downloads with an RFC 6266 filename*', async () => {
    const { app } = makeApp();
    const created = await app.request('/api/analyses', { method: 'POST', body: form([['model-card', '模型卡.md', SAMPLE]]) });
    expect(created.status).toBe(201);
    const { id, report } = (await created.json()) as { id: string; report: { inputs: Array<{ sha256: string; name: string }> } };
    expect(report.inputs[0]!.name).toBe('模型卡.md');
    const res = await app.request(`/api/analyses/${id}/inputs/${report.inputs[0]!.sha256}`);
    expect(res.status).toBe(200);
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('模型卡.md')}`);
    expect(cd).toMatch(/filename="[\x20-\x7e]+"/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(SAMPLE));
  });

  it.each(['Bearer', 'bearer', 'BEARER'])('the %s scheme is accepted (RFC 7235: case-insensitive); a wrong token is not', async (scheme) => {
    const { app } = makeApp({ token: 's3cret' });
    expect((await app.request('/api/analyses', { headers: { Authorization: `${scheme} s3cret` } })).status).toBe(200);
    expect((await app.request('/api/analyses', { headers: { Authorization: `${scheme} s3creT` } })).status).toBe(401);
  });

  it('an upper-case multipart content type is read', async () => {
    const { app } = makeApp();
    const req = new Request('http://x/api/analyses', { method: 'POST', body: form([['model-card', 'card.md', SAMPLE]]) });
    const ctype = req.headers.get('content-type')!.replace('multipart/form-data', 'MULTIPART/FORM-DATA');
    const res = await app.request('/api/analyses', { method: 'POST', headers: { 'content-type': ctype }, body: await req.arrayBuffer() });
    expect(res.status).toBe(201);
  });

  it('/api/classify refuses a body over its limit with 413 TOO_LARGE (was: 200 MB accepted)', async () => {
    const { app } = makeApp();
    const body = JSON.stringify({ text: 'x'.repeat(200 * 1024) });
    const res = await app.request('/api/classify', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe('TOO_LARGE');
  });

  it('a full disk after the analysis is 507 STORAGE_FULL, not a generic 500', async () => {
    const { app, store } = makeApp();
    // SQLite's own error for a full disk, raised inside the real store's transaction (its mapping is what is tested).
    (store as unknown as { saveAnalysisTx: () => void }).saveAnalysisTx = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const res = await app.request('/api/analyses', { method: 'POST', body: form([['model-card', 'card.md', SAMPLE]]) });
    expect(res.status).toBe(507);
    const p = await problemOf(res);
    expect(p.code).toBe('STORAGE_FULL');
    expect(p.detail).toMatch(/disk .* is full/);
  });

  it('an internal error keeps its details in the log, not in the response', async () => {
    const logged: Array<Record<string, unknown>> = [];
    const runner: AnalysisRunner = { run: () => Promise.reject(new Error('secret internals at /srv/warrant/src/x.ts:12')) };
    const { app } = makeApp({ runner, log: (e) => logged.push(e) });
    const res = await app.request('/api/analyses', { method: 'POST', body: form([['model-card', 'card.md', SAMPLE]]) });
    expect(res.status).toBe(500);
    const p = await problemOf(res);
    expect(p.code).toBe('INTERNAL');
    expect(JSON.stringify(p)).not.toContain('secret');
    expect(logged.some((e) => e.level === 'error' && String(e.error).includes('secret internals'))).toBe(true);
  });
});
