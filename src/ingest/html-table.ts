/**
 * Raw HTML inside Markdown (parse5): tables with colspan/rowspan, <br> and bold cells,
 * <details>/<summary>, headings, images and loose text. Returns items in document order with
 * runs into the Markdown source; the Markdown reader turns them into blocks.
 */
import { createRequire } from 'node:module';
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { SourceRun, TableCell, TableData, TableRow } from '../model/types.ts';
import { LINE_BREAK, TextBuilder, textSpanOf, trimmed } from './runs.ts';

/**
 * parse5, loaded on the first fragment of raw HTML (most documents have none, and loading it is ~40 ms
 * of a CLI start, issue 14 item 6). This stays parse5's one import site; the require is synchronous
 * because the Markdown reader walks its tree synchronously.
 */
let parse5: typeof import('parse5') | undefined;
function parseFragment(html: string, options: { sourceCodeLocationInfo: boolean }): DefaultTreeAdapterTypes.DocumentFragment {
  parse5 ??= createRequire(import.meta.url)('parse5') as typeof import('parse5');
  return parse5.parseFragment(html, options);
}

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type TextNode = DefaultTreeAdapterTypes.TextNode;

/** One piece of structure found in raw HTML. */
export type HtmlItem =
  | { type: 'paragraph' | 'summary'; text: string; runs: SourceRun[]; start: number; end: number }
  | { type: 'heading'; level: number; text: string; runs: SourceRun[]; start: number; end: number }
  | { type: 'image'; text: string; runs: SourceRun[]; start: number; end: number }
  | { type: 'table'; table: TableData; start: number; end: number }
  | { type: 'details-open' | 'details-close'; start: number; end: number };

const SKIP = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'math']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'center', 'blockquote',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'hr', 'pre', 'figure', 'figcaption', 'body', 'html', 'tr', 'td', 'th',
]);
const HEADING = /^h([1-6])$/;

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}
function isText(n: Node): n is TextNode {
  return n.nodeName === '#text';
}
function childrenOf(n: Node): Node[] {
  if (n.nodeName === 'template') return (n as DefaultTreeAdapterTypes.Template).content.childNodes;
  return 'childNodes' in n ? (n.childNodes as Node[]) : [];
}
function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Nesting depth past which subtrees are read as flat text (no recursion). */
const MAX_DEPTH = 100;

