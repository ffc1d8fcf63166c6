/**
 * Hostile work against the core (issue 17): each input is generated here, and each case asserts a clear
 * outcome within a bounded time. The bounds are generous (CI runs on 2 shared cores); the speed targets
 * are the bench's (`npm run bench`, test/bench/scale-bench.ts).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/analyze.ts';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/ingest/detect.ts';
import { ingest } from '../../src/ingest/index.ts';
import { readEvidence } from '../../src/evidence/index.ts';
import { loadRules } from '../../src/rules/load.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { extractQuantities } from '../../src/extract/quantities.ts';
import { compileRuleSet } from '../../src/analyze.ts';
import type { Document, Sentence } from '../../src/model/types.ts';
import { aliasBomb, badUtf8AtEnd, bigCsv, figureCard } from './inputs.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value?: T; error?: unknown; ms: number }> {
  const t = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t };
  } catch (error) {
    return { error, ms: performance.now() - t };
  }
}

describe('hostile work: linear cost and limits in the core', () => {
  it('an invalid UTF-8 byte at the end of 1 MB is found in one pass, at its exact offset (was > 120 s)', async () => {
    const input = badUtf8AtEnd(1024 * 1024);
    const r = await timed(() => decodeUtf8(input));
    expect(r.error).toBeInstanceOf(WarrantError);
    expect((r.error as WarrantError).code).toBe('INVALID_UTF8');
    expect((r.error as WarrantError).message).toContain(`offset ${1024 * 1024 - 1}`);
    expect(r.ms).toBeLessThan(2000);
  });

  it.each([
    ['overlong', [0x61, 0xc0, 0xaf], 1],
    ['surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 3],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 1],
    ['truncated at the end', [0x61, 0xe2, 0x82], 1],
    ['lone continuation', [0x80], 0],
    ['valid 4-byte', [0xf0, 0x9f, 0x98, 0x80], -1],
  ])('firstInvalidUtf8: %s', (_name, bytes, offset) => {
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });

  it('UTF-16 text with a byte order mark is decoded, not called binary', async () => {
    const text = '# Card\n\nThe model scores 67.9 on MMLU.\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const be = new Uint8Array(Buffer.from(text, 'utf16le')).map((_, i, a) => a[i ^ 1]!);
    for (const bytes of [le, new Uint8Array([0xfe, 0xff, ...be])]) {
      const doc = await ingest({ name: 'card.md', bytes, role: 'model-card' });
      expect(doc.blocks.map((b) => b.text).join(' ')).toContain('67.9 on MMLU');
    }
  });

  it('a million-row CSV (under the upload limit) is refused at once with TOO_MANY_RECORDS (was a stack overflow after 52 s)', async () => {
    const csv = bigCsv(1_000_000);
    const r = await timed(() => analyze([figureCard(5), csv], { rules }));
    expect((r.error as WarrantError).code).toBe('TOO_MANY_RECORDS');
    expect((r.error as WarrantError).message).toMatch(/more than 200000 results/);
    expect(r.ms).toBeLessThan(5000);
  });

  it('an evidence file over the input size limit is refused with TOO_LARGE (was read whatever its size)', () => {
    const csv = bigCsv(1000);
    expect(() => readEvidence(csv, rules, { maxBytes: 1024 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('150,000 evidence rows are gathered without overflowing the stack', async () => {
    const r = await timed(() => analyze([figureCard(3), bigCsv(150_000)], { rules }));
    expect(r.error).toBeUndefined();
    expect(r.value!.evidence.length).toBeGreaterThanOrEqual(150_000);
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);

  it('1,000 figure sentences linked against 10,000 rows finish in bounded time (quadratic before: 4.2 s at 1,000 sentences alone)', async () => {
    const r = await timed(() => analyze([figureCard(1000), bigCsv(10_000)], { rules }));
    expect(r.error).toBeUndefined();
    expect(r.value!.links.length).toBeGreaterThanOrEqual(1000);
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);

  it('quantities of a run-on sentence of 4,000 figures are extracted in bounded time (was 38 s, cubic)', () => {
    compileRuleSet(rules);
    const text = 'MMLU 67.9 and '.repeat(4000);
    const sentence = { id: 's', docId: 'd', blockId: 'b', text, sectionPath: [], span: { line: 1, column: 1, endLine: 1, endColumn: text.length + 1 }, context: {} } as unknown as Sentence;
    const doc = { id: 'd', name: 'card.md', role: 'model-card', mediaType: 'text/markdown', metadata: {}, blocks: [], diagnostics: [] } as unknown as Document;
    const t = performance.now();
    const qs = extractQuantities(sentence, doc, rules);
    expect(qs).toHaveLength(4000);
    expect(qs.every((q) => q.benchmark === 'MMLU' && q.value > 0)).toBe(true);
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it('a YAML alias bomb in front matter is a FRONT_MATTER_INVALID diagnostic, and the body is still analysed', async () => {
    const card = `---\n${aliasBomb()}---\n\n# Card\n\nThe model scores 67.9 on MMLU.\n`;
    const r = await timed(() => ingest({ name: 'bomb.md', bytes: new TextEncoder().encode(card), role: 'model-card' }));
    expect(r.error).toBeUndefined();
    expect(r.value!.diagnostics.some((d) => d.code === 'FRONT_MATTER_INVALID')).toBe(true);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a YAML alias bomb or malformed YAML in a rules folder is RULES_INVALID naming the file (was an internal error)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-hostile-rules-'));
    mkdirSync(join(dir, 'cues'));
    writeFileSync(join(dir, 'cues', 'bomb.yaml'), `kind: cues\n${aliasBomb()}`);
    let err: unknown;
    try {
      await loadRules({ extraDirs: [dir] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WarrantError);
    expect((err as WarrantError).code).toBe('RULES_INVALID');
    expect((err as WarrantError).file).toContain('bomb.yaml');
    writeFileSync(join(dir, 'cues', 'bomb.yaml'), 'kind: cues\nrules: [unclosed\n');
    await expect(loadRules({ extraDirs: [dir] })).rejects.toThrow(expect.objectContaining({ code: 'RULES_INVALID' }));
  });
});
