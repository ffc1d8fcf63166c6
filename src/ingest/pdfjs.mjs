// The one place pdfjs-dist is loaded (the PDF worker, src/ingest/pdf-worker.mjs, and the bench's raw
// baseline, src/ingest/pdf-raw.ts). Plain JavaScript because worker threads do not inherit the tsx
// loader. Two things make pdfjs cost less here than loaded as shipped, without changing what it reads:
//
// 1. The legacy build (needed on Node 20) carries core-js polyfills, and on V8 before 12.2 it
//    replaces the native Array.prototype.push (and JSON.stringify/parse) with a JavaScript one for
//    every caller in the thread. pdfjs pushes millions of times per document; the native functions
//    are put back once both bundles are loaded (they differ only for array lengths past 2^32).
// 2. getOperatorList, which the reader needs only for where images are painted, also decodes every
//    image (JPEG, Flate, JPX, SMask) to send its pixels to a renderer that is not there. The image
//    operators are emitted before the decode starts, so the decode is skipped in a copy of the
//    worker bundle loaded from a data: URL: the operator list is the same, no pixels are made.
//    If the anchor below is not found once in the installed pdfjs (a different version), the
//    stock bundle is used and only the speed differs (test/ingest/pdfjs-load.test.ts says so).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Where pdfjs-dist's standard fonts are (getDocument's standardFontDataUrl). */
export const standardFontDataUrl = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

/** The statement in PartialEvaluator#buildPaintImageXObject that starts decoding a (non-mask, non-inline) image. */
const DECODE_ANCHOR = '    PDFImage.buildImage({\n      xref: this.xref,\n      res: resources,\n      image,\n      isInline,';
/** Instead: report the image as undecoded, as pdfjs does when a decode fails (the operator is already in the list). */
const NO_DECODE = '    this._sendImgData(objId, null, cacheGlobally);\n    if (false) ';

/** The worker bundle's source with image decoding made skippable, or undefined when the anchor is not there exactly once. */
export function patchedWorkerSource(source) {
  const at = source.indexOf(DECODE_ANCHOR);
  if (at < 0 || source.indexOf(DECODE_ANCHOR, at + 1) >= 0) return undefined;
  return source.slice(0, at) + NO_DECODE + source.slice(at + 4);
}

let loaded;

/**
 * pdfjs-dist (legacy build) with its worker bundle set up in this thread, the native push restored and
 * image decoding skipped. Loaded once per thread; `imageDecodeSkipped` says whether the skip is in place.
 */
export function loadPdfjs() {
  loaded ??= (async () => {
    const nativePush = Array.prototype.push;
    const { stringify, parse } = JSON;
    const workerPath = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const patched = patchedWorkerSource(readFileSync(workerPath, 'utf8'));
    const workerUrl = patched === undefined ? pathToFileURL(workerPath).href : `data:text/javascript;base64,${Buffer.from(patched).toString('base64')}`;
    // pdfjs's "fake worker" (no Worker in Node: it runs in this thread) takes this module instead of importing its own
    globalThis.pdfjsWorker = await import(workerUrl);
    const pdfjs = await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href);
    Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, enumerable: false, configurable: true });
    JSON.stringify = stringify;
    JSON.parse = parse;
    return { pdfjs, imageDecodeSkipped: patched !== undefined };
  })();
  return loaded;
}
