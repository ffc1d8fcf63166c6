/**
 * Incorporation by reference: clauses that make another document part of the contract
 * ("as described in the Model Card dated 14 March 2026", "Schedule B forms part of this
 * Agreement"), and resolution of the named document to an uploaded one.
 */
import type { Document } from '../model/types.ts';
import { matchAny, matchPattern } from '../text/patterns.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import type { LegalRules } from './legal-rules.ts';
import { attachmentHeading, attachmentLabel, type Definition } from './structure.ts';

/** An incorporation clause as read from one sentence. */
export interface Incorporation {
  /** The incorporating words with the document's name ("as described in the Model Card dated 14 March 2026"). */
  phrase: string;
  /** The document's name as written ("Model Card dated 14 March 2026", "Schedule B"). */
  name: string;
  /** What kind of document the name points at, when a rule says so. */
  role?: 'model-card' | 'contract' | 'evidence' | 'attachment';
  ruleId: string;
  start: number;
  end: number;
}

function extendForward(tokens: Token[], i: number, nameWords: Set<string>): number {
  let end = i + 1;
  let last = end;
  while (end < tokens.length) {
    const t = tokens[end]!;
    if (t.capitalised || /\d/.test(t.text)) last = ++end;
    else if (nameWords.has(t.lower)) end++;
    else break;
  }
  // Trailing connectors ("... the Documentation as amended") are not part of the name.
  return last;
}

function extendBackward(tokens: Token[], i: number, connectors: Set<string>): number {
  let j = i;
  while (j > 0 && connectors.has(tokens[j - 1]!.lower)) j--;
  const nameEnd = j;
  while (j > 0 && (tokens[j - 1]!.capitalised || /^\d/.test(tokens[j - 1]!.text) || /^[A-Z]$/.test(tokens[j - 1]!.text))) j--;
  return j < nameEnd ? j : -1;
}

/** The incorporation clause in a sentence, if any. */
export function detectIncorporation(text: string, rules: LegalRules): Incorporation | undefined {
  const tokens = tokenize(text);
  for (const rule of rules.incorporation) {
    for (const m of matchAny(rule.patterns, tokens)) {
      const inc = incorporationAt(text, tokens, m, rule.id, rules);
      if (inc) return inc;
    }
  }
  return undefined;
}

/**
 * The name is the agreement itself or a document that forms part of it ("the Agreement", "the Order
 * Form", "Statement of Work No. 2", "the Order Form dated 1 May 2026"): an agreement name ends the
 * name, or only a date or number qualifier follows it ("dated", "version", "No. 2"; "of" continues
 * the name: "Terms of Service" is another document).
 */
function namesAgreement(name: Token[], rules: LegalRules): boolean {
  const words = name.map((t) => t.lower);
  return rules.agreementPhrases.some((p) => {
    for (let i = 0; i + p.length <= words.length; i++) {
      if (!p.every((w, k) => words[i + k] === w)) continue;
      const next = name[i + p.length];
      if (!next) return true;
      if (/^\d/.test(next.text) || rules.numberWords.has(next.lower)) return true;
      if (!next.capitalised && !rules.nameContinuations.has(next.lower) && rules.nameWords.has(next.lower)) return true;
    }
    return false;
  });
}

/**
 * Not an outside document (issue 16): an internal cross-reference ("Clause 11", "Section III") unless it is
 * a section of a named outside document ("Section 3 of the Model Card"), or the agreement itself or a
 * document that forms part of it ("the Agreement", "the Order Form", "the Statement of Work"; rules/legal.yaml
 * `structure.agreementNames`).
 */
function isInternalReference(tokens: Token[], nameStart: number, nameEnd: number, rules: LegalRules): boolean {
  const head = tokens[nameStart]!.lower;
  if (rules.crossReferences.has(head)) {
    // "Section 3 of the Model Card": the section belongs to another document when one is named right after.
    const after = tokens.slice(nameEnd, nameEnd + 10).map((t) => t.text).join(' ');
    const role = /^of\b/i.test(after) ? documentRole(after, rules) : undefined;
    return role !== 'model-card' && role !== 'evidence';
  }
  const name = tokens.slice(nameStart, nameEnd);
  return namesAgreement(name, rules) && documentRole(name.map((t) => t.text).join(' '), rules) === undefined;
}

