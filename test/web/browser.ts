/**
 * Browser test harness: Debian's Chromium driven by playwright-core, and a real Warrant server
 * (startServer) on a temporary data directory. Chromium missing: the suite is skipped with a clear
 * message locally, and fails loudly in CI (CI env var set).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { startServer } from '../../src/api/server.ts';

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Screenshots from the run (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

/** True when the browser tests can run here; throws in CI when Chromium is missing. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) {
    throw new Error(`${CHROMIUM} is missing: the browser tests must run in CI (.ci/run installs the Debian chromium package)`);
  }
  console.warn(`[web tests] SKIPPED: ${CHROMIUM} not found. Install it with: apt-get update && apt-get install -y chromium`);
  return false;
}

/** A page plus everything it reported that a test may want to assert on. */
export interface WatchedPage {
  page: Page;
  dialogs: string[];
  pageErrors: string[];
  consoleErrors: string[];
  /** Responses with status ≥ 400 (but the optional /api/samples probe). */
  failedResponses: string[];
}

/** A running server and browser for one test file. */
export interface Harness {
  url: string;
  browser: Browser;
  context: BrowserContext;
  newPage(width?: number, height?: number): Promise<WatchedPage>;
  screenshot(page: Page, name: string, fullPage?: boolean): Promise<string>;
  close(): Promise<void>;
}

/** Start a Warrant server on a fresh data directory and launch Chromium. `token`: the server's bearer token. */
export async function startHarness(options: { token?: string; rulesDir?: string } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warrant-web-'));
  const srv = await startServer({ port: 0, dataDir, inline: true, log: 'off', token: options.token, ...(options.rulesDir ? { rulesDir: options.rulesDir } : {}) });
  // chromium.launch gives every run a fresh temporary profile.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  }).catch(async (err: unknown) => {
    await srv.close();
    throw err;
  });
  const context = await browser.newContext({ acceptDownloads: true, baseURL: srv.url });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: srv.url,
    browser,
    context,
    async newPage(width = 1280, height = 900) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      const watched: WatchedPage = { page, dialogs: [], pageErrors: [], consoleErrors: [], failedResponses: [] };
      page.on('dialog', (d) => {
        watched.dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      page.on('pageerror', (e) => watched.pageErrors.push(e.message));
      page.on('console', (m: ConsoleMessage) => {
        // Failed loads are judged by their response below (Chromium logs them without the URL).
        if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) watched.consoleErrors.push(m.text());
      });
      page.on('response', (r) => {
        // The page probes /api/samples, which this server may not offer: a 404 there is expected.
        if (r.status() >= 400 && !(r.status() === 404 && new URL(r.url()).pathname === '/api/samples')) watched.failedResponses.push(`${r.status()} ${r.url()}`);
      });
      return watched;
    },
    async screenshot(page, name, fullPage = false) {
      const path = join(SCREENSHOTS, name);
      await page.screenshot({ path, fullPage });
      return path;
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await srv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
