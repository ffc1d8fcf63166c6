/**
 * The storage suite (issue 15): one set of cases over every backend (SQLite always; PostgreSQL
 * when WARRANT_TEST_DATABASE_URL is set, and always in CI). Analyses, inputs, audit, jobs,
 * idempotent completion and migrations behave the same on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { analyze, sha256Hex } from '../../src/analyze.ts';
import { openStorage } from '../../src/storage/open.ts';
import { storedInputs } from '../../src/jobs/execute.ts';
import type { InputFile, Report } from '../../src/model/types.ts';
import type { JobRequest } from '../../src/jobs/types.ts';
import type { Storage } from '../../src/storage/types.ts';
import { BACKENDS, freshPlace, freshStorage, type TestStoragePlace } from '../support/backends.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const enc = new TextEncoder();
const CARD: InputFile = { name: 'card.md', bytes: enc.encode('# Card\n\nThe model scores 67.9 on MMLU (5-shot).\n'), role: 'model-card' };
const OTHER: InputFile = { name: 'other.md', bytes: enc.encode('# Other\n\nThe model must not be used for medical advice.\n') };

let report: Report;
let otherReport: Report;
beforeAll(async () => {
  report = await analyze([CARD], { rules, createdAt: '2026-01-01T00:00:00.000Z' });
  otherReport = await analyze([OTHER], { rules, createdAt: '2026-01-02T00:00:00.000Z' });
});

function jobRequest(files: InputFile[], id = randomUUID()): JobRequest {
  return {
    id,
    analysisId: randomUUID(),
    profile: 'procurement',
    createdAt: '2026-01-03T00:00:00.000Z',
    inputs: files.map((f) => ({ name: f.name, ...(f.role ? { role: f.role } : {}), sha256: sha256Hex(f.bytes), mediaType: 'text/markdown', size: f.bytes.byteLength })),
    requestId: 'req-1',
  };
}

describe.each(BACKENDS)('storage on %s', (backend) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, cleanup } = await freshStorage(backend));
  });
  afterAll(async () => cleanup?.());

  it('says which backend it is and that it can be written', async () => {
    expect(storage.backend).toBe(backend);
    expect(await storage.health()).toMatchObject({ backend, writable: true });
  });

  it('stores, lists newest first, serves inputs and deletes with the inputs only it used', async () => {
    await storage.saveAnalysis({ id: 'a1', report, inputs: storedInputs(report, [CARD]), requestId: 'r1' });
    await storage.saveAnalysis({ id: 'a2', report: otherReport, inputs: storedInputs(otherReport, [OTHER]) });
    await storage.saveAnalysis({ id: 'a0', report, inputs: storedInputs(report, [CARD]) });
    expect(await storage.countAnalyses()).toBe(3);
    const page = await storage.listAnalyses(10, 0);
    expect(page.total).toBe(3);
    // Newest first; equal times by id.
    expect(page.items.map((i) => i.id)).toEqual(['a2', 'a0', 'a1']);
    expect(page.items[0]!.inputs[0]!.name).toBe('other.md');
    expect((await storage.listAnalyses(1, 1)).items.map((i) => i.id)).toEqual(['a0']);

    const got = await storage.getAnalysis('a1');
    expect(got?.report).toEqual(report);
    expect(got?.summary).toEqual(report.summary);
    expect(await storage.getAnalysis('nope')).toBeUndefined();

    const sha = report.inputs[0]!.sha256;
    const input = await storage.getInput('a1', sha);
    expect(input && Buffer.from(input.bytes).equals(Buffer.from(CARD.bytes))).toBe(true);
    expect(input?.name).toBe('card.md');
    expect(await storage.getInput('a2', sha)).toBeUndefined();

    expect(await storage.deleteAnalysis('a1', 'r2')).toBe(true);
    expect(await storage.deleteAnalysis('a1')).toBe(false);
    // a0 still uses the card's bytes.
    expect((await storage.getInput('a0', sha))?.sha256).toBe(sha);
    const audit = await storage.auditLog(10);
    expect(audit.map((e) => e.action)).toEqual(['analysis.created', 'analysis.created', 'analysis.created', 'analysis.deleted']);
    expect(audit[0]).toMatchObject({ analysisId: 'a1', requestId: 'r1', detail: '1 input(s)' });
    expect(audit[3]).toMatchObject({ analysisId: 'a1', requestId: 'r2' });
    expect(audit[0]!.seq).toBeLessThan(audit[3]!.seq);
  });

  it('runs a job: queued with its files, running with progress, done with its analysis, once', async () => {
    const req = jobRequest([CARD]);
    await storage.createJob(req, [CARD]);
    const queued = await storage.getJob(req.id);
    expect(queued).toMatchObject({ id: req.id, state: 'queued', attempts: 0, profile: 'procurement', inputs: req.inputs, requestId: 'req-1' });
    expect(queued?.analysisId).toBeUndefined();
    expect(await storage.jobCounts()).toEqual({ queued: 1, running: 0 });
    const files = await storage.jobInputs(req.id);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ name: 'card.md', role: 'model-card' });
    expect(Buffer.from(files[0]!.bytes).equals(Buffer.from(CARD.bytes))).toBe(true);

    expect(await storage.startJob(req.id)).toMatchObject({ state: 'running', attempts: 1 });
    await storage.setJobProgress(req.id, { stage: 'ingest', pagesDone: 2, pagesTotal: 5, input: 'card.md', inputIndex: 1, inputCount: 1 });
    expect(await storage.getJob(req.id)).toMatchObject({ state: 'running', stage: 'ingest', pagesDone: 2, pagesTotal: 5, input: 'card.md', inputIndex: 1, inputCount: 1 });
    await storage.setJobProgress(req.id, { stage: 'judge' });
    const judging = await storage.getJob(req.id);
    expect(judging?.stage).toBe('judge');
    expect(judging?.pagesDone).toBeUndefined();
    expect(await storage.jobCounts()).toEqual({ queued: 0, running: 1 });

    const before = await storage.countAnalyses();
    const [a, b] = await Promise.all([
      storage.completeJob(req.id, report, storedInputs(report, files)),
      storage.completeJob(req.id, report, storedInputs(report, files)),
    ]);
    // Two completions at once (a retry racing a slow first attempt): exactly one stores.
    expect([a.completed, b.completed].sort()).toEqual([false, true]);
    expect(a.analysisId).toBe(req.analysisId);
    expect(await storage.countAnalyses()).toBe(before + 1);
    const done = await storage.getJob(req.id);
    expect(done).toMatchObject({ state: 'done', analysisId: req.analysisId, attempts: 1 });
    expect((await storage.getAnalysis(req.analysisId))?.report).toEqual(report);
    expect(await storage.startJob(req.id)).toBeUndefined();
    expect(await storage.failJob(req.id, { code: 'INTERNAL', message: 'late' })).toBe(false);
    expect((await storage.getJob(req.id))?.state).toBe('done');
    expect(await storage.jobInputs(req.id)).toEqual([]);
    expect(await storage.jobCounts()).toEqual({ queued: 0, running: 0 });
  });

  it('requeues a retried job and fails one with its error, keeping nothing it alone used', async () => {
    const lone: InputFile = { name: 'lone.md', bytes: enc.encode(`# Lone ${backend}\n`) };
    const req = jobRequest([lone]);
    await storage.createJob(req, [lone]);
    await storage.startJob(req.id);
    await storage.requeueJob(req.id);
    expect(await storage.getJob(req.id)).toMatchObject({ state: 'queued', attempts: 1 });
    await storage.startJob(req.id);
    // A stale first attempt (its job was retried while it still ran) changes nothing.
    await storage.setJobProgress(req.id, { stage: 'judge' }, 1);
    await storage.requeueJob(req.id, 1);
    expect(await storage.failJob(req.id, { code: 'INTERNAL', message: 'stale' }, 1)).toBe(false);
    expect(await storage.getJob(req.id)).toMatchObject({ state: 'running', attempts: 2 });
    expect((await storage.getJob(req.id))?.stage).toBeUndefined();
    const error = { code: 'PDF_CORRUPT' as const, message: 'not a PDF', file: 'lone.md' };
    expect(await storage.failJob(req.id, error, 2)).toBe(true);
    expect(await storage.failJob(req.id, error)).toBe(false);
    const failed = await storage.getJob(req.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, error });
    expect(failed?.analysisId).toBeUndefined();
    expect((await storage.auditLog(1))[0]).toMatchObject({ action: 'job.failed', analysisId: req.analysisId });
    expect(await storage.getJob('no-such-job')).toBeUndefined();
  });

  it('keeps the files of a live job when an analysis sharing them is deleted', async () => {
    const shared: InputFile = { name: 'shared.md', bytes: enc.encode('# Shared\n\nThe model is accurate.\n') };
    const r = await analyze([shared], { rules, createdAt: '2026-01-04T00:00:00.000Z' });
    await storage.saveAnalysis({ id: 'shared-1', report: r, inputs: storedInputs(r, [shared]) });
    const req = jobRequest([shared]);
    await storage.createJob(req, [shared]);
    await storage.deleteAnalysis('shared-1');
    expect((await storage.jobInputs(req.id))[0]?.name).toBe('shared.md');
  });
});

describe.each(BACKENDS)('migrations on %s', (backend) => {
  let place: TestStoragePlace;
  beforeAll(async () => {
    place = await freshPlace(backend);
  });
  afterAll(async () => place?.cleanup());

  it('two processes starting at once on an empty database apply each migration once; a restart applies none', async () => {
    const [a, b] = await Promise.all([openStorage(place), openStorage(place)]);
    await a.saveAnalysis({ id: 'm1', report, inputs: storedInputs(report, [CARD]) });
    expect(await b.countAnalyses()).toBe(1);
    await Promise.all([a.close(), b.close()]);
    const c = await openStorage(place);
    expect(await c.countAnalyses()).toBe(1);
    await c.close();
    const versions = await appliedVersions(place);
    expect(versions).toEqual([1, 2]);
  });
});

/** schema_migrations as recorded, read with the backend's own client. */
async function appliedVersions(place: TestStoragePlace): Promise<number[]> {
  if (place.databaseUrl) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: place.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    return rows.map((r) => r.version);
  }
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(`${place.dataDir}/warrant.sqlite`, { readonly: true });
  const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
  db.close();
  return rows.map((r) => r.version);
}
