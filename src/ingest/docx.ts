/**
 * DOCX reader (mammoth). OWNER: issue 4.
 */
import type { Document, InputFile } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import type { IngestOptions } from './index.ts';

/** Read a DOCX into a Document (role left to the caller to set). */
export async function ingestDocx(input: InputFile, _options: IngestOptions): Promise<Omit<Document, 'role'>> {
  throw new WarrantError('UNSUPPORTED_FORMAT', `${input.name}: DOCX reading is not available yet`, { file: input.name });
}
