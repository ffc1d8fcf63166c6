/**
 * Contract structure: clause numbering ("1.", "2.1", "(a)", "(i)"), attachment headings
 * (Schedule / Exhibit / Annex / Appendix), clause references ("Schedule B §2.1(a)"),
 * definitions ("Model" means ...) and cross-references ("Section 2.1", "Schedule B").
 */
import type { Block, Document, Sentence } from '../model/types.ts';
import { matchAny } from '../text/patterns.ts';
import { tokenize } from '../text/tokens.ts';
import type { LegalRules } from './legal-rules.ts';
import { formatClauseRef, leadingMarker, parseMarker } from '../text/clause-markers.ts';

export { formatClauseRef, leadingMarker, parseMarker, type ClauseMarker, type MarkerKind } from '../text/clause-markers.ts';

/** "Schedule B – Model Performance" → "Schedule B" (an attachment label), else undefined. */
export function attachmentLabel(heading: string, rules: LegalRules): string | undefined {
  const words = rules.attachments.map((w) => w.toLowerCase());
  const m = /^\s*([A-Za-z]+)\s+([A-Z0-9]{1,4}|[IVX]{1,5})\b/.exec(heading);
  if (!m || !words.includes(m[1]!.toLowerCase())) return undefined;
  const word = m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1).toLowerCase();
  return `${word} ${m[2]!}`;
}

/** The attachment a block opens ("Schedule B") when it is a heading or a short heading-like line. */
export function attachmentHeading(block: Block, rules: LegalRules): string | undefined {
  const headingLike = block.kind === 'heading' || (block.kind === 'paragraph' && block.text.length < 100 && !/[.;:]\s*$/.test(block.text));
  return headingLike ? attachmentLabel(block.text, rules) : undefined;
}

/** Clause reference of every block of a contract, by block id ("Schedule B §2.1(a)"). */
export function clauseRefsOf(doc: Document, rules: LegalRules): Map<string, string> {
  const out = new Map<string, string>();
  let attachment: string | undefined;
  let number: string | undefined;
  let sub: Array<{ kind: 'alpha' | 'roman'; label: string }> = [];
  const apply = (marker: string | undefined): void => {
    if (!marker) return;
    const prevAlpha = [...sub].reverse().find((s) => s.kind === 'alpha')?.label;
    const parsed = parseMarker(marker, prevAlpha);
    if (!parsed || parsed.kind === 'bullet') return;
    if (parsed.kind === 'number') {
      number = parsed.label;
      sub = [];
    } else if (parsed.kind === 'alpha') {
      sub = [{ kind: 'alpha', label: parsed.label }];
    } else {
      const alphaIdx = sub.findIndex((s) => s.kind === 'alpha');
      sub = alphaIdx >= 0 ? [sub[alphaIdx]!, { kind: 'roman', label: parsed.label }] : [{ kind: 'roman', label: parsed.label }];
    }
  };
  for (const block of doc.blocks) {
    const label = attachmentHeading(block, rules);
    if (label) {
      attachment = label;
      number = undefined;
      sub = [];
    } else if (block.kind === 'heading') {
      const marker = block.marker ?? leadingMarker(block.text);
      if (marker && parseMarker(marker)?.kind === 'number') apply(marker);
      else if (!marker) {
        number = undefined;
        sub = [];
      }
    } else {
      apply(blockMarker(block));
    }
    const ref = formatClauseRef(attachment, number, sub.map((s) => s.label));
    if (ref) out.set(block.id, ref);
  }
  return out;
}

function blockMarker(block: Block): string | undefined {
  return block.marker ?? (block.kind === 'paragraph' || block.kind === 'list-item' ? leadingMarker(block.text) : undefined);
}

/** A term a contract defines. */
export interface Definition {
  term: string;
  /** The meaning as written (text after "means"). */
  meaning: string;
  sentenceId: string;
  /** Defined inline in parentheses ("(the "Model")") rather than by a definition sentence. */
  inline: boolean;
}

