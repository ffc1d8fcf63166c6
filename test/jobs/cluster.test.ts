/**
 * Beyond one box (issue 15): two API servers and two workers on one PostgreSQL database, as
 * separate processes. Jobs are submitted to both servers; one worker is killed with SIGKILL while
 * it runs a job. Every job must complete exactly once (one analysis, one `analysis.created`, one
 * "job done"), the killed worker's job is retried by the other, both servers list the same history,
 * and a job that cannot succeed ends failed with its error, visible from either server.
 * Runs when WARRANT_TEST_DATABASE_URL is set (always in CI: .ci/run starts a cluster).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, dropTestDatabase, PG_TEST_URL } from '../support/backends.ts';

const BIN = fileURLToPath(new URL('../../bin/warrant.js', import.meta.url));
const CARD = readFileSync(new URL('../../samples/cards/kestrel-7b.md', import.meta.url), 'utf8');
const JOBS = 8;

interface Proc {
  proc: ChildProcess;
  log: string[];
  url?: string;
}

/** Spawn `warrant <args>`; resolve once its stderr matches `ready`. */
function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const p: Proc = { proc, log: [] };
    let buf = '';
    let done = false;
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${buf}`)), 60_000);
    proc.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        p.log.push(line);
        const m = ready.exec(line);
        if (m && !done) {
          done = true;
          clearTimeout(timer);
          p.url = m[1];
          resolve(p);
        }
      }
    });
    proc.once('exit', (code) => {
      if (!done) reject(new Error(`${args[0]} exited (${code}): ${p.log.join('\n')}${buf}`));
    });
  });
}

/** The worker's JSON log entries. */
function entries(p: Proc): Array<Record<string, unknown>> {
  return p.log.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function submit(url: string, name: string, text: string): Promise<string> {
  const fd = new FormData();
  fd.append('file', new File([text], name));
  const res = await fetch(`${url}/api/analyses`, { method: 'POST', body: fd, headers: { Prefer: 'respond-async' } });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

type Job = { id: string; state: string; attempts: number; analysisId?: string; analysisUrl?: string; error?: { code: string; message: string } };

async function job(url: string, id: string): Promise<Job> {
  return (await (await fetch(`${url}/api/jobs/${id}`)).json()) as Job;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(PG_TEST_URL || process.env.CI)('two API servers and two workers on one PostgreSQL database', () => {
  let url = '';
  let dataDir = '';
  const procs: Proc[] = [];
  let servers: Proc[] = [];
  let workers: Proc[] = [];
  beforeAll(async () => {
    url = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'warrant-cluster-'));
    const env = {
      WARRANT_DATABASE_URL: url,
      WARRANT_DATA_DIR: dataDir,
      WARRANT_JOBS: '1',
      WARRANT_LOG: 'json',
      // A lost job is noticed within seconds (the test's clock), not the production default.
      WARRANT_JOB_EXPIRE_SECONDS: '6',
      WARRANT_QUEUE_MAINTENANCE_SECONDS: '1',
    };
    // The first server migrates; the rest start together (migrations are safe at once, see test/storage).
    servers = [await start(['serve', '--port', '0'], env, /listening on (http:\/\/\S+)/)];
    const rest = await Promise.all([
      start(['serve', '--port', '0'], env, /listening on (http:\/\/\S+)/),
      start(['worker'], env, /"worker ready"/),
      start(['worker'], env, /"worker ready"/),
    ]);
    servers.push(rest[0]);
    workers = rest.slice(1);
    procs.push(...servers, ...workers);
  });
  afterAll(async () => {
    for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
    await Promise.all(procs.map((p) => (p.proc.exitCode === null && p.proc.signalCode === null ? new Promise((r) => p.proc.once('exit', r)) : undefined)));
    if (url) await dropTestDatabase(url);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('every job completes exactly once though a worker is killed mid-job; both servers list the same history', async () => {
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push(await submit(servers[i % 2]!.url!, `card-${i}.md`, `${CARD}\n\nRun ${i} of the cluster test.\n`));

    // Kill whichever worker starts a job first, while it runs it.
    const victim = await until('a job to start', async () => workers.find((w) => entries(w).some((e) => e.msg === 'job started')));
    victim.proc.kill('SIGKILL');
    await new Promise((r) => victim.proc.once('exit', r));
    const killedJobs = entries(victim)
      .filter((e) => e.msg === 'job started')
      .map((e) => e.jobId as string)
      .filter((id) => !entries(victim).some((e) => e.msg === 'job done' && e.jobId === id));
    expect(killedJobs.length).toBeGreaterThan(0);

    // Every job ends done, whichever server is asked.
    const final = await until('every job to end', async () => {
      const all = await Promise.all(ids.map((id, i) => job(servers[(i + 1) % 2]!.url!, id)));
      return all.every((j) => j.state === 'done' || j.state === 'failed') ? all : undefined;
    });
    expect(final.map((j) => j.state)).toEqual(ids.map(() => 'done'));
    for (const id of killedJobs) expect(final.find((j) => j.id === id)!.attempts).toBeGreaterThanOrEqual(2);

    // Exactly once: one analysis per job, one 'analysis.created' each, one "job done" across the workers.
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const created = await db.query<{ analysis_id: string; n: string }>("SELECT analysis_id, COUNT(*) AS n FROM audit WHERE action = 'analysis.created' GROUP BY analysis_id");
      expect(created.rows.map((r) => Number(r.n))).toEqual(ids.map(() => 1));
      expect(created.rows.map((r) => r.analysis_id).sort()).toEqual(final.map((j) => j.analysisId).sort());
    } finally {
      await db.end();
    }
    const doneLines = workers.flatMap(entries).filter((e) => e.msg === 'job done');
    expect(doneLines.map((e) => e.jobId).sort()).toEqual([...ids].sort());

    // One history, whichever server is asked.
    const lists = await Promise.all(servers.map(async (s) => (await (await fetch(`${s.url}/api/analyses?limit=200`)).json()) as { items: Array<{ id: string }>; total: number }));
    expect(lists[0]!.total).toBe(JOBS);
    expect(lists[0]).toEqual(lists[1]);
    const fetched = await fetch(`${servers[1]!.url}${final[0]!.analysisUrl}`);
    expect(fetched.status).toBe(200);

    // Health names the database and the queue.
    const health = (await (await fetch(`${servers[0]!.url}/healthz`)).json()) as { storage: { backend: string }; queue: { backend: string; ok: boolean; queued: number; running: number } };
    expect(health.storage.backend).toBe('postgres');
    expect(health.queue).toMatchObject({ backend: 'postgres', ok: true, queued: 0, running: 0 });
  });

  it('a job that cannot succeed ends failed with its error, visible from the other server', async () => {
    const id = await submit(servers[0]!.url!, 'empty.md', '');
    const failed = await until('the job to fail', async () => {
      const j = await job(servers[1]!.url!, id);
      return j.state === 'failed' ? j : undefined;
    });
    expect(failed.error?.code).toBe('EMPTY_INPUT');
    // Not retried: the input's fault.
    expect(failed.attempts).toBe(1);
  });
});
