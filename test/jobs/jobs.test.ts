import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.ts';
import { WarrantError } from '../../src/model/errors.ts';
import type { AnalysisProgress } from '../../src/model/progress.ts';
import type { Report } from '../../src/model/types.ts';
import { throttleProgress } from '../../src/jobs/progress.ts';
import { createInProcessQueue } from '../../src/jobs/in-process.ts';
import { toJobError } from '../../src/jobs/execute.ts';
import type { JobQueue, JobStatus } from '../../src/jobs/types.ts';
import { WorkerPool } from '../../src/pool/worker-pool.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const CARD = new TextEncoder().encode('# Card\n\nThe model scores 67.9 on MMLU (5-shot).\n');

async function until(queue: JobQueue, id: string, done: (s: JobStatus) => boolean, ms = 20000): Promise<JobStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = (await queue.get(id))!;
    if (done(s) || Date.now() > end) return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('analysis progress (issue 15)', () => {
  it('reports every stage in pipeline order, and each page of a PDF with its input', async () => {
    const seen: AnalysisProgress[] = [];
    await analyze([{ name: 'card.pdf', bytes: sampleReportPdf(), role: 'model-card' }, { name: 'card.md', bytes: CARD }], { rules, onProgress: (p) => seen.push(p) });
    const stages = seen.map((p) => p.stage).filter((s, i, a) => s !== a[i - 1]);
    expect(stages).toEqual(['ingest', 'segment', 'judge', 'ingest', 'segment', 'judge', 'evidence', 'align', 'assess', 'report']);
    const pages = seen.filter((p) => p.pagesTotal !== undefined);
    expect(pages.map((p) => `${p.pagesDone}/${p.pagesTotal}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(pages.every((p) => p.input === 'card.pdf' && p.inputIndex === 1 && p.inputCount === 2)).toBe(true);
    expect(seen.find((p) => p.input === 'card.md')?.inputIndex).toBe(2);
  });

  it('gives the same report with and without a listener', async () => {
    const inputs = [{ name: 'card.pdf', bytes: sampleReportPdf() }];
    const a = await analyze(inputs, { rules });
    const b = await analyze(inputs, { rules, onProgress: () => {} });
    expect(b).toEqual(a);
  });

  it('throttles page updates but never drops a stage change or the last page', () => {
    let t = 0;
    const heard: AnalysisProgress[] = [];
    const listener = throttleProgress((p) => heard.push(p), 100, () => t);
    listener({ stage: 'ingest' });
    for (let i = 1; i <= 50; i++) {
      t += 10;
      listener({ stage: 'ingest', pagesDone: i, pagesTotal: 50 });
    }
    listener({ stage: 'segment' });
    expect(heard[0]).toEqual({ stage: 'ingest' });
    expect(heard.length).toBeLessThan(10);
    expect(heard.at(-2)).toEqual({ stage: 'ingest', pagesDone: 50, pagesTotal: 50 });
    expect(heard.at(-1)).toEqual({ stage: 'segment' });
  });

  it('forwards progress from a worker thread through the pool', async () => {
    const pool = new WorkerPool({ size: 1 });
    try {
      const seen: AnalysisProgress[] = [];
      const report = await pool.run({ inputs: [{ name: 'card.pdf', bytes: sampleReportPdf() }], profile: 'procurement', createdAt: '2026-01-01T00:00:00.000Z' }, { onProgress: (p) => seen.push(p) });
      expect(report.inputs[0]!.name).toBe('card.pdf');
      expect(seen.map((p) => p.stage)).toContain('report');
      expect(seen.some((p) => p.pagesDone === 3 && p.pagesTotal === 3)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60000);
});

describe('in-process job queue (issue 15)', () => {
  const createdAt = '2026-01-02T03:04:05.000Z';

  function queueWith(analyzeImpl: (inputs: Parameters<typeof analyze>[0], o: { onProgress?: (p: AnalysisProgress) => void }) => Promise<Report>) {
    const saved: Array<{ id: string; report: Report; inputs: Array<{ sha256: string; bytes: Uint8Array }> }> = [];
    const queue = createInProcessQueue({
      analyze: (inputs, o) => analyzeImpl(inputs, o),
      saveAnalysis: async (job, report, inputs) => void saved.push({ id: job.analysisId, report, inputs }),
      retryDelayMs: 1,
    });
    return { queue, saved };
  }

  it('runs a job to done: queued, then running with its stage, then done with the stored analysis', async () => {
    const { queue, saved } = queueWith((inputs, o) => analyze(inputs, { rules, createdAt, onProgress: o.onProgress }));
    const queued = await queue.submit({ profile: 'procurement', inputs: [{ name: 'card.md', bytes: CARD }], createdAt, requestId: 'r1' });
    expect(queued).toMatchObject({ state: 'queued', attempts: 0, profile: 'procurement', createdAt });
    expect(queued.inputs).toEqual([{ name: 'card.md', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mediaType: 'text/markdown', size: CARD.byteLength }]);
    const done = await until(queue, queued.id, (s) => s.state === 'done' || s.state === 'failed');
    expect(done).toMatchObject({ state: 'done', attempts: 1, analysisId: queued.id, stage: 'report' });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.report).toEqual(await analyze([{ name: 'card.md', bytes: CARD }], { rules, createdAt }));
    expect(saved[0]!.inputs[0]!.bytes).toEqual(CARD);
    expect(await queue.health()).toEqual({ backend: 'in-process', ok: true, queued: 0, running: 0 });
    await queue.close();
  });

  it('keeps the error of a failed job, with no retry for an input problem', async () => {
    const { queue, saved } = queueWith((inputs, o) => analyze(inputs, { rules, createdAt, onProgress: o.onProgress }));
    const { id } = await queue.submit({ profile: 'procurement', inputs: [{ name: 'empty.md', bytes: new Uint8Array() }], createdAt });
    const failed = await until(queue, id, (s) => s.state === 'failed' || s.state === 'done');
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, stage: 'ingest', error: { code: 'EMPTY_INPUT' } });
    expect(failed.analysisId).toBeUndefined();
    expect(saved).toHaveLength(0);
  });

  it('retries a machine fault a bounded number of times', async () => {
    let calls = 0;
    const flaky = queueWith(async (inputs) => {
      if (++calls === 1) throw new WarrantError('INTERNAL', 'analysis worker exited');
      return analyze(inputs, { rules, createdAt });
    });
    const a = await flaky.queue.submit({ profile: 'procurement', inputs: [{ name: 'card.md', bytes: CARD }], createdAt });
    expect(await until(flaky.queue, a.id, (s) => s.state === 'done' || s.state === 'failed')).toMatchObject({ state: 'done', attempts: 2 });

    const broken = queueWith(async () => {
      throw new WarrantError('INTERNAL', 'analysis worker exited');
    });
    const b = await broken.queue.submit({ profile: 'procurement', inputs: [{ name: 'card.md', bytes: CARD }], createdAt });
    const failed = await until(broken.queue, b.id, (s) => s.state === 'failed' || s.state === 'done');
    // INTERNAL keeps no internals: the message is generic, the stack goes to the log.
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, error: { code: 'INTERNAL' } });
    expect(failed.error!.message).not.toContain('worker exited');
  });

  it('refuses with BUSY beyond its queue bound, and forgets nothing it was asked about', async () => {
    const queue = createInProcessQueue({ analyze: () => new Promise<Report>(() => {}), saveAnalysis: async () => {}, maxQueued: 1 });
    const first = await queue.submit({ profile: 'procurement', inputs: [{ name: 'a.md', bytes: CARD }], createdAt });
    await until(queue, first.id, (s) => s.state === 'running');
    await queue.submit({ profile: 'procurement', inputs: [{ name: 'b.md', bytes: CARD }], createdAt });
    await expect(queue.submit({ profile: 'procurement', inputs: [{ name: 'c.md', bytes: CARD }], createdAt })).rejects.toMatchObject({ code: 'BUSY' });
    expect(await queue.get('no-such-job')).toBeUndefined();
    await queue.close();
  });

  it('turns thrown values into job errors with their code', () => {
    expect(toJobError(new WarrantError('PDF_CORRUPT', 'x.pdf: broken', { file: 'x.pdf' }))).toEqual({ code: 'PDF_CORRUPT', message: 'x.pdf: broken', file: 'x.pdf' });
    expect(toJobError(new Error('secret path /etc'))).toMatchObject({ code: 'INTERNAL' });
  });
});
