/**
 * The standalone HTML report in a real browser (Debian's Chromium via playwright-core): it makes
 * no request at all, runs nothing, shows hostile document text as text, and prints to PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { renderReport } from '../../src/report/render.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { CASES, RULES } from './cases.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);

describe.skipIf(!HAVE)('HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const name of Object.keys(CASES)) {
    it(`${name}: no requests, no script, prints`, async () => {
      const report = CASES[name]!();
      const html = renderReport(report, 'html', { catalogue: findingCatalogue(RULES) });
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setContent(html, { waitUntil: 'load' });
      const text = await page.evaluate(() => document.body.innerText);
      const scripts = await page.evaluate(() => document.querySelectorAll('script, iframe, img, link, object, embed').length);
      expect(requests).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(scripts).toBe(0);
      for (const i of report.inputs) expect(text).toContain(i.sha256);
      if (name === 'card') expect(text).toContain('<script>alert(1)</script>');
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.byteLength).toBeGreaterThan(2000);
      await page.close();
    });
  }
});
