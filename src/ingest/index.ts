/**
 * ingest: bytes → Document. Detects the format from content (and checks the extension
 * does not lie), guesses the role when the caller gave none, and dispatches to one reader.
 */
import type { Document, InputFile, Role } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import { decodeUtf8, detectFormat, MEDIA_TYPES } from './detect.ts';
import { MARKDOWN_DEFAULT_LIMITS, readMarkdownLimited, type MarkdownDocument } from './markdown.ts';
import { readText } from './text.ts';
import { ingestPdf } from './pdf.ts';
import { ingestDocx } from './docx.ts';
import { structureMarkdownClauses } from './clauses.ts';
import { structureNumberedClauses } from './docx-clauses.ts';
import { guessDocumentRole } from './role-guess.ts';
import { formatFromName, isEvidenceFile } from './detect.ts';
import { roleFromName } from './role-names.ts';
import { createHash } from 'node:crypto';

export { decodeUtf8, detectFormat, formatFromName, isEvidenceFile, mediaTypeOf, MEDIA_TYPES, type InputFormat } from './detect.ts';
export { roleFromName } from './role-names.ts';
export { guessDocumentRole, roleScores } from './role-guess.ts';

/** Limits every reader respects. */
export interface IngestOptions {
  /** Max bytes of one input (default 20 MiB). */
  maxBytes?: number;
  /** Max PDF pages (default 500). */
  maxPages?: number;
  /** Max wall time for parsing one PDF/DOCX (default 60 s) or one large Markdown file (default 20 s), ms. */
  timeoutMs?: number;
  /** Max heap for the PDF worker, MB (default 512). */
  maxMemoryMb?: number;
  /** Max bytes of one Markdown or plain-text input (default 1 MiB): parsing runs in-process, so this bounds its time. */
  maxTextBytes?: number;
  /** Hears PDF pages as they are read (job progress, issue 15); not called for other formats. */
  onPage?: (pagesDone: number, pagesTotal: number) => void;
}

/** Default size limit of one input. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Default size limit of one Markdown or plain-text input (real cards and contracts are well under 1 MiB). */
export const DEFAULT_MAX_TEXT_BYTES = 1024 * 1024;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Run a reader; a stack overflow on absurdly nested input becomes an error the user can act on. */
async function readSafely(name: string, read: () => MarkdownDocument | Promise<MarkdownDocument>): Promise<MarkdownDocument> {
  try {
    return await read();
  } catch (cause) {
    if (cause instanceof RangeError) {
      throw new WarrantError('TOO_LARGE', `${name} is nested too deeply to read (block quotes, lists or HTML elements inside each other)`, { file: name, cause, details: { limit: 'nesting' } });
    }
    throw cause;
  }
}

/** Decode and structure one input. Throws WarrantError for broken input. */
export async function ingest(input: InputFile, options: IngestOptions = {}): Promise<Document> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.bytes.byteLength > maxBytes) {
    throw new WarrantError('TOO_LARGE', `${input.name} is ${input.bytes.byteLength} bytes; the limit is ${maxBytes}`, { file: input.name });
  }
  const format = detectFormat(input);
  let doc: Omit<Document, 'role'>;
  switch (format) {
    case 'pdf':
      doc = await ingestPdf(input, options);
      break;
    case 'docx':
      doc = await ingestDocx(input, options);
      break;
    case 'markdown':
    case 'text': {
      const maxText = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
      if (input.bytes.byteLength > maxText) {
        throw new WarrantError('TOO_LARGE', `${input.name} is ${input.bytes.byteLength} bytes; Markdown and text inputs are limited to ${maxText} bytes`, { file: input.name });
      }
      const source = decodeUtf8(input);
      if (!source.trim()) throw new WarrantError('EMPTY_INPUT', `${input.name} has no text`, { file: input.name });
      const read = await readSafely(input.name, () =>
        format === 'markdown'
          ? readMarkdownLimited(source, input.name, { ...MARKDOWN_DEFAULT_LIMITS, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) })
          : readText(source),
      );
      doc = { id: sha256(input.bytes), name: input.name, mediaType: input.mediaType ?? MEDIA_TYPES[format], ...read };
      break;
    }
    default:
      throw new WarrantError(
        'UNSUPPORTED_FORMAT',
        `${input.name} is ${format.toUpperCase()}: structured files are evidence files (give them the evidence role), not documents to analyse`,
        { file: input.name },
      );
  }
  // Without a given role the document reads as a model card; the pipeline guesses the role from rules
  // (src/ingest/role-guess.ts) and re-reads the structure through withRole when it is a contract.
  const role = input.role ?? 'model-card';
  return withRole({ ...doc, role: 'model-card' }, role);
}

/**
 * Give a document its role, with the structure that role implies: a Markdown contract's numbered
 * items and paragraphs become clauses (clause paths, markers, run-in titles). Call it when the role
 * is decided after ingestion (src/analyze.ts guesses it with the rules). A document that already
 * has the role is returned as it is (a contract from ingest() is already structured).
 */
export function withRole(doc: Document, role: Role): Document {
  if (doc.role === role) return doc;
  if (role === 'contract' && isMarkdown(doc)) {
    return { ...doc, role, blocks: structureMarkdownClauses(doc.blocks.map((b) => ({ ...b, sectionPath: [...b.sectionPath] }))) };
  }
  if (role === 'contract' && /pdf|wordprocessingml/.test(doc.mediaType)) {
    // PDF and DOCX contracts: numbered clauses and run-in titles become clause paths.
    return { ...doc, role, blocks: structureNumberedClauses(doc.blocks.map((b) => ({ ...b, sectionPath: [...b.sectionPath] }))) };
  }
  return { ...doc, role };
}

function isMarkdown(doc: Pick<Document, 'mediaType' | 'name'>): boolean {
  return /markdown/i.test(doc.mediaType) || /\.(md|markdown|mdx)$/i.test(doc.name);
}

/**
 * The role of an input given none: the one role guess. An evidence file by its format (JSON, CSV,
 * YAML); else a model card or a contract by the role signals of rules/roles.yaml over the
 * document's text, as an analysis decides (role-guess.ts). An input sent without its text (the web
 * page does not read PDFs and DOCX before upload) is guessed from its name (rules/roles.yaml
 * `names`); a model card when nothing decides. The web page presets its role select with this
 * (POST /api/roles/guess) instead of guessing on its own.
 */
export async function guessInputRole(input: InputFile, rules: Parameters<typeof guessDocumentRole>[1], options: IngestOptions = {}): Promise<Role> {
  if (input.bytes.byteLength === 0) {
    const format = formatFromName(input.name);
    if (format === 'json' || format === 'csv' || format === 'yaml') return 'evidence';
    return roleFromName(input.name, rules) ?? 'model-card';
  }
  if (isEvidenceFile(input)) return 'evidence';
  return guessDocumentRole(await ingest({ name: input.name, bytes: input.bytes }, options), rules);
}