const QUOTED_TERMS = /^\s*(?:the\s+)?[“"‘']([^”"’']{1,80})[”"’'](?:\s*(?:,|or|and)\s*[“"‘']([^”"’']{1,80})[”"’'])*/i;

/**
 * If a sentence is a definition ("Model" means ...; Model means ...), its terms and the
 * offset where the meaning starts.
 */
export function readDefinition(text: string, rules: LegalRules): { terms: string[]; meaningStart: number } | undefined {
  const tokens = tokenize(text);
  if (tokens.length < 3) return undefined;
  let termEnd = -1;
  const terms: string[] = [];
  const q = QUOTED_TERMS.exec(text);
  if (q) {
    for (const m of q[0].matchAll(/[“"‘']([^”"’']{1,80})[”"’']/g)) terms.push(m[1]!.trim());
    termEnd = tokens.findIndex((t) => t.start >= q[0].length);
  } else {
    let i = tokens[0]!.lower === 'the' ? 1 : 0;
    const first = i;
    while (i < tokens.length && i - first < 6 && (tokens[i]!.capitalised || /^\d/.test(tokens[i]!.text))) i++;
    if (i === first) return undefined;
    terms.push(text.slice(tokens[first]!.start, tokens[i - 1]!.end));
    termEnd = i;
  }
  if (termEnd < 0) return undefined;
  const rest = tokens.slice(termEnd);
  for (const m of matchAny(rules.definitions.flatMap((r) => r.patterns), rest)) {
    if (m.start === 0) {
      const end = rest[m.end - 1]!.end;
      return { terms, meaningStart: end + (text.slice(end).match(/^\s*/)?.[0].length ?? 0) };
    }
  }
  return undefined;
}

const INLINE_DEF = /\((?:the\s+|each\s+a\s+|together\s+the\s+|hereinafter\s+)?[“"]([^”"]{1,60})[”"]\)/gi;

/** Every term a contract defines, from definition sentences and inline "(the "Model")" definitions. */
export function findDefinitions(sentences: Sentence[], rules: LegalRules): Definition[] {
  const out: Definition[] = [];
  for (const s of sentences) {
    const d = readDefinition(s.text, rules);
    if (d) for (const term of d.terms) out.push({ term, meaning: s.text.slice(d.meaningStart), sentenceId: s.id, inline: false });
    for (const m of s.text.matchAll(INLINE_DEF)) {
      out.push({ term: m[1]!.trim(), meaning: s.text.slice(0, m.index).trim(), sentenceId: s.id, inline: true });
    }
  }
  return out;
}

/** A reference from one clause to another ("Section 2.1", "clause 3(a)", "Schedule B"). */
export interface CrossReference {
  text: string;
  start: number;
  end: number;
  /** Normalised target: "§2.1", "§3(a)", "Schedule B". */
  target: string;
}

/** Cross-references in a sentence. */
export function findCrossReferences(text: string, rules: LegalRules): CrossReference[] {
  // The keyword in either case ("Section", "clause"); the label as written ("B", "2.1(a)").
  const words = rules.references
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .map((w) => `[${w.charAt(0).toUpperCase()}${w.charAt(0).toLowerCase()}]${w.slice(1).toLowerCase()}`)
    .join('|');
  const re = new RegExp(`\\b(${words})\\s+((?:\\d+(?:\\.\\d+)*(?:\\([a-z0-9]{1,5}\\))*)|[A-Z]{1,2}\\b|[IVX]{1,5}\\b)`, 'g');
  const out: CrossReference[] = [];
  for (const m of text.matchAll(re)) {
    const word = m[1]!;
    const label = m[2]!;
    const attachment = rules.attachments.some((a) => a.toLowerCase() === word.toLowerCase());
    const target = attachment ? `${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()} ${label}` : `§${label}`;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, target });
  }
  return out;
}
