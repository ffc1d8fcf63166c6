// The one import site of unified and remark (STYLE.md: one import site per heavy dependency): the
// Markdown parser, CommonMark + GFM + YAML front matter. Plain JavaScript so that the parsing worker
// (markdown-worker.mjs, which does not inherit the tsx loader) and the in-process reader
// (markdown.ts) share it. Types: markdown-parser.d.mts.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

const remark = () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const parser = remark();
scopeAutolinkLiterals(parser.data('fromMarkdownExtensions'));
guardGfmSyntax(parser.data('micromarkExtensions'));
let stock;

/** Parse Markdown into an mdast tree (no transforms run). The same tree as referenceMarkdownTree, with less work. */
export function parseMarkdownTree(source) {
  return parseWithFrontMatter(source) ?? parseText(source);
}

/** The text micromark is reading (what guardGfmSyntax looks ahead in); undefined outside a parse. */
let reading;

/** parser.parse, with `source` known to the autolink guards while it runs. */
function parseText(source) {
  // A byte order mark is not read as a character: offsets would not index the source.
  reading = source.charCodeAt(0) === 0xfeff ? undefined : source;
  try {
    return parser.parse(source);
  } finally {
    reading = undefined;
  }
}

/** The tree remark itself gives the whole source (front matter included, its own autolink pass): what parseMarkdownTree is held to in tests. */
export function referenceMarkdownTree(source) {
  stock ??= remark();
  return stock.parse(source);
}

/**
 * Length of the YAML front matter block at the start of `source` (through the line ending after its
 * closing fence), as remark-frontmatter reads it: "---" on the first line, then lines up to the first
 * "---" line (trailing spaces or tabs allowed on either fence); 0 when there is none.
 */
export function frontMatterLength(source) {
  const fenceEnd = (at) => {
    if (!source.startsWith('---', at)) return -1;
    let i = at + 3;
    while (source[i] === ' ' || source[i] === '\t') i++;
    return i;
  };
  const lineEnd = (i) => (source[i] === '\r' ? (source[i + 1] === '\n' ? i + 2 : i + 1) : source[i] === '\n' ? i + 1 : -1);
  const open = fenceEnd(0);
  if (open < 0) return 0;
  let at = lineEnd(open);
  while (at >= 0 && at < source.length) {
    const close = fenceEnd(at);
    if (close >= 0 && (close === source.length || lineEnd(close) >= 0)) return close === source.length ? close : lineEnd(close);
    // Not a closing fence: skip the line.
    LINE_END_CHAR.lastIndex = at;
    const nl = LINE_END_CHAR.exec(source);
    if (!nl) return 0;
    at = lineEnd(nl.index);
  }
  return 0;
}

const LINE_END_CHAR = /[\r\n]/g;

/**
 * The tree of a source that opens with a front matter block, without running the block through the
 * parser: micromark reads it one character at a time (a model-index of hundreds of results is most of
 * some cards), then keeps its text. The body after the block is parsed alone and its positions moved
 * down by the block's lines and length; the block becomes the yaml node remark-frontmatter makes (its
 * value, between the fences; its position, from the start to the end of the closing fence). Undefined
 * (parse the whole source) for what this does not reproduce exactly: NUL characters (the parser replaces
 * them), a tab on the closing fence (the parser counts tab stops in columns), a blank body, and a body
 * the parser would read differently alone (front matter again, a byte order mark).
 */
function parseWithFrontMatter(source) {
  const length = frontMatterLength(source);
  if (length === 0) return undefined;
  const block = source.slice(0, length);
  if (block.includes('\0')) return undefined;
  const body = source.slice(length);
  if (!/\S/.test(body) || body.startsWith('---') || body.charCodeAt(0) === 0xfeff) return undefined;
  // The closing fence: the block's last line, without its line ending.
  const end = length - (block.endsWith('\r\n') ? 2 : block.endsWith('\n') || block.endsWith('\r') ? 1 : 0);
  if (end === length) return undefined;
  const closeStart = Math.max(block.lastIndexOf('\n', end - 1), block.lastIndexOf('\r', end - 1)) + 1;
  const close = block.slice(closeStart, end);
  if (close.includes('\t')) return undefined;
  let lines = 0;
  for (let i = 0; i < length; i++) {
    const c = block.charCodeAt(i);
    if (c === 10 || (c === 13 && block.charCodeAt(i + 1) !== 10)) lines++;
  }
  const openEnd = /^---[ \t]*/.exec(block)[0].length;
  const tree = parseText(body);
  shiftPositions(tree, lines, length);
  tree.children.unshift({
    type: 'yaml',
    value: block.slice(openEnd, closeStart).replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, ''),
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: lines, column: close.length + 1, offset: end } },
  });
  tree.position.start = { line: 1, column: 1, offset: 0 };
  return tree;
}

