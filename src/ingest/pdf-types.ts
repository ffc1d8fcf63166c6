/**
 * Plain data the PDF worker (src/ingest/pdf-worker.mjs) posts back to the main thread, and that
 * the pure layout pass (src/ingest/pdf-layout.ts) reads. Coordinates are PDF points with a
 * top-left origin (pdfjs viewport at scale 1, so page rotation and crop box are already applied).
 */
import type { BBox } from '../model/types.ts';

/** One pdfjs text item: a string drawn with one font on one baseline. */
export interface PdfTextItem {
  str: string;
  /** Left edge of the item. */
  x: number;
  /** Baseline y (top-left origin). */
  y: number;
  /** Advance width in points. */
  w: number;
  /** Font size in points (height of the text matrix). */
  size: number;
  /** Index into {@link PdfExtraction.fonts}. */
  font: number;
  /** False for rotated or mirrored text (margin stamps, vertical labels). */
  upright: boolean;
}

/** A painted image (XObject, inline image or image mask) with its box on the page. */
export interface PdfImageBox {
  bbox: BBox;
  kind: 'image' | 'mask';
}

/** One page as extracted. */
export interface PdfPageData {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  images: PdfImageBox[];
  /** Set when pdfjs could not read this page (the rest of the document is still read). */
  error?: string;
  /** Set to the page's item count when it had more text items than the worker keeps. */
  truncated?: number;
}

/** A font as the layout needs it. */
export interface PdfFontInfo {
  /** PostScript name ("ABCDEF+XCharter-Bold") or family when unknown. */
  name: string;
  bold: boolean;
  italic: boolean;
  /** Ascent and descent as fractions of the font size (descent negative). */
  ascent: number;
  descent: number;
}

/** Everything the worker extracts from one PDF. */
export interface PdfExtraction {
  numPages: number;
  /** The PDF Info dictionary (strings, numbers and booleans only). */
  info: Record<string, string | number | boolean>;
  fonts: PdfFontInfo[];
  pages: PdfPageData[];
  /** Time pdfjs spent in getTextContent and getOperatorList, ms (for the bench). */
  timing: { textMs: number; opsMs: number };
}

/** What the worker posts: the extraction, or an error code and message. */
export type PdfWorkerMessage =
  | { page: number; numPages: number }
  | { ok: true; data: PdfExtraction }
  | { ok: false; code: 'PDF_ENCRYPTED' | 'PDF_CORRUPT' | 'TOO_MANY_PAGES'; message: string };
