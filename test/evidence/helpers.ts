/** Shared test helpers for the evidence stage: fixture reading and hand-built judged cards. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Claim, Document, Quantity, Sentence, SentenceContext } from '../../src/model/types.ts';
import type { JudgedDocument } from '../../src/model/judged.ts';
import { compiledShippedRules, type CompiledRules } from '../../src/rules/compile.ts';

/** Fixture folder of this stage. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/evidence/', import.meta.url));

/** The shipped rules, compiled once. */
export function shipped(): CompiledRules {
  return compiledShippedRules();
}

/** A fixture as an InputFile. */
export function fixture(name: string): { name: string; bytes: Uint8Array } {
  return { name, bytes: new Uint8Array(readFileSync(FIXTURES + name)) };
}

/** One sentence of a hand-built card: its text, table context (if a row) and the quantities it claims. */
export interface HandSentence {
  text: string;
  table?: { headers: string[]; cells: string[] };
  quantities?: Quantity[];
  type?: Claim['type'];
}

/** A judged card built by hand (for tests that must not depend on segmentation or classification). */
export function handCard(name: string, metadata: Record<string, unknown>, parts: HandSentence[], id = `doc-${name}`): JudgedDocument {
  const doc: Document = { id, name, role: 'model-card', mediaType: 'text/markdown', metadata, blocks: [], diagnostics: [] };
  const sentences: Sentence[] = [];
  const claims: Claim[] = [];
  parts.forEach((p, i) => {
    const sid = `${id}:s${i}`;
    const context: SentenceContext = p.table
      ? { role: 'model-card', blockKind: 'table', table: { headers: p.table.headers, cells: p.table.cells, rowIndex: i } }
      : { role: 'model-card', blockKind: 'paragraph' };
    sentences.push({ id: sid, docId: id, blockId: `${id}:b${i}`, index: i, text: p.text, sectionPath: [], span: { kind: 'text', line: i + 1, column: 1, endLine: i + 1, endColumn: p.text.length + 1, offset: 0, endOffset: p.text.length }, blockOffset: 0, context });
    const quantities = p.quantities ?? [];
    claims.push({ id: sid, sentenceId: sid, docId: id, type: p.type ?? (quantities.length ? 'performance' : 'other'), label: 'representation', score: 0.9, cues: [], quantities, ...(quantities[0] ? { quantity: quantities[0] } : {}) });
  });
  return { doc, sentences, claims };
}

/** A quantity as the quantities stage would write it (percent scale, precision from the raw text). */
export function qty(benchmark: string, raw: string, extra: Partial<Quantity> = {}): Quantity {
  const value = Number(raw.replace('%', ''));
  const m = /\.(\d+)/.exec(raw);
  return { benchmark, value, raw, precision: m ? m[1]!.length : 0, scale: value <= 1 && !raw.includes('%') ? 'fraction' : 'percent', ...extra };
}
