/**
 * Compiled compromise nets kept between runs (src/text/net-cache.ts, the store in src/rules/cache.ts):
 * a net read back from the store equals the one compromise builds and matches the same, a second
 * compile is answered from the store, and a corrupt or foreign entry is ignored and rewritten.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.ts';
import { netStoreIn, type RulesCache } from '../../src/rules/cache.ts';
import { compileClassifier } from '../../src/classify/compile.ts';
import { checkPattern, checkPatterns, compilePatterns, matchPatterns, parseSentence } from '../../src/text/compromise.ts';
import { decodeValue, encodeValue, setNetStore, type NetStore } from '../../src/text/net-cache.ts';

const tmp = mkdtempSync(join(tmpdir(), 'warrant-net-cache-'));
afterAll(() => {
  setNetStore(undefined);
  rmSync(tmp, { recursive: true, force: true });
});

const specs = compileClassifier(await loadRules({ cache: false })).specs.map(({ id, pattern }) => ({ id, pattern }));
const SENTENCES = [
  'The model is not intended for medical, legal or financial advice.',
  'We guarantee 99.9% monthly uptime and will credit 10% of fees for each hour below it.',
  'Kestrel-7B scores 71.2 on MMLU (5-shot), better than comparable open models.',
  'You must not use the outputs to train a competing model, and we may suspend access without notice.',
  'It was evaluated on English only; performance in other languages has not been tested.',
];
const matchesOf = (net: ReturnType<typeof compilePatterns>): unknown[] => SENTENCES.map((s) => matchPatterns(parseSentence(s), net));

let n = 0;
function countingStore(): { store: NetStore; cache: RulesCache; reads: number; hits: number; writes: number } {
  const cache = { dir: join(tmp, `c${n++}`), codeId: 'build-a' };
  const inner = netStoreIn(cache);
  const s = { cache, reads: 0, hits: 0, writes: 0, store: undefined as unknown as NetStore };
  s.store = {
    read: (k) => {
      s.reads++;
      const v = inner.read(k);
      if (v !== undefined) s.hits++;
      return v;
    },
    write: (k, v) => {
      s.writes++;
      inner.write(k, v);
    },
  };
  return s;
}

describe('compiled net store', () => {
  setNetStore(undefined);
  const built = compilePatterns(specs);
  const expected = matchesOf(built);

  it('a net read back from the store equals the built one and matches the same', () => {
    const s = countingStore();
    setNetStore(s.store);
    const first = compilePatterns(specs);
    expect(s.writes).toBe(1);
    const second = compilePatterns(specs);
    expect(s.hits).toBe(1);
    expect(s.writes).toBe(1);
    setNetStore(undefined);
    expect(second.net).toEqual(built.net);
    expect(second.idsByPattern).toEqual(built.idsByPattern);
    expect(first.net).toEqual(built.net);
    expect(matchesOf(second)).toEqual(expected);
    expect(expected.flat().length).toBeGreaterThan(0);
  });

  it('other patterns are another entry', () => {
    const s = countingStore();
    setNetStore(s.store);
    compilePatterns(specs);
    compilePatterns(specs.slice(1));
    setNetStore(undefined);
    expect(s.hits).toBe(0);
    expect(s.writes).toBe(2);
  });

  it('a corrupt, truncated or foreign entry is ignored and rewritten, never an error', () => {
    for (const bad of ['{not json', '', JSON.stringify({ key: 'other', value: {} }), JSON.stringify({ key: undefined, value: 1 })]) {
      const s = countingStore();
      setNetStore(s.store);
      compilePatterns(specs);
      const [file] = readdirSync(s.cache.dir).filter((f) => f.startsWith('net-'));
      const path = join(s.cache.dir, file!);
      const good = readFileSync(path, 'utf8');
      writeFileSync(path, bad);
      const again = compilePatterns(specs);
      expect(matchesOf(again)).toEqual(expected);
      expect(readFileSync(path, 'utf8')).toBe(good);
      // An entry under the right key whose net is malformed is rebuilt too.
      const entry = JSON.parse(good) as { key: string };
      writeFileSync(path, JSON.stringify({ key: entry.key, value: { matches: [{}], hooks: [['x', [7]]], always: [], rest: {} } }));
      expect(matchesOf(compilePatterns(specs))).toEqual(expected);
      expect(readFileSync(path, 'utf8')).toBe(good);
      setNetStore(undefined);
    }
  });

  it('pattern checks are kept too: a second check is answered from the store, with the same problems', () => {
    const patterns = ['#Modal not? #Verb', 'foo (bar', '#NoSuchTag thing', 'we [guarantee]'];
    const expectedProblems = patterns.map(checkPattern);
    expect(expectedProblems.filter(Boolean)).toHaveLength(2);
    const s = countingStore();
    setNetStore(s.store);
    expect(checkPatterns(patterns)).toEqual(expectedProblems);
    expect(checkPatterns(patterns)).toEqual(expectedProblems);
    expect(s.hits).toBe(1);
    // A corrupt entry (wrong length) is checked again.
    const [file] = readdirSync(s.cache.dir).filter((f) => f.startsWith('net-'));
    const entry = JSON.parse(readFileSync(join(s.cache.dir, file!), 'utf8')) as { key: string };
    writeFileSync(join(s.cache.dir, file!), JSON.stringify({ key: entry.key, value: [null] }));
    expect(checkPatterns(patterns)).toEqual(expectedProblems);
    setNetStore(undefined);
  });

  it('encodes Sets, RegExps and undefined fields, and refuses what it cannot carry', () => {
    const value = { a: new Set(['x', 'y']), b: /a+b/gi, c: undefined, d: [1, 'two', null, { e: true }] };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as typeof value;
    expect(back).toEqual(value);
    expect('c' in back).toBe(true);
    expect(back.a).toBeInstanceOf(Set);
    expect(back.b.flags).toBe('gi');
    for (const bad of [new Map(), () => 1, { f: NaN }, new Date(0), [1, , 3]]) expect(() => encodeValue(bad)).toThrow();
  });
});
