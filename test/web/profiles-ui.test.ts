/**
 * Issue 14 item 3 in a real Chromium: the page's "Review for" choices are the server's profiles (its rule
 * set, including a profile added in WARRANT_RULES_DIR), not a list written into the page, and the chosen
 * profile is the one the server records. Without a rules dir the two shipped profiles are offered.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, startHarness, type Harness } from './browser.ts';

const RUN = chromiumAvailable();
const CARD = Buffer.from('# Wren-3B\n\nWren-3B is a 3-billion-parameter language model for English support drafting.\n\nWren-3B scores 61.2 on MMLU (5-shot).\n');

async function offered(page: Page): Promise<Array<{ value: string; text: string }>> {
  await page.goto('/');
  await page.waitForSelector('body[data-ready]');
  return page.evaluate(() => [...document.querySelectorAll<HTMLOptionElement>('#profile-select option')].map((o) => ({ value: o.value, text: o.textContent ?? '' })));
}

describe.skipIf(!RUN)('web UI: the profiles offered are the rule set\'s', () => {
  let shipped: Harness;
  let team: Harness;
  const rulesDir = mkdtempSync(join(tmpdir(), 'warrant-ui-profiles-'));
  beforeAll(async () => {
    mkdirSync(join(rulesDir, 'profiles'));
    writeFileSync(join(rulesDir, 'profiles', 'team.yaml'), 'kind: profile\nname: team\ntitle: Our team\nextends: vendor-release\nseverities:\n  representation-without-evidence: error\n');
    shipped = await startHarness();
    team = await startHarness({ rulesDir });
  });
  afterAll(async () => {
    await shipped?.close();
    await team?.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('offers the shipped profiles by their titles, procurement first and chosen', async () => {
    const { page } = await shipped.newPage();
    await offered(page);
    // The titles come from rules/profiles/*.yaml ("Procurement (the buyer's view)"), not from index.html.
    await page.waitForFunction(() => document.querySelector('#profile-select option')?.textContent?.includes('the buyer'));
    const options = await page.evaluate(() => [...document.querySelectorAll<HTMLOptionElement>('#profile-select option')].map((o) => ({ value: o.value, text: o.textContent ?? '' })));
    expect(options.map((o) => o.value)).toEqual(['procurement', 'vendor-release']);
    expect(options[0]!.text).toBe("Procurement (the buyer's view)");
    expect(await page.locator('#profile-select').inputValue()).toBe('procurement');
  });

  it('offers a profile added in the server\'s rules dir, and the analysis records it', async () => {
    const { page } = await team.newPage();
    await offered(page);
    await page.waitForFunction(() => [...document.querySelectorAll('#profile-select option')].some((o) => (o as HTMLOptionElement).value === 'team'));
    const options = await page.evaluate(() => [...document.querySelectorAll<HTMLOptionElement>('#profile-select option')].map((o) => ({ value: o.value, text: o.textContent ?? '' })));
    expect(options).toContainEqual({ value: 'team', text: 'Our team' });
    expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['procurement', 'vendor-release', 'team']));
    await page.locator('#profile-select').selectOption('team');
    await page.setInputFiles('#file-input', [{ name: 'wren-3b.md', mimeType: 'text/markdown', buffer: CARD }]);
    await page.waitForFunction(() => document.querySelectorAll('#file-rows tr').length === 1);
    const stored = page.waitForResponse((r) => /\/api\/analyses\/[^/]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'GET' && r.status() === 200);
    await page.click('#analyse-button');
    const report = (await (await stored).json()) as { report?: { profile?: string }; profile?: string };
    expect(report.report?.profile ?? report.profile).toBe('team');
  });
});
