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
    expect(polls.some((p) => p.stage === 'ingest' && p.pagesTotal === PAGES)).toBe(true);

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
