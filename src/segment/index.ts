/**
 * segment: blocks → sentences with spans. Headings, code, images and bare dates are not sentences; every
 * table body row is one sentence; list items carry their lead-in; contract sentences carry their
 * clause reference. Boundaries come from split.ts, spans from spans.ts (offset maps, no re-parse).
 */
import type { Block, Document, Sentence, SentenceContext } from '../model/types.ts';
import { splitSentences, type Abbreviations, type SplitOptions } from './split.ts';
import { spanOf } from './spans.ts';

export { spanOf } from './spans.ts';
import { tableRowSentences } from './table.ts';
import { clauseRefOf } from './clause-ref.ts';
import { isBareDate } from './dates.ts';
import { defaultSegmentation } from './abbreviations.ts';
import type { CompiledRules } from '../rules/compile.ts';

/** Options for segmentation. */
export interface SegmentOptions {
  /** Compiled rules whose `segmentation` slice gives the abbreviations, clause words and months; the shipped file's when absent. */
  rules?: Pick<CompiledRules, 'segmentation'>;
  /** Abbreviations to use directly (overrides `rules`). */
  abbreviations?: Abbreviations;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** How many lead-ins above a nested list's own lead-in a list item keeps (outerListLeads). */
const MAX_OUTER_LEADS = 4;
const KEY_VALUE = /^([^:.!?]{1,60}?):\s+(\S[\s\S]*)$/;
const DASH_LABEL = /^(\p{Lu}[^:.!?\u2013\u2014]{0,59}?)\s+([\u2013\u2014-])\s+(\S[\s\S]*)$/u;

/** What makes a colon prefix something other than a key: a clause word, or a caption's number ("Table 3: ..."). */
interface NotKeys {
  clauseWords: RegExp;
  captionNumber: RegExp;
  /** An abbreviation's dot is not a sentence end, so a key may hold one ("No. of layers: 32", "Repo (code, etc.): ..."). */
  abbreviationDot: RegExp;
}

/** "Key: value" when the sentence opens with a short label and a colon. */
function keyValueOf(text: string, notKeys: NotKeys): { key: string; value: string } | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  // An abbreviation's dot before the colon is masked (same length) so the key may hold it; key and value are cut from the text.
  const dotted = text.lastIndexOf('.', colon) >= 0;
  const m = KEY_VALUE.exec(dotted ? text.replace(notKeys.abbreviationDot, (a) => `${a.slice(0, -1)}\u0000`) : text);
  if (!m) return undefined;
  // literal emphasis markers left by broken Markdown ("**Note: ...") are not part of the key
  const key = text.slice(0, m[1]!.length).trim().replace(/^[^\p{L}\p{N}]+/u, '');
  if (!isKey(key, notKeys)) return undefined;
  return { key, value: text.slice(text.length - m[2]!.length).trim() };
}

/** A label short enough to be a key, not a URL's scheme, with no clause word and not a caption's number. */
function isKey(key: string, notKeys: NotKeys): boolean {
  return key !== '' && key.split(/\s+/).length <= 6 && !/https?$/i.test(key) && !notKeys.clauseWords.test(key) && !notKeys.captionNumber.test(key);
}

/**
 * Sentence ranges of a block's text. Lines of a paragraph that are "Key: value" lines
 * ("License: MIT" / "Paper: ...") are sentences of their own even without hard breaks: all its
 * lines, or a run of at least two that opens it when the line after the run opens a sentence
 * ("Model version: 1.0" / "Card last updated: ..." / "Feel free to open a discussion ...").
 */
function sentenceRanges(text: string, abbr: Abbreviations, notKeys: NotKeys, split: SplitOptions): Array<[number, number]> {
  // one line (most blocks): no run of key lines to find
  if (!text.includes('\n')) return splitSentences(text, abbr, split);
  const lines: Array<[number, number]> = [];
  let from = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lines.push([from, i]);
    from = i + 1;
  }
  lines.push([from, text.length]);
  let run = 0;
  while (run < lines.length && keyValueOf(normalise(text.slice(...lines[run]!)), notKeys) !== undefined) run++;
  const opensSentence = run < lines.length && /^\s*\p{Lu}/u.test(text.slice(lines[run]![0], lines[run]![1]));
  if (run < 2 || (run < lines.length && !opensSentence)) return splitSentences(text, abbr, split);
  const rangesOf = (a: number, b: number): Array<[number, number]> => splitSentences(text.slice(a, b), abbr, split).map(([s, e]): [number, number] => [s + a, e + a]);
  const keyLines = lines.slice(0, run).flatMap(([a, b]) => rangesOf(a, b));
  return run < lines.length ? [...keyLines, ...rangesOf(lines[run]![0], text.length)] : keyLines;
}

/**
 * "Network sandboxing – the agent has no network access": a short label, then a spaced dash and the
 * sentence it labels (an en or em dash; a hyphen only before a capital letter). Read like "Key: value".
 */
