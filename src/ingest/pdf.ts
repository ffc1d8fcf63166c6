/**
 * PDF reader: pdfjs-dist in a worker thread with time and memory limits (pdf-extract.ts), then
 * the pure layout pass (pdf-layout.ts) in this thread. OWNER: issue 4.
 */
import { createHash } from 'node:crypto';
import type { Document, InputFile } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import type { IngestOptions } from './index.ts';
import { extractPdf, PDF_DEFAULT_LIMITS } from './pdf-extract.ts';
import { layoutPdf } from './pdf-layout.ts';

const PDF_MEDIA_TYPE = 'application/pdf';

function indexOfAscii(bytes: Uint8Array, needle: string, from: number, to: number): number {
  const codes = [...needle].map((c) => c.charCodeAt(0));
  outer: for (let i = Math.max(0, from); i <= Math.min(bytes.length, to) - codes.length; i++) {
    for (let j = 0; j < codes.length; j++) if (bytes[i + j] !== codes[j]) continue outer;
    return i;
  }
  return -1;
}

/** Cheap structural checks before a worker is started: a PDF header, and an end marker (not truncated). */
export function checkPdfEnvelope(input: InputFile): void {
  const { bytes, name } = input;
  if (indexOfAscii(bytes, '%PDF-', 0, 1024) < 0) {
    throw new WarrantError('PDF_CORRUPT', `${name} is not a PDF (no %PDF- header)`, { file: name });
  }
  if (indexOfAscii(bytes, '%%EOF', bytes.length - 4096, bytes.length) < 0) {
    throw new WarrantError('PDF_CORRUPT', `${name} is truncated or damaged (no %%EOF marker at the end)`, { file: name });
  }
}

/** Read a PDF into a Document (role left to the caller to set). */
export async function ingestPdf(input: InputFile, options: IngestOptions): Promise<Omit<Document, 'role'>> {
  return (await ingestPdfTimed(input, options)).doc;
}

/** {@link ingestPdf} plus where the time went (worker extraction, pdfjs inside it, layout), for the bench. */
export async function ingestPdfTimed(
  input: InputFile,
  options: IngestOptions,
): Promise<{ doc: Omit<Document, 'role'>; timing: { extractMs: number; textMs: number; opsMs: number; layoutMs: number } }> {
  checkPdfEnvelope(input);
  const t0 = performance.now();
  const extraction = await extractPdf(input.bytes, input.name, {
    maxPages: options.maxPages ?? PDF_DEFAULT_LIMITS.maxPages,
    timeoutMs: options.timeoutMs ?? PDF_DEFAULT_LIMITS.timeoutMs,
    maxMemoryMb: options.maxMemoryMb ?? PDF_DEFAULT_LIMITS.maxMemoryMb,
  }, options.onPage);
  const t1 = performance.now();
  let layout: ReturnType<typeof layoutPdf>;
  try {
    layout = layoutPdf(extraction);
  } catch (cause) {
    throw new WarrantError('INTERNAL', `${input.name}: the PDF was read but its layout could not be built: ${(cause as Error).message ?? String(cause)}`, { file: input.name, cause });
  }
  const { blocks, diagnostics } = layout;
  const t2 = performance.now();
  const timing = { extractMs: t1 - t0, textMs: extraction.timing.textMs, opsMs: extraction.timing.opsMs, layoutMs: t2 - t1 };
  const doc = {
    id: createHash('sha256').update(input.bytes).digest('hex'),
    name: input.name,
    mediaType: PDF_MEDIA_TYPE,
    metadata: { ...extraction.info },
    blocks,
    pageCount: extraction.numPages,
    pageSizes: extraction.pages.map((p) => [Math.round(p.width * 100) / 100, Math.round(p.height * 100) / 100] as [number, number]),
    diagnostics,
  };
  return { doc, timing };
}
