/**
 * The CLI's V8 start-up snapshot (bin/build-snapshot.js, bin/snapshot.js, src/cli/snapshot.ts; issue 14
 * item 6), on a copy of the package: the build makes one for this node; `analyze` and `diff` run from
 * it and print exactly what the same run without it prints (stdout, stderr, exit code: a report, the
 * worker pool, a bad rule file, a missing file); a blob of another build or node, or node options, are
 * never loaded; an edit to src/ runs, not the stale snapshot; and a snapshot that cannot be built
 * leaves a working CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPackage } from '../support/package-copy.ts';

const pkg = mkdtempSync(join(tmpdir(), 'warrant-snapshot-'));
const cache = join(pkg, '.cache');
const CARD = 'samples/cards/kestrel-7b.md';
const AT = ['--created-at', '2026-01-01T00:00:00.000Z'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function node(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, args, { cwd: pkg, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache, NODE_OPTIONS: '', WARRANT_SNAPSHOT: '', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const warrant = (args: string[], env: Record<string, string> = {}): Run => node(['bin/warrant.js', ...args], env);
const withoutSnapshot = (args: string[]): Run => warrant(args, { WARRANT_SNAPSHOT: 'off' });
const stampPath = (): string => join(pkg, 'dist/snapshot/stamp.json');

beforeAll(() => {
  copyPackage(pkg, ['bin', 'src', 'rules', 'web', 'samples']);
  const built = node(['bin/build.js']);
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
  expect(built.stdout).toMatch(/start-up snapshot → dist\/snapshot\//);
}, 180_000);
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

describe('start-up snapshot', () => {
  it('is built for this build and this node binary, and says which V8 flags it runs with', () => {
    expect(existsSync(join(pkg, 'dist/snapshot/cli.blob'))).toBe(true);
    const stamp = JSON.parse(readFileSync(stampPath(), 'utf8'));
    expect(stamp).toEqual({
      build: JSON.parse(readFileSync(join(pkg, 'dist/.build-stamp'), 'utf8')).id,
      node: process.version,
      v8: process.versions.v8,
      execPath: process.execPath,
      arch: process.arch,
      platform: process.platform,
      flags: expect.any(Array),
    });
  });

  it('analyze and diff print what they print without it: reports, the worker pool, a bad rule file, a missing file, a usage error', () => {
    const bad = join(pkg, 'bad-rules');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'broken.yaml'), 'kind: cues\nrules: [unclosed\n');
    const cases = [
      ['analyze', CARD, ...AT],
      ['analyze', CARD, ...AT, '--contract', 'samples/contracts/northwind-acme-schedule-b.md', '--evidence', 'samples/evidence/kestrel-7b_lm-eval.json', '--format', 'md'],
      ['analyze', CARD, ...AT, '--timeout', '60000'],
      ['analyze', 'samples/cards/*.md', ...AT, '--format', 'json', '--jobs', '2'],
      ['analyze', CARD, '--rules', bad],
      ['analyze', 'no-such-card.md'],
      ['analyze', CARD, '--format', 'nope'],
      ['diff', CARD, 'samples/cards/kestrel-7b-v2.md', '--contract', 'samples/contracts/northwind-acme-schedule-b.md'],
    ];
    for (const args of cases) {
      const from = warrant(args);
      const plain = withoutSnapshot(args);
      expect({ args, ...from }).toEqual({ args, ...plain });
    }
    expect(withoutSnapshot(['analyze', CARD, '--rules', bad]).stderr).toMatch(/broken\.yaml:3:1: YAML syntax: .*\[RULES_INVALID\]/);
  }, 240_000);

  it('is loaded when its stamp matches, and never when the stamp is of another build or node, or node has options', () => {
    const stamp = readFileSync(stampPath(), 'utf8');
    const blob = join(pkg, 'dist/snapshot/cli.blob');
    const saved = readFileSync(blob);
    const expected = withoutSnapshot(['analyze', CARD, ...AT]);
    try {
      // A blob that is not one: a run that loads it fails, so a run that does not fail did not load it.
      writeFileSync(blob, 'not a snapshot');
      expect(warrant(['analyze', CARD, ...AT]).status).not.toBe(expected.status);
      for (const other of [{ build: 'another-build' }, { node: 'v0.0.0' }, { execPath: '/elsewhere/node' }]) {
        writeFileSync(stampPath(), JSON.stringify({ ...JSON.parse(stamp), ...other }));
        expect(warrant(['analyze', CARD, ...AT])).toEqual(expected);
      }
      writeFileSync(stampPath(), stamp);
      expect(node(['--max-old-space-size=2048', 'bin/warrant.js', 'analyze', CARD, ...AT])).toEqual(expected);
      expect(warrant(['analyze', CARD, ...AT], { NODE_OPTIONS: '--max-old-space-size=2048' })).toEqual(expected);
      expect(warrant(['analyze', CARD, ...AT], { WARRANT_SNAPSHOT: 'off' })).toEqual(expected);
      rmSync(stampPath());
      expect(warrant(['analyze', CARD, ...AT])).toEqual(expected);
    } finally {
      writeFileSync(blob, saved);
      writeFileSync(stampPath(), stamp);
    }
    expect(warrant(['analyze', CARD, ...AT])).toEqual(expected);
  }, 120_000);

  it('an edit to src/ runs, not the stale snapshot; a snapshot that cannot be built leaves a working CLI', () => {
    const version = join(pkg, 'src/version.ts');
    const original = readFileSync(version, 'utf8');
    writeFileSync(version, original.replace(/TOOL_VERSION = '[^']*'/, "TOOL_VERSION = '9.9.9-edited'"));
    const edited = warrant(['analyze', CARD, ...AT]);
    expect(edited.stderr).toBe('');
    expect(JSON.parse(edited.stdout).tool.version).toBe('9.9.9-edited');

    const entry = join(pkg, 'src/cli/snapshot.ts');
    writeFileSync(entry, `${readFileSync(entry, 'utf8')}\nthrow new Error('no snapshot today');\n`);
    const built = node(['bin/build.js']);
    expect(built.status).toBe(0);
    expect(built.stderr).toBe('');
    expect(built.stdout).toMatch(/no start-up snapshot \(warrant starts without one\): .*no snapshot today/);
    expect(existsSync(join(pkg, 'dist/snapshot'))).toBe(false);
    const run = warrant(['analyze', CARD, ...AT]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).tool.version).toBe('9.9.9-edited');
    expect(run).toEqual(withoutSnapshot(['analyze', CARD, ...AT]));
  }, 180_000);
});
