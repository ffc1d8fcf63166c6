/**
 * Golden files: the blocks and sentences of each Markdown fixture, as JSON beside it
 * (test/fixtures/markdown/<name>.golden.json). Run with UPDATE_GOLDEN=1 to rewrite them after an
 * intended change, then review the diff.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../src/ingest/index.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import type { Role } from '../../src/model/types.ts';

const DIR = fileURLToPath(new URL('../fixtures/markdown/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Fixtures read as contracts (their names say so); the rest as model cards. */
const roleOf = (name: string): Role => (name.startsWith('contract') ? 'contract' : 'model-card');

describe('golden segmentation of the Markdown fixtures', () => {
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.md'))) {
    it(name, async () => {
      const bytes = readFileSync(DIR + name);
      const doc = await ingest({ name, bytes, role: roleOf(name) });
      const actual = {
        diagnostics: doc.diagnostics,
        metadata: doc.metadata,
        blocks: doc.blocks.map((b) => ({ id: b.id, kind: b.kind, sectionPath: b.sectionPath, text: b.text, marker: b.marker, clauseTitle: b.clauseTitle, label: b.label, depth: b.depth, collapsed: b.collapsed })),
        sentences: segmentDocument(doc).map((s) => ({ id: s.id, text: s.text, span: s.span, blockOffset: s.blockOffset, context: s.context })),
      };
      const path = DIR + name.replace(/\.md$/, '.golden.json');
      if (UPDATE) writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(path, 'utf8')));
    });
  }
});
