/**
 * Card units: the text of each card sentence as alignment sees it. Table rows read as their
 * cells (numeric cells with their column header, so "5" under "Shots" reads "5 Shots");
 * list items read with their lead-in ("The model is intended for: drafting replies ...").
 */
import type { Sentence } from '../model/types.ts';
import { tokenize } from './tokens.ts';
import type { Unit } from './compare.ts';

/** The unit text of a card sentence. */
export function unitText(s: Sentence): string {
  const table = s.context.table;
  if (table && table.cells.length > 0) {
    return table.cells
      .map((cell, i) => {
        const header = table.headers[i] ?? '';
        return /^\s*[-+~<>≈]?\s*\d[\d.,]*\s*%?\s*$/.test(cell) && header ? `${cell} ${header}` : cell;
      })
      .filter((c) => c.trim() !== '')
      .join(' | ');
  }
  if (s.context.listLead && s.context.blockKind === 'list-item') return `${s.context.listLead} ${s.text}`;
  return s.text;
}

/** A tokenised unit for a sentence (card side uses `unitText`, contract side the sentence text). */
export function unitOf(s: Sentence, side: 'card' | 'contract'): Unit {
  const text = side === 'card' ? unitText(s) : s.text;
  return { text, tokens: tokenize(text) };
}
