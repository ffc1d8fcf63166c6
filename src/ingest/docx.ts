/**
 * DOCX reader (mammoth). OWNER: issue 4. The package is checked first (docx-zip.ts: declared
 * sizes, ratios, every entry inflated under a cap) so a zip bomb never reaches mammoth; then
 * mammoth's document model (styles resolved, tracked deletions dropped, merged cells as spans)
 * is walked into blocks, and Word's list numbers, which mammoth drops, are put back from
 * numbering.xml (docx-numbering.ts) so clause numbers survive.
 */
import { createHash } from 'node:crypto';
import type { Block, Diagnostic, DocxSpan, Document, InputFile, TableCell, TableData, TableRow } from '../model/types.ts';
import { WarrantError, isWarrantError } from '../model/errors.ts';
import type { IngestOptions } from './index.ts';
import { openZip, verifyZip, ZIP_DEFAULT_LIMITS } from './docx-zip.ts';
import { decodeXmlText, numberParagraphs, type XmlParagraph } from './docx-numbering.ts';

const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The parts of mammoth's document model this reader walks (mammoth/lib/documents.js). */
interface MNode {
  type: string;
  children?: MNode[];
  value?: string;
  styleName?: string | null;
  styleId?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  isBold?: boolean;
  isHeader?: boolean;
  colSpan?: number;
  rowSpan?: number;
}

/** A clause number typed by hand at the start of a paragraph ("1.", "2.1", "(a)", "iv)"). */
const TYPED_NUMBER = /^((?:\d{1,3}\.)+\d{0,3}|\d{1,3}\)|\([a-z]{1,2}\)|[a-z]\)|\([ivxlc]{1,6}\)|[ivxlc]{1,6}\))\s+(?=\S)/i;

function inlineText(node: MNode): { text: string; bold: boolean; chars: number; images: number } {
  let text = '';
  let images = 0;
  let chars = 0;
  let boldChars = 0;
  const walk = (n: MNode, bold: boolean): void => {
    switch (n.type) {
      case 'text': {
        text += n.value ?? '';
        const c = (n.value ?? '').replace(/\s/g, '').length;
        chars += c;
        if (bold) boldChars += c;
        return;
      }
      case 'tab':
      case 'break':
        text += ' ';
        return;
      case 'image':
        images++;
        return;
      case 'run':
        for (const c of n.children ?? []) walk(c, !!n.isBold);
        return;
      default:
        for (const c of n.children ?? []) walk(c, bold);
    }
  };
  walk(node, false);
  return { text: text.replace(/\s+/g, ' ').trim(), bold: chars > 0 && boldChars === chars, chars, images };
}

const TITLE_STYLE = /^title$/i;

/** Heading level of a paragraph style: Title is 1; "heading N" is N, or N + 1 under a Title. */
function headingLevel(styleName: string | null | undefined, titleOffset: number): number | undefined {
  if (!styleName) return undefined;
  if (TITLE_STYLE.test(styleName.trim())) return 1;
  const m = /^heading\s*(\d)$/i.exec(styleName.trim());
  return m ? Math.min(6, Math.max(1, Number(m[1]) + titleOffset)) : undefined;
}

function hasTitle(node: MNode): boolean {
  if (node.type === 'paragraph') return TITLE_STYLE.test((node.styleName ?? '').trim());
  return (node.children ?? []).some(hasTitle);
}

function docxSpan(paragraph: number, endParagraph = paragraph): DocxSpan {
  return { kind: 'docx', paragraph, endParagraph };
}

/** Walks mammoth's document into blocks, matching paragraphs to document.xml for their numbers. */
class BlockBuilder {
  blocks: Block[] = [];
  diagnostics: Diagnostic[] = [];
  private paragraph = 0;
  private xmlAt = 0;
  private headings: Array<{ level: number; text: string }> = [];
  private lead: string | undefined;

  constructor(
    private readonly xml: XmlParagraph[],
    private readonly titleOffset: number,
  ) {}

