/**
 * Plain-text reader (contracts): blank-line paragraphs, clause markers as Block.marker and
 * section-path tokens, run-in clause titles, ALL-CAPS and SCHEDULE / Exhibit / Annex headings.
 */
import type { Block } from '../model/types.ts';
import { ClausePath, dropPrefix, isCapsHeading, isTitle, runInTitle, scheduleName } from './clauses.ts';
import { TextBuilder, lineStartsOf, textSpanOf, trimmed } from './runs.ts';
import type { MarkdownDocument } from './markdown.ts';

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
    const startsNew = probe.lead(t) !== undefined || scheduleName(t) !== undefined || isCapsHeading(t);
    const prevHeading = cur.length === 1 && headingLike(cur[0]!.text.trim(), probe);
    if (cur.length && (startsNew || prevHeading)) {
      paragraphs.push(cur);
      cur = [];
    }
    cur.push(line);
  }
  if (cur.length) paragraphs.push(cur);

  for (const para of paragraphs) {
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
    const sched = para.length === 1 ? scheduleName(t0.text) : undefined;
    if (sched || (para.length === 1 && isCapsHeading(t0.text) && !path.lead(t0.text))) {
      if (sched) {
        schedule = sched;
        heading = undefined;
      } else heading = t0.text;
      path.reset();
      const sectionPath = sched ? [] : schedule ? [schedule] : [];
      blocks.push({ id, kind: 'heading', sectionPath, text: t0.text, runs: t0.runs, span, level: sched ? 1 : 2 });
      continue;
    }
    let { text, runs } = t0;
    const block: Block = { id, kind: 'paragraph', sectionPath: [], text, runs, span };
    const lead = path.lead(text);
    let tokens = path.tokens();
    if (lead) {
      tokens = path.enter(lead.token, lead.level);
      block.marker = lead.marker.trim();
      ({ text, runs } = dropPrefix(text, runs, lead.bodyStart));
    }
    const title = runInTitle(text);
    if (lead && bareTitle(text)) {
      block.clauseTitle = text;
      ({ text, runs } = dropPrefix(text, runs, text.length));
    } else if (title && (lead || title[1] < text.length)) {
      block.clauseTitle = text.slice(0, title[0]);
      ({ text, runs } = dropPrefix(text, runs, title[1]));
    }
    block.text = text;
    block.runs = runs;
    block.sectionPath = [...(schedule ? [schedule] : []), ...(heading ? [heading] : []), ...tokens];
    blocks.push(block);
  }
  return { metadata: {}, blocks, lineStarts, diagnostics: [] };
}
