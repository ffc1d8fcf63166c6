import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgeInput } from '../../src/analyze.ts';
import { diffCards, type CardDiff, type Exposure } from '../../src/align/diff.ts';
import { diffExitCode, runDiff } from '../../src/cli/commands/diff.ts';
import { judged } from './helpers.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const OLD = root('samples/cards/kestrel-7b.md');
const NEW = root('test/fixtures/align/kestrel-7b-v2.md');
const SCHEDULE = root('samples/contracts/northwind-acme-schedule-b.md');

describe('diffCards', async () => {
  const rules = compiledShippedRules();
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
  it('prints JSON with changes and exposure, and exits 1 when the contract quotes a changed sentence', async () => {
    const t = io();
    expect(await runDiff([OLD, NEW, '--contract', SCHEDULE, '--format', 'json'], t.io)).toBe(1);
    const json = JSON.parse(t.out.join(''));
    expect(json.summary['number-changed']).toBeGreaterThanOrEqual(2);
    expect(json.exposure.length).toBeGreaterThan(0);
  });
  it('prints a table by default', async () => {
    const t = io();
    expect(await runDiff([OLD, NEW], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/NUMBER-CHANGED/);
  });
  it('exits 0 under --fail-on never, and when nothing the contract quotes changed', async () => {
    expect(await runDiff([OLD, NEW, '--contract', SCHEDULE, '--fail-on', 'never'], io().io)).toBe(0);
    const t = io();
    expect(await runDiff([OLD, OLD, '--contract', SCHEDULE, '--format', 'json'], t.io)).toBe(0);
    const json = JSON.parse(t.out.join(''));
    expect(json.changes).toEqual([]);
    expect(json.exposure).toEqual([]);
  });
  it('documents its exit codes and --fail-on in --help', async () => {
    const t = io();
    expect(await runDiff(['--help'], t.io)).toBe(0);
    expect(t.out.join('')).toMatch(/--fail-on/);
    expect(t.out.join('')).toMatch(/Exit codes: 0 .*; 1 .*; 2 usage or input error/s);
  });
  it('exits 2 on usage errors and unreadable files', async () => {
    const t = io();
    expect(await runDiff([OLD], t.io)).toBe(2);
    expect(await runDiff([OLD, NEW, '--format', 'xml'], t.io)).toBe(2);
    expect(await runDiff([OLD, NEW, '--fail-on', 'sometimes'], t.io)).toBe(2);
    expect(await runDiff([OLD, '/nonexistent/card.md'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/cannot read/);
  });
});

describe('diffExitCode', () => {
  const exposure = (via: Exposure['via']): Exposure => ({ contractDocId: 'c', contractName: 'c.md', contractSentenceId: 'c-1', text: 'clause', via, changes: [{ kind: 'weakened', oldSentenceId: 'o-1' }] });
  const diff = (...via: Array<Exposure['via']>): CardDiff => ({ changes: [], exposure: via.map(exposure), summary: { added: 0, removed: 0, weakened: 1, strengthened: 0, 'number-changed': 0, changed: 0 } });
  it.each([
    // a quoted changed sentence is an error; a clause incorporating the changed card a warning; changes alone never fail
    { via: ['quotation'], failOn: 'error', code: 1 },
    { via: ['quotation'], failOn: 'warning', code: 1 },
    { via: ['quotation'], failOn: 'never', code: 0 },
    { via: ['incorporation'], failOn: 'error', code: 0 },
    { via: ['incorporation'], failOn: 'warning', code: 1 },
    { via: [], failOn: 'warning', code: 0 },
  ] as const)('$via under --fail-on $failOn exits $code', ({ via, failOn, code }) => {
    expect(diffExitCode(diff(...via), failOn)).toBe(code);
  });
});

// Hand-written card pairs (our own wording): one sentence changes between versions, the rest stay.
const FILLER = [
  'Plover-3B is a compact language model for office paperwork.',
  'The training mix was assembled from licensed business correspondence.',
  'Plover-3B was released under the Plover Community Licence.',
  'Evaluation covered invoice extraction, letter drafting and meeting notes.',
];
const card = (name: string, lines: string[]) => judged(name, 'model-card', lines.join('\n'));
const diffOf = (oldLines: string[], newLines: string[]) => diffCards(card('old.md', oldLines), card('new.md', newLines), [], compiledShippedRules());

describe('diffCards: direction, read old → new', () => {
  const cases = [
    { what: 'a hedge added', old: 'Plover-3B answers billing questions correctly.', next: 'Plover-3B usually answers billing questions correctly.', kind: 'weakened', t: { kind: 'hedge-added', to: 'usually' } },
    { what: 'a hedge removed', old: 'Plover-3B usually answers billing questions correctly.', next: 'Plover-3B answers billing questions correctly.', kind: 'strengthened', t: { kind: 'hedge-removed', from: 'usually' } },
    { what: 'a qualifier added', old: 'Plover-3B is suited to internal memos.', next: 'Plover-3B is suited only to internal memos.', kind: 'weakened', t: { kind: 'qualifier-added', to: 'only' } },
    { what: 'a qualifier dropped', old: 'Plover-3B is suited only to internal memos.', next: 'Plover-3B is suited to internal memos.', kind: 'strengthened', t: { kind: 'qualifier-dropped', from: 'only' } },
    { what: 'a language dropped', old: 'Plover-3B drafts replies to supplier letters in French and Dutch.', next: 'Plover-3B drafts replies to supplier letters in French.', kind: 'weakened', t: { kind: 'scope-narrowed', from: 'Dutch', note: 'language removed' } },
    { what: 'a language added', old: 'Plover-3B drafts replies to supplier letters in French.', next: 'Plover-3B drafts replies to supplier letters in French and Dutch.', kind: 'strengthened', t: { kind: 'scope-broadened', to: 'Dutch', note: 'language added' } },
    { what: 'a language added before a noun', old: 'Plover-3B summarises French business letters.', next: 'Plover-3B summarises French and Dutch business letters.', kind: 'strengthened', t: { kind: 'scope-broadened', to: 'Dutch' } },
    { what: 'a language dropped before a noun', old: 'Plover-3B summarises French and Dutch business letters.', next: 'Plover-3B summarises French business letters.', kind: 'weakened', t: { kind: 'scope-narrowed', from: 'Dutch' } },
    { what: 'a stronger modal', old: 'Plover-3B can be used to sort incoming invoices.', next: 'Plover-3B will sort incoming invoices.', kind: 'strengthened', t: { kind: 'modality-strengthened', from: 'can be used', to: 'will' } },
    { what: 'a weaker modal', old: 'Plover-3B will sort incoming invoices.', next: 'Plover-3B can be used to sort incoming invoices.', kind: 'weakened', t: { kind: 'modality-weakened', from: 'will', to: 'can be used' } },
    { what: 'a number raised', old: 'The hosted service deletes uploaded invoices after 14 days.', next: 'The hosted service deletes uploaded invoices after 60 days.', kind: 'number-changed', t: { kind: 'number-changed', from: '14', to: '60' } },
    { what: 'a number lowered', old: 'The hosted service deletes uploaded invoices after 60 days.', next: 'The hosted service deletes uploaded invoices after 14 days.', kind: 'number-changed', t: { kind: 'number-changed', from: '60', to: '14' } },
    { what: 'a negation removed', old: 'Plover-3B does not keep copies of uploaded invoices.', next: 'Plover-3B keeps copies of uploaded invoices.', kind: 'changed', t: { kind: 'negation-flipped', from: 'not' } },
    { what: 'a negation added', old: 'Plover-3B keeps copies of uploaded invoices.', next: 'Plover-3B does not keep copies of uploaded invoices.', kind: 'changed', t: { kind: 'negation-flipped', to: 'not' } },
  ] as const;
  it.each(cases)('$what: $kind with $t.kind', ({ old, next, kind, t }) => {
    const d = diffOf([...FILLER, old], [...FILLER, next]);
    expect(d.changes).toHaveLength(1);
    const c = d.changes[0]!;
    expect(c).toMatchObject({ kind, oldText: old, newText: next });
    expect(c.transformations).toContainEqual(expect.objectContaining(t));
    // The converse name never appears: a hedge added is never "hedge-removed", and so on.
    const converse: Record<string, string> = {
      'hedge-added': 'hedge-removed', 'hedge-removed': 'hedge-added', 'qualifier-added': 'qualifier-dropped', 'qualifier-dropped': 'qualifier-added',
      'scope-narrowed': 'scope-broadened', 'scope-broadened': 'scope-narrowed', 'modality-weakened': 'modality-strengthened', 'modality-strengthened': 'modality-weakened',
    };
    if (converse[t.kind]) expect(c.transformations.map((x) => x.kind)).not.toContain(converse[t.kind]);
  });
});

describe('diffCards: content as a multiset', () => {
  const NOTE = 'Scores are averaged over three runs.';
  it('reports nothing for the same card, duplicates included', () => {
    const lines = [...FILLER, NOTE, 'Plover-3B usually answers billing questions correctly.', NOTE];
    const d = diffOf(lines, lines);
    expect(d.changes).toEqual([]);
    expect(Object.values(d.summary).every((n) => n === 0)).toBe(true);
  });
  it('pairs identical sentences wherever they moved', () => {
    expect(diffOf([NOTE, ...FILLER, NOTE], [NOTE, NOTE, ...[...FILLER].reverse()]).changes).toEqual([]);
  });
  it('counts duplicates: two in the old version and one in the new is one removed', () => {
    const d = diffOf([...FILLER, NOTE, NOTE], [...FILLER, NOTE]);
    expect(d.summary).toMatchObject({ removed: 1, added: 0, weakened: 0, strengthened: 0, changed: 0 });
    expect(d.changes[0]).toMatchObject({ kind: 'removed', oldText: NOTE });
  });
  it('counts duplicates: one in the old version and two in the new is one added', () => {
    const d = diffOf([...FILLER, NOTE], [...FILLER, NOTE, NOTE]);
    expect(d.summary).toMatchObject({ removed: 0, added: 1 });
    expect(d.changes[0]).toMatchObject({ kind: 'added', newText: NOTE });
  });
  it('never shows the same text as old and new', () => {
    const line = 'Plover-3B answers billing questions correctly.';
    // Spacing alone is no change.
    expect(diffOf([...FILLER, line], [...FILLER, line.replace(' billing', '   billing')]).changes).toEqual([]);
    // The same text read in another context (a list lead-in) or judged differently is paired, and is no change.
    const old = card('old.md', [...FILLER, line]);
    const next = card('new.md', [...FILLER, line]);
    const moved = next.sentences.at(-1)!;
    moved.context = { ...moved.context, blockKind: 'list-item', listLead: 'In the billing pilot:' };
    next.claims.find((c) => c.sentenceId === moved.id)!.label = 'narrative';
    const d = diffCards(old, next, [], compiledShippedRules());
    expect(d.changes).toEqual([]);
  });
});
