/**
 * POST /api/roles/guess: the web page presets each upload's role with the server's one role guess
 * (guessInputRole) instead of rules of its own.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/api/app.ts';
import { inlineRunner } from '../../src/api/runner.ts';
import { SqliteStore } from '../../src/storage/sqlite.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

function makeApp(token?: string) {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'warrant-roles-')), 'warrant.sqlite'));
  return createApp({ store, rules, runner: inlineRunner(rules), maxUploadBytes: 1024 * 1024, maxFiles: 5, ...(token ? { token } : {}) });
}

const guess = (app: ReturnType<typeof makeApp>, body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/roles/guess', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('POST /api/roles/guess', () => {
  const app = makeApp();

  it.each([
    [{ name: 'Schedule-B.pdf' }, 'contract'],
    [{ name: 'kestrel-7b_lm-eval.json' }, 'evidence'],
    [{ name: 'notes.md', text: 'The Provider hereby warrants and shall indemnify the Customer under this Agreement.' }, 'contract'],
    [{ name: 'notes.md', text: '## Intended use\nThe model is intended for question answering. Evaluation on MMLU benchmark.' }, 'model-card'],
    [{ name: 'kestrel.md' }, 'model-card'],
  ])('%j → %s', async (body, role) => {
    const res = await guess(app, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ role });
  });

  it('leaves the decision to the analysis when the text does not read (a lying extension)', async () => {
    const res = await guess(app, { name: 'card.pdf', text: '# not a PDF' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ role: null });
  });

  it('refuses a body without a name, and text over 16 KB', async () => {
    expect((await guess(app, { text: 'x' })).status).toBe(400);
    expect((await guess(app, { name: 'a.md', text: 'x'.repeat(16385) })).status).toBe(400);
  });

  it('needs the token when the server has one', async () => {
    const locked = makeApp('s3cret');
    expect((await guess(locked, { name: 'a.md' })).status).toBe(401);
    expect((await guess(locked, { name: 'a.md' }, { Authorization: 'Bearer s3cret' })).status).toBe(200);
  });
});