/** The incorporation a pattern match opens, or undefined when its name is no outside document. */
function incorporationAt(text: string, tokens: Token[], m: { start: number; end: number }, ruleId: string, rules: LegalRules): Incorporation | undefined {
  {
    const last = tokens[m.end - 1]!;
    let nameStart: number;
    let nameEnd: number;
    let phraseStart: number;
    let phraseEnd: number;
    if (last.capitalised) {
      nameStart = m.end - 1;
      nameEnd = extendForward(tokens, nameStart, rules.nameWords);
      phraseStart = m.start;
      phraseEnd = nameEnd;
    } else {
      const back = extendBackward(tokens, m.start, rules.connectors);
      if (back < 0) return undefined;
      nameStart = back;
      let e = m.start;
      while (e > nameStart && rules.connectors.has(tokens[e - 1]!.lower)) e--;
      nameEnd = e;
      phraseStart = nameStart;
      phraseEnd = m.end;
      // "forms part of this Agreement": keep the object in the phrase.
      while (phraseEnd < tokens.length && (rules.determiners.has(tokens[phraseEnd]!.lower) || tokens[phraseEnd]!.capitalised) && phraseEnd - m.end < 3) phraseEnd++;
    }
    // "This Schedule B" names "Schedule B".
    if (nameEnd - nameStart > 1 && rules.determiners.has(tokens[nameStart]!.lower)) nameStart++;
    if (nameEnd <= nameStart) return undefined;
    if (isInternalReference(tokens, nameStart, nameEnd, rules)) return undefined;
    if (rules.crossReferences.has(tokens[nameStart]!.lower)) {
      // A section of an outside document: the name runs on to the document ("Section 3 of the Model Card").
      let j = nameEnd;
      while (j < tokens.length && (tokens[j]!.lower === 'of' || rules.determiners.has(tokens[j]!.lower))) j++;
      if (j < tokens.length && tokens[j]!.capitalised) {
        nameEnd = extendForward(tokens, j, rules.nameWords);
        phraseEnd = Math.max(phraseEnd, nameEnd);
      }
    }
    const name = text.slice(tokens[nameStart]!.start, tokens[nameEnd - 1]!.end);
    const start = tokens[phraseStart]!.start;
    const end = tokens[phraseEnd - 1]!.end;
    const inc: Incorporation = { phrase: text.slice(start, end), name, ruleId, start, end };
    const role = documentRole(name, rules);
    if (role) inc.role = role;
    return inc;
  }
}

/** What kind of document a name points at ("Model Card" → model-card, "Schedule B" → attachment). */
export function documentRole(name: string, rules: LegalRules): Incorporation['role'] {
  const tokens = tokenize(name);
  for (const d of rules.documents) if (d.patterns.some((p) => matchPattern(p, tokens).length > 0)) return d.role;
  return undefined;
}

/** A document an incorporation may resolve to. */
export interface CandidateDocument {
  doc: Document;
  /** Text that names it: file name, first heading, model name. */
  names: string[];
}

/** Words a document name shares with a candidate, ignoring generic document words. */
function overlap(a: string, b: string, generic: Set<string>): number {
  const bs = new Set(tokenize(b).map((t) => t.stem || t.lower));
  let n = 0;
  for (const t of tokenize(a)) if (!generic.has(t.lower) && bs.has(t.stem || t.lower)) n++;
  return n;
}

/**
 * Resolve an incorporation to an uploaded document: an attachment of the contract itself or a
 * separate upload named like it; the model card the name or its definition fits (or the only card).
 */
export function resolveIncorporation(
  inc: Incorporation,
  contract: Document,
  cards: CandidateDocument[],
  others: CandidateDocument[],
  definitions: Definition[],
  rules: LegalRules,
): string | null {
  const def = definitions.find((d) => d.term.toLowerCase() === inc.name.toLowerCase().replace(/^the\s+/, ''));
  const described = def ? `${inc.name} ${def.meaning}` : inc.name;
  const role = inc.role ?? (def ? documentRole(def.meaning, rules) : undefined);
  if (role === 'attachment') {
    const label = attachmentLabel(inc.name, rules);
    if (!label) return null;
    const own = contract.blocks.some((b) => attachmentHeading(b, rules) === label);
    if (own) return contract.id;
    const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
    const hit = others.find((o) => o.names.some((n) => squash(n).includes(squash(label))));
    return hit ? hit.doc.id : null;
  }
  if (role === 'model-card' || role === undefined) {
    const scored = cards.map((c) => ({ c, score: Math.max(0, ...c.names.map((n) => overlap(described, n, rules.genericNameWords))) }));
    scored.sort((a, b) => b.score - a.score);
    if (scored.length === 1 && role === 'model-card') return scored[0]!.c.doc.id;
    if (scored.length > 0 && scored[0]!.score > 0 && (scored.length === 1 || scored[0]!.score > scored[1]!.score)) return scored[0]!.c.doc.id;
    const other = others.map((o) => ({ o, score: Math.max(0, ...o.names.map((n) => overlap(described, n, rules.genericNameWords))) })).sort((a, b) => b.score - a.score)[0];
    if (other && other.score > 0) return other.o.doc.id;
  }
  return null;
}
