/**
 * The PostgreSQL queue in one process (issue 15): retries of machine faults are bounded, a job
 * whose attempts all die (expire) ends failed through the dead-letter queue, an input's fault is
 * not retried, and a full queue answers BUSY. The multi-process case is test/jobs/cluster.test.ts.
 * Runs when WARRANT_TEST_DATABASE_URL is set (always in CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { openPgQueue, type PgJobQueue } from '../../src/jobs/pg-queue.ts';
import type { JobExecutionDeps, JobStatus } from '../../src/jobs/types.ts';
import type { Storage } from '../../src/storage/types.ts';
import { freshStorage, PG_TEST_URL } from '../support/backends.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const card = (n: number) => ({ name: `card-${n}.md`, bytes: new TextEncoder().encode(`# Card ${n}\n\nThe model scores 67.9 on MMLU (5-shot).\n`) });

async function until(queue: PgJobQueue, id: string, done: (s: JobStatus) => boolean, ms = 60_000): Promise<JobStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = (await queue.get(id))!;
    if (done(s) || Date.now() > end) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(PG_TEST_URL || process.env.CI)('PostgreSQL queue', () => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let url = '';
  const queues: PgJobQueue[] = [];
  const hung: Array<(e: Error) => void> = [];
  let over = false;
  beforeAll(async () => {
    const s = await freshStorage('postgres');
    storage = s.storage;
    url = s.place.databaseUrl!;
    cleanup = s.cleanup;
  });
  afterAll(async () => {
    // Attempts started from now on end at once, so the queues can stop.
    over = true;
    for (const release of hung) release(new WarrantError('CANCELLED', 'test over'));
    await Promise.all(queues.map((q) => q.close()));
    await cleanup?.();
  });

  const open = async (o: { expireInSeconds?: number; maxQueued?: number } = {}) => {
    const q = await openPgQueue({ url, storage, expireInSeconds: o.expireInSeconds ?? 60, maintenanceIntervalSeconds: 1, retryDelaySeconds: 0, pollingIntervalSeconds: 0.5, maxQueued: o.maxQueued });
    queues.push(q);
    return q;
  };
  const submit = (q: PgJobQueue, n: number) => q.submit({ profile: 'procurement', inputs: [card(n)], createdAt: '2026-01-01T00:00:00.000Z' });

  it('retries a machine fault (bounded) and stores the analysis once', async () => {
    const q = await open();
    let calls = 0;
    const flaky: JobExecutionDeps['analyze'] = async (inputs, o) => {
      calls++;
      if (calls < 3) throw new WarrantError('INTERNAL', 'worker thread crashed');
      return analyze(inputs, { rules, ...o });
    };
    await q.work({ analyze: flaky, concurrency: 1 });
    const job = await submit(q, 1);
    const done = await until(q, job.id, (s) => s.state === 'done' || s.state === 'failed');
    expect(done).toMatchObject({ state: 'done', attempts: 3, analysisId: job.id });
    expect((await storage.getAnalysis(job.id))?.report.inputs[0]!.name).toBe('card-1.md');
    await q.close();
  });

  it('ends a job failed, with its error, when every attempt dies (dead letter), and an input fault at once', async () => {
    // Attempts that never finish, as if their worker were killed: pg-boss expires each after 1 s.
    const q = await open({ expireInSeconds: 1 });
    const hang: JobExecutionDeps['analyze'] = async (inputs, o) => {
      if (inputs[0]!.bytes.byteLength === 0) return analyze(inputs, { rules, ...o });
      if (over) throw new WarrantError('CANCELLED', 'test over');
      return new Promise((_resolve, reject) => hung.push(reject));
    };
    await q.work({ analyze: hang, concurrency: 4 });
    const lost = await submit(q, 2);
    const empty = await q.submit({ profile: 'procurement', inputs: [{ name: 'empty.md', bytes: new Uint8Array() }], createdAt: '2026-01-01T00:00:00.000Z' });
    const failedInput = await until(q, empty.id, (s) => s.state === 'failed');
    expect(failedInput).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'EMPTY_INPUT' } });
    const failed = await until(q, lost.id, (s) => s.state === 'failed');
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('INTERNAL');
    expect(failed.attempts).toBe(3);
    expect(await storage.getAnalysis(lost.id)).toBeUndefined();
  });

  it('answers BUSY when the queue is full', async () => {
    const q = await open({ maxQueued: 1 });
    await submit(q, 3);
    await expect(submit(q, 4)).rejects.toMatchObject({ code: 'BUSY' });
  });
});
