// PDF extraction worker (issue 4). Plain JavaScript on purpose: worker threads do not inherit the
// tsx loader. Runs pdfjs-dist (legacy build, its own in-thread "fake" worker, loaded by
// src/ingest/pdfjs.mjs) inside a worker_thread started by src/ingest/pdf-extract.ts with
// resourceLimits and a wall-clock timeout, and posts back plain data only (pages of positioned
// text items and image boxes, see src/ingest/pdf-types.ts). A page's operator list (for its image
// boxes) is read only when its text pass says it may paint an image (src/ingest/pdfjs.mjs, 2b.),
// or on every page when that edit of pdfjs is not in place. All layout happens in the main thread
// as pure functions. The worker stays up between files: pdfjs is loaded once, and each message
// { bytes, maxPages, maxMemoryMb, progress } is one PDF, answered by one result message (progress messages
// before it when asked for). The parent sends the next file only after the answer.
import { parentPort } from 'node:worker_threads';
import { loadPdfjs, MAY_PAINT_IMAGES, setInflateLimit, standardFontDataUrl } from './pdfjs.mjs';

// pdfjs prints warnings on the console; they are not ours to show. (The console is silenced here
// rather than piped to the parent: a piped worker stdout would keep an idle worker's process alive.)
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[level] = () => undefined;

/** Font names that mean a bold face (PostScript names: "ABCDEF+XCharter-Bold", "CMBX10", "Arial-BoldMT"). */
const BOLD_FONT = /(bold|black|heavy|semibold|demibold|demi\b|extrabold|ultrabold|[a-z]bx\d|\bbx\d|-bd\b|,bd\b)/i;
const ITALIC_FONT = /(italic|oblique|cmti|-it\b)/i;

/** More text items than this on one page is not a document a person reads; the rest is cut off. */
const MAX_ITEMS_PER_PAGE = 30000;
/** Image boxes kept per page (the largest). */
const MAX_IMAGES_PER_PAGE = 500;

function post(message) {
  parentPort.postMessage(message);
}

function fail(code, message) {
  post({ ok: false, code, message });
}

