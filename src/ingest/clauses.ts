/**
 * Contract structure shared by the plain-text and Markdown readers: clause markers
 * (1., 1.1, 1.1.1, (a), (i), a.), run-in clause titles ("2. Grant of Licence. The ..."),
 * ALL-CAPS headings and SCHEDULE / Exhibit / Annex headings, and the clause path they give.
 */
import type { Block, SourceRun } from '../model/types.ts';
import { shiftRuns } from './runs.ts';
import { shippedSegmentationRules } from './shipped-rules.ts';
import { ATTACHMENT_HEADING, DOTTED_LETTER_MARKER, NUMBER_MARKER, PAREN_MARKER, ROMAN, attachmentName } from '../text/clause-markers.ts';

/** A clause marker at the start of a text. */
export interface ClauseLead {
  /** As written ("1.", "2.1", "(a)", "iv."). */
  marker: string;
  /** Section-path token ("1", "2.1", "(a)", "(iv)"). */
  token: string;
  /** Nesting level: numbers by their dots (0, 1, 2 ...), then letters, roman numerals, capitals. */
  level: number;
  /** Offset where the clause body starts (after the marker and its spaces). */
  bodyStart: number;
}


const LEVEL_ALPHA = 10;
const LEVEL_ROMAN = 11;
const LEVEL_CAPITAL = 12;
const LEVEL_PAREN_NUM = 13;

/** Tracks the clause path while blocks are read in order. */
export class ClausePath {
  private stack: Array<{ level: number; token: string; raw: string }> = [];

  /** Style of an ambiguous letter marker: roman unless it continues a letter sequence. */
  private letterLevel(raw: string): number {
    const lower = raw.toLowerCase();
    if (raw !== lower) return LEVEL_CAPITAL;
    if (!ROMAN.test(lower)) return LEVEL_ALPHA;
    const alpha = this.stack.find((e) => e.level === LEVEL_ALPHA);
    const roman = this.stack.find((e) => e.level === LEVEL_ROMAN);
    if (lower.length === 1) {
      const prev = String.fromCharCode(lower.charCodeAt(0) - 1);
      if (alpha && alpha.raw === prev && !roman) return LEVEL_ALPHA;
      if (lower === 'i' && !alpha) return LEVEL_ROMAN;
      if (lower !== 'i' && !(roman || alpha)) return LEVEL_ALPHA;
      if (lower !== 'i' && !roman) return LEVEL_ALPHA;
    }
    return LEVEL_ROMAN;
  }

  /** Read a marker at the start of `text`, if any. */
  lead(text: string): ClauseLead | undefined {
    let m = NUMBER_MARKER.exec(text);
    if (m && (m[2] || m[1]!.includes('.') || m[0].length > m[1]!.length)) {
      const num = m[1]!;
      // "2019 was" or "1.5 billion" are not clause numbers: a bare dotted number needs a capitalised body
      const bodyStart = skipSpace(text, m[0].length);
      if (!m[2] && /^\p{Ll}/u.test(text.slice(bodyStart))) return undefined;
      return { marker: m[0], token: num, level: num.split('.').length - 1, bodyStart: skipSpace(text, m[0].length) };
    }
    m = PAREN_MARKER.exec(text);
    if (m) {
      const raw = m[1]!;
      const level = /^\d/.test(raw) ? LEVEL_PAREN_NUM : this.letterLevel(raw);
      return { marker: m[0], token: `(${raw})`, level, bodyStart: skipSpace(text, m[0].length) };
    }
    m = DOTTED_LETTER_MARKER.exec(text);
    if (m) {
      const raw = m[1]!;
      return { marker: m[0], token: `(${raw})`, level: this.letterLevel(raw), bodyStart: skipSpace(text, m[0].length) };
    }
    return undefined;
  }

  /** Enter a clause at `level`; returns the clause tokens, outermost first. */
  enter(token: string, level: number): string[] {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    this.stack.push({ level, token, raw: token.replace(/^\(|\)$/g, '') });
    return this.tokens();
  }

  /** Current clause tokens. */
  tokens(): string[] {
    return this.stack.map((e) => e.token);
  }

