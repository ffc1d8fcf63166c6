/**
 * Clause markers: the one home of contract numbering syntax. Clause numbers ("1.", "2.1",
 * "Section 3", "§4"), sub-clause markers ("(a)", "(iv)", "b."), attachment headings ("Schedule B",
 * "Exhibit 2"), the section-path tokens they become ("2.1", "(a)") and the clause reference those
 * tokens print as ("Schedule B §2.1(a)").
 *
 * Ingestion (src/ingest/clauses.ts) reads markers at the start of a block to build section paths,
 * segmentation (src/segment/clause-ref.ts) turns a section path into a clause reference, and the
 * contract stage (src/contract/structure.ts) reads markers left on blocks for the clauses
 * segmentation could not reference. All three take the syntax from here.
 */

/** The words that open an attachment heading. */
const ATTACHMENT_WORDS = 'schedule|exhibit|annex|appendix|attachment|addendum';

/** A clause number at the start of a text: "2.1", "2.1.", "3)", "Section 3", "§ 4". Group 1: the number; group 2: "." or ")". */
export const NUMBER_MARKER = /^(?:(?:Section|SECTION|Clause|CLAUSE|§)\s*)?(\d{1,3}(?:\.\d{1,3}){0,5})(\.|\))?(?=\s|$)/;
/** A parenthesised marker at the start of a text: "(a)", "(iv)", "(B)", "(3)". Group 1: inside the parentheses. */
export const PAREN_MARKER = /^\(([a-z]{1,4}|[A-Z]{1,2}|\d{1,3})\)(?=\s|$)/;
/** A letter or roman numeral with a dot or parenthesis at the start of a text: "a.", "iv)", "B.". Group 1: the letter(s). */
export const DOTTED_LETTER_MARKER = /^([a-z]|[ivxlc]{1,6}|[A-Z])[.)](?=\s)/;
/** A lower-case roman numeral (i … xxxix); the empty string matches too, so test non-empty labels. */
export const ROMAN = /^(?:x{0,3})(?:ix|iv|v?i{0,3})$/;
/** An attachment heading: group 1 the word, group 2 its label ("Schedule B", "Exhibit 2", "Annex IV"). */
export const ATTACHMENT_HEADING = new RegExp(`^(${ATTACHMENT_WORDS})\\s+([A-Z]{1,2}|\\d{1,3}|[IVX]{1,5})\\b`, 'i');

const NUMBER_TOKEN = /^\d{1,3}(\.\d{1,3})*$/;
const SUB_CLAUSE_TOKEN = /^\([A-Za-z0-9]{1,6}\)$/;

/** "Schedule B" from an ATTACHMENT_HEADING match (word capitalised, label upper-cased). */
export function attachmentName(m: RegExpExecArray): string {
  const word = m[1]!.toLowerCase();
  return `${word[0]!.toUpperCase()}${word.slice(1)} ${m[2]!.toUpperCase()}`;
}

/** True for a section-path entry that is a clause number ("2", "2.1"). */
export function isClauseNumberToken(entry: string): boolean {
  return NUMBER_TOKEN.test(entry);
}

/** True for a section-path entry that is a sub-clause ("(a)", "(iv)"). */
export function isSubClauseToken(entry: string): boolean {
  return SUB_CLAUSE_TOKEN.test(entry);
}

/** Format a clause reference from its parts: ("Schedule B", "2.1", ["a"]) → "Schedule B §2.1(a)". */
export function formatClauseRef(attachment: string | undefined, number: string | undefined, sub: string[]): string | undefined {
  const clause = number || sub.length ? `§${number ?? ''}${sub.map((s) => `(${s})`).join('')}` : '';
  if (attachment && clause) return `${attachment} ${clause}`;
  return attachment ?? (clause || undefined);
}

/** What a clause marker is. */
export type MarkerKind = 'number' | 'alpha' | 'roman' | 'bullet';

/** A parsed clause marker. */
export interface ClauseMarker {
  kind: MarkerKind;
  /** Normalised label: "2.1" for numbers, "a" / "iv" for letters. */
  label: string;
}

/** Parse a list marker or clause number ("2.1", "2.1.", "(a)", "a)", "(iv)", "-"). */
export function parseMarker(marker: string, previousAlpha?: string): ClauseMarker | undefined {
  const m = marker.trim();
  if (/^[-*+•–]$/.test(m)) return { kind: 'bullet', label: m };
  const num = /^(?:§\s*)?(\d+(?:\.\d+)*)\.?\)?$/.exec(m);
  if (num) return { kind: 'number', label: num[1]! };
  const letter = /^\(?([a-z]{1,5})[.)]$|^\(([a-z]{1,5})\)$/i.exec(m);
  if (!letter) return undefined;
  const label = (letter[1] ?? letter[2])!.toLowerCase();
  if (label.length > 1) return ROMAN.test(label) ? { kind: 'roman', label } : undefined;
  // "(i)" after "(h)" is the ninth letter, "(v)" after "(u)" the 22nd; otherwise i, v, x are roman.
  const romanSingle: Record<string, string> = { i: 'h', v: 'u', x: 'w' };
  if (label in romanSingle && previousAlpha !== romanSingle[label]) return { kind: 'roman', label };
  return { kind: 'alpha', label };
}

const LEADING_MARKER = /^\s*((?:§\s*)?\d+(?:\.\d+)*\.?|\([a-z]{1,5}\)|[a-z]\))\s+/i;

/** A clause marker written at the start of a block's text, when ingestion left it there. */
export function leadingMarker(text: string): string | undefined {
  const m = LEADING_MARKER.exec(text);
  if (!m) return undefined;
  // "2026 revenue" is not a clause number: require dots or a short number.
  const raw = m[1]!;
  if (/^\d+$/.test(raw) && Number(raw) > 99) return undefined;
  return raw;
}
