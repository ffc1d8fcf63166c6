/**
 * The compiled CLI (bin/build.js → dist/, run by bin/warrant.js while current; issue 14 item 6), on a
 * copy of the package: the build runs the same CLI as src/ through tsx (same report, the worker pool
 * too), and an edit to src/ after the build is what runs, never the stale dist/; a start whose rule
 * files are all in the validated-rules cache loads neither zod nor the rule schemas.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPackage } from '../support/package-copy.ts';

const pkg = mkdtempSync(join(tmpdir(), 'warrant-build-'));
const cache = join(pkg, '.cache');

function node(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: pkg, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache, NODE_OPTIONS: '', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const report = (stdout: string): unknown => ({ ...JSON.parse(stdout), createdAt: undefined });

/** `node --import TRACE …` writes "loaded <url>" to stderr for every module the run resolves. */
const HOOKS = `data:text/javascript,${encodeURIComponent("export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('loaded ' + r.url + '\\n'); return r; }")}`;
const TRACE = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(HOOKS)});`)}`;
const loaded = (stderr: string): string[] => stderr.split('\n').flatMap((l) => (l.startsWith('loaded ') ? [l.slice('loaded '.length)] : []));

beforeAll(() => {
  copyPackage(pkg, ['bin', 'src', 'rules', 'web', 'samples/cards']);
  const built = node(['bin/build.js']);
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
}, 120_000);
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

describe('compiled CLI', () => {
  it('builds one .js per module, the worker entries, a stamp, and the CLI entry as a bundle', () => {
    expect(existsSync(join(pkg, 'dist/cli/main.js'))).toBe(true);
    // the bundle's chunks, not the per-file command modules
    expect(readFileSync(join(pkg, 'dist/cli/main.js'), 'utf8')).not.toMatch(/commands\/analyze\.js/);
    expect(readFileSync(join(pkg, 'dist/cli/main.js'), 'utf8')).toMatch(/import\(["']\.\/analyze-[A-Z0-9]+\.js["']\)/);
    expect(existsSync(join(pkg, 'dist/pool/analyze-worker.js'))).toBe(true);
    expect(readFileSync(join(pkg, 'dist/pool/analyze-worker.js'), 'utf8')).not.toMatch(/from ['"][^'"]+\.ts['"]|import\(['"][^'"]+\.ts['"]\)/);
    expect(existsSync(join(pkg, 'dist/ingest/markdown-worker.mjs'))).toBe(true);
    expect(JSON.parse(readFileSync(join(pkg, 'dist/.build-stamp'), 'utf8')).id).toMatch(/[0-9a-f-]{36}/);
  });

  it('runs dist/ and gives the report src/ through tsx gives, in-process and on the worker pool, with a cold and a warm rules cache', () => {
    const card = 'samples/cards/kestrel-7b.md';
    const fromSource = node(['bin/warrant.js', 'analyze', card], { WARRANT_FROM_SOURCE: '1' });
    expect(fromSource.stderr).toBe('');
    expect([0, 1]).toContain(fromSource.status);
    const current = node(['--input-type=module', '-e', "const { buildIsCurrent } = await import('./bin/current-build.js'); console.log(buildIsCurrent())"]);
    expect(current.stdout.trim()).toBe('true'); // so bin/warrant.js runs dist/
    for (const args of [['analyze', card], ['analyze', card], ['analyze', card, '--timeout', '60000']]) {
      const built = node(['bin/warrant.js', ...args]);
      expect(built.stderr).toBe('');
      expect(built.status).toBe(fromSource.status);
      expect(report(built.stdout)).toEqual(report(fromSource.stdout));
    }
  }, 180_000);

  it('loads zod and the rule schemas only on a rules-cache miss; a bad rule file is RULES_INVALID all the same', () => {
    const card = 'samples/cards/kestrel-7b.md';
    const env = { XDG_CACHE_HOME: join(pkg, '.cache-trace') };
    // zod itself, and the validating parser whether per-file (dist/rules/parse.js) or the CLI bundle's chunk of it (dist/cli/parse-<hash>.js)
    const validating = (urls: string[]): string[] => urls.filter((u) => /\/node_modules\/zod\/|\/dist\/(?:rules\/(?:parse|kinds\/index)|cli\/parse-[^/]+)\.js$/.test(u));
    const cold = node(['--import', TRACE, 'bin/warrant.js', 'analyze', card], env);
    expect(validating(loaded(cold.stderr))).not.toEqual([]);
    const warm = node(['--import', TRACE, 'bin/warrant.js', 'analyze', card], env);
    expect(warm.status).toBe(cold.status);
    expect(loaded(warm.stderr).length).toBeGreaterThan(100);
    expect(validating(loaded(warm.stderr))).toEqual([]);
    expect(report(warm.stdout)).toEqual(report(cold.stdout));
    const bad = join(pkg, 'bad-rules');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'broken.yaml'), 'kind: cues\nrules: [unclosed\n');
    const invalid = node(['bin/warrant.js', 'analyze', card, '--rules', bad], env);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/broken\.yaml:3:1: YAML syntax: .*\[RULES_INVALID\]/);
  }, 120_000);

  it('an edit to src/ after the build runs, not the stale dist/; a rebuild makes dist/ current again', () => {
    const version = join(pkg, 'src/version.ts');
    const original = readFileSync(version, 'utf8');
    expect(node(['bin/warrant.js', '--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    writeFileSync(version, original.replace(/TOOL_VERSION = '[^']*'/, "TOOL_VERSION = '9.9.9-edited'"));
    expect(node(['bin/warrant.js', '--version']).stdout.trim()).toBe('9.9.9-edited');
    // dist/ still holds the old version: only a rebuild changes what it says
    expect(readFileSync(join(pkg, 'dist/version.js'), 'utf8')).not.toContain('9.9.9-edited');
    expect(node(['bin/build.js']).status).toBe(0);
    expect(readFileSync(join(pkg, 'dist/version.js'), 'utf8')).toContain('9.9.9-edited');
    expect(node(['bin/warrant.js', '--version']).stdout.trim()).toBe('9.9.9-edited');
  }, 120_000);
});
