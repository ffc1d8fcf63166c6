/**
 * Issue 16 in a real Chromium at 1280×900: a model card uploaded with a file that cannot be read is
 * analysed without it. Right after Analyse the page says which file was skipped and why, in view, and
 * marks the file in the list; the report then shows "1 file skipped". With no readable file, the
 * error names every file and marks each. Fixtures are written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumAvailable, startHarness, type Harness } from './browser.ts';

const RUN = chromiumAvailable();
const W = 1280;
const H = 900;

const CARD = Buffer.from(`# Wren-3B

Wren-3B is a 3-billion-parameter language model for English customer-support drafting.

## Evaluation

Wren-3B scores 61.2 on MMLU (5-shot).

## Limitations

The model may produce incorrect answers and should not be used for legal advice.
`);
const BROKEN_PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog\nthis is not a PDF body\n');
const BROKEN_EVIDENCE = Buffer.from('{"results": {"mmlu": {"acc,none": 0.61');

/** True when the whole element is inside the 1280×900 viewport. */
async function inViewport(el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= H && box.x + box.width <= W;
}

async function chooseFiles(page: Page, files: Array<{ name: string; buffer: Buffer }>): Promise<void> {
  await page.goto('/');
  await page.waitForSelector('body[data-ready]');
  await page.setInputFiles('#file-input', files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer })));
  await page.waitForFunction((n) => document.querySelectorAll('#file-rows tr').length === n, files.length);
}

describe.skipIf(!RUN)('web UI: a file that cannot be read (issue 16)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('card + broken PDF: the skipped notice is in view right after Analyse, the file is marked, the report says "1 file skipped"', async () => {
    const { page, pageErrors, consoleErrors } = await harness.newPage(W, H);
    await chooseFiles(page, [
      { name: 'wren-3b.md', buffer: CARD },
      { name: 'broken-schedule.pdf', buffer: BROKEN_PDF },
    ]);
    await page.locator('#file-rows tr[data-file="broken-schedule.pdf"] select').selectOption('contract');
    await page.click('#analyse-button');

    // The notice: which file, why, what happened to the rest, in the viewport.
    const notice = page.locator('#upload-error');
    await notice.waitFor({ state: 'visible', timeout: 60_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('1 file skipped');
    expect(text).toContain('broken-schedule.pdf');
    expect(text).toContain('PDF_CORRUPT');
    expect(text).toMatch(/other file was analysed/);
    expect(await inViewport(notice), 'notice inside 1280×900').toBe(true);
    expect(await notice.evaluate((el) => el.classList.contains('banner-warning'))).toBe(true);

    // The file is marked in the list with a visible badge; the card is not.
    const row = page.locator('#file-rows tr[data-file="broken-schedule.pdf"]');
    expect(await row.getAttribute('class')).toContain('file-failed');
    expect(await row.getAttribute('aria-invalid')).toBe('true');
    const badge = row.locator('.file-skipped-mark');
    expect(await badge.textContent()).toMatch(/skipped: corrupt PDF/);
    expect(await badge.isVisible()).toBe(true);
    expect(await inViewport(badge), 'badge inside 1280×900').toBe(true);
    expect(await page.locator('#file-rows tr[data-file="wren-3b.md"]').getAttribute('aria-invalid')).toBeNull();
    expect(page.url()).not.toMatch(/#\/a\//);
    await harness.screenshot(page, 'upload-skipped-1280.png');

    // The partial analysis is stored: open it; the report view says a file was skipped, in view.
    await page.click('#open-partial');
    await page.waitForURL(/#\/a\/[^/]+\/review$/, { timeout: 30_000 });
    const reportNotice = page.locator('#skipped-notice');
    await reportNotice.waitFor({ state: 'visible' });
    expect(await reportNotice.locator('.skipped-count').textContent()).toBe('1 file skipped');
    expect(await reportNotice.textContent()).toContain('broken-schedule.pdf');
    expect(await reportNotice.locator('li[data-file="broken-schedule.pdf"] .skipped-badge').textContent()).toBe('skipped: corrupt PDF');
    expect(await inViewport(reportNotice), 'report notice inside 1280×900').toBe(true);
    // The inputs list names it too, marked.
    await page.click('#analysis-inputs-summary');
    expect(await page.locator('#analysis-inputs-summary').textContent()).toContain('1 file skipped');
    expect(await page.locator('#analysis-inputs-list li.input-skipped[data-file="broken-schedule.pdf"] .skipped-badge').textContent()).toBe('skipped: corrupt PDF');
    await harness.screenshot(page, 'report-skipped-1280.png');

    // What the API stored agrees.
    const id = decodeURIComponent(/#\/a\/([^/]+)\//.exec(page.url())![1]!);
    const res = await page.request.get(`/api/analyses/${encodeURIComponent(id)}`);
    const body = (await res.json()) as { report: { inputs: Array<{ name: string }>; skipped: Array<{ name: string; role: string; code: string }> } };
    expect(body.report.inputs.map((i) => i.name)).toEqual(['wren-3b.md']);
    expect(body.report.skipped).toEqual([expect.objectContaining({ name: 'broken-schedule.pdf', role: 'contract', code: 'PDF_CORRUPT' })]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('no readable file: the error names every file with its code, in view, and marks each', async () => {
    const { page } = await harness.newPage(W, H);
    await chooseFiles(page, [
      { name: 'broken-schedule.pdf', buffer: BROKEN_PDF },
      { name: 'results.json', buffer: BROKEN_EVIDENCE },
    ]);
    await page.click('#analyse-button');
    const error = page.locator('#upload-error');
    await error.waitFor({ state: 'visible', timeout: 60_000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/None of the files could be read/);
    expect(text).toContain('broken-schedule.pdf (corrupt PDF, PDF_CORRUPT)');
    expect(text).toContain('results.json (malformed evidence file, EVIDENCE_MALFORMED)');
    expect(await inViewport(error)).toBe(true);
    expect(await page.locator('#file-rows tr.file-failed').count()).toBe(2);
    expect(await page.locator('#file-rows tr[data-file="results.json"] .file-failed-mark').textContent()).toContain('could not be read: malformed evidence file');
    expect(page.url()).not.toMatch(/#\/a\//);
    await page.close();
  });
});