function dashLabelOf(text: string, notKeys: NotKeys): { key: string; value: string } | undefined {
  const m = DASH_LABEL.exec(text);
  if (!m) return undefined;
  const key = m[1]!.trim();
  if (m[2] === '-' && !/^\p{Lu}/u.test(m[3]!)) return undefined;
  if (!isKey(key, notKeys)) return undefined;
  return { key, value: m[3]!.trim() };
}

/** "Model Developers Meta" under a bold label: the label is the key, the rest the value. */
function labelValueOf(text: string, label: string | undefined): { key: string; value: string } | undefined {
  if (!label || !text.startsWith(label)) return undefined;
  const value = text.slice(label.length).replace(/^\s*:?\s*/, '');
  return value ? { key: label, value } : undefined;
}

/** The sentence [s, e) is its block's only sentence, or a line of its own between hard breaks ("**Refusals**  \n..."). */
function aloneOnLine(text: string, s: number, e: number, sentences: number): boolean {
  if (sentences === 1) return true;
  const before = text.slice(0, s);
  return /^\s*$/.test(before.replace(/[\s\S]*\u2028/, '')) && /^[ \t]*(\u2028|$)/.test(text.slice(e));
}

/** Split every analysable block of a document into sentences (table rows: one sentence each). */
export function segmentDocument(doc: Document, options: SegmentOptions = {}): Sentence[] {
  const seg = options.rules?.segmentation ?? defaultSegmentation();
  const abbr = options.abbreviations ?? seg.abbreviations;
  const months = seg.monthNames;
  // a contract's line-ending colon always ends its lead-in: what follows is an item or a prescribed text
  const split: SplitOptions = { lineColon: doc.role === 'contract' ? 'always' : 'unquoted' };
  const prefix = doc.id.slice(0, 12) || 'doc';
  const out: Sentence[] = [];
  const byId = new Map<string, Block>(doc.blocks.map((b) => [b.id, b]));
  const push = (block: Block, text: string, span: Sentence['span'], blockOffset: number, context: SentenceContext): void => {
    const index = out.length;
    out.push({ id: `${prefix}:s${index}`, docId: doc.id, blockId: block.id, index, text, sectionPath: block.sectionPath, span, blockOffset, context });
  };
  // the lead-in of a list is its paragraph's last sentence, computed once per lead
  const leads = new Map<string, string | undefined>();
  const leadOf = (id: string): string | undefined => {
    if (!leads.has(id)) {
      const lead = byId.get(id);
      const ranges = lead ? splitSentences(lead.text, abbr, split) : [];
      const last = ranges[ranges.length - 1];
      leads.set(id, lead && last ? normalise(lead.text.slice(last[0], last[1])) : undefined);
    }
    return leads.get(id);
  };
  // the lead-ins above a lead-in that is itself a list item, nearest first
  const outerLeadsOf = (leadId: string): string[] => {
    const out: string[] = [];
    for (let b = byId.get(leadId); b && b.kind === 'list-item' && b.leadBlockId && out.length < MAX_OUTER_LEADS; b = byId.get(b.leadBlockId)) {
      const lead = leadOf(b.leadBlockId);
      if (lead === undefined) break;
      out.push(lead);
    }
    return out;
  };
  for (const block of doc.blocks) {
    const base: SentenceContext = { role: doc.role, blockKind: block.kind };
    if (block.collapsed) base.collapsed = true;
    if (doc.role === 'contract') {
      const ref = clauseRefOf(block.sectionPath);
      if (ref) base.clauseRef = ref;
    }
    if (block.kind === 'table' && block.table) {
      for (const row of tableRowSentences(block.table)) push(block, row.text, row.row.span, -1, { ...base, table: row.table });
      continue;
    }
    if (block.kind !== 'paragraph' && block.kind !== 'list-item') continue;
    if (!block.text.trim()) continue;
    // a date on its own ("dated November 24, 2022" under a title) is document metadata, not a sentence
    if (block.kind === 'paragraph' && isBareDate(block.text, months)) continue;
    const listLead = block.kind === 'list-item' && block.leadBlockId ? leadOf(block.leadBlockId) : undefined;
    const outerLeads = listLead ? outerLeadsOf(block.leadBlockId!) : [];
    const ranges = sentenceRanges(block.text, abbr, seg, split);
    for (const [s, e] of ranges) {
      const text = normalise(block.text.slice(s, e));
      const context: SentenceContext = { ...base };
      // Only an item's first sentence continues the lead-in ("Stored data may be used with:" > "Batch processing.
      // Batch processing is a Global deployment type; ..."): the sentences after it stand on their own.
      const first = s === ranges[0]![0];
      if (listLead && first) context.listLead = listLead;
      if (outerLeads.length > 0 && first) context.outerListLeads = outerLeads;
      const kv = keyValueOf(text, seg) ?? (first ? labelValueOf(text, block.label) : undefined) ?? dashLabelOf(text, seg);
      if (kv) context.keyValue = kv;
      if (!kv && !/[.!?:;"”)]$/.test(text) && text.split(' ').length <= 4 && aloneOnLine(block.text, s, e, ranges.length)) context.isFragment = true;
      push(block, text, spanOf(doc, block, s, e), s, context);
    }
  }
  return out;
}