/** Move every position in `node` down by `lines` lines and `offset` characters (columns stay: the body starts a line). */
function shiftPositions(node, lines, offset) {
  const p = node.position;
  if (p) {
    node.position = {
      start: { line: p.start.line + lines, column: p.start.column, offset: p.start.offset + offset },
      end: { line: p.end.line + lines, column: p.end.column, offset: p.end.offset + offset },
    };
  }
  const children = node.children;
  if (children) for (let i = 0; i < children.length; i++) shiftPositions(children[i], lines, offset);
}

/**
 * GFM's literal-autolink transform (mdast-util-gfm-autolink-literal) walks the whole tree four times
 * (one pass per pattern: URLs, xmpp:, mailto:, e-mail addresses) to find text that may be a bare link.
 * Here it is run only on the paragraphs, headings and table cells that hold such text: a text node
 * (outside links, which it skips too) with "http://", "https://", "www." or "@", which each of its
 * patterns needs. Each run only splits text nodes within the block it is given, so the tree is the
 * same; a text node outside such a block (none in practice) makes it run on the whole tree as before.
 */
function scopeAutolinkLiterals(extensions) {
  const ext = findExtension(extensions);
  if (!ext) return;
  const transform = ext.transforms[0];
  ext.transforms = [
    (tree) => {
      const targets = [];
      if (!collectAutolinkBlocks(tree, targets)) return transform(tree);
      for (const node of targets) transform(node);
      return undefined;
    },
  ];
}

/** The from-markdown extension whose only transform is GFM's literal-autolink one. */
function findExtension(list) {
  if (!Array.isArray(list)) return undefined;
  for (const e of list) {
    if (Array.isArray(e)) {
      const found = findExtension(e);
      if (found) return found;
    } else if (e && Array.isArray(e.transforms) && e.transforms.length === 1 && e.transforms[0].name === 'transformGfmAutolinkLiterals') {
      return e;
    }
  }
  return undefined;
}

const PHRASING_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const LINK_NODES = new Set(['link', 'linkReference']);
/** What each literal-autolink pattern needs in a text node's value (a superset of their matches). */
const MAY_AUTOLINK = /https?:\/\/|www\.|@/i;

/** Collect the phrasing blocks that hold a text node that may autolink; false when a text node sits outside any. */
function collectAutolinkBlocks(node, targets) {
  const children = node.children;
  if (!children) return true;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'text') return false;
    if (PHRASING_BLOCKS.has(child.type)) {
      if (mayAutolink(child)) targets.push(child);
    } else if (!collectAutolinkBlocks(child, targets)) {
      return false;
    }
  }
  return true;
}

function mayAutolink(node) {
  const children = node.children;
  if (!children) return false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.type === 'text') {
      if (MAY_AUTOLINK.test(child.value)) return true;
    } else if (!LINK_NODES.has(child.type) && mayAutolink(child)) {
      return true;
    }
  }
  return false;
}

