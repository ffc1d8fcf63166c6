// The one place pdfjs-dist is loaded (the PDF worker, src/ingest/pdf-worker.mjs, and the bench's raw
// baseline, src/ingest/pdf-raw.ts). Plain JavaScript because worker threads do not inherit the tsx
// loader. These things make pdfjs cost less here than loaded as shipped, without changing what it reads:
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
// 2a. With font faces disabled, getOperatorList also builds the outline of every glyph shown and
//    sends it to the renderer that is not there; the same copy builds none (speed only, as 2.).
// 2b. Most pages paint no image, so the reader asks for their operator list only when the text
//    pass says the page may paint one. In the same copy of the bundle, getTextContent
//    (a) sets a flag on the page's evaluator wherever getOperatorList could add an image operator
//    to the page's list: a non-Form XObject (or a cached image) drawn, an inline image, one of
//    these in the group of an ExtGState soft mask (pdfjs draws the group into the page's list; the
//    text pass reads it as a form, with no text kept), and any error it skips (where it stops
//    reading, getOperatorList may not); a flagged page's text content carries the
//    style entry MAY_PAINT_IMAGES; (b) gives each font's style its PostScript name (psName, what
//    the operator list's fonts in commonObjs are read for). If any of these anchors is not found
//    exactly once, none is applied, `textPassReportsImages` is false and the reader asks for every
//    page's operator list as before.
// 3. pdfjs inflates Flate streams (content streams, twice on a page read for operators too) through the
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

/** The style key of a page's text content whose page may paint an image (2b. above). */
export const MAY_PAINT_IMAGES = 'warrant:may-paint-images';

const FLAG = 'self.warrantMayPaintImages = true;';

/** 2. [anchor, replacement] pairs: skip image decoding. */
const IMAGE_DECODE_EDITS = [[DECODE_ANCHOR, NO_DECODE + DECODE_ANCHOR.slice(4)]];

/** 2a. [anchor, replacement] pairs: no glyph outlines built for a renderer (the operator list is the same). */
const FONT_PATH_EDITS = [
  [
    '      if (isAddToPathSet || state.fillColorSpace.name === "Pattern" || state.strokeColorSpace.name === "Pattern" || font.disableFontFace) {\n        PartialEvaluator.buildFontPaths(font, glyphs, this.handler, this.options);\n',
    '      if (false) {\n        PartialEvaluator.buildFontPaths(font, glyphs, this.handler, this.options);\n',
  ],
];

/** 2b. [anchor, replacement] pairs: the text pass reports fonts' PostScript names and pages that may paint images. */
const TEXT_PASS_EDITS = [
  // (b) the font's PostScript name beside its family in the text content's styles
  ['        textContent.styles[loadedName] = {\n          fontFamily: font.fallbackName,', '        textContent.styles[loadedName] = {\n          psName: font.name,\n          fontFamily: font.fallbackName,'],
  // (a) an image XObject (or one pdfjs has cached) drawn
  [
    '                const globalImage = self.globalImageCache.getData(xobj, self.pageIndex);\n                if (globalImage) {\n',
    `                const globalImage = self.globalImageCache.getData(xobj, self.pageIndex);\n                if (globalImage) {\n                  ${FLAG}\n`,
  ],
  ['              if (type.name !== "Form") {\n', `              if (type.name !== "Form") {\n                ${FLAG}\n`],
  // (a) an inline image (BI ... ID ... EI reaches the text pass as EI with the image)
  [
    '          case OPS.paintXObject:\n            flushTextContentItem();\n            xobjs ??= resources.get("XObject") || Dict.empty;',
    `          case OPS.endInlineImage:\n            ${FLAG}\n            break;\n          case OPS.paintXObject:\n            flushTextContentItem();\n            xobjs ??= resources.get("XObject") || Dict.empty;`,
  ],
  // (a) an ExtGState with a soft mask: its group is read as a form for what may paint an image
  // (getOperatorList adds the group's operators to the page's list), awaited before the flag is sent
  [
    '              const gStateFont = gState.get("Font");\n',
    `              const warrantSMask = gState.get("SMask");
              if (warrantSMask instanceof Dict && !self.warrantMayPaintImages) {
                const group = warrantSMask.get("G");
                if (group instanceof BaseStream) {
                  (self.warrantWalks ??= []).push(self.getTextContent({ stream: group, task, resources: group.dict.get("Resources") || resources, viewBox, prevRefs: seenRefs }).catch(() => {
                    ${FLAG}
                  }));
                } else {
                  ${FLAG}
                }
              }
              const gStateFont = gState.get("Font");\n`,
  ],
  // (a) errors the text pass skips
  ['                warn(`getTextContent - ignoring XObject: "${reason}".`);\n', `                ${FLAG}\n                warn(\`getTextContent - ignoring XObject: "\${reason}".\`);\n`],
  ['                warn(`getTextContent - ignoring ExtGState: "${reason}".`);\n', `                ${FLAG}\n                warn(\`getTextContent - ignoring ExtGState: "\${reason}".\`);\n`],
  ['        warn(`getTextContent - ignoring errors during "${task.name}" ` + `task: "${reason}".`);\n', `        ${FLAG}\n        warn(\`getTextContent - ignoring errors during "\${task.name}" \` + \`task: "\${reason}".\`);\n`],
  // the page's flag sent as one more (itemless) chunk of its text content
  [
    '    return partialEvaluator.getTextContent({\n      stream: contentStream,\n      task,\n      resources,\n      includeMarkedContent,\n      disableNormalization,\n      sink,\n      viewBox: this.view,\n      lang,\n      intersector\n    });\n',
    `    await partialEvaluator.getTextContent({\n      stream: contentStream,\n      task,\n      resources,\n      includeMarkedContent,\n      disableNormalization,\n      sink,\n      viewBox: this.view,\n      lang,\n      intersector\n    });\n    while (partialEvaluator.warrantWalks?.length) {\n      await Promise.all(partialEvaluator.warrantWalks.splice(0));\n    }\n    if (sink && partialEvaluator.warrantMayPaintImages) {\n      sink.enqueue({ items: [], styles: { ${JSON.stringify(MAY_PAINT_IMAGES)}: {} }, lang }, 0);\n    }\n`,
  ],
];

