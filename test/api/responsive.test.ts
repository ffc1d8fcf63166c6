import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.ts';

// A large card: the sample repeated under distinct headings (~250 KB, well under the 1 MiB text limit).
const SAMPLE = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url), 'utf8').replace(/^---[\s\S]*?---\n/, '');
const BIG = Array.from({ length: 70 }, (_, i) => SAMPLE.replace(/^# .*$/m, `# Kestrel part ${i}`)).join('\n\n');

describe('the server stays responsive while an analysis runs on the worker pool', () => {
  let server: RunningServer;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warrant-responsive-'));
    server = await startServer({ port: 0, dataDir: dir, log: 'off', jobs: 1 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /healthz before a large upload finishes', async () => {
    const fd = new FormData();
    fd.append('file', new File([BIG], 'big-card.md'));
    const order: string[] = [];
    const upload = fetch(`${server.url}/api/analyses`, { method: 'POST', body: fd }).then(async (r) => {
      order.push(`upload ${r.status}`);
      return r;
    });
    await new Promise((r) => setTimeout(r, 100)); // the analysis is now on the worker
    const health = await fetch(`${server.url}/healthz`);
    order.push(`health ${health.status}`);
    await upload;
    expect(order).toEqual(['health 200', 'upload 201']);
  }, 120_000);
});
