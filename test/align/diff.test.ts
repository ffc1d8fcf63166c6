import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shippedRules } from '../../src/rules/load.ts';
import { judgeInput } from '../../src/analyze.ts';
import { diffCards } from '../../src/align/diff.ts';
import { runDiff } from '../../src/cli/commands/diff.ts';

const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const OLD = root('samples/cards/kestrel-7b.md');
const NEW = root('test/fixtures/align/kestrel-7b-v2.md');
const SCHEDULE = root('samples/contracts/northwind-acme-schedule-b.md');

describe('diffCards', async () => {
  const rules = shippedRules();
  const load = (p: string, role: 'model-card' | 'contract') => judgeInput({ name: p.split('/').pop()!, bytes: readFileSync(p), role }, rules);
  const diff = diffCards(await load(OLD, 'model-card'), await load(NEW, 'model-card'), [await load(SCHEDULE, 'contract')], rules);
  const find = (kind: string, text: string) => diff.changes.find((c) => c.kind === kind && (c.oldText ?? c.newText ?? '').includes(text));

  it('reports changed numbers with both values', () => {
    expect(find('number-changed', 'scores 68.4 on MMLU')?.transformations).toContainEqual({ kind: 'number-changed', from: '68.4', to: '69.1' });
    expect(find('number-changed', 'after 30 days')?.transformations).toContainEqual({ kind: 'number-changed', from: '30', to: '90' });
  });
  it('reports weakened, strengthened, removed and added representations', () => {
    expect(find('weakened', 'commercial and research use')).toBeDefined();
    expect(find('strengthened', 'Usage data may be used')).toBeDefined();
    // v2 restates the exclusion as "Language(s): English": paraphrase matching may pair the two
    // (a change) or not (removed); either way the change is reported.
    expect(diff.changes.some((c) => (c.oldText ?? '').startsWith('Use in languages other than English'))).toBe(true);
    expect(find('added', 'function calling')).toBeDefined();
  });
  it('leaves unchanged sentences out', () => {
    expect(diff.changes.some((c) => (c.oldText ?? '').startsWith('The model may generate inaccurate'))).toBe(false);
  });
  it('lists the contract clauses exposed to a change, by quotation and by incorporation', () => {
    const quoted = diff.exposure.filter((e) => e.via === 'quotation').map((e) => e.clauseRef);
    expect(quoted).toEqual(expect.arrayContaining(['Schedule B §2.2', 'Schedule B §4.3', 'Schedule B §4.4']));
    const inc = diff.exposure.find((e) => e.via === 'incorporation');
    expect(inc?.clauseRef).toBe('Schedule B §5.1');
    expect(inc?.changes.length).toBe(diff.changes.filter((c) => c.oldSentenceId).length);
  });
});

describe('warrant diff', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), readFile: (p: string) => new Uint8Array(readFileSync(p)) } };
  };
  it('prints JSON with changes and exposure', async () => {
    const t = io();
    expect(await runDiff([OLD, NEW, '--contract', SCHEDULE, '--format', 'json'], t.io)).toBe(0);
    const json = JSON.parse(t.out.join(''));
    expect(json.summary['number-changed']).toBeGreaterThanOrEqual(2);
    expect(json.exposure.length).toBeGreaterThan(0);
  });
  it('prints a table by default', async () => {
    const t = io();
    expect(await runDiff([OLD, NEW], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/NUMBER-CHANGED/);
  });
  it('exits 2 on usage errors and unreadable files', async () => {
    const t = io();
    expect(await runDiff([OLD], t.io)).toBe(2);
    expect(await runDiff([OLD, NEW, '--format', 'xml'], t.io)).toBe(2);
    expect(await runDiff([OLD, '/nonexistent/card.md'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/cannot read/);
  });
});
