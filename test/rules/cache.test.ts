/**
 * The validated-rules cache (src/rules/cache.ts): a cached load equals a fresh one, an edited rule file
 * or another build is never answered from the cache, and a broken cache is ignored and rebuilt.
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules, SHIPPED_RULES_DIR } from '../../src/rules/load.ts';
import { isPlainJson, type RulesCache } from '../../src/rules/cache.ts';

const tmp = mkdtempSync(join(tmpdir(), 'warrant-rules-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fresh = await loadRules({ cache: false });
let n = 0;
const newCache = (codeId = 'build-a'): RulesCache => ({ dir: join(tmp, `c${n++}`, codeId), codeId });
const entries = (cache: RulesCache): string[] => readdirSync(cache.dir).filter((f) => f.endsWith('.json'));

describe('rules cache', () => {
  it('a load through an empty cache, and one answered from it, equal a load without it', async () => {
    const cache = newCache();
    const first = await loadRules({ cache });
    expect(entries(cache)).toHaveLength(fresh.files.length);
    const second = await loadRules({ cache });
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);
    expect(second.sha256).toBe(fresh.sha256);
  });

  it('answers from the cache: an entry with other data is what the next load returns', async () => {
    // (proves the second load reads the entry rather than validating again)
    const cache = newCache();
    await loadRules({ cache });
    const roles = fresh.files.find((f) => f.path === 'roles.yaml')!;
    const entry = entries(cache).map((f) => join(cache.dir, f)).find((f) => JSON.parse(readFileSync(f, 'utf8')).sha256 === roles.sha256)!;
    const stored = JSON.parse(readFileSync(entry, 'utf8'));
    writeFileSync(entry, JSON.stringify({ ...stored, data: { ...stored.data, marker: 'from-cache' } }));
    const again = await loadRules({ cache });
    expect((again.files.find((f) => f.path === 'roles.yaml')!.data as Record<string, unknown>).marker).toBe('from-cache');
    // another build's code never reads this build's entries
    const otherBuild = await loadRules({ cache: { dir: cache.dir, codeId: 'build-b' } });
    expect(otherBuild).toEqual(fresh);
  });

  it('an edited rule file is validated again (and a bad edit is still RULES_INVALID)', async () => {
    const cache = newCache();
    const dir = join(tmp, `rules${n++}`);
    cpSync(SHIPPED_RULES_DIR, dir, { recursive: true });
    await loadRules({ shippedDir: dir, cache });
    const roles = join(dir, 'roles.yaml');
    writeFileSync(roles, readFileSync(roles, 'utf8').replace(/^kind: .*$/m, 'kind: no-such-kind'));
    await expect(loadRules({ shippedDir: dir, cache })).rejects.toThrow(/unknown or missing kind/);
  });

  it('a corrupt, truncated or foreign entry is ignored and rewritten, never an error', async () => {
    const cache = newCache();
    await loadRules({ cache });
    const files = entries(cache);
    files.forEach((f, i) => writeFileSync(join(cache.dir, f), ['', '{"sha256":', 'null', '{"sha256":"x","kind":"cues","data":{}}', '\u0000\u0001'][i % 5]!));
    expect(await loadRules({ cache })).toEqual(fresh);
    expect(JSON.parse(readFileSync(join(cache.dir, files[0]!), 'utf8')).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await loadRules({ cache })).toEqual(fresh);
  });

  it('a cache that cannot be written or read (a file where its folder should be, a read-only folder) is no cache', async () => {
    const blocked = join(tmp, `blocked${n++}`);
    writeFileSync(blocked, 'not a folder');
    expect(await loadRules({ cache: { dir: join(blocked, 'sub'), codeId: 'x' } })).toEqual(fresh);
    const cache = newCache();
    await loadRules({ cache });
    for (const f of entries(cache)) chmodSync(join(cache.dir, f), 0o000);
    chmodSync(cache.dir, 0o500);
    try {
      expect(await loadRules({ cache })).toEqual(fresh);
    } finally {
      chmodSync(cache.dir, 0o700);
    }
  });

  it('stores only data JSON carries unchanged', async () => {
    expect(isPlainJson({ a: [1, 'x', null, true, { b: 2.5 }] })).toBe(true);
    expect(isPlainJson({ a: undefined })).toBe(false);
    expect(isPlainJson({ a: /x/ })).toBe(false);
    expect(isPlainJson({ a: new Map() })).toBe(false);
    expect(isPlainJson([Number.NaN])).toBe(false);
    expect(isPlainJson([-0])).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(isPlainJson([1, , 3])).toBe(false);
  });
});
