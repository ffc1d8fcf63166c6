import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ingestPdf } from '../../src/ingest/pdf.ts';
import { closePdfWorkers, pdfWorkersStarted } from '../../src/ingest/pdf-extract.ts';
import { loadPdfjs, patchedWorkerSource, setInflateLimit } from '../../src/ingest/pdfjs.mjs';
import { codeOf } from '../support/error-code.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('pdfjs as loaded for the reader (src/ingest/pdfjs.mjs)', () => {
  it('the image-decode skip applies to the installed pdfjs-dist (else every read decodes images again)', () => {
    const source = readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');
    const patched = patchedWorkerSource(source);
    expect(patched).toBeDefined();
    expect(patched!.length).toBeGreaterThan(source.length);
    expect(patchedWorkerSource('no anchor here')).toBeUndefined();
  });

  it('leaves the native Array.prototype.push in place (the legacy build swaps in a JavaScript one)', async () => {
    const { imageDecodeSkipped } = await loadPdfjs();
    expect(imageDecodeSkipped).toBe(true);
    expect(Function.prototype.toString.call(Array.prototype.push)).toContain('[native code]');
    expect(Function.prototype.toString.call(JSON.stringify)).toContain('[native code]');
  });
});

/** Inflate as pdfjs does (asyncGetBytesFromDecompressionStream): write all, close, read every chunk. */
async function inflateAsPdfjs(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const { readable, writable } = new DecompressionStream('deflate');
  const writer = writable.getWriter();
  void writer.write(bytes).then(() => writer.close()).catch(() => undefined);
  const chunks: Uint8Array[] = [];
  for await (const chunk of readable as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

describe('the one-call deflate DecompressionStream pdfjs gets', () => {
  const text = Buffer.from('BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n'.repeat(2000));
  const packed = new Uint8Array(deflateSync(text));

  it('inflates to the same bytes', async () => {
    await loadPdfjs();
    expect(Buffer.from(await inflateAsPdfjs(packed)).equals(text)).toBe(true);
  });

  it('fails on truncated data (pdfjs then inflates with its own JavaScript inflater)', async () => {
    await loadPdfjs();
    await expect(inflateAsPdfjs(packed.subarray(0, packed.length - 20))).rejects.toThrow();
  });

  it('fails past the inflate limit instead of inflating a bomb in one native call', async () => {
    await loadPdfjs();
    setInflateLimit(1000);
    try {
      await expect(inflateAsPdfjs(packed)).rejects.toThrow();
    } finally {
      setInflateLimit(512 * 1024 * 1024);
    }
  });
});

describe('the PDF worker pool', () => {
  const sample = sampleReportPdf();

  it('reads files one after another with one warm worker, the same blocks each time', async () => {
    await closePdfWorkers();
    const before = pdfWorkersStarted();
    const first = await ingestPdf({ name: 'a.pdf', bytes: sample }, {});
    const second = await ingestPdf({ name: 'b.pdf', bytes: sample }, {});
    const third = await ingestPdf({ name: 'c.pdf', bytes: sample }, {});
    expect(pdfWorkersStarted() - before).toBe(1);
    expect(second.blocks).toEqual(first.blocks);
    expect(third.blocks).toEqual(first.blocks);
  });

  it('a timed-out read stops its worker; the next read gets a fresh one and succeeds', async () => {
    await ingestPdf({ name: 'warm.pdf', bytes: sample }, {});
    const before = pdfWorkersStarted();
    expect(await codeOf(ingestPdf({ name: 'slow.pdf', bytes: sample }, { timeoutMs: 1 }))).toBe('PARSE_TIMEOUT');
    const doc = await ingestPdf({ name: 'next.pdf', bytes: sample }, {});
    expect(doc.blocks.length).toBeGreaterThan(5);
    // the timed-out read took the warm worker and lost it; the next read started a new one
    expect(pdfWorkersStarted() - before).toBe(1);
  });

  it('a worker that failed on a corrupt file is not reused', async () => {
    await ingestPdf({ name: 'warm.pdf', bytes: sample }, {});
    const before = pdfWorkersStarted();
    const broken = sample.slice();
    broken.fill(0x20, 9, broken.length - 4096);
    expect(await codeOf(ingestPdf({ name: 'broken.pdf', bytes: broken }, {}))).not.toBe('resolved');
    await ingestPdf({ name: 'next.pdf', bytes: sample }, {});
    expect(pdfWorkersStarted() - before).toBe(1);
  });

  it('files read at the same time get a worker each and all succeed', async () => {
    await closePdfWorkers();
    const before = pdfWorkersStarted();
    const docs = await Promise.all([1, 2, 3].map((i) => ingestPdf({ name: `p${i}.pdf`, bytes: sample }, {})));
    expect(pdfWorkersStarted() - before).toBe(3);
    for (const d of docs) expect(d.blocks).toEqual(docs[0]!.blocks);
  });

  it('a different heap cap gets its own worker (resourceLimits are fixed when a worker starts)', async () => {
    await ingestPdf({ name: 'warm.pdf', bytes: sample }, {});
    const before = pdfWorkersStarted();
    await ingestPdf({ name: 'capped.pdf', bytes: sample }, { maxMemoryMb: 256 });
    expect(pdfWorkersStarted() - before).toBe(1);
  });

  it('a process that read a PDF ends by itself with the idle worker kept', () => {
    const r = spawnSync(process.execPath, ['bin/run-ts.js', 'test/fixtures/pdf/read-and-exit.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/blocks=\d+/);
  });
});