  /** The document.xml paragraph for a mammoth paragraph: the next one with the same text. */
  private match(text: string): XmlParagraph | undefined {
    for (let k = this.xmlAt; k < Math.min(this.xml.length, this.xmlAt + 200); k++) {
      if (this.xml[k]!.text === text) {
        this.xmlAt = k + 1;
        return this.xml[k];
      }
    }
    return undefined;
  }

  private sectionPath(): string[] {
    return this.headings.map((h) => h.text);
  }

  visit(node: MNode): void {
    if (node.type === 'paragraph') this.addParagraph(node);
    else if (node.type === 'table') this.addTable(node);
    else for (const c of node.children ?? []) this.visit(c);
  }

  private addParagraph(node: MNode): void {
    const { text, images } = inlineText(node);
    const index = this.paragraph++;
    const xml = this.match(text);
    for (let k = 0; k < images; k++) this.addImage(index);
    if (text.length === 0) return;
    const id = `b${this.blocks.length}`;
    const level = headingLevel(node.styleName, this.titleOffset);
    const label = xml?.label;
    if (level !== undefined) {
      const full = label && label !== '•' ? `${label} ${text}` : text;
      while (this.headings.length > 0 && this.headings[this.headings.length - 1]!.level >= level) this.headings.pop();
      this.blocks.push({ id, kind: 'heading', level, sectionPath: this.sectionPath(), text: full, runs: [{ start: 0, end: full.length, paragraph: index }], span: docxSpan(index) });
      this.headings.push({ level, text: full });
      this.lead = undefined;
      return;
    }
    const typed = TYPED_NUMBER.exec(text);
    if (node.numbering || label || typed) {
      const marker = label ?? (typed ? typed[1]! : node.numbering?.isOrdered ? undefined : '•');
      const body = typed && !label ? text.slice(typed[0].length) : text;
      const block: Block = { id, kind: 'list-item', sectionPath: this.sectionPath(), text: body, runs: [{ start: 0, end: body.length, paragraph: index }], span: docxSpan(index) };
      if (marker) block.marker = marker;
      block.depth = xml?.level ?? Number(node.numbering?.level ?? 0);
      if (this.lead) block.leadBlockId = this.lead;
      this.blocks.push(block);
      return;
    }
    this.blocks.push({ id, kind: 'paragraph', sectionPath: this.sectionPath(), text, runs: [{ start: 0, end: text.length, paragraph: index }], span: docxSpan(index) });
    this.lead = /:$/.test(text) ? id : undefined;
  }

  /** An image cannot be read (no OCR): a block for it and a warning, never silently skipped. */
  private addImage(index: number): void {
    const span = docxSpan(index);
    this.blocks.push({ id: `b${this.blocks.length}`, kind: 'image', sectionPath: this.sectionPath(), text: '', runs: [{ start: 0, end: 0, paragraph: index }], span });
    this.diagnostics.push({ code: 'CONTENT_IMAGE', severity: 'warning', message: `content not analysable (image) in paragraph ${index + 1}`, span });
  }

  private addTable(node: MNode): void {
    const rows: TableRow[] = [];
    const headerFlags: boolean[] = [];
    const first = this.paragraph;
    for (const row of node.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells: TableCell[] = [];
      for (const cell of row.children ?? []) {
        if (cell.type !== 'tableCell') continue;
        // a table counts one paragraph per cell (DocxSpan); the cell's own paragraphs still advance the xml match
        const index = this.paragraph++;
        const parts = (cell.children ?? []).filter((c) => c.type === 'paragraph').map((p) => inlineText(p));
        for (const p of parts) this.match(p.text);
        if (parts.some((p) => p.images > 0)) this.addImage(index);
        const text = parts.map((p) => p.text).filter((t) => t.length > 0).join(' ');
        const c: TableCell = { text, runs: text ? [{ start: 0, end: text.length, paragraph: index }] : [], span: docxSpan(index) };
        if (parts.some((p) => p.chars > 0) && parts.every((p) => p.chars === 0 || p.bold)) c.bold = true;
        if ((cell.colSpan ?? 1) > 1) c.colspan = cell.colSpan;
        if ((cell.rowSpan ?? 1) > 1) c.rowspan = cell.rowSpan;
        cells.push(c);
      }
      if (cells.length === 0) continue;
      const spanFirst = (cells[0]!.span as DocxSpan).paragraph;
      const spanLast = (cells[cells.length - 1]!.span as DocxSpan).paragraph;
      rows.push({ cells, span: docxSpan(spanFirst, spanLast) });
      headerFlags.push(!!row.isHeader);
    }
    if (rows.length === 0) return;
    // header rows: the ones Word marks as repeating headers, else the first row
    let headerCount = 0;
    while (headerCount < headerFlags.length && headerFlags[headerCount]) headerCount++;
    if (headerCount === 0 && rows.length > 1) headerCount = 1;
    const table: TableData = { header: rows.slice(0, headerCount), rows: rows.slice(headerCount), origin: 'docx' };
    this.blocks.push({ id: `b${this.blocks.length}`, kind: 'table', sectionPath: this.sectionPath(), text: '', runs: [], span: docxSpan(first, this.paragraph - 1), table });
    this.lead = undefined;
  }
}

