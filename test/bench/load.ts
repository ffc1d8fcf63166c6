/**
 * Load test: 50 concurrent clients POST a sample card for 20 s against a real server on loopback
 * (worker pool, SQLite). Prints p50/p99 latency, requests/s, errors, and checks that every 2xx
 * response was stored (and nothing else but the requests still in flight when the clock stopped). Usage: npm run load [-- --seconds N --connections N]
 * With --cluster (issue 15): one SQLite process against two API servers and two workers on PostgreSQL, see test/bench/cluster-load.ts.
 * Meanwhile one client keeps uploading a hostile card (about 870 KB, seconds of work) that the analysis deadline
 * (`--deadline`, ms) stops with 422 ANALYSIS_TIMEOUT (issue 17): the normal uploads must still be answered.
 * The queue bound is raised to the number of connections, so that back-pressure (503) is not what is measured.
 */
import autocannon from 'autocannon';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../../src/api/server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    deadline: { type: 'string', default: '3000' },
    hostile: { type: 'boolean', default: true },
    // Issue 15: one SQLite process vs two API servers and two workers on PostgreSQL (test/bench/cluster-load.ts).
    cluster: { type: 'boolean', default: false },
    pdfs: { type: 'string', default: '20' },
  },
});
if (values.cluster) {
  const { runClusterLoad } = await import('./cluster-load.ts');
  await runClusterLoad({ seconds: Number(values.seconds), connections: values.connections === '50' ? 20 : Number(values.connections), pdfs: Number(values.pdfs) });
  process.exit();
}
const dir = mkdtempSync(join(tmpdir(), 'warrant-load-'));
const server = await startServer({ port: 0, dataDir: dir, log: 'off', maxQueue: Number(values.connections) + 4, analysisTimeoutMs: Number(values.deadline) });
const sample = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url), 'utf8');
const HOSTILE = Array.from({ length: 250 }, (_, i) => sample.replace(/^---[\s\S]*?---\n/, '').replace(/Kestrel/g, `Kestrel${i}`).replace(/\d+/g, (n) => String(Number(n) + i))).join('\n\n');
const hostile = { sent: 0, statuses: {} as Record<string, number> };
let stopHostile = !values.hostile;
const hostileLoop = (async () => {
  while (!stopHostile) {
    const fd = new FormData();
    fd.append('file', new File([HOSTILE], 'hostile.md'));
    const res = await fetch(`${server.url}/api/analyses`, { method: 'POST', body: fd });
    const code = res.ok ? String(res.status) : `${res.status} ${((await res.json()) as { code: string }).code}`;
    hostile.sent++;
    hostile.statuses[code] = (hostile.statuses[code] ?? 0) + 1;
  }
})();
try {
  const fd = new FormData();
  fd.append('file', new File([readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url))], 'kestrel-7b.md'));
  const req = new Request('http://x/', { method: 'POST', body: fd });
  const body = Buffer.from(await req.arrayBuffer());
  const result = await autocannon({
    url: `${server.url}/api/analyses`,
    method: 'POST',
    headers: { 'content-type': req.headers.get('content-type')! },
    body,
    connections: Number(values.connections),
    duration: Number(values.seconds),
    timeout: 60,
  });
  stopHostile = true;
  await hostileLoop;
  const stored = (await server.store.countAnalyses()) - (hostile.statuses['201'] ?? 0);
  const ok = result['2xx'];
  const summary = {
    connections: Number(values.connections),
    seconds: Number(values.seconds),
    requests: result.requests.total,
    '2xx': ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    storedAnalyses: stored,
    // autocannon stops at the deadline and drops responses still in flight; the server finishes and
    // stores those analyses, so stored = 2xx + (requests in flight at the stop), at most one per connection.
    inFlightAtStop: stored - ok,
    storedMatches2xx: stored >= ok && stored - ok <= Number(values.connections),
    hostileUploads: hostile,
  };
  console.log(JSON.stringify(summary, null, 2));
  if (result.errors > 0 || result.non2xx > 0 || !summary.storedMatches2xx) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
