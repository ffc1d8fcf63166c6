/**
 * Format and role detection from content. The extension is a hint that must not lie:
 * a file named .md whose bytes are a PDF or binary is an error, not a guess.
 */
import type { InputFile } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';

/** Formats ingestion understands. */
export type InputFormat = 'markdown' | 'text' | 'pdf' | 'docx' | 'json' | 'csv' | 'yaml';

export const MEDIA_TYPES: Record<InputFormat, string> = {
  markdown: 'text/markdown',
  text: 'text/plain',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json',
  csv: 'text/csv',
  yaml: 'application/yaml',
};

const EXTENSIONS: Record<string, InputFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  txt: 'text',
  text: 'text',
  pdf: 'pdf',
  docx: 'docx',
  json: 'json',
  csv: 'csv',
  yaml: 'yaml',
  yml: 'yaml',
};

function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/** The format a file's name claims by its extension, or undefined. */
export function formatFromName(name: string): InputFormat | undefined {
  return EXTENSIONS[extensionOf(name)];
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** True when the bytes look binary (NUL bytes or many control characters in the first 8 KB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Detect the format from content, checking the extension. Throws on empty, binary or lying input. */
export function detectFormat(input: InputFile): InputFormat {
  const { bytes, name } = input;
  if (bytes.length === 0) throw new WarrantError('EMPTY_INPUT', `${name} is empty`, { file: name });
  const ext = extensionOf(name);
  const claimed = EXTENSIONS[ext];
  let sniffed: InputFormat | undefined;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) sniffed = 'pdf'; // %PDF-
  else if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (claimed !== 'docx') {
      throw new WarrantError('EXTENSION_MISMATCH', `${name} is a ZIP archive${claimed ? `, not ${claimed}` : ''}; only .docx archives are read`, { file: name });
    }
    sniffed = 'docx';
  }
  if (sniffed) {
    if (claimed && claimed !== sniffed) {
      throw new WarrantError('EXTENSION_MISMATCH', `${name} is named .${ext} but its content is ${sniffed.toUpperCase()}`, { file: name });
    }
    return sniffed;
  }
  if (claimed === 'pdf' || claimed === 'docx') {
    throw new WarrantError('EXTENSION_MISMATCH', `${name} is named .${ext} but its content is not ${claimed.toUpperCase()}`, { file: name });
  }
  // UTF-16 with a byte order mark is text (its NUL bytes are half of each ASCII character).
  if (!utf16Bom(bytes) && looksBinary(bytes)) throw new WarrantError('BINARY_INPUT', `${name} is binary, not text; Warrant reads Markdown, text, PDF and DOCX`, { file: name });
  if (claimed) return claimed;
  const head = new TextDecoder(utf16Bom(bytes) ?? 'utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (/^(#{1,6} |---\r?\n)/.test(head) || /\n#{1,6} /.test(head)) return 'markdown';
  return 'text';
}

/** Media type for an input (from detection; 'application/octet-stream' when undetectable). */
export function mediaTypeOf(input: InputFile): string {
  try {
    return MEDIA_TYPES[detectFormat(input)];
  } catch {
    return 'application/octet-stream';
  }
}

/** True when an input with no role given should be read as an evidence file. */
export function isEvidenceFile(input: InputFile): boolean {
  try {
    const f = detectFormat(input);
    return f === 'json' || f === 'csv' || f === 'yaml';
  } catch {
    return false;
  }
}

/** The UTF-16 byte order of a text that starts with a UTF-16 byte order mark, if it does. */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Offset of the first byte that makes `bytes` invalid UTF-8 (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), or -1. One pass (issue 17: re-decoding every prefix took minutes on 1 MB).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i; // truncated sequence at the end
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i + k;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decode text strictly: UTF-16 when it starts with a UTF-16 byte order mark, else UTF-8, where invalid
 * UTF-8 is an error with the offset of the first bad byte. A BOM is dropped.
 */
export function decodeUtf8(input: InputFile): string {
  const utf16 = utf16Bom(input.bytes);
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true, ignoreBOM: false }).decode(input.bytes);
    } catch (cause) {
      throw new WarrantError('INVALID_UTF8', `${input.name} starts with a UTF-16 byte order mark but is not valid ${utf16.toUpperCase()}`, { file: input.name, cause });
    }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (cause) {
    const offset = Math.max(0, firstInvalidUtf8(input.bytes));
    throw new WarrantError('INVALID_UTF8', `${input.name} is not valid UTF-8 (first bad byte near offset ${offset})`, { file: input.name, cause });
  }
}
