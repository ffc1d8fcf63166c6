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
//    stock bundle is used and only the speed differs (test/ingest/pdf-worker-pool.test.ts says so).
// 3. pdfjs inflates Flate streams (content streams twice per page: operators and text) through the
//    web DecompressionStream, which Node builds on zlib streams with a promise per chunk. Here a
//    'deflate' DecompressionStream inflates all its input at once with zlib.inflateSync: the same
//    bytes, or the same error (truncated or corrupt data), after which pdfjs falls back to its own
//    JavaScript inflater as before. Output past `inflateLimitBytes` is an error too, so that a
//    flate bomb is never inflated in one native call the worker cannot be stopped in; pdfjs then
//    inflates it in JavaScript, where the heap cap and the RSS watch stop it as before.
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
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
let inflateLimitBytes = 512 * 1024 * 1024;

/** The most bytes one Flate stream may inflate to in one native call (the worker sets its memory cap). */
export function setInflateLimit(bytes) {
  inflateLimitBytes = bytes;
}

/** A DecompressionStream whose 'deflate' format inflates the whole input in one zlib call (see 3. above). */
function fastDeflateDecompressionStream(Native) {
  return class DecompressionStream {
    constructor(format) {
      if (format !== 'deflate') return new Native(format);
      const chunks = [];
      let out;
      this.readable = new ReadableStream({
        start(controller) {
          out = controller;
        },
      });
      this.writable = new WritableStream({
        write(chunk) {
          chunks.push(chunk);
        },
        close() {
          try {
            out.enqueue(inflateSync(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), { maxOutputLength: inflateLimitBytes }));
            out.close();
          } catch (e) {
            out.error(e);
          }
        },
        abort(reason) {
          out.error(reason);
        },
      });
    }
  };
}

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
    // named after the file it came from in stack traces and profiles (not the data: URL)
    const named = patched === undefined ? undefined : `${patched}\n//# sourceURL=${pathToFileURL(workerPath).href}?warrant-no-image-decode\n`;
    const workerUrl = named === undefined ? pathToFileURL(workerPath).href : `data:text/javascript;base64,${Buffer.from(named).toString('base64')}`;
    // pdfjs's "fake worker" (no Worker in Node: it runs in this thread) takes this module instead of importing its own
    globalThis.pdfjsWorker = await import(workerUrl);
    const pdfjs = await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href);
    Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, enumerable: false, configurable: true });
    JSON.stringify = stringify;
    JSON.parse = parse;
    if (typeof globalThis.DecompressionStream === 'function') globalThis.DecompressionStream = fastDeflateDecompressionStream(globalThis.DecompressionStream);
    return { pdfjs, imageDecodeSkipped: patched !== undefined };
  })();
  return loaded;
}
