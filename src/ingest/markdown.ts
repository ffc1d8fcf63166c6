/**
 * Markdown reader: unified + remark-parse + remark-gfm + remark-frontmatter (markdown-parser.mjs), YAML
 * front matter through `yaml` (src/text/yaml.ts). Walks mdast positions to build each block's plain text and its offset map
 * (no re-parse); raw HTML tables and <details> go through html-table.ts.
 */
import { frontMatterLength, parseMarkdownTree } from './markdown-parser.mjs';
import { parseDocument } from '../text/yaml.ts';
import { readBlockYaml } from '../text/yaml-block.ts';
import { Worker } from 'node:worker_threads';
import { WarrantError } from '../model/errors.ts';
import type { Nodes, Parent, PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast';
import type { Block, BlockKind, Diagnostic, Document, SourceRun, TableCell, TableData, TableRow } from '../model/types.ts';
import { LINE_BREAK, TextBuilder, lineStartsOf, removeRanges, shiftRuns, textSpanOf, trimmed } from './runs.ts';
import { readHtml, unclosed, type HtmlItem } from './html-table.ts';

/** What the Markdown reader yields: a document without its role. */
export type MarkdownDocument = Omit<Document, 'role' | 'id' | 'name' | 'mediaType'>;

interface Ctx {
  source: string;
  /** The text the parser read: `source` with runaway emphasis runs masked (same length). */
  masked: string;
  lineStarts: number[];
  blocks: Block[];
  headings: Array<{ level: number; text: string }>;
  /** Lengths of `headings` when each open <details> began. */
  details: number[];
  diagnostics: Diagnostic[];
  metadata: Record<string, unknown>;
}


function startOf(n: Nodes): number {
  return n.position?.start.offset ?? 0;
}
function endOf(n: Nodes): number {
  return n.position?.end.offset ?? 0;
}

function addBlock(ctx: Ctx, kind: BlockKind, text: string, runs: SourceRun[], start: number, end: number, extra: Partial<Block> = {}): Block {
  const block: Block = {
    id: `b${ctx.blocks.length}`,
    kind,
    sectionPath: ctx.headings.map((h) => h.text),
    text,
    runs,
    span: textSpanOf(ctx.lineStarts, start, Math.max(start, end)),
    ...extra,
  };
  if (ctx.details.length > 0) block.collapsed = true;
  ctx.blocks.push(block);
  return block;
}

interface Image {
  alt: string;
  start: number;
  end: number;
}

/** What masked delimiters become while parsing: inert punctuation that opens no markup. */
const MASK = ',';
/** Delimiters of one kind an inline context may hold before they are read as literal text. */
const MAX_DELIMITERS = 200;
const EMPHASIS = /[*_]/g;
const BRACKETS = /[[\]]/g;
const RUN = /([*_[\]])\1{16,}/g;
/** Line prefixes that carry block structure and are never masked: indentation, quotes, list markers. */
const LINE_PREFIX = /^(?:[ \t]*>)*[ \t]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?/;
const THEMATIC_BREAK = /^[ \t]*([*_-])(?:[ \t]*\1){2,}[ \t]*$/;

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

function maskLine(line: string, emphasis: boolean, brackets: boolean): string {
  if (THEMATIC_BREAK.test(line)) return line;
  const prefix = LINE_PREFIX.exec(line)![0];
  let rest = line.slice(prefix.length).replace(RUN, (m) => MASK.repeat(m.length));
  if (emphasis) rest = rest.replace(EMPHASIS, MASK);
  if (brackets) rest = rest.replace(BRACKETS, MASK);
  return prefix + rest;
}

/**
 * Mask emphasis and link delimiters where the parser's matching goes quadratic: runs of more than
 * 16, and inline contexts (a paragraph, or one table line) holding more than 200 of a kind. Such
 * input is never real prose (a 100 kB run takes minutes to parse); its delimiters stay literal text
 * (restoreMasked puts them back). Same length as the source, so positions stay valid.
 */
function maskRunaway(source: string): string {
  RUN.lastIndex = 0;
  if (!RUN.test(source) && count(source, EMPHASIS) <= MAX_DELIMITERS && count(source, BRACKETS) <= MAX_DELIMITERS) return source;
  return source.replace(/(?:[^\n]*\S[^\n]*(?:\n|$))+/g, (chunk) => {
    const lines = chunk.split('\n');
    const prose = lines.filter((l) => !l.includes('|')).join('\n');
    const proseEmphasis = count(prose, EMPHASIS) > MAX_DELIMITERS;
    const proseBrackets = count(prose, BRACKETS) > MAX_DELIMITERS;
    return lines
      .map((l) => (l.includes('|') ? maskLine(l, count(l, EMPHASIS) > MAX_DELIMITERS, count(l, BRACKETS) > MAX_DELIMITERS) : maskLine(l, proseEmphasis, proseBrackets)))
      .join('\n');
  });
}

/** Put masked delimiters back into text built from the masked parse (runs give the positions). */
function restoreMasked(text: string, runs: readonly SourceRun[], ctx: Ctx): string {
  if (ctx.masked === ctx.source) return text;
  const units = text.split('');
  restoreUnits(units, runs, ctx);
  return units.join('');
}

function restoreUnits(units: string[], runs: readonly SourceRun[], ctx: Ctx): void {
  for (const r of runs) {
    if (r.sourceOffset === undefined) continue;
    for (let k = 0; k < r.end - r.start; k++) {
      const at = r.sourceOffset + k;
      if (ctx.masked[at] !== ctx.source[at]) units[r.start + k] = ctx.source[at]!;
    }
  }
}

/** A code or front-matter value as written in the source (the parse saw the masked text). */
function original(value: string, start: number, end: number, ctx: Ctx): string {
  if (ctx.masked === ctx.source) return value;
  const at = ctx.masked.indexOf(value, start);
  return at >= 0 && at + value.length <= end ? ctx.source.slice(at, at + value.length) : value;
}

/**
 * Link markup the parser left as text because it is malformed ("[blogpost]((https://...)", a stray
 * parenthesis; GFM may still have made the address an autolink): it reads as its link text.
 */
const LITERAL_LINK = /\[([^\[\]\n]{1,200})\]\(\(?\s*(?:https?:\/\/|www\.|#|\.{0,2}\/)[^\s()]*\)\)?/g;

/** Text and runs with literal link markup reduced to the link text (see LITERAL_LINK). */
function literalLinksAsText(t: { text: string; runs: SourceRun[] }): { text: string; runs: SourceRun[] } {
  if (!t.text.includes('](')) return t;
  const drop: Array<[number, number]> = [];
  LITERAL_LINK.lastIndex = 0;
  for (let m = LITERAL_LINK.exec(t.text); m; m = LITERAL_LINK.exec(t.text)) {
    drop.push([m.index, m.index + 1], [m.index + 1 + m[1]!.length, m.index + m[0].length]);
  }
  return drop.length ? removeRanges(t.text, t.runs, drop) : t;
}

/** Append the plain text of inline content to a builder; images are collected, not written. */
function inline(nodes: readonly PhrasingContent[], ctx: Ctx, b: TextBuilder, images: Image[]): void {
  for (const n of nodes) {
    switch (n.type) {
      case 'text': {
        const s = startOf(n);
        b.pushAligned(n.value, ctx.masked.slice(s, endOf(n)), s);
        break;
      }
      case 'inlineCode': {
        const s = startOf(n);
        const raw = ctx.masked.slice(s, endOf(n));
        const at = raw.indexOf(n.value);
        if (at >= 0) b.push(n.value, s + at);
        else b.pushAligned(n.value, raw, s);
        break;
      }
      case 'break':
        b.pushSynthetic(LINE_BREAK);
        break;
      case 'image':
      case 'imageReference':
        images.push({ alt: (n.alt ?? '').trim(), start: startOf(n), end: endOf(n) });
        break;
      case 'html': {
        if (/^<br\s*\/?>$/i.test(n.value.trim())) b.pushSynthetic(LINE_BREAK);
        if (/^<img\b/i.test(n.value.trim())) {
          const alt = /\balt\s*=\s*(["'])(.*?)\1/is.exec(n.value);
          images.push({ alt: alt ? alt[2]!.trim() : '', start: startOf(n), end: endOf(n) });
        }
        break;
      }
      case 'footnoteReference':
        break;
      default:
        if ('children' in n) inline(n.children as PhrasingContent[], ctx, b, images);
    }
  }
}

function inlineText(nodes: readonly PhrasingContent[], ctx: Ctx, images: Image[] = []): { text: string; runs: SourceRun[] } {
  const b = new TextBuilder();
  inline(nodes, ctx, b, images);
  return literalLinksAsText(trimmed(restoreMasked(b.text, b.runs, ctx), b.runs));
}

function pushHeading(ctx: Ctx, level: number, text: string): void {
  while (ctx.headings.length > 0 && ctx.headings[ctx.headings.length - 1]!.level >= level) ctx.headings.pop();
  ctx.headings.push({ level, text });
}

function cellBold(children: readonly PhrasingContent[]): boolean {
  const meaningful = children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  return meaningful.length === 1 && meaningful[0]!.type === 'strong';
}

function gfmTable(node: MdTable, ctx: Ctx): TableData {
  const rows: TableRow[] = node.children.filter((r) => !isMaskedSuppressionRow(r, ctx)).map((r) => ({
    cells: r.children.map((c): TableCell => {
      const t = inlineText(c.children, ctx);
      const cell: TableCell = { text: t.text, runs: t.runs, span: textSpanOf(ctx.lineStarts, startOf(c), endOf(c)) };
      if (cellBold(c.children)) cell.bold = true;
      return cell;
    }),
    span: textSpanOf(ctx.lineStarts, startOf(r), endOf(r)),
  }));
  return { header: rows.slice(0, 1), rows: rows.slice(1), origin: 'gfm' };
}

function headingLevelForSummary(ctx: Ctx): number {
  const last = ctx.headings[ctx.headings.length - 1];
  return Math.min(6, (last?.level ?? 0) + 1);
}

function htmlItems(items: HtmlItem[], ctx: Ctx): void {
  for (const it of items) {
    switch (it.type) {
      case 'details-open':
        ctx.details.push(ctx.headings.length);
        break;
      case 'details-close': {
        const n = ctx.details.pop();
        if (n !== undefined) ctx.headings.length = Math.min(ctx.headings.length, n);
        break;
      }
      case 'summary': {
        const level = headingLevelForSummary(ctx);
        addBlock(ctx, 'heading', it.text, it.runs, it.start, it.end, { level });
        pushHeading(ctx, level, it.text);
        break;
      }
      case 'heading':
        addBlock(ctx, 'heading', it.text, it.runs, it.start, it.end, { level: it.level });
        pushHeading(ctx, it.level, it.text);
        break;
      case 'image':
        addBlock(ctx, 'image', it.text, it.runs, it.start, it.end);
        break;
      case 'paragraph':
        addBlock(ctx, 'paragraph', it.text, it.runs, it.start, it.end);
        break;
      case 'table':
        addBlock(ctx, 'table', '', [], it.start, it.end, { table: it.table });
        break;
    }
  }
}

/** Offset just past the `</tag>` that closes the element opened at `from` (nesting counted), or -1. */
function closingOffset(source: string, from: number, tag: string): number {
  const re = new RegExp(`<(/?)${tag}(?=[\\s>/])[^>]*>`, 'gi');
  re.lastIndex = from;
  let depth = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    depth += m[1] ? -1 : 1;
    if (depth <= 0) return m.index + m[0].length;
  }
  return -1;
}

function html(node: { value: string; position?: Nodes['position'] }, ctx: Ctx): number {
  const s = node.position?.start.offset ?? 0;
  let e = node.position?.end.offset ?? s;
  if (unclosed(node.value, 'table')) {
    const close = closingOffset(ctx.source, s, 'table');
    if (close > 0) e = close;
  }
  const fragment = ctx.source.slice(s, e);
  const opens = (fragment.match(/<details[\s>]/gi) ?? []).length;
  const closes = (fragment.match(/<\/details\s*>/gi) ?? []).length;
  let items = readHtml(fragment, s, ctx.lineStarts);
  if (opens > closes) {
    // the element stays open past this node: drop the closes parse5 invented at the end
    let drop = opens - closes;
    const kept: HtmlItem[] = [];
    for (let i = items.length - 1; i >= 0; i--) {
      const it = items[i]!;
      if (drop > 0 && it.type === 'details-close') {
        drop--;
        continue;
      }
      kept.unshift(it);
    }
    items = kept;
  }
  htmlItems(items, ctx);
  for (let i = 0; i < closes - opens; i++) htmlItems([{ type: 'details-close', start: e, end: e }], ctx);
  return e;
}

interface ListCtx {
  depth: number;
  marker?: string;
  leadBlockId?: string;
}

function paragraph(children: readonly PhrasingContent[], start: number, end: number, ctx: Ctx, list?: ListCtx): void {
  const images: Image[] = [];
  let t = inlineText(children, ctx, images);
  const extra: Partial<Block> = {};
  // an escaped list marker ("1\\. Llama 4 ...") still numbers the paragraph, it is not its text
  const numbered = list ? null : ESCAPED_MARKER.exec(t.text);
  if (numbered) {
    extra.marker = numbered[1]!;
    t = { text: t.text.slice(numbered[0].length), runs: shiftRuns(t.runs, numbered[0].length, t.text.length) };
  }
  if (t.text) {
    const label = boldLabel(children, ctx);
    if (label) extra.label = label;
    if (onlyLink(children)) extra.linkOnly = true;
    if (list) {
      extra.depth = list.depth;
      if (list.marker !== undefined) extra.marker = list.marker;
      if (list.leadBlockId) extra.leadBlockId = list.leadBlockId;
      list.marker = undefined;
    }
    addBlock(ctx, list ? 'list-item' : 'paragraph', t.text, t.runs, start, end, extra);
  }
  for (const im of images) {
    const b = new TextBuilder();
    const raw = ctx.source.slice(im.start, im.end);
    const at = im.alt ? raw.indexOf(im.alt) : -1;
    if (at >= 0) b.push(im.alt, im.start + at);
    else b.push(im.alt);
    addBlock(ctx, 'image', b.text, b.runs, im.start, im.end);
  }
}

const ESCAPED_MARKER = /^(\d{1,3}[.)])[ \t]+(?=\S)/;

const ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;

/** A paragraph that is only a DocFX include directive (Microsoft Learn pages). */
const INCLUDE = /^\s*\[!INCLUDE\s*\[[^\]\n]*\]\([^)\n]*\)\s*\]\s*$/i;

/** The phrasing is one link (possibly inside emphasis), with nothing but spaces and closing punctuation around it. */
function onlyLink(children: readonly PhrasingContent[]): boolean {
  const meaningful = children.filter((c) => !(c.type === 'text' && /^[\s.;,]*$/.test(c.value)));
  if (meaningful.length !== 1) return false;
  const only = meaningful[0]!;
  if (only.type === 'link' || only.type === 'linkReference') return true;
  return (only.type === 'strong' || only.type === 'emphasis') && onlyLink(only.children);
}

/** "**Model Developers** Meta": the bold words that open a paragraph and label what follows. */
function boldLabel(children: readonly PhrasingContent[], ctx: Ctx): string | undefined {
  const first = children.findIndex((c) => !(c.type === 'text' && !c.value.trim()));
  const strong = children[first];
  if (!strong || strong.type !== 'strong') return undefined;
  const rest = inlineText(children.slice(first + 1), ctx).text;
  if (!rest || /^[.!?]/.test(rest)) return undefined;
  const label = inlineText(strong.children, ctx).text.replace(/\s*:$/, '').replace(/\s+/g, ' ');
  if (!label || label.length > 60 || label.split(' ').length > 8 || /[.!?]$/.test(label)) return undefined;
  return label;
}

const MARKER = /^\s*(\d{1,9}[.)]|[-*+])/;

function walk(nodes: readonly RootContent[], ctx: Ctx, list?: ListCtx): void {
  let skipUntil = -1;
  for (const n of nodes) {
    if (startOf(n) < skipUntil) continue;
    switch (n.type) {
      case 'yaml':
        frontMatter(original(n.value, startOf(n), endOf(n), ctx), n.position?.start.line ?? 1, ctx);
        break;
      case 'heading': {
        const t = inlineText(n.children, ctx);
        if (!t.text) break;
        addBlock(ctx, 'heading', t.text, t.runs, startOf(n), endOf(n), { level: n.depth });
        pushHeading(ctx, n.depth, t.text);
        break;
      }
      case 'paragraph':
        // a DocFX include ("[!INCLUDE [name](../includes/name.md)]") stands for text kept in another file
        if (INCLUDE.test(ctx.source.slice(startOf(n), endOf(n)))) break;
        paragraph(n.children, startOf(n), endOf(n), ctx, list);
        break;
      case 'list': {
        const prev = ctx.blocks[ctx.blocks.length - 1];
        const lead = prev && (prev.kind === 'paragraph' || prev.kind === 'list-item') && /:\s*$/.test(prev.text) ? prev.id : undefined;
        const depth = list ? list.depth + 1 : 0;
        for (const item of n.children) {
          const m = MARKER.exec(ctx.source.slice(startOf(item), startOf(item) + 12));
          const itemCtx: ListCtx = { depth, marker: m ? m[1] : undefined, leadBlockId: lead };
          walk(item.children, ctx, itemCtx);
        }
        break;
      }
      case 'table':
        addBlock(ctx, 'table', '', [], startOf(n), endOf(n), { table: gfmTable(n, ctx) });
        break;
      case 'code': {
        const s = startOf(n);
        const raw = ctx.source.slice(s, endOf(n));
        const value = original(n.value, s, endOf(n), ctx);
        const at = raw.indexOf(value);
        let runs: SourceRun[] = at >= 0 && value ? [{ start: 0, end: value.length, sourceOffset: s + at }] : [];
        if (at < 0 && value) {
          // indented code loses each line's indentation: map it line by line
          const b = new TextBuilder();
          b.pushAligned(value, raw, s);
          runs = b.runs;
        }
        addBlock(ctx, 'code', value, runs, s, endOf(n), n.lang ? { lang: n.lang } : {});
        break;
      }
      case 'html':
        skipUntil = html(n, ctx);
        break;
      case 'blockquote': {
        const first = ctx.blocks.length;
        walk(n.children, ctx, list);
        // a GitHub alert ("> [!NOTE]") keeps its kind out of the text
        const b = ctx.blocks[first];
        const alert = b ? ALERT.exec(b.text) : null;
        if (b && alert) {
          b.text = b.text.slice(alert[0].length);
          b.runs = shiftRuns(b.runs, alert[0].length, alert[0].length + b.text.length);
        }
        break;
      }
      case 'footnoteDefinition':
        walk(n.children, ctx, list);
        break;
      default:
        if ('children' in n && n.type !== 'tableRow' && n.type !== 'tableCell') walk((n as Parent).children as RootContent[], ctx, list);
    }
  }
}

function frontMatter(value: string, fenceLine: number, ctx: Ctx): void {
  // Plain block YAML (most front matter, and the model-index blocks that make some cards large) is read
  // in one pass; anything else, and every error, goes through \`yaml\`.
  const plain = readBlockYaml(value);
  if (plain) {
    Object.assign(ctx.metadata, plain);
    return;
  }
  const doc = parseDocument(value, { prettyErrors: true, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const line = fenceLine + (err.linePos?.[0].line ?? 1);
    const offset = ctx.lineStarts[line - 1] ?? 0;
    ctx.diagnostics.push({
      code: 'FRONT_MATTER_INVALID',
      severity: 'warning',
      message: `YAML front matter is invalid at line ${line}: ${err.message.split('\n')[0]!.replace(/\s*at line \d+, column \d+:?\s*$/, '')}; the body was still analysed`,
      span: textSpanOf(ctx.lineStarts, offset, offset),
    });
    return;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    // An alias bomb ("billion laughs") or an alias to nothing: yaml throws; the card's body still counts (issue 17).
    const offset = ctx.lineStarts[fenceLine - 1] ?? 0;
    ctx.diagnostics.push({ code: 'FRONT_MATTER_INVALID', severity: 'warning', message: `YAML front matter at line ${fenceLine} cannot be read: ${String((cause as Error).message).split('\n')[0]}; ignored, the body was still analysed`, span: textSpanOf(ctx.lineStarts, offset, offset) });
    return;
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) Object.assign(ctx.metadata, data as Record<string, unknown>);
  else if (data !== null && data !== undefined) {
    const offset = ctx.lineStarts[fenceLine - 1] ?? 0;
    ctx.diagnostics.push({ code: 'FRONT_MATTER_INVALID', severity: 'warning', message: `YAML front matter at line ${fenceLine} is not a mapping; ignored`, span: textSpanOf(ctx.lineStarts, offset, offset) });
  }
}

const SUPPRESSION_LINE = /^[ \t]*<!--\s*warrant-disable-next-line\b[^\n]*-->[ \t]*$/;

/**
 * A `warrant-disable-next-line` comment between two table rows would end a GFM table (an HTML block
 * interrupts it), turning the rows below into a paragraph (issue 16). For the parse only, such a line
 * becomes an empty row of the same length (positions stay valid); gfmTable drops it again by its source.
 */
function maskTableSuppressions(source: string): string {
  if (!source.includes('warrant-disable-next-line')) return source;
  const lines = source.split('\n');
  let changed = false;
  for (let i = 1; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (!SUPPRESSION_LINE.test(line) || !lines[i - 1]!.trimStart().startsWith('|') || !lines[i + 1]!.trimStart().startsWith('|')) continue;
    lines[i] = `|${' '.repeat(Math.max(0, line.length - 1))}`;
    changed = true;
  }
  return changed ? lines.join('\n') : source;
}

/** A table row the parse saw only because a suppression comment was masked as one. */
function isMaskedSuppressionRow(r: Nodes, ctx: Ctx): boolean {
  return SUPPRESSION_LINE.test(ctx.source.slice(startOf(r), endOf(r)));
}

function fromTree(source: string, masked: string, tree: Root): MarkdownDocument {
  const ctx: Ctx = { source, masked, lineStarts: lineStartsOf(source), blocks: [], headings: [], details: [], diagnostics: [], metadata: {} };
  walk(tree.children, ctx);
  return { metadata: ctx.metadata, blocks: ctx.blocks, lineStarts: ctx.lineStarts, diagnostics: ctx.diagnostics };
}

/** Parse decoded Markdown into blocks, metadata, line starts and diagnostics (in this thread). */
export function readMarkdown(source: string): MarkdownDocument {
  const masked = maskTableSuppressions(maskRunaway(source));
  return fromTree(source, masked, parseMarkdownTree(masked));
}

/** Limits of a Markdown read. */
export interface MarkdownLimits {
  /** Wall time for parsing, ms; parsing runs in a worker thread for inputs over `workerThreshold`. */
  timeoutMs: number;
  /** Sources longer than this (UTF-16 units) are parsed in a worker that the timeout can stop. */
  workerThreshold: number;
}

/** Default limits: parse in-thread up to 64 KiB (real cards), in a worker with a 20 s timeout above. */
export const MARKDOWN_DEFAULT_LIMITS: MarkdownLimits = { timeoutMs: 20_000, workerThreshold: 64 * 1024 };

const WORKER_URL = new URL('./markdown-worker.mjs', import.meta.url);

type WorkerReply = { ok: true; tree: Root } | { ok: false; nesting: boolean; message: string };

/** Length of the YAML front matter block at the start of a source (markdown-parser.mjs). */
export { frontMatterLength };

/**
 * Parse Markdown like readMarkdown, in a worker with a timeout when the source is large. Throws WarrantError.
 * The size that counts is the source after its front matter: the parser reads a front matter block in
 * linear time, so a card whose front matter holds hundreds of results (a model-index) is parsed in-thread
 * (starting a worker and its parser costs more than the parse; same tree either way).
 */
export async function readMarkdownLimited(source: string, name: string, limits: MarkdownLimits = MARKDOWN_DEFAULT_LIMITS): Promise<MarkdownDocument> {
  const masked = maskTableSuppressions(maskRunaway(source));
  if (source.length <= limits.workerThreshold || source.length - frontMatterLength(masked) <= limits.workerThreshold) return fromTree(source, masked, parseMarkdownTree(masked));
  const tree = await new Promise<Root>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { source: masked }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new WarrantError('PARSE_TIMEOUT', `${name}: Markdown parsing took longer than ${limits.timeoutMs} ms and was stopped`, { file: name })));
    }, limits.timeoutMs);
    worker.on('message', (msg: WorkerReply) => {
      finish(() => {
        if (msg.ok) resolve(msg.tree);
        else if (msg.nesting) reject(new RangeError(msg.message));
        else reject(new WarrantError('INTERNAL', `${name}: Markdown parsing failed: ${msg.message}`, { file: name }));
      });
    });
    worker.on('error', (err) => finish(() => reject(err instanceof RangeError ? err : new WarrantError('INTERNAL', `${name}: Markdown parsing failed: ${err.message}`, { file: name, cause: err }))));
    worker.on('exit', (code) => finish(() => reject(new WarrantError('INTERNAL', `${name}: the Markdown worker stopped (exit code ${code})`, { file: name }))));
  });
  return fromTree(source, masked, tree);
}
