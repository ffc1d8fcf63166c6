/**
 * Clause structure for DOCX (and PDF) contracts. Word list numbers arrive as full labels on
 * list items ("2.1", "(a)"), and PDF clause numbers as list-item markers; the shared contract
 * structure pass (clauses.ts) reads clause markers on paragraphs. This hands it numbered items
 * as marked paragraphs, so clause paths ("2", "2.1", "(a)") and run-in clause titles come out the
 * same as for a Markdown contract. Bulleted items stay list items.
 */
import type { Block } from '../model/types.ts';
import { structureMarkdownClauses } from './clauses.ts';

const BULLET = /^[•◦▪▫●○■□►▸‣⁃∙·*–—-]$/;

/** Give a DOCX or PDF contract's blocks their clause structure (call for role 'contract'). */
export function structureNumberedClauses(blocks: Block[]): Block[] {
  const shaped = blocks.map((b): Block => {
    if (b.kind !== 'list-item' || b.marker === undefined || BULLET.test(b.marker)) return b;
    const { depth: _depth, leadBlockId: _lead, ...rest } = b;
    return { ...rest, kind: 'paragraph' };
  });
  return structureMarkdownClauses(shaped);
}
