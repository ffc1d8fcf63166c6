/**
 * The API under hostile work (issue 17), on a real server with real worker threads and real SQLite:
 * two hostile uploads do not stop a normal one being answered; a deadline answers ANALYSIS_TIMEOUT;
 * a client that goes away cancels its analysis; /healthz reports saturation, queue and storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { largeCard } from './inputs.ts';

const SAMPLE = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url), 'utf8');
/** About 870 KB of real card (under the 1 MiB text limit): several seconds of work, far past a 1 s deadline. */
const HOSTILE = largeCard(SAMPLE, 250);
const NORMAL = '# Small\n\nThe model scores 67.9 on MMLU (5-shot).\n';

function upload(url: string, text: string, name: string, signal?: AbortSignal): Promise<Response> {
  const fd = new FormData();
  fd.append('file', new File([text], name));
  return fetch(`${url}/api/analyses`, { method: 'POST', body: fd, signal });
}

async function health(url: string): Promise<{ status: string; workers: { size: number; busy: number; queued: number; saturation: number }; storage: { writable: boolean } }> {
  return (await (await fetch(`${url}/healthz`)).json()) as never;
}

describe('hostile work: the API', () => {
  let server: RunningServer;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warrant-hostile-api-'));
    server = await startServer({ port: 0, dataDir: dir, log: 'off', jobs: 2, analysisTimeoutMs: 1000, maxQueue: 4 });
    // Load both workers (start-up is not part of an analysis's deadline, but it is part of a test's time).
    await Promise.all([upload(server.url, NORMAL, 'warm-1.md'), upload(server.url, NORMAL, 'warm-2.md')]);
  }, 60_000);
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two hostile uploads are stopped at the deadline (422 ANALYSIS_TIMEOUT) and a normal upload is still answered', async () => {
    const t0 = performance.now();
    const hostile = [upload(server.url, HOSTILE, 'hostile-1.md'), upload(server.url, HOSTILE, 'hostile-2.md')];
    await new Promise((r) => setTimeout(r, 300));
    const h = await health(server.url);
    expect(h.workers).toMatchObject({ size: 2, busy: 2 });
    expect(h.workers.saturation).toBe(1);
    const normal = await upload(server.url, NORMAL, 'normal.md');
    expect(normal.status, await normal.clone().text()).toBe(201);
    const normalMs = performance.now() - t0;
    for (const res of await Promise.all(hostile)) {
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { code: string; detail: string };
      expect(body.code).toBe('ANALYSIS_TIMEOUT');
      expect(body.detail).toMatch(/1000 ms/);
    }
    expect(normalMs).toBeLessThan(30_000);
  }, 60_000);

  it('an analysis whose client disconnected is cancelled: its worker is free again at once', async () => {
    const ac = new AbortController();
    const gone = upload(server.url, HOSTILE, 'gone.md', ac.signal).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 400));
    expect((await health(server.url)).workers.busy).toBeGreaterThanOrEqual(1);
    ac.abort();
    await gone;
    const t = performance.now();
    while ((await health(server.url)).workers.busy > 0 && performance.now() - t < 400) await new Promise((r) => setTimeout(r, 20));
    // 0.8 s after the upload began: before the 1 s deadline that would otherwise have freed it.
    expect((await health(server.url)).workers.busy).toBe(0);
  }, 30_000);

  it('beyond the queue bound the API answers 503 with Retry-After', async () => {
    const busy = await startServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'warrant-hostile-busy-')), log: 'off', jobs: 1, analysisTimeoutMs: 3000, maxQueue: 0 });
    try {
      const first = upload(busy.url, HOSTILE, 'first.md');
      let res: Response | undefined;
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setTimeout(r, 100));
        if ((await health(busy.url)).workers.busy === 1) {
          res = await upload(busy.url, NORMAL, 'refused.md');
          break;
        }
      }
      expect(res?.status).toBe(503);
      expect(Number(res!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res!.json()) as { code: string }).code).toBe('BUSY');
      expect((await health(busy.url)).status).toBe('busy');
      await first;
    } finally {
      await busy.close();
    }
  }, 60_000);

  it('/healthz reports storage writable; the server refuses to start on an unwritable WARRANT_DATA_DIR, naming it', async () => {
    expect((await health(server.url)).storage.writable).toBe(true);
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    let err: unknown;
    try {
      await startServer({ port: 0, dataDir: join(file, 'data'), log: 'off', inline: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WarrantError);
    expect((err as WarrantError).code).toBe('STORAGE_UNAVAILABLE');
    expect((err as WarrantError).message).toMatch(/^WARRANT_DATA_DIR .*not-a-dir.* is not writable/);
    expect((err as WarrantError).message).not.toContain('\n');
    if (process.getuid?.() !== 0) {
      const ro = mkdtempSync(join(tmpdir(), 'warrant-hostile-ro-'));
      chmodSync(ro, 0o500);
      await expect(startServer({ port: 0, dataDir: ro, log: 'off', inline: true })).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      chmodSync(ro, 0o700);
    }
  });
});
