/**
 * Analyses as jobs in the web page (issue 15): the page always submits with `Prefer: respond-async`,
 * polls the job, and shows its stage and "page N of M" while a long PDF is read, instead of an
 * elapsed-seconds counter; then opens the analysis the job stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startHarness, type Harness } from './browser.ts';
import { manyPagesPdf } from '../fixtures/pdf/sample-report.ts';

const RUN = chromiumAvailable();
const PAGES = 150;

describe.skipIf(!RUN)('web UI: analyses as jobs', () => {
  let H: Harness;
  beforeAll(async () => {
    H = await startHarness();
  });
  afterAll(async () => {
    await H?.close();
  });

  it('shows the stage and page progress of a long PDF, then opens the analysis the job stored', async () => {
    const { page, pageErrors, consoleErrors, failedResponses } = await H.newPage();
    const posts: Array<{ status: number; prefer: string }> = [];
    const polls: Array<{ state: string; stage?: string; pagesDone?: number; pagesTotal?: number; analysisId?: string }> = [];
    page.on('response', async (r) => {
      const path = new URL(r.url()).pathname;
      if (path === '/api/analyses' && r.request().method() === 'POST') posts.push({ status: r.status(), prefer: (await r.request().allHeaders())['prefer'] ?? '' });
      if (path.startsWith('/api/jobs/')) polls.push(await r.json());
    });
    await page.goto('/');
    await page.waitForSelector('body[data-ready]');
    await page.evaluate(() => {
      const w = window as unknown as { __progress: string[]; __stages: string[]; __bar: Array<number | null> };
      w.__progress = [];
      w.__stages = [];
      w.__bar = [];
      const box = document.getElementById('upload-progress')!;
      const text = document.getElementById('progress-text')!;
      const bar = document.getElementById('progress-bar') as HTMLProgressElement;
      new MutationObserver(() => {
        if (box.hidden) return;
        w.__progress.push(text.textContent ?? '');
        if (box.dataset.stage) w.__stages.push(box.dataset.stage);
        w.__bar.push(bar.hasAttribute('value') ? bar.value : null);
      }).observe(box, { attributes: true, childList: true, characterData: true, subtree: true });
    });
    // Reading 150 pages takes a fraction of a second, less than the page's first poll interval may
    // allow on a fast machine. So the test follows the job itself, every 10 ms, from the 202 on, and
    // holds the page's first poll until the server has reported a page of the PDF; that poll is then
    // answered with what the server said at that moment. Later polls go to the server as they are.
    let midIngest: unknown;
    let sawIngest!: (v: unknown) => void;
    const ingestSeen = new Promise((resolve) => (sawIngest = resolve));
    let firstPoll = true;
    page.on('response', async (r) => {
      if (new URL(r.url()).pathname !== '/api/analyses' || r.request().method() !== 'POST' || r.status() !== 202) return;
      const jobUrl = new URL(r.headers()['location']!, H.url).toString();
      for (let i = 0; i < 3000 && midIngest === undefined; i++) {
        const job = (await (await fetch(jobUrl)).json()) as { state: string; stage?: string; pagesDone?: number; pagesTotal?: number };
        if (job.stage === 'ingest' && job.pagesTotal === PAGES && (job.pagesDone ?? 0) > 0 && (job.pagesDone ?? 0) < PAGES) midIngest = job;
        else if (job.state === 'done' || job.state === 'failed') break;
        else await new Promise((res) => setTimeout(res, 10));
      }
      sawIngest(midIngest);
    });
    await page.route('**/api/jobs/**', async (route) => {
      if (!firstPoll) return route.continue();
      firstPoll = false;
      const seen = await ingestSeen;
      if (seen === undefined) return route.continue();
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(seen) });
    });
    await page.setInputFiles('#file-input', [{ name: 'long-card.pdf', mimeType: 'application/pdf', buffer: Buffer.from(manyPagesPdf(PAGES)) }]);
    await page.waitForFunction(() => document.querySelectorAll('#file-rows tr').length === 1);
    await page.locator('#file-rows tr select').selectOption('model-card');
    await page.click('#analyse-button');
    await page.waitForURL(/#\/a\/[^/]+\/review$/, { timeout: 90_000 });
    await page.waitForSelector('#panel-review:not([hidden])');
    const id = decodeURIComponent(/#\/a\/([^/]+)\//.exec(page.url())![1]!);

    // The page asked for a job and followed it to the analysis it opened.
    expect(posts).toEqual([{ status: 202, prefer: 'respond-async' }]);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.at(-1)).toMatchObject({ state: 'done', analysisId: id });
    expect(midIngest, 'the server reported a page of the PDF while reading it').toBeDefined();
    expect(polls.some((p) => p.stage === 'ingest' && p.pagesTotal === PAGES), JSON.stringify(polls)).toBe(true);

    const { progress, stages, bar } = await page.evaluate(() => {
      const w = window as unknown as { __progress: string[]; __stages: string[]; __bar: Array<number | null> };
      return { progress: w.__progress, stages: w.__stages, bar: w.__bar };
    });
    const all = progress.join(' | ');
    // Stage and pages, in words, and the bar fills with the pages read.
    expect(progress.some((t) => new RegExp(`^Analysing long-card\\.pdf: reading long-card\\.pdf, page \\d+ of ${PAGES}…$`).test(t)), all).toBe(true);
    expect(stages).toContain('ingest');
    expect(bar.some((v) => v !== null && v > 0 && v <= 1)).toBe(true);
    // No elapsed-seconds counter any more.
    expect(progress.some((t) => /\d+ s$/.test(t)), all).toBe(false);
    // The progress line is gone once the analysis is shown.
    expect(await page.locator('#upload-progress').isHidden()).toBe(true);

    const res = await page.request.get(`/api/analyses/${encodeURIComponent(id)}`);
    const report = ((await res.json()) as { report: { documents: Array<{ pageCount?: number }> } }).report;
    expect(report.documents[0]!.pageCount).toBe(PAGES);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failedResponses).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows a failed job as the error the synchronous request would have given', async () => {
    const { page } = await H.newPage();
    await page.goto('/');
    await page.waitForSelector('body[data-ready]');
    await page.setInputFiles('#file-input', [{ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nnot really a pdf\n') }]);
    await page.click('#analyse-button');
    const error = page.locator('#upload-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('broken.pdf');
    expect(page.url()).not.toMatch(/#\/a\//);
    expect(await page.locator('#upload-progress').isHidden()).toBe(true);
    await page.close();
  });
});
