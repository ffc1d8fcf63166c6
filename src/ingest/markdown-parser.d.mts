import type { Root } from 'mdast';

/** Parse Markdown into an mdast tree (CommonMark + GFM + YAML front matter; no transforms run). */
export declare function parseMarkdownTree(source: string): Root;

/** The tree remark itself gives the whole source (front matter included, its own autolink pass): what parseMarkdownTree is held to in tests. */
export declare function referenceMarkdownTree(source: string): Root;

/**
 * Length of the YAML front matter block at the start of `source` (through the line ending after its
 * closing fence), as remark-frontmatter reads it; 0 when there is none.
 */
export declare function frontMatterLength(source: string): number;
