/**
 * The text pass of pdfjs as loaded for the reader (src/ingest/pdfjs.mjs, 2b.) says which pages may
 * paint an image, so that the reader reads only those pages' operator lists. Here on hand-made
 * pages, each way an image reaches a page's operator list: drawn, inline, in a form, in the group
 * of an ExtGState soft mask; and pages that paint none. A page whose operator list paints an image
 * must be flagged, or its image boxes would be lost.
 */
import { describe, expect, it } from 'vitest';
import { loadPdfjs, MAY_PAINT_IMAGES, standardFontDataUrl } from '../../src/ingest/pdfjs.mjs';
import { ingestPdf } from '../../src/ingest/pdf.ts';
import { extractPdf, PDF_DEFAULT_LIMITS } from '../../src/ingest/pdf-extract.ts';

/** A PDF from object bodies (object i + 1 is bodies[i]); object 1 is the catalog, 2 the page tree. */
function pdfFromObjects(bodies: string[]): Uint8Array {
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const stream = (dict: string, data: string): string => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
const TEXT = 'BT /F1 12 Tf 72 720 Td (Some text on the page) Tj ET\n';
const PIXELS = '\x40\x80\xc0\xff';

/** Pages by what they draw; the value says whether the operator list paints an image. */
const PAGES: Array<{ name: string; content: string; paints: boolean }> = [
  { name: 'text only', content: TEXT, paints: false },
  { name: 'an image XObject', content: `${TEXT}q 100 0 0 100 72 500 cm /Im1 Do Q\n`, paints: true },
  { name: 'an inline image', content: `${TEXT}q 100 0 0 100 72 500 cm BI /W 2 /H 2 /CS /G /BPC 8 ID ${PIXELS} EI Q\n`, paints: true },
  { name: 'a form that draws an image', content: `${TEXT}q /FmImg Do Q\n`, paints: true },
  { name: 'a form with text and a rectangle only', content: `q /FmText Do Q\n`, paints: false },
  { name: 'a soft mask whose group draws an image', content: `${TEXT}q /GsImg gs 72 72 200 200 re f Q\n`, paints: true },
  { name: 'a soft mask whose group draws a rectangle', content: `${TEXT}q /GsRect gs 72 72 200 200 re f Q\n`, paints: false },
];

function testPdf(): Uint8Array {
  // 1 catalog, 2 pages, 3 font, 4 image, 5 form drawing the image, 6 form with text, 7/8 soft-mask groups, 9/10 ExtGStates
  const fixed = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '', // the page tree, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream('/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', PIXELS),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >>', 'q 50 0 0 50 300 300 cm /Im1 Do Q'),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>', `${TEXT}0 0 10 10 re f`),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Group << /S /Transparency /CS /DeviceGray >> /Resources << /XObject << /Im1 4 0 R >> >>', 'q 612 0 0 792 0 0 cm /Im1 Do Q'),
    stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Group << /S /Transparency /CS /DeviceGray >>', '1 g 0 0 612 792 re f'),
    '<< /Type /ExtGState /SMask << /Type /Mask /S /Luminosity /G 7 0 R >> >>',
    '<< /Type /ExtGState /SMask << /Type /Mask /S /Luminosity /G 8 0 R >> >>',
  ];
  const resources = '<< /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R /FmImg 5 0 R /FmText 6 0 R >> /ExtGState << /GsImg 9 0 R /GsRect 10 0 R >> >>';
  const kids: number[] = [];
  const bodies = fixed.slice();
  for (const p of PAGES) {
    bodies.push(stream('', p.content));
    bodies.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${bodies.length} 0 R >>`);
    kids.push(bodies.length);
  }
  bodies[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return pdfFromObjects(bodies);
}

describe('the text pass says which pages may paint an image (src/ingest/pdfjs.mjs, 2b.)', () => {
  it('flags the pages whose operator list paints an image, and only those', async () => {
    const { pdfjs, textPassReportsImages } = await loadPdfjs();
    expect(textPassReportsImages).toBe(true);
    const doc = await pdfjs.getDocument({ data: testPdf(), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, standardFontDataUrl }).promise;
    const images = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject, pdfjs.OPS.paintImageXObjectRepeat, pdfjs.OPS.paintInlineImageXObjectGroup, pdfjs.OPS.paintImageMaskXObjectGroup]);
    try {
      expect(doc.numPages).toBe(PAGES.length);
      const seen: Record<string, { flagged: boolean; paints: boolean }> = {};
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        const tc = await page.getTextContent();
        const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
        seen[PAGES[p - 1]!.name] = { flagged: tc.styles[MAY_PAINT_IMAGES] !== undefined, paints: ops.fnArray.some((fn: number) => images.has(fn)) };
      }
      expect(seen).toEqual(Object.fromEntries(PAGES.map((p) => [p.name, { flagged: p.paints, paints: p.paints }])));
    } finally {
      await doc.destroy();
    }
  });

  it('the reader finds the same image boxes and text on those pages', async () => {
    const extraction = await extractPdf(testPdf(), 'images.pdf', PDF_DEFAULT_LIMITS);
    expect(extraction.pages.map((p) => p.images.length > 0)).toEqual(PAGES.map((p) => p.paints));
    expect(extraction.pages[1]!.images).toEqual([{ bbox: [72, 192, 172, 292], kind: 'image' }]);
    expect(extraction.pages.every((p) => p.error === undefined)).toBe(true);
    expect(extraction.fonts.map((f) => f.name)).toEqual(['Helvetica']);
    const doc = await ingestPdf({ name: 'images.pdf', bytes: testPdf() }, {});
    expect(doc.blocks.length).toBeGreaterThan(0);
  });
});
