/**
 * The web UI in a real headless Chromium against the real server: upload, counts, review with cues
 * and clause → source, claims register (filter, sort, search, evidence panel), exports, history,
 * the XSS case, keyboard use, and the 800 px layout. Screenshots go to test-output/screenshots/.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Report } from '../../src/model/types.ts';
import { ROOT, chromiumAvailable, startHarness, type Harness } from './browser.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';
import { contrastFailures } from './contrast.ts';

const RUN = chromiumAvailable();
const FIXTURES = join(ROOT, 'test', 'fixtures', 'web');

interface Upload {
  path: string;
  role: 'model-card' | 'contract' | 'evidence';
}

/** The shipped samples (whatever samples/ holds now), plus our contract fixture when samples/ has no contract. */
function sampleUploads(): Upload[] {
  const list = (dir: string, ext: RegExp) =>
    existsSync(join(ROOT, dir)) ? readdirSync(join(ROOT, dir)).filter((f) => ext.test(f)).sort().map((f) => join(ROOT, dir, f)) : [];
  const uploads: Upload[] = [
    ...list('samples/cards', /\.(md|txt|pdf|docx)$/i).map((path) => ({ path, role: 'model-card' as const })),
    ...list('samples/contracts', /\.(md|txt|pdf|docx)$/i).map((path) => ({ path, role: 'contract' as const })),
    ...list('samples/evidence', /\.(json|csv|ya?ml)$/i).map((path) => ({ path, role: 'evidence' as const })),
  ];
  if (!uploads.some((u) => u.role === 'contract')) uploads.push({ path: join(FIXTURES, 'kestrel-order-schedule.txt'), role: 'contract' });
  return uploads;
}

const basename = (p: string) => p.split('/').pop()!;

