/**
 * ingest: bytes → Document. Detects the format from content (and checks the extension
 * does not lie), guesses the role when the caller gave none, and dispatches to one reader.
 * OWNER: ingestion (issues 2 and 4). Stub until the readers land.
 */
import type { Document, InputFile } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';

/** Limits every reader respects. */
export interface IngestOptions {
  /** Max bytes of one input (default 20 MiB). */
  maxBytes?: number;
  /** Max PDF pages (default 500). */
  maxPages?: number;
  /** Max wall time for parsing one PDF/DOCX, ms (default 60 s). */
  timeoutMs?: number;
  /** Max heap for the PDF worker, MB (default 512). */
  maxMemoryMb?: number;
}

/** Decode and structure one input. Throws WarrantError for broken input. */
export async function ingest(input: InputFile, _options: IngestOptions = {}): Promise<Document> {
  throw new WarrantError('UNSUPPORTED_FORMAT', `no reader for ${input.name} yet`);
}
