import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from './capture-io.ts';
import { expandInputs } from '../../src/cli/expand-inputs.ts';
import { globToRegExp } from '../../src/assess/index.ts';

const io = captureIO;

describe('warrant CLI', () => {
  it('analyzes a sample card to a JSON report (default when not a terminal)', async () => {
    const t = io();
    const code = await main(['analyze', 'samples/cards/heron-asr.md', '--fail-on', 'never', '--created-at', '2026-01-01T00:00:00Z'], t);
    expect(code).toBe(0);
    const report = JSON.parse(t.out);
    expect(report.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(report.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.createdAt).toBe('2026-01-01T00:00:00Z');
    expect(report.sentences.length).toBeGreaterThan(10);
  });

  it('--only findings prints the findings and a PASS/FAIL line for CI logs; an unknown --only is a usage error (issue 16)', async () => {
    const t = io();
    const code = await main(['analyze', 'samples/cards/kestrel-7b.md', '--contract', 'samples/contracts/northwind-acme-schedule-b.md', '--format', 'table', '--only', 'findings', '--profile', 'vendor-release'], t);
    expect(code).toBe(1);
    expect(t.out).toContain('SEVERITY');
    expect(t.out).not.toContain('sentence(s)\n');
    expect(t.out.trimEnd().split('\n').at(-1)).toMatch(/^warrant: FAIL \(--fail-on error\): \d+ finding\(s\) at or above error \(contract-/);
    const bad = io();
    expect(await main(['analyze', 'samples/cards/kestrel-7b.md', '--only', 'everything'], bad)).toBe(2);
    expect(bad.err).toContain('--only must be one of findings, representations, changes');
  });

  it('usage errors exit 2 with one line', async () => {
    for (const args of [['analyze'], ['analyze', 'x.md', '--format', 'pdf'], ['analyze', 'x.md', '--fail-on', 'sometimes'], ['analyze', 'x.md', '--jobs', '0'], ['frobnicate']]) {
      const t = io();
      expect(await main(args, t), args.join(' ')).toBe(2);
      expect(t.err.length).toBeGreaterThan(0);
    }
  });

  it('broken input exits 2 with the file and the error code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-cli-'));
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'bin.md'), Buffer.from([0, 1, 2, 3, 4, 0, 0, 9]));
    for (const [file, code] of [['empty.md', 'EMPTY_INPUT'], ['bin.md', 'BINARY_INPUT'], ['missing.md', 'no such file']]) {
      const t = io();
      expect(await main(['analyze', join(dir, file)], t)).toBe(2);
      expect(t.err).toContain(code);
      expect(t.err).not.toContain('    at '); // no stack trace
    }
  });

  it('a bad rules folder is an error naming file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-rules-'));
    mkdirSync(join(dir, 'cues'));
    writeFileSync(join(dir, 'cues', 'mine.yaml'), 'kind: cues\ncues:\n  - id: Bad Id\n    direction: representation\n');
    const t = io();
    expect(await main(['rules', 'check', '--rules', dir], t)).toBe(2);
    expect(t.err).toMatch(/mine\.yaml:3:\d+: .*RULES_INVALID/);
  });

  it('rules check lists the shipped rules', async () => {
    const t = io();
    expect(await main(['rules', 'check'], t)).toBe(0);
    expect(t.out).toMatch(/rule files valid; rule set sha256 [0-9a-f]{64}/);
  });

  it('batch mode streams one JSON line per document', async () => {
    const t = io();
    const code = await main(['analyze', 'samples/cards/*.md', '--format', 'jsonl', '--jobs', '2', '--fail-on', 'never'], t);
    expect(code).toBe(0);
    const lines = t.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(expandInputs(['samples/cards/*.md']).length);
    for (const l of lines) expect(l.report.inputs[0].name).toBe(l.file);
  }, 60_000);
});

describe('glob expansion', () => {
  it.each([
    ['samples/cards/*.md', 'samples/cards/kestrel-7b.md', true],
    ['samples/cards/*.md', 'samples/cards/sub/kestrel-7b.md', false],
    ['samples/**/*.md', 'samples/cards/kestrel-7b.md', true],
    ['samples/**/*.md', 'samples/x.md', true],
    ['a?.md', 'ab.md', true],
    ['a?.md', 'abc.md', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe('rules check compiles patterns, not only the schema', () => {
  it('an unbalanced compromise pattern in a user cue is RULES_INVALID naming the file and rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-badpattern-'));
    mkdirSync(join(dir, 'cues'));
    writeFileSync(
      join(dir, 'cues', 'bad.yaml'),
      'kind: cues\ncues:\n  - id: bad.pattern\n    direction: narrative\n    weight: 1\n    patterns: ["(unclosed #Foo"]\n    why: test\n    examples:\n      match: ["x"]\n',
    );
    const t = io();
    expect(await main(['rules', 'check', '--rules', dir], t)).toBe(2);
    expect(t.err).toMatch(/bad\.yaml.*bad\.pattern.*RULES_INVALID/);
  });
});

describe('inline suppressions end to end', () => {
  it('a warrant-disable-next-line comment marks the findings it names as suppressed, with the reason, and keeps them', async () => {
    const t = io();
    expect(await main(['analyze', 'test/fixtures/assess/suppressed-card.md', '--format', 'json', '--fail-on', 'never'], t)).toBe(0);
    const report = JSON.parse(t.out) as { findings: Array<{ ruleId: string; suppressed?: { reason: string } }> };
    const suppressed = report.findings.filter((f) => f.suppressed);
    expect(suppressed.map((f) => f.ruleId)).toContain('representation-without-evidence');
    for (const f of suppressed) expect(f.suppressed!.reason).toContain('launch blog');
  });
});
