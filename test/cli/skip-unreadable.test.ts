/**
 * Issue 16, the CLI's side: CI depends on exit 2 for a broken input, so `warrant analyze` still stops
 * on an unreadable file (now saying how to go on), and skips it only with --skip-unreadable, then
 * warns on stderr and lists it in the report.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from './capture-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'warrant-skip-cli-'));
const good = join(dir, 'good.md');
const bad = join(dir, 'bad.json');
const empty = join(dir, 'empty.md');
writeFileSync(good, '# Wren-3B\n\nWren-3B scores 61.2 on MMLU (5-shot).\n');
writeFileSync(bad, '{"results": {"mmlu": ');
writeFileSync(empty, '');

describe('warrant analyze and unreadable inputs', () => {
  it('without --skip-unreadable: exit 2, one line naming the file and code, and the way out', async () => {
    const t = captureIO();
    expect(await main(['analyze', good, '--evidence', bad], t)).toBe(2);
    expect(t.out).toBe('');
    expect(t.err).toContain(bad);
    expect(t.err).toContain('[EVIDENCE_MALFORMED]');
    expect(t.err).toContain('--skip-unreadable');
    expect(t.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('with --skip-unreadable: the report of the readable inputs, the skipped file on stderr and in the report', async () => {
    const t = captureIO();
    const code = await main(['analyze', good, '--evidence', bad, '--skip-unreadable', '--fail-on', 'never'], t);
    expect(code).toBe(0);
    expect(t.err).toMatch(new RegExp(`^warning: skipped ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(evidence\\): .*\\[EVIDENCE_MALFORMED\\]\\n$`));
    const report = JSON.parse(t.out);
    expect(report.inputs.map((i: { name: string }) => i.name)).toEqual([good]);
    expect(report.skipped).toEqual([expect.objectContaining({ name: bad, role: 'evidence', code: 'EVIDENCE_MALFORMED' })]);
  });

  it('with --skip-unreadable and nothing readable: still exit 2, naming every file', async () => {
    const t = captureIO();
    expect(await main(['analyze', empty, '--evidence', bad, '--skip-unreadable'], t)).toBe(2);
    expect(t.err).toContain('[NO_READABLE_INPUT]');
    expect(t.err).toContain(`${empty} [EMPTY_INPUT]`);
    expect(t.err).toContain(`${bad} [EVIDENCE_MALFORMED]`);
  });

  it('with --skip-unreadable and --timeout (worker pool): the same skipped entry', async () => {
    const t = captureIO();
    const code = await main(['analyze', good, '--evidence', bad, '--skip-unreadable', '--fail-on', 'never', '--timeout', '60000', '--format', 'table'], t);
    expect(code).toBe(0);
    expect(t.out).toMatch(/^skipped .*bad\.json \(evidence\): .*\[EVIDENCE_MALFORMED\]$/m);
    expect(t.err).toContain('warning: skipped');
  });
});