/** Append every text node under `node` to a builder, without recursion (for absurdly deep trees). */
function flatText(node: Node, html: string, base: number, b: TextBuilder): void {
  const stack: Node[] = [...childrenOf(node)].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) {
      const loc = n.sourceCodeLocation;
      if (loc) b.pushAligned(n.value, html.slice(loc.startOffset, loc.endOffset), base + loc.startOffset);
      else b.push(n.value);
    } else if (isElement(n) && !SKIP.has(n.tagName)) {
      const kids = childrenOf(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
}

/** Collects inline text of a subtree into a builder; returns true when every non-blank text was inside <b>/<strong>. */
function collectInline(node: Node, html: string, base: number, b: TextBuilder, bold = false, acc = { all: true, any: false }, depth = 0): { all: boolean; any: boolean } {
  if (depth > MAX_DEPTH) {
    const before = b.text.length;
    flatText(node, html, base, b);
    if (b.text.slice(before).trim()) {
      acc.any = true;
      if (!bold) acc.all = false;
    }
    return acc;
  }
  for (const c of childrenOf(node)) {
    if (isText(c)) {
      const loc = c.sourceCodeLocation;
      if (loc) b.pushAligned(c.value, html.slice(loc.startOffset, loc.endOffset), base + loc.startOffset);
      else b.push(c.value);
      if (c.value.trim()) {
        acc.any = true;
        if (!bold) acc.all = false;
      }
    } else if (isElement(c)) {
      if (SKIP.has(c.tagName)) continue;
      if (c.tagName === 'br') {
        b.pushSynthetic(LINE_BREAK);
        continue;
      }
      if (c.tagName === 'img') continue;
      const isBlock = BLOCK.has(c.tagName) || HEADING.test(c.tagName);
      if (isBlock && b.text && !/\s$/.test(b.text)) b.pushSynthetic(' ');
      collectInline(c, html, base, b, bold || c.tagName === 'b' || c.tagName === 'strong', acc, depth + 1);
      if (isBlock && b.text && !/\s$/.test(b.text)) b.pushSynthetic(' ');
    }
  }
  return acc;
}

function locOf(n: Node, fallback: { start: number; end: number }): { start: number; end: number } {
  const loc = (n as { sourceCodeLocation?: { startOffset: number; endOffset: number } | null }).sourceCodeLocation;
  return loc ? { start: loc.startOffset, end: loc.endOffset } : fallback;
}

function hasLocation(n: Node): boolean {
  return Boolean((n as { sourceCodeLocation?: unknown }).sourceCodeLocation);
}

function rowsOf(table: Element): Array<{ tr: Element; inHead: boolean }> {
  const out: Array<{ tr: Element; inHead: boolean }> = [];
  const visit = (n: Node, inHead: boolean): void => {
    for (const c of childrenOf(n)) {
      if (!isElement(c)) continue;
      if (c.tagName === 'tr') out.push({ tr: c, inHead });
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') visit(c, c.tagName === 'thead');
    }
  };
  visit(table, false);
  return out;
}

function readTable(table: Element, html: string, base: number, lineStarts: readonly number[]): TableData {
  const tableLoc = locOf(table, { start: 0, end: html.length });
  const rows: Array<{ row: TableRow; inHead: boolean; allTh: boolean; allBold: boolean }> = [];
  for (const { tr, inHead } of rowsOf(table)) {
    const trLoc = locOf(tr, tableLoc);
    // A row the parser inserted (no <tr> in the source) has no location: its cells bound it instead.
    const cellBounds = { start: Infinity, end: -Infinity };
    const cells: TableCell[] = [];
    let allTh = true;
    let allBold = true;
    let nonEmpty = 0;
    for (const c of childrenOf(tr)) {
      if (!isElement(c) || (c.tagName !== 'td' && c.tagName !== 'th')) continue;
      const b = new TextBuilder();
      const { all, any } = collectInline(c, html, base, b, false);
      const t = trimmed(b.text, b.runs);
      const loc = locOf(c, trLoc);
      cellBounds.start = Math.min(cellBounds.start, loc.start);
      cellBounds.end = Math.max(cellBounds.end, loc.end);
      const cell: TableCell = { text: t.text, runs: t.runs, span: textSpanOf(lineStarts, base + loc.start, base + loc.end) };
      if (any && all) cell.bold = true;
      const colspan = Number(attr(c, 'colspan'));
      const rowspan = Number(attr(c, 'rowspan'));
      if (colspan > 1) cell.colspan = Math.min(colspan, 1000);
      if (rowspan > 1) cell.rowspan = Math.min(rowspan, 10000);
      if (c.tagName !== 'th') allTh = false;
      if (t.text) {
        nonEmpty++;
        if (!cell.bold && c.tagName !== 'th') allBold = false;
      }
      cells.push(cell);
    }
    if (cells.length === 0) continue;
    const rowLoc = hasLocation(tr) ? trLoc : cellBounds;
    rows.push({ row: { cells, span: textSpanOf(lineStarts, base + rowLoc.start, base + rowLoc.end) }, inHead, allTh, allBold: allBold && nonEmpty > 0 });
  }
  let headCount = 0;
  if (rows.some((r) => r.inHead)) {
    while (headCount < rows.length && rows[headCount]!.inHead) headCount++;
  } else {
    while (headCount < rows.length && rows[headCount]!.allTh) headCount++;
    if (headCount === 0 && rows.length > 1 && rows[0]!.allBold && !rows[1]!.allBold) headCount = 1;
  }
  return { header: rows.slice(0, headCount).map((r) => r.row), rows: rows.slice(headCount).map((r) => r.row), origin: 'html' };
}

/** Read a fragment of raw HTML that starts at `base` in the source. */
export function readHtml(html: string, base: number, lineStarts: readonly number[]): HtmlItem[] {
  const items: HtmlItem[] = [];
  const frag = parseFragment(html, { sourceCodeLocationInfo: true });
  let cur: TextBuilder | null = null;
  let curStart = 0;
  let curEnd = 0;
  const flush = (): void => {
    if (cur) {
      const t = trimmed(cur.text, cur.runs);
      if (t.text) items.push({ type: 'paragraph', text: t.text, runs: t.runs, start: base + curStart, end: base + curEnd });
    }
    cur = null;
  };
  const inlineItem = (el: Element): { text: string; runs: SourceRun[]; start: number; end: number } => {
    const b = new TextBuilder();
    collectInline(el, html, base, b);
    const t = trimmed(b.text, b.runs);
    const loc = locOf(el, { start: 0, end: html.length });
    return { ...t, start: base + loc.start, end: base + loc.end };
  };
  const walk = (node: Node, depth = 0): void => {
    if (depth > MAX_DEPTH) {
      if (!cur) {
        cur = new TextBuilder();
        curStart = locOf(node, { start: 0, end: html.length }).start;
      }
      flatText(node, html, base, cur);
      curEnd = Math.max(curEnd, locOf(node, { start: 0, end: html.length }).end);
      return;
    }
    for (const c of childrenOf(node)) {
      if (isText(c)) {
        if (!c.value.trim() && !cur) continue;
        const loc = locOf(c, { start: 0, end: html.length });
        if (!cur) {
          cur = new TextBuilder();
          curStart = loc.start;
        }
        curEnd = loc.end;
        cur.pushAligned(c.value, html.slice(loc.start, loc.end), base + loc.start);
        continue;
      }
      if (!isElement(c) || SKIP.has(c.tagName)) continue;
      const tag = c.tagName;
      const loc = locOf(c, { start: 0, end: html.length });
      const h = HEADING.exec(tag);
      if (tag === 'br') {
        cur?.pushSynthetic(LINE_BREAK);
      } else if (tag === 'img') {
        // every image is a block, alt text or not: a later stage reports claims it cannot read
        const alt = attr(c, 'alt')?.trim() ?? '';
        const b = new TextBuilder();
        const at = alt ? html.indexOf(alt, loc.start) : -1;
        if (at >= 0 && at < loc.end) b.push(alt, base + at);
        else b.push(alt);
        flush();
        items.push({ type: 'image', text: b.text, runs: b.runs, start: base + loc.start, end: base + loc.end });
      } else if (tag === 'table') {
        flush();
        items.push({ type: 'table', table: readTable(c, html, base, lineStarts), start: base + loc.start, end: base + loc.end });
      } else if (tag === 'details') {
        flush();
        items.push({ type: 'details-open', start: base + loc.start, end: base + loc.start });
        walk(c, depth + 1);
        flush();
        items.push({ type: 'details-close', start: base + loc.end, end: base + loc.end });
      } else if (tag === 'summary') {
        flush();
        const it = inlineItem(c);
        if (it.text) items.push({ type: 'summary', ...it });
      } else if (h) {
        flush();
        const it = inlineItem(c);
        if (it.text) items.push({ type: 'heading', level: Number(h[1]), ...it });
      } else if (BLOCK.has(tag)) {
        flush();
        walk(c, depth + 1);
        flush();
      } else {
        if (!cur) {
          cur = new TextBuilder();
          curStart = loc.start;
        }
        walk(c, depth + 1);
        curEnd = Math.max(curEnd, loc.end);
      }
    }
  };
  walk(frag);
  flush();
  return inSourceOrder(items);
}

/**
 * parse5 moves text out of misplaced table tags ("<tr>a<td>b" outside a table yields "b" before "a"), so loose
 * paragraphs next to each other can come out of source order: each run of them is put back in order. Text it
 * moves in front of a table (foster parenting) stays there, before the table's rows.
 */
function inSourceOrder(items: HtmlItem[]): HtmlItem[] {
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && items[j]!.type === 'paragraph') j++;
    if (j - i > 1) items.splice(i, j - i, ...items.slice(i, j).sort((x, y) => x.start - y.start));
    i = Math.max(j, i + 1);
  }
  return items;
}

/** True when the HTML opens an element whose closing tag is not in it (`<table`, `<details`). */
export function unclosed(html: string, tag: string): boolean {
  const open = (html.match(new RegExp(`<${tag}[\\s>]`, 'gi')) ?? []).length;
  const close = (html.match(new RegExp(`</${tag}\\s*>`, 'gi')) ?? []).length;
  return open > close;
}
