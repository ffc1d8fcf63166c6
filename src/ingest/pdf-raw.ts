/**
 * Raw pdfjs text extraction timing, in this thread and without limits: the baseline the PDF
 * bench compares our layout pass against (getDocument + getTextContent on every page, nothing
 * else). For measurement only; the reader itself always goes through the limited worker.
 * pdfjs is loaded as the worker loads it (src/ingest/pdfjs.mjs), so both run the same engine.
 */
import { loadPdfjs, standardFontDataUrl } from './pdfjs.mjs';

/** Items and milliseconds pdfjs needs to load a PDF and get the text content of every page. */
export async function timeRawTextContent(bytes: Uint8Array): Promise<{ ms: number; pages: number; items: number }> {
  const { pdfjs } = await loadPdfjs();
  const t0 = performance.now();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, standardFontDataUrl }).promise;
  let items = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tc = await page.getTextContent();
    items += tc.items.length;
    page.cleanup();
  }
  const ms = performance.now() - t0;
  const pages = doc.numPages;
  await doc.destroy();
  return { ms, pages, items };
}
