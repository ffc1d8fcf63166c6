/**
 * Numbers a card prints inside code blocks: pasted lm-eval `make_table` output (own model, with
 * "Average:" lines) and plain pipe tables kept in a code fence (a comparison of models by column).
 * Segmentation leaves code blocks alone, so without this such cards state no numbers at all.
 *
 * Each number becomes a self-reported record with id `${docId}:code:${i}` that the linker also
 * treats as a claimed number (like a model-index entry). A pipe table's columns are models: a column
 * is the card's own when its header names the card's model; when no header does and one header is
 * repeated, the repeat is read as the card's own model (a copied header: the table compares the card's
 * model with the others, and one model cannot have two columns), and the record says so.
 */
import type { Block, EvidenceRecord } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { Names } from './names.ts';
import type { EvidenceRules } from './evidence-rules.ts';
import type { RawResult } from './raw-result.ts';
import { makeTableResults, parseMakeTables } from './lm-eval-markdown.ts';
import { toRecords } from './record.ts';
import { relateModel } from '../extract/index.ts';
import { cardOwnModel } from './own-names.ts';
import { benchmarkOfLabel } from './names.ts';

/** Id of the i-th number read from a card's code blocks. */
export function codeRecordId(docId: string, i: number): string {
  return `${docId}:code:${i}`;
}

function cells(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|') || /^\|[-\s|:]*$/.test(t)) return undefined;
  return t.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

const NUMBER = /^(\d+\.?\d*|\.\d+)%?$/;

/** The short plain line just before a code block ("GPT-4All Benchmark Set", "AGI-Eval"), as its title. */
function titleBefore(blocks: Block[], i: number): string | undefined {
  const prev = blocks[i - 1];
  if (!prev || (prev.kind !== 'paragraph' && prev.kind !== 'heading')) return undefined;
  const t = prev.text.trim().replace(/[:：]\s*$/, '');
  return t.length > 0 && t.length <= 60 ? t : undefined;
}

/** Model columns of a pipe-table code block, with own-model reading; rows give benchmarks. */
function pipeTable(block: Block, card: JudgedDocument, rules: CompiledRules): RawResult[] {
  const lines = block.text.split(/\r?\n/).map(cells).filter((c): c is string[] => c !== undefined);
  if (lines.length < 2) return [];
  const header = lines[0]!;
  const own = cardOwnModel(card, rules);
  const modelCols = header.map((h, j) => ({ h, j })).filter(({ h, j }) => j > 0 && h !== '' && !benchmarkOfLabel(h, rules));
  if (modelCols.length === 0) return [];
  const rel = new Map(modelCols.map(({ h, j }) => [j, relateModel(h, own, rules)]));
  const anyOwn = [...rel.values()].some((r) => r !== 'other');
  const seen = new Set<string>();
  const copied = new Set<number>();
  for (const { h, j } of modelCols) {
    if (seen.has(h.toLowerCase()) && !anyOwn) copied.add(j);
    seen.add(h.toLowerCase());
  }
  const out: RawResult[] = [];
  lines.slice(1).forEach((row, ri) => {
    const label = row[0] ?? '';
    if (!benchmarkOfLabel(label, rules)) return;
    for (const { h, j } of modelCols) {
      const cell = row[j] ?? '';
      // Signed cells are differences between columns ("+2.76"), not scores.
      if (!NUMBER.test(cell)) continue;
      const isOwn = copied.has(j) || rel.get(j) !== 'other';
      const methodology: RawResult['methodology'] = { ownModel: isOwn, codeBlock: block.id };
      if (copied.has(j)) methodology.modelNote = `column ${j + 1} repeats the header "${h}" and no header names the card's model, so it is read as the card's own (${own.display ?? 'its model'})`;
      out.push({
        benchmarkText: label,
        value: cell,
        ...(cell.endsWith('%') ? { scaleHint: 'percent' as const } : {}),
        model: isOwn ? own.display ?? h : h,
        location: `${block.id} row ${ri + 2} column ${j + 1}`,
        methodology,
      });
    }
  });
  return out;
}

/** Self-reported records for the numbers in a card's code blocks. */
export function codeBlockRecords(card: JudgedDocument, names: Names, er: EvidenceRules, rules: CompiledRules): EvidenceRecord[] {
  const blocks = card.doc.blocks;
  const raws: RawResult[] = [];
  const own = cardOwnModel(card, rules);
  blocks.forEach((b, i) => {
    if (b.kind !== 'code' || !b.text.includes('|')) return;
    const sections = parseMakeTables(b.text, er.lmEval.averageLabels);
    if (sections.length > 0) {
      const title = titleBefore(blocks, i);
      for (const s of sections) if (!s.title && title) s.title = title;
      const { results } = makeTableResults(sections, { codeBlock: b.id, ownModel: true, codeMetricStated: true }, er.lmEval.noFilter);
      for (const r of results) raws.push({ ...r, model: own.display ?? card.doc.name, location: `${b.id} ${r.location}` });
      return;
    }
    raws.push(...pipeTable(b, card, rules));
  });
  const { records } = toRecords(raws, {
    names,
    rules: er,
    source: card.doc.name,
    format: 'card-table',
    tier: 'self-reported',
    idPrefix: `${card.doc.id}:code`,
    idOf: (_r, i) => codeRecordId(card.doc.id, i),
  });
  // Each record says which number of the card's code blocks it is (the linker checks it as a claimed number).
  const index = new Map(raws.map((r, i) => [codeRecordId(card.doc.id, i), i]));
  for (const r of records) r.origin = { kind: 'code-block', docId: card.doc.id, index: index.get(r.id)! };
  return records;
}