/** Upload files through the page (file picker), optionally delaying the request to see progress. */
async function uploadThroughPage(
  page: Page,
  files: Array<{ name: string; buffer: Buffer; role?: string }>,
  expectRoles?: Record<string, string>,
  beforeSubmit?: () => Promise<void>,
) {
  await page.goto('/');
  await page.waitForSelector('body[data-ready]');
  await page.setInputFiles('#file-input', files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: f.buffer })));
  await page.waitForFunction((n) => document.querySelectorAll('#file-rows tr').length === n, files.length);
  for (const f of files) {
    const select = page.locator(`#file-rows tr[data-file="${f.name.replace(/"/g, '\\"')}"] select`);
    if (expectRoles?.[f.name]) expect(await select.inputValue(), `guessed role of ${f.name}`).toBe(expectRoles[f.name]);
    if (f.role) await select.selectOption(f.role);
  }
  await beforeSubmit?.();
  await page.click('#analyse-button');
  await page.waitForURL(/#\/a\/[^/]+\/review$/, { timeout: 60_000 });
  const id = decodeURIComponent(/#\/a\/([^/]+)\//.exec(page.url())![1]!);
  await page.waitForSelector('#panel-review:not([hidden])');
  return id;
}

/** The report as the API returns it (fetched apart from the page, to compare with what it shows). */
async function fetchReport(page: Page, id: string): Promise<Report> {
  const res = await page.request.get(`/api/analyses/${encodeURIComponent(id)}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { report: Report }).report;
}

/** Show the document a sentence belongs to in its pane (the pane's select when the role has several). */
async function showDocumentOf(page: Page, sentenceId: string, role: 'model-card' | 'contract') {
  const docId = report.sentences.find((s) => s.id === sentenceId)!.docId;
  const select = page.locator(role === 'contract' ? '#contractDocId-select' : '#cardDocId-select');
  if (await select.count()) await select.selectOption(docId);
  await page.locator(`${role === 'contract' ? '#contract-pane' : '#card-pane'} [data-sid="${sentenceId}"]`).waitFor({ state: 'attached' });
}

/** Rows the register shows: every claim, plus metadata claims the linker found (links to no sentence). */
function registerRowCount(r: Report): number {
  const claims = new Set(r.claims.map((c) => c.id));
  return r.claims.length + new Set(r.links.map((l) => l.claimId).filter((id) => !claims.has(id))).size;
}

let report: Report;

describe.skipIf(!RUN)('web UI in Chromium', () => {
  let H: Harness;
  let mainId = '';

  beforeAll(async () => {
    H = await startHarness();
  });

  /** The analysis of the samples: made by the upload test, or through the API when that test is filtered out. */
  async function ensureMain(): Promise<void> {
    if (mainId && report) return;
    const form = new FormData();
    for (const u of sampleUploads()) form.append(u.role, new Blob([readFileSync(u.path)]), basename(u.path));
    const res = await fetch(`${H.url}/api/analyses`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; report: Report };
    mainId = body.id;
    report = body.report;
  }
  afterAll(async () => {
    await H?.close();
  });

  it('serves the page under a CSP that forbids inline script, and a first-time user sees what to do', async () => {
    const { page, pageErrors, consoleErrors, failedResponses } = await H.newPage();
    const res = await page.goto('/');
    const csp = res!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await page.waitForSelector('body[data-ready]');
    await expect(page.locator('#home-title').textContent()).resolves.toMatch(/hold the vendor to/);
    expect(await page.locator('.steps li').count()).toBe(3);
    expect(await page.locator('#history-empty').textContent()).toMatch(/No analyses yet/);
    expect(await page.locator('#analyse-button').isDisabled()).toBe(true);
    await H.screenshot(page, 'empty-1280.png', true);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failedResponses).toEqual([]);
    await page.close();
  });

  it('shows a server error in words (empty file → problem+json)', async () => {
    const { page } = await H.newPage();
    await page.goto('/');
    await page.waitForSelector('body[data-ready]');
    await page.setInputFiles('#file-input', [{ name: 'empty-card.md', mimeType: 'text/markdown', buffer: Buffer.alloc(0) }]);
    await page.click('#analyse-button');
    const error = page.locator('#upload-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/empty-card\.md.*empty/i);
    expect(page.url()).not.toMatch(/#\/a\//);
    // An analysis that does not exist: words, not a blank page.
    await page.goto('/#/a/no-such-analysis/review');
    const banner = page.locator('#page-error');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toMatch(/Could not open the analysis/);
    await page.close();
  });

  it('names the file a multi-file upload failed on, marks it in the file list and shows the error in view (issue 16)', async () => {
    const { page } = await H.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    await page.waitForSelector('body[data-ready]');
    const card = readFileSync(join(ROOT, 'samples/cards/kestrel-7b.md'));
    await page.setInputFiles('#file-input', [
      { name: 'kestrel-7b.md', mimeType: 'text/markdown', buffer: card },
      { name: 'broken-schedule.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nnot really a pdf\n') },
      { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n\nThe model is intended for research.\n') },
    ]);
    await page.waitForFunction(() => document.querySelectorAll('#file-rows tr').length === 3);
    await page.click('#analyse-button');
    const error = page.locator('#upload-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('broken-schedule.pdf');
    // The failing file is marked in the list, the others are not.
    const failed = page.locator('#file-rows tr.file-failed');
    expect(await failed.count()).toBe(1);
    expect(await failed.getAttribute('data-file')).toBe('broken-schedule.pdf');
    expect(await failed.textContent()).toContain('could not be read');
    expect(await failed.getAttribute('aria-invalid')).toBe('true');
    // The message is in the viewport, not below the fold.
    const box = (await error.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    // Removing the file and adding another clears the mark.
    await page.click('#file-rows tr[data-file="broken-schedule.pdf"] button');
    await page.setInputFiles('#file-input', [{ name: 'other.md', mimeType: 'text/markdown', buffer: Buffer.from('# Other\n') }]);
    expect(await page.locator('#file-rows tr.file-failed').count()).toBe(0);
    expect(page.url()).not.toMatch(/#\/a\//);
    await page.close();
  });

  it('uploads the samples with guessed roles, shows progress, then the counts of the report', async () => {
    const { page, pageErrors, consoleErrors, failedResponses } = await H.newPage();
    const uploads = sampleUploads();
    // Record what the progress line says while the request runs.
    const watchProgress = () =>
      page.evaluate(() => {
        const w = window as unknown as { __progress: string[] };
        w.__progress = [];
        const box = document.getElementById('upload-progress')!;
        const text = document.getElementById('progress-text')!;
        new MutationObserver(() => {
          if (!box.hidden) w.__progress.push(text.textContent ?? '');
        }).observe(box, { attributes: true, childList: true, characterData: true, subtree: true });
      });
    const id = await uploadThroughPage(
      page,
      uploads.map((u) => ({ name: basename(u.path), buffer: readFileSync(u.path) })),
      Object.fromEntries(uploads.map((u) => [basename(u.path), u.role])),
      watchProgress,
    );
    report = await fetchReport(page, id);
    mainId = id;
    const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
    expect(progress.some((t) => /^(Uploading|Analysing) /.test(t)), progress.join(' | ')).toBe(true);
    // The roles chosen in the page are the roles the server recorded.
    for (const u of uploads) expect(report.inputs.find((i) => i.name === basename(u.path))?.role, basename(u.path)).toBe(u.role);
    const shown = async (key: string) => Number(await page.locator(`#summary dd[data-key="${key}"]`).textContent());
    expect(await shown('documents')).toBe(report.summary.documents);
    expect(await shown('sentences')).toBe(report.summary.sentences);
    expect(await shown('representations')).toBe(report.summary.representations);
    expect(await shown('narrative')).toBe(report.summary.narrative);
    expect(await shown('errors')).toBe(report.summary.findings.error ?? 0);
    expect(await shown('warnings')).toBe(report.summary.findings.warning ?? 0);
    expect(report.summary.sentences).toBeGreaterThan(20);
    // The card pane lists every sentence of the first card, in order, as text.
    const card = report.documents.find((d) => d.role === 'model-card')!;
    const cardSentences = report.sentences.filter((s) => s.docId === card.id);
    expect(await page.locator('#card-pane [data-sid]').count()).toBe(cardSentences.length);
    expect(await page.locator('#card-pane [data-sid] .sent-text').first().textContent()).toBe(cardSentences[0]!.text);
    // Labels: class, icon and score agree with the report.
    const rep = report.claims.find((c) => c.label === 'representation' && c.docId === card.id);
    expect(rep, 'the samples should hold at least one representation').toBeTruthy();
    const repEl = page.locator(`#card-pane [data-sid="${rep!.sentenceId}"]`);
    expect(await repEl.getAttribute('class')).toMatch(/sent-rep/);
    expect(await repEl.locator('.label-badge').textContent()).toBe(`◆ ${rep!.score.toFixed(2)}`);
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('#cue-tip').waitFor({ state: 'hidden' });
    await H.screenshot(page, 'review-1280.png');
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failedResponses).toEqual([]);
    await page.close();
  });

  it('hovering or focusing a sentence shows its cues (id, words, weight, why)', async () => {
    await ensureMain();
    const { page } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/review`);
    await page.waitForSelector('#card-pane [data-sid]');
    const withCues = report.claims.find((c) => c.cues.some((q) => q.text) && report.documents.find((d) => d.id === c.docId)?.role === 'model-card' && c.docId === report.documents.find((d) => d.role === 'model-card')!.id);
    expect(withCues, 'some card sentence should carry word cues').toBeTruthy();
    const el = page.locator(`[data-sid="${withCues!.sentenceId}"]`);
    await el.scrollIntoViewIfNeeded();
    await el.hover();
    const tip = page.locator('#cue-tip');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent()) ?? '';
    for (const cue of withCues!.cues) {
      expect(text).toContain(cue.id);
      if (cue.text) expect(text).toContain(cue.text);
    }
    expect(text).toContain(withCues!.score.toFixed(2));
    // The cue words are marked inside the sentence.
    const wordCue = withCues!.cues.find((q) => q.text && typeof q.start === 'number')!;
    expect(await el.locator('mark.cue').allTextContents()).toContain(wordCue.text);
    await H.screenshot(page, 'review-cues-1280.png');
    await page.mouse.move(1, 1);
    // Focus shows it too (keyboard users).
    await el.focus();
    await tip.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('clicking a contract clause scrolls the card to its source, highlights it and shows the changed words', async () => {
    await ensureMain();
    const { page } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/review`);
    await page.waitForSelector('#contract-pane [data-sid]');
    const changed = report.alignments.filter((a) => a.cardSentenceId && a.transformations.some((t) => t.kind !== 'verbatim' && (t.from || t.to)));
    expect(changed.length, 'the contract should change at least one card sentence').toBeGreaterThan(0);
    // Prefer a source far down the card, so the pane has to scroll.
    const order = (id: string) => report.sentences.find((s) => s.id === id)?.index ?? 0;
    const a = [...changed].sort((x, y) => order(y.cardSentenceId!) - order(x.cardSentenceId!))[0]!;
    await showDocumentOf(page, a.contractSentenceId, 'contract');
    const clause = page.locator(`#contract-pane [data-sid="${a.contractSentenceId}"]`);
    await clause.scrollIntoViewIfNeeded();
    // Before any click, the clause is marked as changed from the card, with the number of changes.
    expect(await clause.locator('.change-badge').textContent()).toBe(`Δ ${a.transformations.filter((t) => t.kind !== 'verbatim').length}`);
    await clause.click();
    const source = page.locator(`#card-pane [data-sid="${a.cardSentenceId}"]`);
    await expect.poll(() => source.getAttribute('class')).toMatch(/is-source/);
    // The source is scrolled into the card pane's visible area.
    const pane = (await page.locator('#card-pane').boundingBox())!;
    const box = (await source.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(pane.y - 1);
    expect(box.y + Math.min(box.height, 20)).toBeLessThanOrEqual(pane.y + pane.height + 1);
    // The transformations with the changed words, from → to.
    const detail = page.locator('#contract-pane .sent-detail');
    const detailText = (await detail.textContent()) ?? '';
    const src = report.sentences.find((s) => s.id === a.cardSentenceId)!;
    expect(detailText).toContain(src.text);
    for (const t of a.transformations) {
      if (t.from) expect(detailText).toContain(t.from);
      if (t.to) expect(detailText).toContain(t.to);
    }
    const from = a.transformations.find((t) => t.from && src.text.toLowerCase().includes(t.from.toLowerCase()));
    if (from) expect((await source.locator('mark.changed-from').allTextContents()).join(' ').toLowerCase()).toContain(from.from!.toLowerCase());
    await H.screenshot(page, 'review-clause-1280.png');
    await page.close();
  });

  it('claims register: every claim, filter by label/type/verdict/severity, search, sort, evidence panel', async () => {
    await ensureMain();
    const { page, pageErrors } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/register`);
    await page.waitForSelector('#register-rows tr[data-cid]');
    const rows = page.locator('#register-rows tr[data-cid]');
    const total = registerRowCount(report);
    expect(await rows.count()).toBe(total);
    expect(await page.locator('#register-count').textContent()).toBe(`${total} of ${total} claims`);

    await page.selectOption('#filter-label', 'representation');
    const reps = report.claims.filter((c) => c.label === 'representation').length + (total - report.claims.length);
    await expect.poll(() => rows.count()).toBe(reps);
    expect(new Set(await rows.evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.label)))).toEqual(new Set(['representation']));

    const types = [...new Set(report.claims.filter((c) => c.label === 'representation').map((c) => c.type))];
    const type = types.find((t) => t !== 'performance') ?? types[0]!;
    await page.selectOption('#filter-type', type);
    await expect.poll(() => rows.count()).toBe(report.claims.filter((c) => c.label === 'representation' && c.type === type).length);
    await page.click('#register-reset');
    await expect.poll(() => rows.count()).toBe(total);

    const severities = [...new Set(report.findings.filter((f) => !f.suppressed && f.location.sentenceId).map((f) => f.severity))];
    if (severities.length) {
      await page.selectOption('#filter-severity', severities[0]!);
      const n = await rows.count();
      expect(n).toBeGreaterThan(0);
      expect(new Set(await rows.evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.severity)))).toEqual(new Set([severities[0]]));
      await page.click('#register-reset');
    }
    const verdicts = [...new Set(report.links.map((l) => l.verdict))];
    if (verdicts.length) {
      await page.selectOption('#filter-verdict', verdicts[0]!);
      const expected = new Set(report.links.filter((l) => l.verdict === verdicts[0]).map((l) => l.claimId)).size;
      await expect.poll(() => rows.count()).toBe(expected);
      await page.click('#register-reset');
    }
    // Issue 16: self-consistent (the card agreeing with its own model-index) is its own filter entry, apart from supported.
    const selfConsistent = new Set(report.links.filter((l) => l.verdict === 'self-consistent').map((l) => l.claimId)).size;
    expect(selfConsistent, 'the samples hold numbers checked only against their own model-index').toBeGreaterThan(0);
    expect(await page.locator('#filter-verdict option[value="self-consistent"]').textContent()).toBe(`Self-consistent (card only) (${selfConsistent})`);
    await page.selectOption('#filter-verdict', 'self-consistent');
    await expect.poll(() => rows.count()).toBe(selfConsistent);
    await page.click('#register-reset');

    // Search: a distinctive word from one sentence.
    const target = report.claims.map((c) => report.sentences.find((s) => s.id === c.sentenceId)!).find((s) => /\b[A-Za-z]{9,}\b/.test(s.text))!;
    const word = /\b([A-Za-z]{9,})\b/.exec(target.text)![1]!;
    await page.fill('#register-search', word);
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    expect(await rows.count()).toBeGreaterThan(0);
    expect((await rows.allTextContents()).some((t) => t.includes(target.text))).toBe(true);
    await page.fill('#register-search', '');
    await expect.poll(() => rows.count()).toBe(total);

    // Sort by claim type, ascending then descending.
    await page.click('th.col-type button');
    const asc = await rows.evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.type ?? ''));
    expect(asc).toEqual([...asc].sort((x, y) => x.localeCompare(y)));
    expect(await page.locator('th.col-type').getAttribute('aria-sort')).toBe('ascending');
    await page.click('th.col-type button');
    const desc = await rows.evaluateAll((trs) => trs.map((t) => (t as HTMLElement).dataset.type ?? ''));
    expect(desc).toEqual([...desc].sort((x, y) => y.localeCompare(x)));
    expect(await page.locator('th.col-type').getAttribute('aria-sort')).toBe('descending');

    // Evidence panel for a claim with a link: claimed vs observed, tolerance, source file, tier.
    const claimIds = new Set(report.claims.map((c) => c.id));
    const link = report.links.find((l) => claimIds.has(l.claimId) && l.evidenceIds.length && l.observed !== undefined);
    const pick = link?.claimId ?? report.claims[0]!.id;
    await page.locator(`#register-rows tr[data-cid="${pick}"]`).click();
    const panel = page.locator('#evidence-panel');
    const panelText = (await panel.textContent()) ?? '';
    expect(panelText).toContain(report.sentences.find((s) => s.id === pick)!.text);
    if (link) {
      expect(panelText).toMatch(/Claimed/);
      expect(panelText).toMatch(/Observed/);
      expect(panelText).toMatch(/Tolerance/);
      const ev = report.evidence.find((e) => e.id === link.evidenceIds[0]);
      if (ev) {
        expect(panelText).toContain(ev.source);
        expect(panelText).toMatch(/Tier/);
      }
    }
    const findingsHere = report.findings.filter((f) => f.location.sentenceId === pick && f.remedy);
    for (const f of findingsHere) expect(panelText).toContain(f.remedy!);
    await H.screenshot(page, 'register-1280.png');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('findings list shows every finding with its remedy', async () => {
    await ensureMain();
    const { page } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/findings`);
    await page.waitForSelector('#panel-findings:not([hidden])');
    if (!report.findings.length) {
      expect(await page.locator('#panel-findings').textContent()).toMatch(/No findings/);
    } else {
      // Issue 16: the list is grouped by document and severity; every finding is still in it.
      expect(await page.locator('#findings-list li.finding').count()).toBe(report.findings.length);
      const text = (await page.locator('#findings-list').textContent()) ?? '';
      for (const f of report.findings) {
        expect(text).toContain(f.message);
        if (f.remedy) expect(text).toContain(f.remedy);
      }
    }
    await page.close();
  });

  it('findings view: grouped by document, contract drift first, severities worst first, filterable; counts explained (issue 16)', async () => {
    await ensureMain();
    const { page, pageErrors } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/findings`);
    await page.waitForSelector('#panel-findings:not([hidden])');
    const groups = await page.locator('#findings-list > section.findings-doc').evaluateAll((els) => els.map((e) => ({ role: (e as HTMLElement).dataset.role, doc: (e as HTMLElement).dataset.doc })));
    const docsWithFindings = new Set(report.findings.map((f) => f.location.docId));
    expect(groups.length).toBe(docsWithFindings.size);
    // Contract documents come first.
    const firstNonContract = groups.findIndex((g) => g.role !== 'contract');
    expect(groups.slice(firstNonContract === -1 ? groups.length : firstNonContract).every((g) => g.role !== 'contract')).toBe(true);
    expect(groups[0]!.role).toBe('contract');
    // Within a document, bands go error → warning → note, suppressed last.
    const order = ['error', 'warning', 'note', 'off', 'suppressed'];
    for (const sec of await page.locator('#findings-list > section.findings-doc').all()) {
      const bands = await sec.locator('section.findings-band').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.severity!));
      expect(bands).toEqual([...bands].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    }
    // The first contract group's first band holds the contract drift errors.
    const firstBand = page.locator('#findings-list > section.findings-doc').first().locator('section.findings-band').first();
    expect(await firstBand.getAttribute('data-severity')).toBe('error');
    expect(await firstBand.locator('code').first().textContent()).toMatch(/^contract-|^incorporated-document-missing$/);
    // Filters, like the register's.
    const errors = report.findings.filter((f) => !f.suppressed && f.severity === 'error').length;
    await page.selectOption('#findings-filter-severity', 'error');
    expect(await page.locator('#findings-list li.finding').count()).toBe(errors);
    expect(await page.locator('#findings-status').textContent()).toBe(`${errors} of ${report.findings.length} findings`);
    await page.selectOption('#findings-filter-severity', '');
    const rule = 'evidence-missing-summary';
    await page.selectOption('#findings-filter-rule', rule);
    expect(await page.locator('#findings-list li.finding').count()).toBe(report.findings.filter((f) => f.ruleId === rule).length);
    await page.selectOption('#findings-filter-rule', '');
    await H.screenshot(page, 'findings-1280.png');
    await page.fill('#findings-search', 'no such words anywhere');
    expect(await page.locator('#findings-list').textContent()).toContain('No finding matches these filters.');
    // The summary says why links and claims are counted differently.
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/review`);
    await page.waitForSelector('#panel-review:not([hidden])');
    expect(await page.locator('#counts-note').textContent()).toMatch(/one claim can have several links; the claims register counts claims/);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('exports: every format link answers, and the CSV downloads', async () => {
    await ensureMain();
    const { page } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/review`);
    await page.waitForSelector('#exports a.export');
    const formats = await page.locator('#exports a.export').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.format));
    expect(formats.sort()).toEqual(['csv', 'html', 'json', 'md', 'sarif']);
    for (const f of formats) {
      const href = await page.locator(`#exports a[data-format="${f}"]`).getAttribute('href');
      const res = await page.request.get(href!);
      expect(res.status(), f).toBe(200);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#exports a[data-format="csv"]')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toContain(',');
    // A representation of the report appears in the CSV (the register is a claims table).
    const rep = report.claims.find((c) => c.label === 'representation');
    if (rep) {
      const text = report.sentences.find((s) => s.id === rep.sentenceId)!.text;
      expect(csv).toContain(text.slice(0, 20).replace(/"/g, '""'));
    }
    await page.close();
  });

  it('renders document text and file names as text: no script runs, no dialog opens', async () => {
    const w = await H.newPage();
    const { page } = w;
    const card = readFileSync(join(FIXTURES, 'xss-card.md'));
    const contract = readFileSync(join(FIXTURES, 'xss-contract.txt'));
    const evilName = '<img src=x onerror="window.__xss=3;alert(3)">.md';
    const id = await uploadThroughPage(page, [
      { name: 'xss-card.md', buffer: card, role: 'model-card' },
      { name: 'xss-contract.txt', buffer: contract, role: 'contract' },
      { name: evilName, buffer: card, role: 'model-card' },
    ]);
    const xssReport = await fetchReport(page, id);
    expect(xssReport.sentences.some((s) => s.text.includes('<script>'))).toBe(true);
    expect(xssReport.sentences.some((s) => s.text.includes('<img src=x onerror='))).toBe(true);
    // The characters show literally in the panes.
    await page.waitForSelector('#contract-pane [data-sid]');
    const contractText = (await page.locator('#contract-pane').textContent()) ?? '';
    expect(contractText).toContain('<script>window.__xss = 1; alert("xss")</script>');
    expect(contractText).toContain('<img src=x onerror="window.__xss = 2; alert(2)">');
    expect((await page.locator('#card-pane').textContent()) ?? '').toContain('<script>');
    expect((await page.locator('#analysis-inputs').textContent()) ?? '').toContain(evilName);
    expect(await page.locator('#cardDocId-select option').allTextContents()).toContain(evilName);
    // Hover the script-bearing sentence (the cue popover renders text too), then visit every view.
    await page.locator('#contract-pane [data-sid]').first().hover();
    for (const tab of ['register', 'findings', 'review']) {
      await page.click(`#tab-${tab}`);
      await page.waitForSelector(`#panel-${tab}:not([hidden])`);
    }
    await page.goto('/#/history');
    await page.waitForSelector('#history-list .history-item');
    expect((await page.locator('#history-list').textContent()) ?? '').toContain(evilName);
    await page.waitForTimeout(300);
    expect(w.dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').evaluateAll((ss) => ss.map((s) => (s as HTMLScriptElement).src.replace(/^https?:\/\/[^/]+/, '')))).toEqual(['/web/app.js']);
    expect(w.pageErrors).toEqual([]);
    await page.close();
  });

  it('history lists analyses with input names and hashes; open and delete', async () => {
    await ensureMain();
    const { page } = await H.newPage();
    const extra = new FormData();
    extra.append('contract', new Blob([readFileSync(join(FIXTURES, 'kestrel-order-schedule.txt'))]), 'kestrel-order-schedule.txt');
    expect((await fetch(`${H.url}/api/analyses`, { method: 'POST', body: extra })).status).toBe(201);
    const listRes = await page.request.get('/api/analyses?limit=50');
    const list = (await listRes.json()) as { items: Array<{ id: string; inputs: Array<{ name: string; sha256: string }> }>; total: number };
    expect(list.total).toBeGreaterThanOrEqual(2);
    await page.goto('/#/history');
    await page.waitForSelector('#history-list .history-item');
    expect(await page.locator('#history-list .history-item').count()).toBe(list.items.length);
    const text = (await page.locator('#history-list').textContent()) ?? '';
    for (const item of list.items) for (const i of item.inputs) {
      expect(text).toContain(i.name);
      expect(text).toContain(i.sha256);
    }
    // Open the main analysis from the history.
    await page.locator(`#history-list .history-item[data-id="${mainId}"] a`).click();
    await page.waitForURL(new RegExp(`#/a/${mainId}`));
    await page.waitForSelector('#summary dd');
    // Delete another one: two steps, no dialog.
    const other = list.items.find((i) => i.id !== mainId)!;
    await page.goto('/#/history');
    const item = page.locator(`#history-list .history-item[data-id="${other.id}"]`);
    await item.locator('button.danger').click();
    await item.getByRole('button', { name: 'Yes, delete' }).click();
    await item.waitFor({ state: 'detached' });
    expect((await page.request.get(`/api/analyses/${other.id}`)).status()).toBe(404);
    const after = (await (await page.request.get('/api/analyses')).json()) as { total: number };
    expect(after.total).toBe(list.total - 1);
    await page.close();
  });

  it('the role select decides the role the server records', async () => {
    const { page } = await H.newPage();
    const id = await uploadThroughPage(page, [{ name: 'notes.txt', buffer: readFileSync(join(FIXTURES, 'kestrel-order-schedule.txt')), role: 'model-card' }]);
    const r = await fetchReport(page, id);
    expect(r.inputs[0]!.role).toBe('model-card');
    await page.request.delete(`/api/analyses/${id}`);
    await page.close();
  });

  it('text meets WCAG AA contrast in every view', async () => {
    await ensureMain();
    const { page } = await H.newPage();
    const views: Array<[string, string, string]> = [
      ['/', '#view-home', '#recent-list .history-item'],
      [`/#/a/${encodeURIComponent(mainId)}/review`, '#view-analysis', '#card-pane [data-sid]'],
      [`/#/a/${encodeURIComponent(mainId)}/register`, '#view-analysis', '#register-rows tr'],
      [`/#/a/${encodeURIComponent(mainId)}/findings`, '#view-analysis', '#panel-findings:not([hidden]) > *'],
      ['/#/history', '#view-history', '#history-list .history-item'],
    ];
    for (const [url, root, ready] of views) {
      await page.goto(url);
      await page.waitForSelector(`${root}:not([hidden])`);
      await page.waitForSelector(ready);
      if (url.endsWith('/review')) {
        // Include a selected clause with its source and changed words.
        const a = report.alignments.find((x) => x.cardSentenceId && x.transformations.length);
        if (a) {
          await showDocumentOf(page, a.contractSentenceId, 'contract');
          await page.locator(`#contract-pane [data-sid="${a.contractSentenceId}"]`).click();
        }
      }
      if (url.endsWith('/register')) await page.locator('#register-rows tr[data-cid]').first().click();
      const { checked, failures } = await contrastFailures(page, `header.topbar, ${root}`);
      expect(checked, url).toBeGreaterThan(10);
      expect(failures, url).toEqual([]);
    }
    await page.close();
  });

  it('accepts files dropped on the drop zone, each with a guessed, editable role', async () => {
    const { page } = await H.newPage();
    await page.goto('/');
    await page.waitForSelector('body[data-ready]');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['model,benchmark,metric,value\nx,MMLU,acc,0.5\n'], 'results.csv', { type: 'text/csv' }));
      dt.items.add(new File(['1. The Provider warrants that the Service shall be available.'], 'order-form.txt', { type: 'text/plain' }));
      dt.items.add(new File(['# Widget\n\n## Intended use\n\nThe model is intended for question answering.'], 'widget.md', { type: 'text/markdown' }));
      const zone = document.getElementById('dropzone')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelectorAll('#file-rows tr').length === 3);
    const roles = await page.locator('#file-rows tr').evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.file, (tr.querySelector('select') as HTMLSelectElement).value]));
    expect(roles).toEqual([
      ['results.csv', 'evidence'],
      ['order-form.txt', 'contract'],
      ['widget.md', 'model-card'],
    ]);
    // Removing a file takes it off the list.
    await page.getByRole('button', { name: 'Remove results.csv' }).click();
    expect(await page.locator('#file-rows tr').count()).toBe(2);
    expect(await page.locator('#analyse-button').isDisabled()).toBe(false);
    await page.close();
  });

  it('PDF inputs show their page numbers', async () => {
    const { page, pageErrors } = await H.newPage();
    const id = await uploadThroughPage(page, [{ name: 'acme-widget-card.pdf', buffer: Buffer.from(sampleReportPdf()), role: 'model-card' }]);
    const r = await fetchReport(page, id);
    const pages = [...new Set(r.sentences.map((s) => (s.span.kind === 'pdf' ? s.span.page : 0)))].filter(Boolean);
    expect(pages.length).toBeGreaterThan(1);
    await page.waitForSelector('#card-pane [data-sid]');
    expect(await page.locator('#card-pane .page-break').allTextContents()).toEqual(pages.map((p) => `Page ${p}`));
    for (const s of r.sentences.slice(0, 10)) {
      if (s.span.kind !== 'pdf') continue;
      expect(await page.locator(`#card-pane [data-sid="${s.id}"] .sent-loc`).textContent()).toMatch(new RegExp(`\\bpp?\\. ${s.span.page}\\b`));
    }
    await H.screenshot(page, 'review-pdf-1280.png');
    expect(pageErrors).toEqual([]);
    await page.request.delete(`/api/analyses/${id}`);
    await page.close();
  });

  it('is keyboard reachable: Tab into the panes, arrows move, Enter selects, visible focus', async () => {
    await ensureMain();
    const { page } = await H.newPage();
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/review`);
    await page.waitForSelector('#card-pane [data-sid]');
    await page.locator('body').focus();
    // Tab until a card sentence has focus.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => !!document.activeElement?.closest('#card-pane') && !!(document.activeElement as HTMLElement).dataset.sid);
    }
    expect(reached, 'Tab reaches the card sentences').toBe(true);
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).not.toBe('none');
    const first = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sid);
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sid);
    expect(second).not.toBe(first);
    const order = (id?: string) => report.sentences.find((s) => s.id === id)!.index;
    expect(order(second)).toBe(order(first) + 1);
    await expect.poll(() => page.locator('#cue-tip').isVisible()).toBe(true);
    // Move to an aligned clause of the first contract and press Enter.
    const firstContract = report.documents.find((d) => d.role === 'contract')!;
    const a = report.alignments.find((x) => x.cardSentenceId && report.sentences.find((t) => t.id === x.contractSentenceId)?.docId === firstContract.id)!;
    // The card list is one Tab stop: the next stops are the contract pane's document select (if any), then its list.
    let inContract = false;
    for (let i = 0; i < 3 && !inContract; i++) {
      await page.keyboard.press('Tab');
      inContract = await page.evaluate(() => !!document.activeElement?.closest('#contract-pane'));
    }
    expect(inContract, 'Tab reaches the contract clauses').toBe(true);
    const contractIds = report.sentences.filter((s) => s.docId === report.sentences.find((t) => t.id === a.contractSentenceId)!.docId).map((s) => s.id);
    const steps = contractIds.indexOf(a.contractSentenceId);
    await page.keyboard.press('Home');
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.sid)).toBe(a.contractSentenceId);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`#card-pane [data-sid="${a.cardSentenceId}"]`).getAttribute('class')).toMatch(/is-source/);

    // Register: rows are reachable and Space opens the evidence panel.
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/register`);
    await page.waitForSelector('#register-rows tr[data-cid]');
    await page.locator('th.col-severity button').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TR');
    await page.keyboard.press('ArrowDown');
    const cid = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.cid!);
    await page.keyboard.press(' ');
    expect((await page.locator('#evidence-panel').textContent()) ?? '').toContain(report.sentences.find((s) => s.id === cid)!.text);
    expect(await page.locator(`#register-rows tr[data-cid="${cid}"]`).getAttribute('aria-selected')).toBe('true');
    await page.close();
  });

  it('works at 800 px: panes stack, nothing overflows the window', async () => {
    await ensureMain();
    const { page } = await H.newPage(800, 1000);
    await page.goto(`/#/a/${encodeURIComponent(mainId)}/review`);
    await page.waitForSelector('#contract-pane [data-sid]');
    const card = (await page.locator('#card-pane').boundingBox())!;
    const contract = (await page.locator('#contract-pane').boundingBox())!;
    expect(contract.y).toBeGreaterThan(card.y + card.height - 1);
    expect(Math.abs(contract.x - card.x)).toBeLessThan(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await H.screenshot(page, 'review-800.png', true);
    await page.click('#tab-register');
    await page.waitForSelector('#register-rows tr[data-cid]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await H.screenshot(page, 'register-800.png');
    await page.goto('/');
    await page.waitForSelector('body[data-ready]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    await H.screenshot(page, 'home-800.png', true);
    await page.close();
  });
});

describe.skipIf(!RUN)('web UI with an access token', () => {
  let H: Harness;
  beforeAll(async () => {
    H = await startHarness({ token: 'test-token-1' });
  });
  afterAll(async () => {
    await H?.close();
  });

  it('asks for the token in words, keeps it for the tab, and sends it on upload and export', async () => {
    const { page, dialogs } = await H.newPage();
    await page.goto('/');
    await page.waitForSelector('body[data-ready]');
    const recent = page.locator('#recent-list');
    await expect.poll(async () => (await recent.textContent()) ?? '').toMatch(/bearer token/i);
    await page.click('#token-box summary');
    await page.fill('#token-input', 'test-token-1');
    await page.click('#token-form button[type="submit"]');
    await page.waitForSelector('#history-empty');
    expect(await page.evaluate(() => sessionStorage.getItem('warrant.token'))).toBe('test-token-1');
    const id = await uploadThroughPage(page, [{ name: 'kestrel-order-schedule.txt', buffer: readFileSync(join(FIXTURES, 'kestrel-order-schedule.txt')) }]);
    expect(id).toBeTruthy();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#exports a[data-format="md"]')]);
    expect(readFileSync((await download.path())!, 'utf8').length).toBeGreaterThan(20);
    // Without the token the API refuses: the page really sent it.
    expect((await page.request.get(`/api/analyses/${id}`)).status()).toBe(401);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
