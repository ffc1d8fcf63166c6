/**
 * Review layout items of issue 16, in a real Chromium against a real server on our own sample card:
 * table rows in the review and the evidence panel are shown as cells under their column headers
 * (not pipe-joined text), with cue words still marked inside their cells; and the register's
 * evidence panel comes into view when a row is chosen, at every width.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/types.ts';
import { ROOT, chromiumAvailable, startHarness, type Harness } from './browser.ts';

const CARD = join(ROOT, 'samples', 'cards', 'kestrel-7b.md');

describe.skipIf(!chromiumAvailable())('review layout (browser)', () => {
  let H: Harness;
  let id = '';
  let report: Report;

  beforeAll(async () => {
    H = await startHarness();
    const form = new FormData();
    form.append('model-card', new Blob([readFileSync(CARD)]), 'kestrel-7b.md');
    const res = await fetch(`${H.url}/api/analyses`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    ({ id, report } = (await res.json()) as { id: string; report: Report });
  });
  afterAll(async () => {
    await H?.close();
  });

  it('shows a table row as its cells with the column headers, in the review and in the evidence panel', async () => {
    const row = report.sentences.find((s) => s.context.table && s.context.table.cells.length > 2 && s.context.table.headers.length === s.context.table.cells.length);
    expect(row, 'the sample card has a table row with headers').toBeDefined();
    const t = row!.context.table!;
    const { page, pageErrors } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(id)}/review`);
    const el = page.locator(`#card-pane [data-sid="${row!.id}"]`);
    await el.waitFor();
    const cells = el.locator('table.row-cells tbody td');
    expect(await cells.allTextContents()).toEqual(t.cells);
    expect(await el.locator('table.row-cells thead th').allTextContents()).toEqual(t.headers);
    // No pipe-joined text left in the row.
    expect(await el.locator('.sent-text').textContent()).not.toContain(' | ');
    await el.scrollIntoViewIfNeeded();
    await H.screenshot(page, 'review-table-row-cells.png');
    // A cue inside a cell is still marked (when the row has cues with positions).
    const claim = report.claims.find((c) => c.sentenceId === row!.id);
    if (claim?.cues.some((c) => typeof c.start === 'number' && c.end! > c.start!)) expect(await el.locator('table.row-cells mark').count()).toBeGreaterThan(0);
    // The register's evidence panel quotes the row the same way.
    await page.goto(`/#/a/${encodeURIComponent(id)}/register`);
    await page.waitForSelector('#register-table tbody tr');
    await page.locator(`#register-table tbody tr[data-cid="${claim!.id}"]`).click();
    await page.waitForSelector('.claim-quote table.row-cells');
    expect(await page.locator('.claim-quote table.row-cells tbody td').allTextContents()).toEqual(t.cells);
    expect(pageErrors).toEqual([]);
  });

  it('a sentence that is not a table row stays text', async () => {
    const prose = report.sentences.find((s) => !s.context.table && s.text.length > 40)!;
    const { page } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(id)}/review`);
    const el = page.locator(`#card-pane [data-sid="${prose.id}"]`);
    await el.waitFor();
    expect(await el.locator('table.row-cells').count()).toBe(0);
    expect(await el.locator('.sent-text').textContent()).toBe(prose.text);
  });

  for (const [width, height] of [[1280, 900], [1000, 800], [800, 700], [600, 800]] as const) {
    it(`the evidence panel is in view after choosing a register row at ${width}×${height}`, async () => {
      const { page, pageErrors } = await H.newPage(width, height);
      await page.goto(`/#/a/${encodeURIComponent(id)}/register`);
      await page.waitForSelector('#register-table tbody tr[data-cid]');
      // A row some way down the table, so the panel's resting place is not simply the top.
      const rows = page.locator('#register-table tbody tr[data-cid]');
      const row = rows.nth(Math.min(5, (await rows.count()) - 1));
      await row.click();
      await page.waitForSelector('#evidence-panel .claim-quote');
      const box = (await page.locator('#evidence-panel').boundingBox())!;
      expect(box.y, 'panel top inside the window').toBeGreaterThanOrEqual(-2);
      expect(box.y, 'panel top inside the window').toBeLessThan(height - 100);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(pageErrors).toEqual([]);
    });
  }

  it('an empty contract pane says which uploaded contract was skipped and why', async () => {
    const form = new FormData();
    form.append('model-card', new Blob([readFileSync(CARD)]), 'kestrel-7b.md');
    form.append('contract', new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff, 0x13])]), 'schedule-b.pdf');
    const res = await fetch(`${H.url}/api/analyses`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; report: Report };
    expect(body.report.skipped?.map((x) => x.name)).toEqual(['schedule-b.pdf']);
    const { page, pageErrors } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(body.id)}/review`);
    const note = page.locator('#panel-review .pane-note .pane-skipped');
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^schedule-b\.pdf was uploaded but could not be read \(.+\), so it was skipped\.$/);
    expect(pageErrors).toEqual([]);
  });
});
