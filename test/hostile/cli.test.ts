/**
 * The CLI under hostile input (issue 17): reads from devices are refused before they start, and
 * `--timeout` stops an analysis with ANALYSIS_TIMEOUT (one line, exit 2) instead of running on.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../cli/capture-io.ts';
import { largeCard } from './inputs.ts';

const io = captureIO;

describe('hostile work: the CLI', () => {
  it.runIf(existsSync('/dev/zero'))('--evidence /dev/zero is refused at once as not a regular file (was a hang)', async () => {
    const t = io();
    const started = performance.now();
    const code = await main(['analyze', 'samples/cards/kestrel-7b.md', '--evidence', '/dev/zero'], t);
    expect(code).toBe(2);
    expect(t.err).toMatch(/\/dev\/zero is not a regular file/);
    expect(t.err.trim().split('\n')).toHaveLength(1);
    // A hang guard, not a speed test: the first analyze in this process also loads every module, which takes seconds on a loaded machine.
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('--timeout stops a long analysis with ANALYSIS_TIMEOUT on one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-hostile-cli-'));
    const file = join(dir, 'long-card.md');
    writeFileSync(file, largeCard(readFileSync('samples/cards/kestrel-7b.md', 'utf8'), 120));
    const t = io();
    const started = performance.now();
    const code = await main(['analyze', file, '--timeout', '300', '--format', 'json'], t);
    expect(code).toBe(2);
    expect(t.err).toMatch(/took longer than 300 ms.*\[ANALYSIS_TIMEOUT\]/);
    expect(t.out).toBe('');
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('--timeout is checked', async () => {
    const t = io();
    expect(await main(['analyze', 'samples/cards/kestrel-7b.md', '--timeout', 'soon'], t)).toBe(2);
    expect(t.err).toMatch(/--timeout must be a whole number/);
  });
});