/**
 * Two GFM constructs try to read nearly everywhere and fail nearly always, and can only succeed where
 * the source holds what they read first. Literal autolinks (micromark-extension-gfm-autolink-literal)
 * try an e-mail address at the start of every word (every run of letters, digits and "+-._"), entering
 * two tokens and reading the word before failing at the character after it; a URL at every word
 * starting with "h", a www link at every word starting with "w". They need the word to be followed by
 * "@", "http://" or "https://", "www." (letters in either case). A table (micromark-extension-gfm-table)
 * is tried at the start of every line of flow (every paragraph's first line, and each later one to see
 * whether it interrupts the paragraph), reading the whole line as a head row before it fails on the
 * next: a head row needs the next line to be a delimiter row (only spaces, tabs, "|", ":" and "-",
 * with a "-", after its container prefix: spaces, tabs, ">"), unless the line continues a table (a
 * body row; left to the construct). Here each construct first looks at the source at the tokenizer's
 * offset (offsets index the text micromark reads: tabs, line endings and NUL each count as what they
 * are in it) and fails at once where that is not there; elsewhere the construct runs as it is. The
 * records of constructs are copied, not changed (the stock parser shares GFM's), and keep each
 * construct's name, fields and order. State a skipped attempt would have left: previousUnbalanced's
 * mark on the last token that no unclosed link label precedes it (a cache of an answer that does not
 * change), and the table's `interrupt = false` on the flow tokenizer, where it is false or undefined
 * already (only the table sets it, to true only while it reads a head row's line ending).
 */
function guardGfmSyntax(extensions) {
  if (!Array.isArray(extensions)) return;
  const guards = { emailAutolink: startsEmail, protocolAutolink: startsProtocol, wwwAutolink: startsWww, table: mayStartTable };
  const copies = new Map();
  const guarded = (construct) => {
    const test = construct && guards[construct.name];
    if (!test) return construct;
    let copy = copies.get(construct);
    if (!copy) {
      const tokenize = construct.tokenize;
      copy = {
        ...construct,
        tokenize(effects, ok, nok) {
          const self = this;
          return (code) => (reading !== undefined && !test(reading, self) ? nok(code) : tokenize.call(self, effects, ok, nok)(code));
        },
      };
      copies.set(construct, copy);
    }
    return copy;
  };
  const record = (map) => {
    if (!map) return map;
    let changed = false;
    const out = {};
    for (const key of Object.keys(map)) {
      const value = map[key];
      const next = Array.isArray(value) ? value.map(guarded) : guarded(value);
      if (Array.isArray(value) ? next.some((c, k) => c !== value[k]) : next !== value) changed = true;
      out[key] = next;
    }
    return changed ? out : map;
  };
  for (let i = 0; i < extensions.length; i++) {
    const ext = extensions[i];
    if (!ext || Array.isArray(ext)) continue;
    const text = record(ext.text);
    const flow = record(ext.flow);
    if (text !== ext.text || flow !== ext.flow) extensions[i] = { ...ext, text, flow };
  }
}

/** gfmAtext: "+", "-", ".", "_", ASCII letters and digits. */
function isAtext(c) {
  return c === 43 || c === 45 || c === 46 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An e-mail autolink reads atext characters, then needs "@". */
function startsEmail(source, self) {
  let i = self.now().offset;
  while (i < source.length && isAtext(source.charCodeAt(i))) i++;
  return source.charCodeAt(i) === 64;
}

const PROTOCOL = /https?:\/\//iy;
const WWW = /www\./iy;

function startsProtocol(source, self) {
  PROTOCOL.lastIndex = self.now().offset;
  return PROTOCOL.test(source);
}

function startsWww(source, self) {
  WWW.lastIndex = self.now().offset;
  return WWW.test(source);
}

/** What a delimiter row may hold after its container prefix, at least one "-" among it. */
const DELIMITER_ROW = /^[ \t>]*[ \t|:-]*-[ \t|:-]*$/;

/**
 * Whether a table may start here: the line continues a table (the construct's own test: the last event
 * before line endings and prefixes is a table head or row), or the next line may be a delimiter row.
 */
function mayStartTable(source, self) {
  const events = self.events;
  let index = events.length - 1;
  while (index > -1 && (events[index][1].type === 'lineEnding' || events[index][1].type === 'linePrefix')) index--;
  if (index > -1 && (events[index][1].type === 'tableHead' || events[index][1].type === 'tableRow')) return true;
  LINE_END_CHAR.lastIndex = self.now().offset;
  const end = LINE_END_CHAR.exec(source);
  if (!end) return false;
  const next = end.index + (source[end.index] === '\r' && source[end.index + 1] === '\n' ? 2 : 1);
  LINE_END_CHAR.lastIndex = next;
  const after = LINE_END_CHAR.exec(source);
  return DELIMITER_ROW.test(source.slice(next, after ? after.index : source.length));
}