/** `source` with every edit applied, or undefined when an anchor is not there exactly once (then none is applied). */
function applyEdits(source, edits) {
  let out = source;
  for (const [anchor, replacement] of edits) {
    const at = out.indexOf(anchor);
    if (at < 0 || out.indexOf(anchor, at + 1) >= 0) return undefined;
    out = out.slice(0, at) + replacement + out.slice(at + anchor.length);
  }
  return out;
}

/**
 * The worker bundle's source with the edits above that apply (each group all or nothing), and which
 * applied; `source` is undefined when none did.
 */
export function patchedWorkerSource(source) {
  let out = source;
  const applied = {};
  for (const [key, edits] of [
    ['imageDecodeSkipped', IMAGE_DECODE_EDITS],
    ['fontPathsSkipped', FONT_PATH_EDITS],
    ['textPassReportsImages', TEXT_PASS_EDITS],
  ]) {
    const edited = applyEdits(out, edits);
    applied[key] = edited !== undefined;
    if (edited !== undefined) out = edited;
  }
  return { source: out === source ? undefined : out, ...applied };
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
 * pdfjs-dist (legacy build) with its worker bundle set up in this thread, the native push restored,
 * image decoding and glyph outlines skipped and the text pass reporting (2., 2a., 2b. above).
 * Loaded once per thread; `imageDecodeSkipped`, `fontPathsSkipped` and `textPassReportsImages` say
 * which edits are in place.
 */
export function loadPdfjs() {
  loaded ??= (async () => {
    const nativePush = Array.prototype.push;
    const { stringify, parse } = JSON;
    const workerPath = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const { source: patched, imageDecodeSkipped, fontPathsSkipped, textPassReportsImages } = patchedWorkerSource(readFileSync(workerPath, 'utf8'));
    // named after the file it came from in stack traces and profiles (not the data: URL)
    const named = patched === undefined ? undefined : `${patched}\n//# sourceURL=${pathToFileURL(workerPath).href}?warrant-patched\n`;
    const workerUrl = named === undefined ? pathToFileURL(workerPath).href : `data:text/javascript;base64,${Buffer.from(named).toString('base64')}`;
    // pdfjs's "fake worker" (no Worker in Node: it runs in this thread) takes this module instead of importing its own
    globalThis.pdfjsWorker = await import(workerUrl);
    const pdfjs = await import(pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href);
    Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, enumerable: false, configurable: true });
    JSON.stringify = stringify;
    JSON.parse = parse;
    if (typeof globalThis.DecompressionStream === 'function') globalThis.DecompressionStream = fastDeflateDecompressionStream(globalThis.DecompressionStream);
    return { pdfjs, imageDecodeSkipped, fontPathsSkipped, textPassReportsImages };
  })();
  return loaded;
}
