import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/api/app.ts';
import { inlineRunner } from '../../src/api/runner.ts';
import { prefersAsync } from '../../src/api/jobs-routes.ts';
import { openStorage } from '../../src/storage/open.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';
import { form } from '../support/form.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const SAMPLE = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url));
const rules = compiledShippedRules();

const dir = mkdtempSync(join(tmpdir(), 'warrant-jobs-'));
const store = await openStorage({ dataDir: dir });
const app = createApp({
  store,
  rules,
  runner: inlineRunner(rules),
  maxUploadBytes: 5 * 1024 * 1024,
  maxFiles: 5,
  now: () => new Date('2026-01-02T03:04:05.000Z'),
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

type Job = { id: string; url: string; state: string; stage?: string; attempts: number; analysisId?: string; analysisUrl?: string; error?: { code: string; message: string } };

async function poll(url: string): Promise<Job> {
  const end = Date.now() + 30000;
  for (;;) {
    const res = await app.request(url);
    expect(res.status).toBe(200);
    const job = (await res.json()) as Job;
    if (job.state === 'done' || job.state === 'failed' || Date.now() > end) return job;
    expect(res.headers.get('retry-after')).toBe('1');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function submit(fd: FormData, prefer = 'respond-async'): Promise<Response> {
  return app.request('/api/analyses', { method: 'POST', body: fd, headers: { Prefer: prefer } });
}

describe('API: analyses as jobs (issue 15)', () => {
  it('answers 202 with the job URL under Prefer: respond-async, and the finished job is the synchronous analysis', async () => {
    const res = await submit(form([['file', 'kestrel-7b.md', SAMPLE]], { profile: 'vendor-release' }));
    expect(res.status).toBe(202);
    const job = (await res.json()) as Job;
    expect(res.headers.get('location')).toBe(`/api/jobs/${job.id}`);
    expect(res.headers.get('preference-applied')).toBe('respond-async');
    expect(job).toMatchObject({ url: `/api/jobs/${job.id}`, state: 'queued', attempts: 0, profile: 'vendor-release' });

    const done = await poll(job.url);
    expect(done).toMatchObject({ state: 'done', attempts: 1, stage: 'report', analysisId: expect.any(String), analysisUrl: `/api/analyses/${done.analysisId}` });
    const asyncRes = await app.request(done.analysisUrl!);
    expect(asyncRes.status).toBe(200);
    const asyncBody = (await asyncRes.json()) as { report: unknown; createdAt: string };

    const syncRes = await app.request('/api/analyses', { method: 'POST', body: form([['file', 'kestrel-7b.md', SAMPLE]], { profile: 'vendor-release' }) });
    expect(syncRes.status).toBe(201);
    const syncBody = (await syncRes.json()) as { id: string; report: unknown; createdAt: string };
    expect(asyncBody.report).toEqual(syncBody.report);
    expect(asyncBody.createdAt).toBe(syncBody.createdAt);
    // The stored input is the uploaded bytes, as for the synchronous path.
    const sha = (syncBody.report as { inputs: Array<{ sha256: string }> }).inputs[0]!.sha256;
    const input = await app.request(`/api/analyses/${done.analysisId}/inputs/${sha}`);
    expect(Buffer.from(await input.arrayBuffer()).equals(SAMPLE)).toBe(true);
  });

  it('runs a PDF as a job and reaches done', async () => {
    const res = await submit(form([['model-card', 'card.pdf', sampleReportPdf()]]));
    expect(res.status).toBe(202);
    const done = await poll(((await res.json()) as Job).url);
    expect(done.state).toBe('done');
  });

  it('ends a job whose input cannot be read as failed, with the code the synchronous path answers', async () => {
    const sync = await app.request('/api/analyses', { method: 'POST', body: form([['file', 'empty.md', '']]) });
    expect(sync.status).toBe(422);
    const syncCode = ((await sync.json()) as { code: string }).code;

    const res = await submit(form([['file', 'empty.md', '']]));
    expect(res.status).toBe(202);
    const failed = await poll(((await res.json()) as Job).url);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, error: { code: syncCode, message: expect.any(String) } });
    expect(failed.analysisUrl).toBeUndefined();
  });

  it('checks the upload before accepting a job (400 problem, no job)', async () => {
    const res = await submit(form([], { profile: 'procurement' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 problem+json for an unknown job', async () => {
    const res = await app.request('/api/jobs/no-such-job');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('keeps the synchronous answer (201) without the header, or with another preference', async () => {
    const res = await submit(form([['file', 'kestrel-7b.md', SAMPLE]]), 'return=minimal');
    expect(res.status).toBe(201);
  });

  it('documents the job route and the 202 answer in the OpenAPI document', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.paths['/api/jobs/{id}']?.get?.responses).toHaveProperty('200');
    expect(doc.paths['/api/jobs/{id}']?.get?.responses).toHaveProperty('404');
    expect(doc.paths['/api/analyses']?.post?.responses).toHaveProperty('202');
    expect(doc.components.schemas).toHaveProperty('Job');
  });

  it.each([
    ['respond-async', true],
    ['Respond-Async', true],
    ['return=minimal, respond-async; wait=10', true],
    ['respond-async=', true],
    ['wait=10', false],
    ['respond-asynchronously', false],
    ['', false],
  ])('Prefer %j asks for async: %s', (header, expected) => {
    expect(prefersAsync(header)).toBe(expected);
  });
});
