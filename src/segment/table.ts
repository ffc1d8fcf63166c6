/**
 * Table rows as sentences: expands colspan/rowspan into a column grid, joins multi-row headers
 * per column, and finds row groups (rowspan labels, blank first-cell continuation rows).
 */
import type { SentenceContext, TableCell, TableData, TableRow } from '../model/types.ts';

/** One body row ready to become a sentence. */
export interface RowSentence {
  text: string;
  row: TableRow;
  table: NonNullable<SentenceContext['table']>;
}

interface GridCell {
  text: string;
  bold: boolean;
  /** The cell starts in this row (not carried down by a rowspan from above). */
  own: boolean;
  /** First column of a colspan. */
  first: boolean;
}

const MAX_COLUMNS = 1000;

function grid(rows: readonly TableRow[]): GridCell[][] {
  const out: GridCell[][] = [];
  const carry: Array<{ cell: TableCell; left: number } | undefined> = [];
  for (const row of rows) {
    const line: GridCell[] = [];
    let col = 0;
    const place = (): void => {
      while (col < MAX_COLUMNS && carry[col] && carry[col]!.left > 0) {
        const c = carry[col]!;
        line[col] = { text: c.cell.text, bold: !!c.cell.bold, own: false, first: true };
        c.left--;
        col++;
      }
    };
    for (const cell of row.cells) {
      place();
      const span = Math.max(1, Math.min(cell.colspan ?? 1, MAX_COLUMNS - col));
      for (let k = 0; k < span && col < MAX_COLUMNS; k++) {
        line[col] = { text: cell.text, bold: !!cell.bold, own: true, first: k === 0 };
        carry[col] = (cell.rowspan ?? 1) > 1 ? { cell, left: (cell.rowspan ?? 1) - 1 } : undefined;
        col++;
      }
    }
    place();
    for (let k = 0; k < line.length; k++) line[k] ??= { text: '', bold: false, own: true, first: true };
    out.push(line);
  }
  return out;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** One sentence per body row of a table, with headers and row grouping attached. */
export function tableRowSentences(table: TableData): RowSentence[] {
  const all = grid([...table.header, ...table.rows]);
  const head = all.slice(0, table.header.length);
  const body = all.slice(table.header.length);
  const width = Math.max(0, ...all.map((r) => r.length));
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const h of head) {
      const t = clean(h[c]?.text ?? '');
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    headers.push(parts.join(' / '));
  }
  // the first column groups rows when some body rows continue it blank or through a rowspan
  const firstColumnGroups = body.some((r, i) => i > 0 && (r[0]?.own === false || !clean(r[0]?.text ?? ''))) && body.some((r) => clean(r[0]?.text ?? '') !== '' && r[0]?.own !== false);
  const numeric = (t: string): boolean => /^[-+]?[\d.,]+\s*%?$/.test(t) || t === '-';
  const secondTexts = body.map((r) => clean(r[1]?.text ?? '')).filter(Boolean);
  const secondLabels = secondTexts.length > 0 && secondTexts.filter((t) => !numeric(t)).length * 2 > secondTexts.length;
  const labelColumn = firstColumnGroups && secondLabels ? 1 : 0;
  const out: RowSentence[] = [];
  let group: string | undefined;
  body.forEach((cells, i) => {
    const row = table.rows[i]!;
    const texts = cells.map((c) => clean(c.text));
    const first = cells[0];
    if (firstColumnGroups && first) {
      if (texts[0]) group = texts[0];
    }
    const own = row.cells.map((c) => clean(c.text)).filter(Boolean);
    if (own.length === 0) return;
    const ctx: NonNullable<SentenceContext['table']> = { headers, cells: texts, boldCells: cells.map((c) => c.bold), rowIndex: i };
    if (firstColumnGroups && group) ctx.groupLabel = group;
    const rowLabel = headers[labelColumn];
    if (rowLabel) ctx.rowLabel = rowLabel;
    out.push({ text: own.join(' | '), row, table: ctx });
  });
  return out;
}
