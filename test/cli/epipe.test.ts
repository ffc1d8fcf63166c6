import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('warrant CLI whose reader goes away', () => {
  it('`warrant analyze card.md | head -n 3` stops writing quietly and keeps its own exit code (no EPIPE stack trace)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-epipe-'));
    try {
      // The report of this card is ~90 KB, more than a pipe holds: the CLI is still writing when head exits.
      const script = `{ "$1" bin/warrant.js analyze samples/cards/heron-asr.md --fail-on never 2>"$2/err"; echo $? >"$2/code"; } | head -n 3`;
      const head = execFileSync('sh', ['-c', script, 'sh', process.execPath, dir], { cwd: ROOT, encoding: 'utf8' });
      expect(head.split('\n')[0]).toBe('{');
      expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('');
      expect(readFileSync(join(dir, 'code'), 'utf8').trim()).toBe('0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
