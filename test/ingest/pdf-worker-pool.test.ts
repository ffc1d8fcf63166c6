import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ingestPdf } from '../../src/ingest/pdf.ts';
import { closePdfWorkers, pdfWorkersStarted } from '../../src/ingest/pdf-extract.ts';
import { loadPdfjs, MAY_PAINT_IMAGES, patchedWorkerSource, setInflateLimit, standardFontDataUrl } from '../../src/ingest/pdfjs.mjs';
import { codeOf } from '../support/error-code.ts';
import { sampleReportPdf } from '../fixtures/pdf/sample-report.ts';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('pdfjs as loaded for the reader (src/ingest/pdfjs.mjs)', () => {
  const installed = (): string => readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');

  it('every edit applies to the installed pdfjs-dist (else every read decodes images, builds glyph outlines and reads every operator list again)', () => {
    const source = installed();
    const patched = patchedWorkerSource(source);
    expect(patched).toMatchObject({ imageDecodeSkipped: true, fontPathsSkipped: true, textPassReportsImages: true });
    expect(patched.source!.length).toBeGreaterThan(source.length);
    expect(patchedWorkerSource('no anchor here')).toEqual({ source: undefined, imageDecodeSkipped: false, fontPathsSkipped: false, textPassReportsImages: false });
  });

  it('a text-pass anchor missing (another pdfjs version): none of its edits is applied, the others still are', () => {
    const source = installed().replace('const gStateFont = gState.get("Font");', 'const gStateFont = gState.get( "Font");');
    const patched = patchedWorkerSource(source);
    expect(patched).toMatchObject({ imageDecodeSkipped: true, fontPathsSkipped: true, textPassReportsImages: false });
    expect(patched.source).not.toContain('warrantMayPaintImages');
    expect(patched.source).not.toContain(MAY_PAINT_IMAGES);
    expect(patched.source).not.toContain('psName: font.name');
  });

  it('an anchor found twice is not an anchor: that group of edits is left out', () => {
    const source = installed();
    const anchor = '    PDFImage.buildImage({\n      xref: this.xref,\n      res: resources,\n      image,\n      isInline,';
    expect(patchedWorkerSource(source + '\n' + anchor)).toMatchObject({ imageDecodeSkipped: false, textPassReportsImages: true });
  });

  it('the text pass flags exactly the sample pages that paint an image and names each font (what the operator list gave)', async () => {
    const { pdfjs, textPassReportsImages } = await loadPdfjs();
    expect(textPassReportsImages).toBe(true);
    const doc = await pdfjs.getDocument({ data: sampleReportPdf().slice(), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, standardFontDataUrl }).promise;
    try {
      const images = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject, pdfjs.OPS.paintImageXObjectRepeat, pdfjs.OPS.paintInlineImageXObjectGroup, pdfjs.OPS.paintImageMaskXObjectGroup]);
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const tc = await page.getTextContent();
        const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
        expect(tc.styles[MAY_PAINT_IMAGES] !== undefined).toBe(ops.fnArray.some((fn: number) => images.has(fn)));
        for (const [fontName, style] of Object.entries(tc.styles)) {
          if (fontName === MAY_PAINT_IMAGES) continue;
          expect((style as { psName?: string }).psName).toBe(page.commonObjs.get(fontName).name);
        }
      }
    } finally {
      await doc.destroy();
    }
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
