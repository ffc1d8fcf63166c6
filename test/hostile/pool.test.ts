/**
 * The worker pool under hostile work (issue 17), with real worker threads: a deadline enforced by
 * terminating the worker, a heap cap whose breach is TOO_LARGE, cancellation, and a bounded queue.
 * Small limits (a 400 ms deadline, a 96 MB heap) stand in for the defaults so each case stays short.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WorkerPool } from '../../src/pool/worker-pool.ts';
import type { InputFile } from '../../src/model/types.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { largeCard } from './inputs.ts';

const SAMPLE = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url), 'utf8');
const enc = new TextEncoder();
/** About 200 KB of real card: seconds of work, far past a 400 ms deadline. */
const SLOW: InputFile = { name: 'slow.md', role: 'model-card', bytes: enc.encode(largeCard(SAMPLE, 60)) };
const SMALL: InputFile = { name: 'small.md', role: 'model-card', bytes: enc.encode('# Small\n\nThe model scores 67.9 on MMLU (5-shot).\n') };
const job = (input: InputFile) => ({ inputs: [input], profile: 'procurement', createdAt: '2026-01-01T00:00:00Z' });

async function outcome(p: Promise<unknown>): Promise<{ code: string; ms: number }> {
  const t = performance.now();
  try {
    await p;
    return { code: 'OK', ms: performance.now() - t };
  } catch (e) {
    return { code: e instanceof WarrantError ? e.code : String(e), ms: performance.now() - t };
  }
}

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('hostile work: the worker pool', () => {
  it('an analysis past its deadline is stopped with ANALYSIS_TIMEOUT, and a fresh worker answers the next job', async () => {
    pool = new WorkerPool({ size: 1, timeoutMs: 400 });
    await pool.run(job(SMALL)); // the worker is loaded: the deadline measures the analysis alone
    const slow = await outcome(pool.run(job(SLOW)));
    expect(slow.code).toBe('ANALYSIS_TIMEOUT');
    expect(slow.ms).toBeLessThan(5000);
    const next = await outcome(pool.run(job(SMALL)));
    expect(next.code).toBe('OK');
    expect(pool.stats()).toMatchObject({ busy: 0, queued: 0 });
  }, 60_000);

  it('a worker that runs out of its heap is replaced, and its input refused with TOO_LARGE', async () => {
    pool = new WorkerPool({ size: 1, maxHeapMb: 96, timeoutMs: 60_000 });
    const rows = ['# Card', '', '| model | benchmark | score | notes |', '|---|---|---|---|'];
    for (let i = 0; i < 9000; i++) rows.push(`| m${i} | MMLU | ${i % 100}.5 | run ${i} |`);
    const table: InputFile = { name: 'table.md', role: 'model-card', bytes: enc.encode(rows.join('\n') + '\n') };
    const big = await outcome(pool.run(job(table)));
    expect(big.code).toBe('TOO_LARGE');
    expect((await outcome(pool.run(job(SMALL)))).code).toBe('OK');
  }, 90_000);

  it('a cancelled job is dropped from the queue, or its worker terminated, at once', async () => {
    pool = new WorkerPool({ size: 1, timeoutMs: 60_000 });
    await pool.run(job(SMALL));
    const running = new AbortController();
    const queued = new AbortController();
    const a = outcome(pool.run(job(SLOW), { signal: running.signal }));
    const b = outcome(pool.run(job(SLOW), { signal: queued.signal }));
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 1 });
    queued.abort();
    running.abort();
    expect((await a).code).toBe('CANCELLED');
    expect((await b).code).toBe('CANCELLED');
    expect((await a).ms).toBeLessThan(2000);
    expect((await outcome(pool.run(job(SMALL)))).code).toBe('OK');
  }, 60_000);

  it('beyond the queue bound a job is refused at once with BUSY and a retry hint', async () => {
    pool = new WorkerPool({ size: 1, maxQueue: 1, timeoutMs: 60_000 });
    const running = new AbortController();
    const first = outcome(pool.run(job(SLOW), { signal: running.signal }));
    const second = outcome(pool.run(job(SMALL)));
    let busy: unknown;
    try {
      await pool.run(job(SMALL));
    } catch (e) {
      busy = e;
    }
    expect(busy).toBeInstanceOf(WarrantError);
    expect((busy as WarrantError).code).toBe('BUSY');
    expect((busy as WarrantError).details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(pool.stats()).toMatchObject({ size: 1, busy: 1, queued: 1, maxQueue: 1 });
    running.abort();
    expect((await first).code).toBe('CANCELLED');
    expect((await second).code).toBe('OK');
  }, 60_000);
});
