/**
 * Card units: the text of each card sentence as alignment sees it. Table rows read as their
 * cells (numeric cells with their column header, so "5" under "Shots" reads "5 Shots");
 * list items read with their lead-in ("The model is intended for: drafting replies ...").
 */
import type { Sentence } from '../model/types.ts';
import { tokenize } from '../text/tokens.ts';
import type { Unit } from './compare.ts';

const NUMERIC_CELL = /^\s*[-+~<>≈]?\s*\d[\d.,]*\s*%?\s*$/;

/** The unit text of a card sentence. */
export function unitText(s: Sentence): string {
  const table = s.context.table;
  if (table && table.cells.length > 0) {
    return table.cells
      .map((cell, i) => {
        const header = table.headers[i] ?? '';
        // A numeric cell reads with its column header when the header is plain words
        // ("5" under "Shots" → "5 Shots"); a model-name header ("Falcon-7B") adds nothing.
        // Multi-row headers read "WER (%) / Heron ASR v2": keep the parts that are not model names.
        const words = header
          .split(' / ')
          .filter((part) => part.trim() !== '' && !/\d/.test(part))
          .join(' ');
        return NUMERIC_CELL.test(cell) && words ? `${cell} ${words}` : cell;
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
  const unit: Unit = { text, tokens: tokenize(text) };
  // "Model type: Diffusion-based ...": a short key before a colon is a label, an aside to the value.
  const colon = /^([^:]{1,40}):\s/.exec(text);
  if (side === 'card' && colon && !s.context.table) for (const t of unit.tokens) if (t.end <= colon[1]!.length && t.value === undefined) t.aside = true;
  const table = s.context.table;
  if (side === 'card' && table && table.cells.length > 0) {
    // The row label is the first cell's text (as written at the start of the unit).
    const label = table.cells[0]!.trim();
    unit.rowLabelEnd = unit.tokens.filter((t) => t.end <= label.length).length;
  }
  return unit;
}
