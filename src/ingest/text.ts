/**
 * Plain-text reader (contracts): blank-line paragraphs, clause markers as Block.marker and
 * section-path tokens, run-in clause titles, bulleted list items, title blocks read line by line,
 * and headings: ALL CAPS, SCHEDULE / Exhibit / Annex, divisions ("Section I: PREAMBLE"), title lines.
 */
import type { Block } from '../model/types.ts';
import { ClausePath, dropPrefix, isCapsHeading, isDivisionHeading, isTitle, runInTitle, scheduleName } from './clauses.ts';
import { TextBuilder, lineStartsOf, textSpanOf, trimmed } from './runs.ts';
import type { MarkdownDocument } from './markdown.ts';
import { shippedSegmentationRules } from './shipped-rules.ts';

interface Line {
  text: string;
  offset: number;
}

function linesOf(source: string, lineStarts: number[]): Line[] {
  return lineStarts.map((start, i) => {
    const next = i + 1 < lineStarts.length ? lineStarts[i + 1]! : source.length;
    return { text: source.slice(start, next).replace(/\r?\n$|\r$/, ''), offset: start };
  });
}

/** A line that stands alone as a heading: ALL CAPS, a schedule name, or a clause number with a bare title ("1. DEFINITIONS"). */
function headingLike(line: string, probe: ClausePath): boolean {
  const lead = probe.lead(line);
  if (scheduleName(line) !== undefined || (isCapsHeading(line) && !lead)) return true;
  return lead !== undefined && bareTitle(line.slice(lead.bodyStart));
}

/** A clause body that is only a title: "DEFINITIONS", "Grant of Licence" (no sentence punctuation). */
function bareTitle(body: string): boolean {
  return body.length > 0 && !/[.;:,]$/.test(body) && (isCapsHeading(body) || isTitle(body));
}

/** A bullet at the start of a line ("- ", "* ", "• "): the line is a list item and the bullet is its marker. */
const BULLET = /^([-*•·‣◦▪–])[ \t]+(?=\S)/;

/** A line that ends an item of a run-on enumeration ("...; or", "...; and", "...;") or opens one ("... as follows:"). */
const ITEM_END = /(?:;|;\s+(?:and|or)|:)$/;

/** The longest line of a title block: centred titles, versions and dates are short. */
const TITLE_BLOCK_LINE = 60;

/**
 * Lines that stand alone rather than wrap one paragraph: a title block ("Yi Community Licence /
 * Version: 2.1 / Date of Release: ..."), every line short, the first a title, none ending a sentence
 * or a clause.
 */
function standsAlone(lines: Line[]): boolean {
  if (lines.length < 2) return false;
  const t = lines.map((l) => l.text.trim());
  if (!t.every(inCasedScript)) return false;
  if (!t.every((x) => x.length <= TITLE_BLOCK_LINE && !/[.,;!?]$/.test(x))) return false;
  return isCapsHeading(t[0]!) || isTitle(t[0]!);
}

/**
 * True when most letters of a line have case (Latin, Greek, Cyrillic ...): capitalisation and line
 * length say nothing about a title in scripts without case (a wrapped Chinese line is short and has no capitals).
 */
function inCasedScript(line: string): boolean {
  const cased = (line.match(/[\p{Lu}\p{Ll}\p{Lt}]/gu) ?? []).length;
  const other = (line.match(/\p{Lo}/gu) ?? []).length;
  return cased > 0 && other <= 0.1 * (cased + other);
}

/**
 * True when the line after `line` continues the sentence `line` breaks off, whatever it looks like: `line`
 * ends with no sentence or clause punctuation, and ends mid-phrase (a comma, or a small word no heading
 * ends with: "3. Disclaimer of Warranty. UNLESS REQUIRED BY APPLICABLE LAW, THE"), holds a sentence end
 * ("... PURPOSE. YOU ARE SOLELY RESPONSIBLE"), or is longer than a title-block line.
 */
function wrapsOn(line: string): boolean {
  if (endsSentence(line)) return false;
  // A sentence end after a word, not a clause number's period ("1. DEFINITIONS").
  return line.length > TITLE_BLOCK_LINE || endsMidPhrase(line) || /\p{L}{2}[.!?]\s+\S/u.test(line);
}

