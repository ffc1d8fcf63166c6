/**
 * Load beyond one box (issue 15): `npm run load -- --cluster`. Needs a PostgreSQL server
 * (WARRANT_TEST_DATABASE_URL, e.g. from `eval "$(.ci/pg-cluster start)"`); each phase gets a fresh
 * database.
 *
 * 1. The same closed-loop load against (a) one `warrant serve` on SQLite (in-process queue) and
 *    (b) two `warrant serve` and two `warrant worker` processes on PostgreSQL: `--connections`
 *    clients, for `--seconds`, each uploads a card with `Prefer: respond-async`, polls its job until
 *    it ends, and uploads the next. Latency is upload → job done. Checks 0 errors and stored =
 *    accepted (every 202 became exactly one stored analysis).
 * 2. A batch of PDFs (`--pdfs`) drained by one worker, then by two: the throughput ratio.
 * Every process runs one analysis thread (WARRANT_JOBS=1), so 2 workers use 2 cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, dropTestDatabase } from '../support/backends.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';

const BIN = fileURLToPath(new URL('../../bin/warrant.js', import.meta.url));
const CARD = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url), 'utf8');

interface Proc {
  proc: ChildProcess;
  url?: string;
}

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, WARRANT_LOG: 'off', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${out}`)), 90_000);
    proc.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stderr!.removeAllListeners('data');
        proc.stderr!.resume();
        resolve({ proc, url: m[1] });
      }
    });
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}): ${out}`)));
  });
}

async function stopAll(procs: Proc[]): Promise<void> {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.proc.exitCode !== null || p.proc.signalCode !== null) return resolve();
          p.proc.once('exit', () => resolve());
          p.proc.kill('SIGTERM');
        }),
    ),
  );
}

async function submit(url: string, name: string, bytes: Uint8Array | string): Promise<{ status: number; id?: string }> {
  const fd = new FormData();
  fd.append('file', new File([bytes as BlobPart], name));
  const res = await fetch(`${url}/api/analyses`, { method: 'POST', body: fd, headers: { Prefer: 'respond-async' } });
  const body = (await res.json()) as { id?: string };
  return { status: res.status, id: body.id };
}

/** Poll a job until it ends (every 100 ms: on 2 cores, faster polling by 20 clients costs the workers CPU). */
async function waitJob(url: string, id: string, everyMs = 100): Promise<string> {
  for (;;) {
    const j = (await (await fetch(`${url}/api/jobs/${id}`)).json()) as { state: string };
    if (j.state === 'done' || j.state === 'failed') return j.state;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Wait until the queue is empty, asking /healthz (one poller for a whole batch). */
async function waitQueueEmpty(url: string): Promise<void> {
  for (;;) {
    const h = (await (await fetch(`${url}/healthz`)).json()) as { queue: { queued: number; running: number } };
    if (h.queue.queued + h.queue.running === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/** Closed-loop clients against `urls` (client i uses urls[i % n]) for `seconds`. */
async function closedLoop(urls: string[], connections: number, seconds: number) {
  const latencies: number[] = [];
  let accepted = 0;
  let done = 0;
  let failed = 0;
  let errors = 0;
  const started = Date.now();
  const end = started + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const url = urls[c % urls.length]!;
      while (Date.now() < end) {
        const t0 = performance.now();
        try {
          const { status, id } = await submit(url, `card-${c}-${n++}.md`, `${CARD}\n\nUpload ${n} of client ${c}.\n`);
          if (status !== 202 || !id) {
            errors++;
            continue;
          }
          accepted++;
          const state = await waitJob(url, id);
          if (state === 'done') {
            done++;
            latencies.push(performance.now() - t0);
          } else failed++;
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  // Over the whole run: the clock stops when the last client's last job has ended.
  const elapsed = (Date.now() - started) / 1000;
  return { accepted, done, failed, errors, jobsPerSecond: Math.round((done / elapsed) * 10) / 10, latencyMs: { p50: Math.round(pct(latencies, 50)), p99: Math.round(pct(latencies, 99)), max: Math.round(latencies.at(-1) ?? NaN) } };
}

async function storedCount(url: string): Promise<number> {
  return ((await (await fetch(`${url}/api/analyses?limit=1`)).json()) as { total: number }).total;
}

/** One job per analysis thread first, so cold thread start-up is not measured. */
async function warm(urls: string[], jobs: number): Promise<void> {
  const subs = await Promise.all(Array.from({ length: jobs }, (_, i) => submit(urls[i % urls.length]!, `warm-${i}.md`, `${CARD}\n\nWarm-up ${i}.\n`)));
  await Promise.all(subs.map((s, i) => waitJob(urls[i % urls.length]!, s.id!)));
}

/** Run the cluster load; sets process.exitCode on a failed check. */
export async function runClusterLoad(o: { seconds: number; connections: number; pdfs: number }): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warrant-cluster-load-'));
  const one = { WARRANT_JOBS: '1' };
  const results: Record<string, unknown> = { connections: o.connections, seconds: o.seconds };
  const dbs: string[] = [];
  try {
    // (a) one process, SQLite, in-process queue.
    {
      // Two analysis threads: the same two cores the two workers get below.
      const server = await start(['serve', '--port', '0'], { ...one, WARRANT_DATA_DIR: join(dataDir, 'sqlite'), WARRANT_JOBS: '2' }, /listening on (http:\/\/\S+)/);
      try {
        await warm([server.url!], 4);
        const before = await storedCount(server.url!);
        const r = await closedLoop([server.url!], o.connections, o.seconds);
        const stored = (await storedCount(server.url!)) - before;
        results.sqliteOneProcess = { ...r, stored, storedEqualsAccepted: stored === r.accepted };
      } finally {
        await stopAll([server]);
      }
    }
    // (b) two API servers and two workers, PostgreSQL.
    {
      const url = await createTestDatabase();
      dbs.push(url);
      const env = { ...one, WARRANT_DATABASE_URL: url, WARRANT_DATA_DIR: join(dataDir, 'pg') };
      const first = await start(['serve', '--port', '0'], env, /listening on (http:\/\/\S+)/);
      const rest = await Promise.all([start(['serve', '--port', '0'], env, /listening on (http:\/\/\S+)/), start(['worker'], env, /taking jobs/), start(['worker'], env, /taking jobs/)]);
      const procs = [first, ...rest];
      try {
        await warm([first.url!, rest[0]!.url!], 6);
        const before = await storedCount(first.url!);
        const r = await closedLoop([first.url!, rest[0]!.url!], o.connections, o.seconds);
        const stored = [(await storedCount(first.url!)) - before, (await storedCount(rest[0]!.url!)) - before];
        results.postgresTwoApiTwoWorkers = { ...r, stored: stored[0], sameHistoryOnBothServers: stored[0] === stored[1], storedEqualsAccepted: stored[0] === r.accepted };
      } finally {
        await stopAll(procs);
      }
    }
    // 2. A batch of PDFs: one worker, then two.
    if (o.pdfs > 0) {
      const pdf = sampleReportPdf();
      const drain = async (workers: number) => {
        const url = await createTestDatabase();
        dbs.push(url);
        const env = { ...one, WARRANT_DATABASE_URL: url, WARRANT_DATA_DIR: join(dataDir, `pdf${workers}`) };
        const api = await start(['serve', '--port', '0'], env, /listening on (http:\/\/\S+)/);
        const ws = await Promise.all(Array.from({ length: workers }, () => start(['worker'], env, /taking jobs/)));
        try {
          // Warm each worker's thread with one job, then time the batch.
          const warm = await Promise.all(ws.map((_, i) => submit(api.url!, `warm-${i}.pdf`, pdf)));
          await Promise.all(warm.map((w) => waitJob(api.url!, w.id!)));
          const t0 = performance.now();
          const ids = await Promise.all(Array.from({ length: o.pdfs }, (_, i) => submit(api.url!, `report-${i}.pdf`, pdf)));
          await waitQueueEmpty(api.url!);
          const seconds = (performance.now() - t0) / 1000;
          const states = await Promise.all(ids.map((s) => waitJob(api.url!, s.id!)));
          return { workers, pdfs: o.pdfs, done: states.filter((s) => s === 'done').length, seconds: Math.round(seconds * 100) / 100, pdfsPerSecond: Math.round((o.pdfs / seconds) * 100) / 100 };
        } finally {
          await stopAll([api, ...ws]);
        }
      };
      const w1 = await drain(1);
      const w2 = await drain(2);
      results.pdfBatch = { oneWorker: w1, twoWorkers: w2, throughputRatio: Math.round((w2.pdfsPerSecond / w1.pdfsPerSecond) * 100) / 100 };
    }
  } finally {
    for (const url of dbs) await dropTestDatabase(url).catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results, null, 2));
  const pgRes = results.postgresTwoApiTwoWorkers as { errors: number; failed: number; storedEqualsAccepted: boolean; sameHistoryOnBothServers: boolean };
  const sq = results.sqliteOneProcess as { errors: number; failed: number; storedEqualsAccepted: boolean };
  if (pgRes.errors || pgRes.failed || !pgRes.storedEqualsAccepted || !pgRes.sameHistoryOnBothServers || sq.errors || sq.failed || !sq.storedEqualsAccepted) process.exitCode = 1;
}
