/**
 * PDF reader (pdfjs-dist in a worker thread with time and memory limits). OWNER: issue 4.
 */
import type { Document, InputFile } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import type { IngestOptions } from './index.ts';

/** Read a PDF into a Document (role left to the caller to set). */
export async function ingestPdf(input: InputFile, _options: IngestOptions): Promise<Omit<Document, 'role'>> {
  throw new WarrantError('UNSUPPORTED_FORMAT', `${input.name}: PDF reading is not available yet`, { file: input.name });
}
