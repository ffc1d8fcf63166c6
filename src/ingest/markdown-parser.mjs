// The one import site of unified and remark (STYLE.md: one import site per heavy dependency): the
// Markdown parser, CommonMark + GFM + YAML front matter. Plain JavaScript so that the parsing worker
// (markdown-worker.mjs, which does not inherit the tsx loader) and the in-process reader
// (markdown.ts) share it. Types: markdown-parser.d.mts.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parse Markdown into an mdast tree (no transforms run). */
export function parseMarkdownTree(source) {
  return parser.parse(source);
}