  /** Forget all clauses (a new heading or schedule starts). */
  reset(): void {
    this.stack = [];
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

let titleWordSets: { small: ReadonlySet<string>; clause: ReadonlySet<string> } | undefined;

/**
 * Small words a title leaves in lower case (rules/segmentation.yaml `titleSmallWords`) and words that make a phrase a
 * clause (`clauseWords`), read once.
 */
function titleWords(): { small: ReadonlySet<string>; clause: ReadonlySet<string> } {
  if (!titleWordSets) {
    const r = shippedSegmentationRules();
    titleWordSets = { small: new Set(r.titleSmallWords), clause: new Set(r.clauseWords) };
  }
  return titleWordSets;
}

/** True when a short phrase reads as a title ("Grant of Licence", "LIMITATION OF LIABILITY"). */
export function isTitle(phrase: string): boolean {
  const words = phrase.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 10 || phrase.length > 90) return false;
  if (!/^[A-Z“"‘']/.test(phrase)) return false;
  const smallSet = titleWords().small;
  const content = words.filter((w) => /[\p{L}\p{N}]/u.test(w) && !smallSet.has(w.toLowerCase()));
  if (content.length === 0) return false;
  const capital = content.filter((w) => /^[“"‘'(]?[A-Z0-9]/.test(w)).length;
  return capital / content.length >= 0.75;
}

/** Most words of a run-in title that is not in title case ("5. Use-based restrictions. The ..."). */
const SHORT_TITLE_WORDS = 3;

/**
 * Length of a run-in title at the start of a clause body ("Grant of Rights. You ...") or 0; returns [titleLength, bodyStart].
 * After a clause number (`afterMarker`), a phrase of at most three words that opens with a capital and is followed by
 * more of the clause is a title even in sentence case ("8. Trademarks and related. Nothing in ...").
 */
export function runInTitle(body: string, afterMarker = false): [number, number] | undefined {
  const m = /^([^.!?:;\n]{1,90}?)\.(?=\s|$)/.exec(body);
  if (!m) return undefined;
  const title = m[1]!.trim();
  const rest = skipSpace(body, m[0].length);
  const words = title.split(/\s+/);
  // ... but not a short clause ("2. It works. The ..."): no clause word (rules/segmentation.yaml `clauseWords`)
  const short = afterMarker && rest < body.length && /^\p{Lu}/u.test(title) && words.length <= SHORT_TITLE_WORDS && !/\d/.test(title) && !words.some((w) => titleWords().clause.has(w.toLowerCase()));
  if (!isTitle(title) && !short) return undefined;
  if (rest < body.length && !/^[A-Z0-9“"‘'(\[]/.test(body.slice(rest))) return undefined;
  // A clause that is one short sentence ("3.1 The Model scores 70 on MMLU.") is a statement, not a title:
  // with nothing after it, only a phrase whose every content word is capitalised reads as a heading.
  if (rest >= body.length && title.split(/\s+/).some((w) => /^\p{Ll}/u.test(w) && !titleWords().small.has(w.toLowerCase()))) return undefined;
  return [m[1]!.trimEnd().length, rest];
}

let division: RegExp | undefined;

/** "Section I: PREAMBLE" as a pattern: a division word of rules/segmentation.yaml, a numeral, then the title (group 1). */
function divisionPattern(): RegExp {
  if (!division) {
    const words = shippedSegmentationRules().divisionWords;
    division = words.length
      ? new RegExp(`^(?:${words.join('|')})\\s+(?:(?:[IVXLC]{1,6}|[A-Z])(?:\\s*[:.\\-–—]\\s*|\\s+)|\\d{1,3}\\s*[:\\-–—]\\s*)(\\S.*)$`, 'i')
      : /(?!)/;
  }
  return division;
}

/**
 * True when a line is a division heading: "Section I: PREAMBLE", "Article 2 – Grant of Rights",
 * "PART III. OTHER PROVISIONS" (a division word, a number or numeral, and a title without
 * sentence punctuation). "Section 2.1 Licence. Provider grants ..." is a clause, not a heading.
 */
export function isDivisionHeading(line: string): boolean {
  const t = line.trim();
  if (t.length > 100) return false;
  const m = divisionPattern().exec(t);
  if (!m) return false;
  const title = m[1]!.replace(/[.:]$/, '');
  if (/[.;,!?]/.test(title)) return false;
  return isCapsHeading(title) || isTitle(title);
}

/** True when a line is an ALL-CAPS heading ("LIMITATION OF LIABILITY"). */
export function isCapsHeading(line: string): boolean {
  const t = line.trim();
  if (t.length < 3 || t.length > 100) return false;
  if (/[a-z]/.test(t)) return false;
  if ((t.match(/[A-Z]/g) ?? []).length < 3) return false;
  if (t.split(/\s+/).length > 12) return false;
  return !/[.;,]$/.test(t) || /^[A-Z0-9 ]+\.$/.test(t);
}

/** "Schedule B" for a schedule / exhibit / annex heading line, else undefined. */
export function scheduleName(line: string): string | undefined {
  const t = line.trim();
  if (t.length > 120) return undefined;
  const m = ATTACHMENT_HEADING.exec(t);
  if (!m) return undefined;
  const rest = t.slice(m[0].length);
  // "Schedule B sets out ..." is a sentence, not a heading
  if (/^\s+[a-z]/.test(rest) && !/^\s*[-–—:]/.test(rest)) return undefined;
  return attachmentName(m);
}

/** Remove `[from, to)` from the front of a block's text: the block keeps text from `to` on. */
export function dropPrefix(text: string, runs: SourceRun[], to: number): { text: string; runs: SourceRun[] } {
  return { text: text.slice(to), runs: shiftRuns(runs, to, text.length) };
}

/**
 * Give a Markdown contract's blocks their clause structure: ordered list items become clause
 * numbers (nested items "1.1"), paragraphs that open with a marker lose it to Block.marker,
 * run-in titles move to Block.clauseTitle, and clause tokens join each block's section path.
 */
export function structureMarkdownClauses(input: Block[]): Block[] {
  const blocks = input.map(clauseCode).flatMap(splitAtClauseLines);
  const path = new ClausePath();
  let lastHeadings = '';
  const numbers: Array<string | undefined> = [];
  for (const [i, b] of blocks.entries()) {
    if (b.kind === 'heading') continue;
    if (b.kind === 'paragraph' && b.marker === undefined && isDivisionHeading(b.text)) {
      // "Section II: INTELLECTUAL PROPERTY RIGHTS" set as a plain paragraph heads a division: not a sentence
      b.kind = 'heading';
      b.level = 6;
      path.reset();
      numbers.length = 0;
      continue;
    }
    const headings = JSON.stringify(b.sectionPath);
    if (headings !== lastHeadings) {
      path.reset();
      numbers.length = 0;
      lastHeadings = headings;
    }
    let tokens = path.tokens();
    if (b.kind === 'list-item' && b.marker !== undefined) {
      const depth = b.depth ?? 0;
      const n = /^(\d+)[.)]$/.exec(b.marker);
      if (n) {
        const parent = depth > 0 ? numbers[depth - 1] : undefined;
        const token = parent ? `${parent}.${n[1]}` : n[1]!;
        numbers.length = depth;
        numbers[depth] = token;
        tokens = path.enter(token, depth);
      }
    } else if (b.kind === 'paragraph' && b.marker !== undefined) {
      // the Markdown reader already took an escaped marker ("1\\. ...") off the text
      const lead = path.lead(`${b.marker} ${b.text}`);
      if (lead) tokens = path.enter(lead.token, lead.level);
    } else if (b.kind === 'paragraph' || b.kind === 'list-item') {
      const lead = path.lead(b.text);
      if (lead && lead.bodyStart < b.text.length) {
        tokens = path.enter(lead.token, lead.level);
        b.marker = lead.marker.trim();
        Object.assign(b, dropPrefix(b.text, b.runs, lead.bodyStart));
      }
    }
    if (b.kind === 'paragraph' || b.kind === 'list-item') {
      const t = runInTitleOf(b);
      // A whole item that reads as a title is a step when its list holds sentences ("1. Sign in to the Azure Portal.")
      if (t && !(b.kind === 'list-item' && t[1] >= b.text.length && inListOfSentences(blocks, i))) {
        b.clauseTitle = b.text.slice(0, t[0]);
        Object.assign(b, dropPrefix(b.text, b.runs, t[1]));
      } else if (b.kind === 'list-item' && (/^\d/.test(b.marker ?? '') || hasNestedItems(blocks, i)) && !/[.!?:;]$/.test(b.text) && isTitle(b.text)) {
        // a numbered item that is only a title heads its clause ("1. Service" over "1.1 Access. ..."), and so does a
        // bulleted one with items under it; a bulleted one on its own ("- Preview") is an item of a list, a sentence
        b.clauseTitle = b.text;
        b.text = '';
        b.runs = [];
      }
    }
    if (b.kind !== 'table' && b.kind !== 'code' && b.kind !== 'image') b.sectionPath = [...b.sectionPath, ...tokens];
  }
  return blocks;
}

/** Characters that mark source code rather than prose. */
const CODE_CHARS = /[{}=<>;$#\\|]|\(\)|=>|::/g;

/**
 * A contract's indented "code block" that is clause text: licences converted from word processors
 * indent numbered clauses with a tab, which Markdown reads as code. Every line opens with a clause
 * marker or reads as prose (words, sentence punctuation, hardly any code characters), and at least
 * one line opens with a marker. Fenced blocks with a language stay code.
 */
function clauseCode(b: Block): Block {
  if (b.kind !== 'code' || b.lang || !b.text.trim() || b.runs.length === 0) return b;
  const lines = b.text.split('\n').filter((l) => l.trim());
  const probe = new ClausePath();
  let marked = 0;
  for (const line of lines) {
    const t = line.trim();
    if ((t.match(CODE_CHARS) ?? []).length > t.length / 80 + 1) return b;
    if (probe.lead(t)) marked++;
    else if (!(t.split(/\s+/).length >= 4 && /[\p{L}][.;:,)]?["”’]?$|[.;:]["”’]?$/u.test(t))) return b;
  }
  if (marked === 0) return b;
  return { ...b, kind: 'paragraph' };
}

/** A block's run-in title: after a clause number, a short one in sentence case too ("5.2 Automatic renewal. Paid ..."), as in plain text. */
function runInTitleOf(b: Block): [number, number] | undefined {
  return runInTitle(b.text, b.marker !== undefined && /[\p{L}\p{N}]/u.test(b.marker));
}

/**
 * The list item at `i` is one of a list of sentences, not a clause heading, so a whole item that happens to be in
 * title case ("1. Open Settings.") stays a sentence: nothing is nested under it, no item of its list (same depth)
 * opens with a run-in title before more text ("2. Fees. Customer shall ..."), and another item is a plain sentence,
 * or the list hangs from a lead-in ("To apply, follow these steps:") and the item is not one link (a contents entry).
 */
function inListOfSentences(blocks: readonly Block[], i: number): boolean {
  const b = blocks[i]!;
  if (hasNestedItems(blocks, i)) return false;
  const depth = b.depth ?? 0;
  let sentences = false;
  for (const step of [-1, 1]) {
    for (let j = i + step; j >= 0 && j < blocks.length; j += step) {
      const x = blocks[j]!;
      if (x.kind !== 'list-item' || (x.depth ?? 0) < depth) break;
      if ((x.depth ?? 0) !== depth) continue;
      const title = runInTitleOf(x);
      if ((x.clauseTitle !== undefined && x.text !== '') || (title && title[1] < x.text.length)) return false;
      if (!title && x.clauseTitle === undefined && /[.!?]$/.test(x.text)) sentences = true;
    }
  }
  return sentences || (b.leadBlockId !== undefined && !b.linkOnly);
}

/** True when the list item at `i` has items nested under it (the next block is a deeper list item). */
function hasNestedItems(blocks: readonly Block[], i: number): boolean {
  const next = blocks[i + 1];
  return next !== undefined && next.kind === 'list-item' && (next.depth ?? 0) > (blocks[i]!.depth ?? 0);
}

/** Split a block where a soft line break is followed by a clause marker ("...\nb. Use of ..."). */
function splitAtClauseLines(b: Block): Block[] {
  if (b.kind !== 'paragraph' && b.kind !== 'list-item') return [b];
  const probe = new ClausePath();
  const cuts: number[] = [];
  const re = /\n[ \t]*/g;
  for (let m = re.exec(b.text); m; m = re.exec(b.text)) {
    const at = m.index + m[0].length;
    const lead = probe.lead(b.text.slice(at));
    if (lead && lead.bodyStart < b.text.length - at) cuts.push(at);
  }
  if (cuts.length === 0) return [b];
  const out: Block[] = [];
  const bounds = [0, ...cuts, b.text.length];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k]!;
    let to = bounds[k + 1]!;
    while (to > from && /\s/.test(b.text[to - 1]!)) to--;
    const part: Block = { ...b, id: k === 0 ? b.id : `${b.id}.${k}`, text: b.text.slice(from, to), runs: shiftRuns(b.runs, from, to) };
    if (k > 0) {
      delete part.marker;
      part.kind = 'paragraph';
    }
    out.push(part);
  }
  return out;
}