/** Multiply two 2D affine matrices [a,b,c,d,e,f] (m1 then m2 semantics as in pdfjs Util.transform). */
function mul(m1, m2) {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

function apply(m, x, y) {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Bounding box, in viewport (top-left origin) coordinates, of the unit square under `ctm`. */
function unitSquareBox(viewportTransform, ctm) {
  const m = mul(viewportTransform, ctm);
  const pts = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Image boxes painted on a page, from its operator list (CTM tracked through save/restore/transform/forms). */
function imageBoxes(OPS, opList, viewportTransform) {
  const boxes = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  const { fnArray, argsArray } = opList;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        break;
      case OPS.transform:
        if (args && args.length >= 6) ctm = mul(ctm, args);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (args && Array.isArray(args[0]) && args[0].length >= 6) ctm = mul(ctm, args[0]);
        else if (args && args[0] && typeof args[0] === 'object' && args[0].length >= 6) ctm = mul(ctm, Array.from(args[0]));
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintInlineImageXObjectGroup:
      case OPS.paintImageMaskXObjectGroup: {
        const kind = fn === OPS.paintImageMaskXObject || fn === OPS.paintImageMaskXObjectGroup ? 'mask' : 'image';
        boxes.push({ bbox: unitSquareBox(viewportTransform, ctm), kind });
        break;
      }
      default:
        break;
    }
  }
  return boxes;
}

/** Read one PDF and post its extraction (or an error code). */
async function read({ bytes, maxPages, maxMemoryMb, progress }) {
  const { pdfjs, textPassReportsImages } = await loadPdfjs();
  setInflateLimit(maxMemoryMb * 1024 * 1024);
  let doc;
  const task = pdfjs.getDocument({
    data: bytes,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    standardFontDataUrl,
  });
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = e && e.name;
    if (name === 'PasswordException') return fail('PDF_ENCRYPTED', 'the PDF is encrypted and needs a password');
    return fail('PDF_CORRUPT', `the PDF cannot be parsed: ${e && e.message ? e.message : String(e)}`);
  }
  const numPages = doc.numPages;
  if (numPages > maxPages) {
    await doc.destroy();
    return fail('TOO_MANY_PAGES', `the PDF has ${numPages} pages; the limit is ${maxPages}`);
  }
  let info = {};
  try {
    const meta = await doc.getMetadata();
    for (const [k, v] of Object.entries(meta.info ?? {})) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') info[k] = v;
    }
  } catch {
    info = {};
  }
  const fonts = [];
  const fontIndex = new Map();
  const pages = [];
  const timing = { textMs: 0, opsMs: 0 };
  /** The page's image boxes, from its operator list (the largest kept: a hostile page can paint without end). */
  async function pageImages(page, viewport) {
    const t0 = performance.now();
    const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    timing.opsMs += performance.now() - t0;
    const boxes = imageBoxes(pdfjs.OPS, ops, viewport.transform);
    if (boxes.length > MAX_IMAGES_PER_PAGE) {
      boxes.sort((a, b) => (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]) - (a.bbox[2] - a.bbox[0]) * (a.bbox[3] - a.bbox[1]));
      boxes.length = MAX_IMAGES_PER_PAGE;
    }
    return boxes;
  }
  async function textContent(page) {
    const t0 = performance.now();
    const tc = await page.getTextContent();
    timing.textMs += performance.now() - t0;
    return tc;
  }
  /** The font's PostScript name: from the text pass where it reports it, else from the font the operator list sent. */
  function postScriptName(page, fontName, style) {
    if (textPassReportsImages) return (typeof style.psName === 'string' && style.psName) || '';
    try {
      const f = page.commonObjs.has(fontName) ? page.commonObjs.get(fontName) : null;
      return (f && typeof f.name === 'string' && f.name) || '';
    } catch {
      return '';
    }
  }
  for (let p = 1; p <= numPages; p++) {
    const page = await doc.getPage(p);
    const viewport = page.getViewport({ scale: 1 });
    const pageData = { page: p, width: viewport.width, height: viewport.height, items: [], images: [] };
    try {
      let tc;
      if (textPassReportsImages) {
        // text first; the operator list only where the text pass saw what may paint an image, or failed
        // (then, as before, the images are kept and the text's error is the page's)
        let textError;
        try {
          tc = await textContent(page);
        } catch (e) {
          textError = e;
        }
        if (textError !== undefined || tc.styles[MAY_PAINT_IMAGES] !== undefined) pageData.images = await pageImages(page, viewport);
        if (textError !== undefined) throw textError;
      } else {
        // the operator list first: the fonts it sends to commonObjs give their PostScript names
        pageData.images = await pageImages(page, viewport);
        tc = await textContent(page);
      }
      if (tc.items.length > MAX_ITEMS_PER_PAGE) {
        pageData.truncated = tc.items.length;
        tc.items.length = MAX_ITEMS_PER_PAGE;
      }
      for (const it of tc.items) {
        if (typeof it.str !== 'string' || it.str.length === 0) continue;
        const m = mul(viewport.transform, it.transform);
        const upright = Math.abs(m[1]) < 1e-3 && Math.abs(m[2]) < 1e-3 && m[0] > 0 && m[3] < 0;
        let fi = fontIndex.get(it.fontName);
        if (fi === undefined) {
          const style = tc.styles[it.fontName] ?? {};
          const psName = postScriptName(page, it.fontName, style);
          const ascent = Number.isFinite(style.ascent) && style.ascent > 0.4 && style.ascent < 1.3 ? style.ascent : 0.8;
          const descent = Number.isFinite(style.descent) && style.descent < 0 && style.descent > -0.6 ? style.descent : -0.2;
          fi = fonts.length;
          fonts.push({ name: psName || style.fontFamily || it.fontName, bold: BOLD_FONT.test(psName), italic: ITALIC_FONT.test(psName), ascent, descent });
          fontIndex.set(it.fontName, fi);
        }
        const size = Math.hypot(m[2], m[3]);
        pageData.items.push({
          str: it.str,
          x: m[4],
          y: m[5],
          w: it.width * (Math.hypot(m[0], m[1]) / Math.max(1e-9, Math.hypot(it.transform[0], it.transform[1]))),
          size,
          font: fi,
          upright,
        });
      }
    } catch (e) {
      pageData.error = e && e.message ? e.message : String(e);
    }
    pages.push(pageData);
    page.cleanup();
    if (progress) post({ page: p, numPages });
  }
  await doc.destroy();
  post({ ok: true, data: { numPages, info, fonts, pages, timing } });
}

// a promise pdfjs leaves behind after a file was answered must not take the worker down during the next file
process.on('unhandledRejection', () => undefined);
parentPort.on('message', (job) => {
  read(job).catch((e) => fail('PDF_CORRUPT', `the PDF cannot be parsed: ${e && e.message ? e.message : String(e)}`));
});
// start loading pdfjs while the first file is on its way
loadPdfjs().catch(() => undefined);
