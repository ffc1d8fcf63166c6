/**
 * Issue 16: every corpus card (and a corpus PDF) diffed against itself reports no change of any
 * kind. Runs in-process, one judgement per card (the new side is a deep copy, so nothing pairs
 * by object identity); skipped when ../shared/corpus is absent.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgeInput } from '../../src/analyze.ts';
import { diffCards } from '../../src/align/diff.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const list = (dir: string, re: RegExp): string[] => (existsSync(CORPUS + dir) ? readdirSync(CORPUS + dir).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`) : []);
const cards = list('cards', /\.(md|txt)$/);
// PDFs take seconds each to read: the smallest model card stands for them.
const pdfs = list('pdfs', /gemini-3-pro.*\.pdf$/);

describe.skipIf(cards.length === 0)('warrant diff of a corpus card against itself', () => {
  const rules = compiledShippedRules();
  it.each([...cards, ...pdfs])('%s: no change of any kind', async (file) => {
    const bytes = readFileSync(CORPUS + file);
    const doc = await judgeInput({ name: file.split('/').pop()!, bytes, role: 'model-card' }, rules);
    const diff = diffCards(doc, structuredClone(doc), [], rules);
    expect(diff.summary).toEqual({ added: 0, removed: 0, weakened: 0, strengthened: 0, 'number-changed': 0, changed: 0 });
    expect(diff.changes).toEqual([]);
  }, 60_000);
});