function coreProperties(xml: string | undefined): Record<string, unknown> {
  if (!xml) return {};
  const out: Record<string, unknown> = {};
  for (const [key, tag] of [
    ['title', 'dc:title'],
    ['subject', 'dc:subject'],
    ['creator', 'dc:creator'],
    ['description', 'dc:description'],
    ['lastModifiedBy', 'cp:lastModifiedBy'],
    ['created', 'dcterms:created'],
    ['modified', 'dcterms:modified'],
  ] as const) {
    const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml);
    if (m && m[1]!.trim()) out[key] = decodeXmlText(m[1]!.trim());
  }
  return out;
}

/** Read a DOCX into a Document (role left to the caller to set). */
export async function ingestDocx(input: InputFile, options: IngestOptions): Promise<Omit<Document, 'role'>> {
  const { name, bytes } = input;
  const archive = openZip(bytes, name, { ...ZIP_DEFAULT_LIMITS, maxTotalBytes: Math.max(ZIP_DEFAULT_LIMITS.maxTotalBytes, (options.maxBytes ?? 0) * 4) });
  verifyZip(archive);
  const part = (p: string): string | undefined => {
    const b = archive.read(p);
    return b ? new TextDecoder().decode(b) : undefined;
  };
  const documentXml = part('word/document.xml');
  if (documentXml === undefined) throw new WarrantError('DOCX_CORRUPT', `${name} is not a readable DOCX: no word/document.xml in the package`, { file: name });
  const xmlParagraphs = numberParagraphs(documentXml, part('word/numbering.xml'), part('word/styles.xml'));

  // Loaded here, not at start-up: only a DOCX input needs it (issue 14 item 6: a CLI run on a Markdown card).
  const { default: mammoth } = await import('mammoth');
  let captured: MNode | undefined;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  // mammoth works in promise steps, so a timer can end the wait (the package is already verified small)
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WarrantError('PARSE_TIMEOUT', `${name}: DOCX reading took longer than ${timeoutMs} ms and was stopped`, { file: name })), timeoutMs);
  });
  try {
    await Promise.race([
      timeout,
      mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (doc: MNode) => {
          captured = doc;
          return doc;
        },
      },
    )]);
  } catch (cause) {
    if (isWarrantError(cause)) throw cause;
    throw new WarrantError('DOCX_CORRUPT', `${name} is not a readable DOCX: ${(cause as Error).message ?? String(cause)}`, { file: name, cause });
  } finally {
    clearTimeout(timer);
  }
  if (!captured) throw new WarrantError('DOCX_CORRUPT', `${name} is not a readable DOCX: no document body`, { file: name });
  const builder = new BlockBuilder(xmlParagraphs, hasTitle(captured) ? 1 : 0);
  builder.visit(captured);
  return {
    id: createHash('sha256').update(bytes).digest('hex'),
    name,
    mediaType: DOCX_MEDIA_TYPE,
    metadata: coreProperties(part('docProps/core.xml')),
    blocks: builder.blocks,
    diagnostics: builder.diagnostics,
  };
}