function endsSentence(line: string): boolean {
  return /[.;:!?]["”)]?$/.test(line);
}

function endsMidPhrase(line: string): boolean {
  if (/,$/.test(line)) return true;
  const last = /([\p{L}]+)$/u.exec(line)?.[1]?.toLowerCase();
  return last !== undefined && midPhraseWords().has(last);
}

let midPhrase: ReadonlySet<string> | undefined;

/** Words no heading ends with: rules/segmentation.yaml `titleSmallWords` and `clauseWords`. */
function midPhraseWords(): ReadonlySet<string> {
  const r = shippedSegmentationRules();
  midPhrase ??= new Set([...r.titleSmallWords, ...r.clauseWords]);
  return midPhrase;
}

/**
 * A short line that reads as a title or as a title-block "Key: value" line ("Prohibited Uses", "Meta Llama 3
 * Acceptable Use Policy", "Llama 3 Version Release Date: April 18, 2024"): no sentence punctuation at its end,
 * not breaking off a phrase.
 */
function titleLine(line: string): boolean {
  if (line.length > TITLE_BLOCK_LINE || !inCasedScript(line) || /[.;,!?"”)]$/.test(line) || endsMidPhrase(line)) return false;
  const kv = KEY_VALUE.exec(line);
  const title = kv ? kv[1]! : line;
  return isTitle(title) && title.split(/\s+/).length <= 8;
}

let definition: RegExp | undefined;

/** A line that opens a definition: a quoted term, an optional parenthesis, then a verb of `definitionVerbs` ("means"). */
function opensDefinition(line: string): boolean {
  if (!definition) {
    const verbs = shippedSegmentationRules().definitionVerbs;
    definition = verbs.length ? new RegExp(`^["“][^"”]{1,80}["”](?:\\s*\\([^)]{0,80}\\))?\\s+(?:${verbs.join('|')})\\b`) : /(?!)/;
  }
  return definition.test(line);
}

/** A "Key: value" line ("Licence questions: licensing@example.com"). */
const KEY_VALUE = /^([^:]{2,60}):\s+\S/;

/** Lines that are all "Key: value" lines stand alone, one block each, as the lines of a title block do. */
function keyValueLines(lines: Line[]): boolean {
  return lines.length > 1 && lines.every((l) => KEY_VALUE.test(l.text.trim()));
}

/** A line that opens a sentence: a capital, a digit or an opening quote. */
function opensSentence(line: string): boolean {
  return /^[\p{Lu}\d“"‘(]/u.test(line);
}

/**
 * A title line inside a paragraph, between a line that ends a sentence (or a bare link) and a line that opens one,
 * is a heading set without blank lines around it ("... found at https://example.com/policy" / "Prohibited Uses" /
 * "We want everyone to ..."): the paragraph splits around it.
 */
function splitAtTitleLines(para: Line[]): Line[][] {
  const out: Line[][] = [];
  let cur: Line[] = [];
  para.forEach((line, i) => {
    const t = line.text.trim();
    const before = para[i - 1]?.text.trim();
    const after = para[i + 1]?.text.trim();
    if (before !== undefined && after !== undefined && titleLine(t) && !KEY_VALUE.test(t) && (endsSentence(before) || /\S+\.\S+$/.test(before)) && opensSentence(after)) {
      out.push(cur, [line]);
      cur = [];
      return;
    }
    cur.push(line);
  });
  if (cur.length) out.push(cur);
  return out.filter((p) => p.length > 0);
}

/** A single line that heads what follows: ALL CAPS, a schedule or division name, or a title with no sentence punctuation. */
function headingLine(line: string, probe: ClausePath): 'schedule' | 'heading' | undefined {
  if (scheduleName(line) !== undefined) return 'schedule';
  if (probe.lead(line)) return undefined;
  if (isCapsHeading(line) || isDivisionHeading(line)) return 'heading';
  // "Last modified: March 24, 2025" is a key-value line, a sentence (GUIDE: a heading-plus-value line is a sentence)
  if (inCasedScript(line) && !/[.;:,!?"”)]$/.test(line) && !/:\s+\S/.test(line) && isTitle(line) && line.split(/\s+/).length <= 8) return 'heading';
  return undefined;
}

/** Parse decoded plain text into blocks with clause structure. */
export function readText(source: string): MarkdownDocument {
  const lineStarts = lineStartsOf(source);
  const blocks: Block[] = [];
  const path = new ClausePath();
  let schedule: string | undefined;
  let heading: string | undefined;
  const paragraphs: Line[][] = [];
  let cur: Line[] = [];
  const probe = new ClausePath();
  for (const line of linesOf(source, lineStarts)) {
    const t = line.text.trim();
    if (!t) {
      if (cur.length) paragraphs.push(cur);
      cur = [];
      continue;
    }
    const prev = cur[cur.length - 1]?.text.trim();
    // An ALL-CAPS line inside a hard-wrapped ALL-CAPS disclaimer continues it ("... ARE PROVIDED ON AN \"AS IS\" BASIS,").
    const caps = isCapsHeading(t) && !(prev !== undefined && (wrapsOn(prev) || (!endsSentence(prev) && endsMidPhrase(t))));
    // A dash that opens a line inside a wrapped sentence is a dash, not a bullet ("... will always have to include - at
    // minimum" / "- the same use-based restrictions ..."), unless the paragraph is itself a list item.
    const bullet = BULLET.test(t) && !(prev !== undefined && wrapsOn(prev) && !BULLET.test(cur[0]!.text.trim()));
    // A definition opens a block of its own after a sentence end ("... translator, etc." / "\"Third Parties\" means ...").
    const definitionStart = prev !== undefined && endsSentence(prev) && opensDefinition(t);
    const startsNew = probe.lead(t) !== undefined || bullet || definitionStart || scheduleName(t) !== undefined || caps || isDivisionHeading(t);
    const prevHeading = cur.length === 1 && (headingLike(prev!, probe) || (titleLine(prev!) && opensSentence(t) && !(KEY_VALUE.test(prev!) && KEY_VALUE.test(t)))) && !wrapsOn(prev!);
    if (cur.length && (startsNew || prevHeading || ITEM_END.test(prev!))) {
      paragraphs.push(cur);
      cur = [];
    }
    cur.push(line);
  }
  if (cur.length) paragraphs.push(cur);

  let listLead: string | undefined;
  for (const para of paragraphs.flatMap((p) => (standsAlone(p) || keyValueLines(p) ? p.map((l) => [l]) : splitAtTitleLines(p)))) {
    const b = new TextBuilder();
    para.forEach((line, i) => {
      if (i > 0) b.pushSynthetic(' ');
      const lead = line.text.length - line.text.trimStart().length;
      b.push(line.text.trim(), line.offset + lead);
    });
    const t0 = trimmed(b.text, b.runs);
    const first = para[0]!;
    const last = para[para.length - 1]!;
    const start = first.offset + (first.text.length - first.text.trimStart().length);
    const end = last.offset + last.text.trimEnd().length;
    const span = textSpanOf(lineStarts, start, end);
    const id = `b${blocks.length}`;
    const kind = para.length === 1 ? headingLine(t0.text, path) : undefined;
    if (kind) {
      if (kind === 'schedule') {
        schedule = scheduleName(t0.text);
        heading = undefined;
      } else heading = t0.text;
      path.reset();
      listLead = undefined;
      const sectionPath = kind === 'schedule' ? [] : schedule ? [schedule] : [];
      blocks.push({ id, kind: 'heading', sectionPath, text: t0.text, runs: t0.runs, span, level: kind === 'schedule' ? 1 : 2 });
      continue;
    }
    let { text, runs } = t0;
    const bullet = BULLET.exec(text);
    const block: Block = { id, kind: bullet ? 'list-item' : 'paragraph', sectionPath: [], text, runs, span };
    let tokens = path.tokens();
    if (bullet) {
      // a bulleted line is an item of the clause it sits in; it opens no clause of its own
      block.marker = bullet[1]!;
      block.depth = 0;
      if (listLead) block.leadBlockId = listLead;
      ({ text, runs } = dropPrefix(text, runs, bullet[0].length));
    } else {
      const lead = path.lead(text);
      if (lead) {
        tokens = path.enter(lead.token, lead.level);
        block.marker = lead.marker.trim();
        ({ text, runs } = dropPrefix(text, runs, lead.bodyStart));
      }
      const title = runInTitle(text, lead !== undefined);
      if (lead && bareTitle(text)) {
        block.clauseTitle = text;
        ({ text, runs } = dropPrefix(text, runs, text.length));
      } else if (title && (lead || title[1] < text.length)) {
        block.clauseTitle = text.slice(0, title[0]);
        ({ text, runs } = dropPrefix(text, runs, title[1]));
      }
      listLead = /:$/.test(text) ? id : undefined;
    }
    block.text = text;
    block.runs = runs;
    block.sectionPath = [...(schedule ? [schedule] : []), ...(heading ? [heading] : []), ...tokens];
    blocks.push(block);
  }
  return { metadata: {}, blocks, lineStarts, diagnostics: [] };
}
