// Markdown parsing worker. Plain JavaScript on purpose: worker threads do not inherit the tsx
// loader. Parses (already masked) Markdown with the same parser as src/ingest/markdown.ts (markdown-parser.mjs)
// and posts back the mdast tree, so a pathological input (the parser is quadratic on some
// inputs, and recursive on deep nesting) can be stopped by a timeout without hanging the process.
import { parentPort, workerData } from 'node:worker_threads';
import { parseMarkdownTree } from './markdown-parser.mjs';

try {
  const tree = parseMarkdownTree(workerData.source);
  parentPort.postMessage({ ok: true, tree });
} catch (err) {
  parentPort.postMessage({ ok: false, nesting: err instanceof RangeError, message: String(err && err.message ? err.message : err) });
}
