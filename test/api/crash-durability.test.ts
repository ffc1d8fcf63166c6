import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/warrant.js', import.meta.url));
const SAMPLE = readFileSync(new URL('../../samples/cards/heron-asr.md', import.meta.url));

/** Start `warrant serve` on a free port; resolve with its URL once it listens. */
function startServe(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, WARRANT_LOG: 'off', WARRANT_JOBS: '2' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]! });
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

async function upload(url: string): Promise<string | undefined> {
  const fd = new FormData();
  fd.append('file', new File([SAMPLE], 'heron-asr.md'));
  try {
    const res = await fetch(`${url}/api/analyses`, { method: 'POST', body: fd });
    if (res.status !== 201) return undefined;
    return ((await res.json()) as { id: string }).id;
  } catch {
    return undefined; // connection cut by the kill
  }
}

describe('crash durability', () => {
  it('killing the server during a burst loses no analysis that was answered 201', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-crash-'));
    try {
      const first = await startServe(dir);
      const answered: string[] = [];
      let stop = false;
      const clients = Array.from({ length: 8 }, async () => {
        while (!stop) {
          const id = await upload(first.url);
          if (id) answered.push(id);
          else if (stop) break;
        }
      });
      // Let the burst run until some analyses are answered, then kill -9 mid-burst.
      const deadline = Date.now() + 20_000;
      while (answered.length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      first.proc.kill('SIGKILL');
      stop = true;
      await Promise.all(clients);
      expect(answered.length).toBeGreaterThanOrEqual(10);

      const second = await startServe(dir);
      try {
        for (const id of answered) {
          const res = await fetch(`${second.url}/api/analyses/${id}`);
          expect(res.status, id).toBe(200);
        }
        const list = (await (await fetch(`${second.url}/api/analyses?limit=1`)).json()) as { total: number };
        expect(list.total).toBeGreaterThanOrEqual(answered.length);
      } finally {
        second.proc.kill('SIGTERM');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
