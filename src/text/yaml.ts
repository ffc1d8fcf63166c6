/**
 * The one import site of `yaml` (STYLE.md: one import site per heavy dependency): the parts of it
 * Warrant uses, for rule files (src/rules/load.ts), front matter (src/ingest/markdown.ts), evidence
 * files (src/evidence/parse-source.ts), suppression files (src/assess/config.ts) and gold model-index
 * blocks (src/eval/model-index.ts). Documents keep their nodes' source ranges (LineCounter), so
 * errors can name file:line:column.
 */
export { LineCounter, isAlias, isNode, parse, parseDocument, visit, type Document } from 'yaml';
