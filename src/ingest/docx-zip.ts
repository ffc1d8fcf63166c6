/**
 * A small, defensive ZIP reader for DOCX packages (APPNOTE.TXT 6.3: end of central directory,
 * central directory headers, local headers; stored and deflated entries; ZIP64 sizes). Used to
 * refuse zip bombs before mammoth sees the file, by the sizes the central directory declares and
 * by inflating every entry with an output cap equal to its declared size (a lying header fails
 * there), and to read the package parts mammoth does not expose (numbering, core properties).
 */
import { inflateRawSync } from 'node:zlib';
import { WarrantError } from '../model/errors.ts';

/** Limits on an archive's expanded size. */
export interface ZipLimits {
  /** Max sum of uncompressed sizes (default 256 MiB). */
  maxTotalBytes: number;
  /** Max uncompressed size of one entry (default 128 MiB). */
  maxEntryBytes: number;
  /** Max compression ratio of an entry bigger than 1 MiB (default 200). */
  maxRatio: number;
  /** Max number of entries (default 5000). */
  maxEntries: number;
}

/** Default zip limits: generous for real documents, far below what a bomb expands to. */
export const ZIP_DEFAULT_LIMITS: ZipLimits = { maxTotalBytes: 256 * 1024 * 1024, maxEntryBytes: 128 * 1024 * 1024, maxRatio: 200, maxEntries: 5000 };

/** One central directory entry. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** An opened archive: its entries and a reader for one entry's bytes. */
export interface ZipArchive {
  entries: ZipEntry[];
  read(name: string): Uint8Array | undefined;
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;

function corrupt(file: string, why: string): WarrantError {
  return new WarrantError('DOCX_CORRUPT', `${file} is not a readable DOCX: ${why}`, { file });
}

/** Open a ZIP archive, checking declared sizes against `limits`. Throws DOCX_CORRUPT or ZIP_BOMB. */
export function openZip(bytes: Uint8Array, file: string, limits: ZipLimits = ZIP_DEFAULT_LIMITS): ZipArchive {
  try {
    const archive = readCentralDirectory(bytes, file, limits);
    return {
      entries: archive.entries,
      read: (name) => {
        try {
          return archive.read(name);
        } catch (e) {
          throw asZipError(e, file);
        }
      },
    };
  } catch (e) {
    throw asZipError(e, file);
  }
}

/** Any read past the end of a damaged archive is a corrupt DOCX, not a crash. */
function asZipError(e: unknown, file: string): WarrantError {
  if (e instanceof WarrantError) return e;
  return corrupt(file, e instanceof Error ? e.message : String(e));
}

function readCentralDirectory(bytes: Uint8Array, file: string, limits: ZipLimits): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(file, 'no ZIP end-of-central-directory record (truncated or not a ZIP)');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_EOCD_LOCATOR) {
    const z64 = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (z64 + 56 > bytes.length) throw corrupt(file, 'bad ZIP64 record');
    count = Number(view.getBigUint64(z64 + 32, true));
    cdSize = Number(view.getBigUint64(z64 + 40, true));
    cdOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  if (count > limits.maxEntries) {
    throw new WarrantError('ZIP_BOMB', `${file} has ${count} archive entries; the limit is ${limits.maxEntries}`, { file });
  }
  if (cdOffset + cdSize > bytes.length) throw corrupt(file, 'central directory outside the file (truncated)');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CDH) throw corrupt(file, 'damaged central directory');
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extended information: the 0xFFFFFFFF fields, in order
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    if (extraEnd + commentLen > bytes.length) throw corrupt(file, 'damaged central directory');
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) (uncompressedSize = Number(view.getBigUint64(q, true))), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) (compressedSize = Number(view.getBigUint64(q, true))), (q += 8);
        if (localHeaderOffset === 0xffffffff && q + 8 <= e + 4 + size) localHeaderOffset = Number(view.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    total += uncompressedSize;
    if (uncompressedSize > limits.maxEntryBytes || total > limits.maxTotalBytes) {
      throw new WarrantError('ZIP_BOMB', `${file} expands to more than ${Math.round((uncompressedSize > limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes) / 1048576)} MiB; refused as a possible zip bomb`, { file, details: { entry: name, uncompressedSize } });
    }
    if (uncompressedSize > 1024 * 1024 && uncompressedSize > limits.maxRatio * Math.max(1, compressedSize)) {
      throw new WarrantError('ZIP_BOMB', `${file}: entry ${name} compresses ${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1; refused as a possible zip bomb`, { file, details: { entry: name, uncompressedSize, compressedSize } });
    }
    if (method !== 0 && method !== 8) throw corrupt(file, `entry ${name} uses unsupported compression method ${method}`);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  const byName = new Map(entries.map((en) => [en.name, en]));
  const read = (name: string): Uint8Array | undefined => {
    const en = byName.get(name);
    if (!en) return undefined;
    const h = en.localHeaderOffset;
    if (h + 30 > bytes.length || view.getUint32(h, true) !== LFH) throw corrupt(file, `damaged local header of ${name}`);
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    if (h < 0 || !Number.isSafeInteger(start)) throw corrupt(file, `damaged local header of ${name}`);
    const end = start + en.compressedSize;
    if (end > bytes.length) throw corrupt(file, `entry ${name} runs past the end of the file (truncated)`);
    const data = bytes.subarray(start, end);
    if (en.method === 0) return data;
    try {
      // the cap makes a header that under-declares the size fail instead of filling memory
      return new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(1, en.uncompressedSize) }));
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new WarrantError('ZIP_BOMB', `${file}: entry ${name} expands beyond its declared size; refused as a possible zip bomb`, { file, cause });
      }
      throw corrupt(file, `entry ${name} cannot be decompressed`);
    }
  };
  return { entries, read };
}

/** Decompress every entry once (each capped at its declared size), so no entry can expand beyond what was checked. */
export function verifyZip(archive: ZipArchive): void {
  for (const e of archive.entries) if (!e.name.endsWith('/')) archive.read(e.name);
}
