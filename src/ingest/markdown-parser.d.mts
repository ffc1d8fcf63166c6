import type { Root } from 'mdast';

/** Parse Markdown into an mdast tree (CommonMark + GFM + YAML front matter; no transforms run). */
export declare function parseMarkdownTree(source: string): Root;
