/**
 * Numbers as written: where a number is, how many decimals it shows, whether it is a percent,
 * the comparator before it ("at least", "≥", "~") and a "± x" after it; and whether it is a
 * score at all, or a size, count, date, version or part of a name ("7B", "15T tokens", "2023",
 * "v3.1", "GPT-4", "Claude 2"). The vocabulary (units, version words, comparators) is
 * rules/benchmarks.yaml; this module knows only the shape of numbers.
 */
import type { Comparator } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { stripMarkup, type BenchmarksData } from './benchmark-names.ts';

/** A number found in text. */
export interface NumberToken {
  /** The number as written, with its percent sign when it has one ("76.2%"). */
  raw: string;
  value: number;
  /** Decimal places shown. */
  precision: number;
  /** Offsets of the number (sign and digits, plus "%"), end exclusive. */
  start: number;
  end: number;
  percent: boolean;
  comparator?: Comparator;
  /** Offset where the comparator words start (when there is a comparator). */
  comparatorStart?: number;
  stderr?: number;
  /** End of the "± x" part when there is one. */
  stderrEnd?: number;
  /** Why this number is not a score (size, count, year, version, identifier, shots, url); absent for score candidates. */
  notScore?: 'measure' | 'year' | 'version' | 'identifier' | 'shots' | 'url' | 'range';
}

/** Units, version words and comparators (rules/benchmarks.yaml), compiled once per rule set. */
export interface NumberVocab {
  units: Set<string>;
  unitsLower: Set<string>;
  versionWords: Set<string>;
  comparators: Array<{ phrase: string; symbol: Comparator }>;
}

/** The number vocabulary of the merged benchmarks rules (compileRuleSet calls this once). */
export function compileNumberVocab(data: BenchmarksData): NumberVocab {
  const units = data.measureUnits?.phrases ?? [];
  return {
    units: new Set(units),
    // Short units ("B", "M", "s") are case-sensitive; words ("tokens") are not.
    unitsLower: new Set(units.filter((u) => u.length > 2).map((u) => u.toLowerCase())),
    versionWords: new Set((data.versionWords?.phrases ?? []).map((w) => w.toLowerCase())),
    comparators: data.comparators
      .flatMap((c) => c.phrases.map((phrase) => ({ phrase: phrase.toLowerCase(), symbol: c.symbol as Comparator })))
      .sort((a, b) => b.phrase.length - a.phrase.length),
  };
}

const NUMBER = /([-−+])?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const LETTER = /[\p{L}]/u;
const ALNUM = /[\p{L}\p{N}]/u;

function decimals(frac: string | undefined): number {
  return frac ? frac.length - 1 : 0;
}

/** The comparator whose words end right before `pos` (spaces allowed between). */
function comparatorBefore(text: string, pos: number, vocab: NumberVocab): { symbol: Comparator; start: number } | undefined {
  const before = text.slice(Math.max(0, pos - 30), pos);
  const lower = before.toLowerCase().replace(/\s+$/, '');
  for (const { phrase, symbol } of vocab.comparators) {
    if (!lower.endsWith(phrase)) continue;
    const startInBefore = lower.length - phrase.length;
    // Word phrases need a boundary before them ("about", not "throughout").
    const prev = lower[startInBefore - 1];
    if (/^\p{L}/u.test(phrase) && prev !== undefined && LETTER.test(prev)) continue;
    return { symbol, start: pos - before.length + startInBefore };
  }
  return undefined;
}

/** The word right before `pos` (letters, dots and hyphens), lower case. */
function wordBefore(text: string, pos: number): string {
  const m = /([\p{L}][\p{L}.-]*)\s*$/u.exec(text.slice(Math.max(0, pos - 30), pos));
  return m ? m[1]!.toLowerCase() : '';
}

/** Find every number in a text, classified as a score candidate or not (see `notScore`). */
export function findNumbers(text: string, rules: CompiledRules): NumberToken[] {
  const vocab = rules.numbers;
  const urls: Array<[number, number]> = [];
  for (const m of text.matchAll(URL)) urls.push([m.index!, m.index! + m[0].length]);
  const out: NumberToken[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const sign = m[1];
    const digits = m[2]!;
    const frac = m[3];
    let start = m.index!;
    const numStart = start + (sign ? 1 : 0);
    let end = start + m[0].length;
    const before = text[start - 1];
    const after = text[end];
    const tok: NumberToken = {
      raw: '',
      value: Number(`${sign === '−' ? '-' : (sign ?? '')}${digits.replace(/,/g, '')}${frac ?? ''}`),
      precision: decimals(frac),
      start,
      end,
      percent: false,
    };
    // A sign glued to a letter or digit before it is a hyphen ("GPT-4", "2023-11"), not a sign.
    if (sign && before !== undefined && ALNUM.test(before)) {
      tok.notScore = 'identifier';
      start = numStart;
      tok.start = start;
      tok.value = Math.abs(tok.value);
    } else if (sign === '+') {
      tok.value = Math.abs(tok.value);
    }
    const prevChar = text[tok.start - 1];
    if (urls.some(([a, b]) => tok.start >= a && tok.start < b)) tok.notScore = 'url';
    else if (prevChar !== undefined && /[\p{L}_@#/\\.]/u.test(prevChar)) tok.notScore = prevChar === '.' && /\d/.test(text[tok.start - 2] ?? '') ? 'version' : 'identifier';
    else if (after === '.' && /\d/.test(text[end + 1] ?? '')) tok.notScore = 'version';
    // "arXiv:2009.03300", "doi:10.1000": a number glued to "word:" is an identifier; so is 2009.03300 itself.
    else if (prevChar === ':' && LETTER.test(text[tok.start - 2] ?? '')) tok.notScore = 'identifier';
    else if (digits.length >= 4 && (frac?.length ?? 0) >= 5) tok.notScore = 'identifier';
    else if (after !== undefined && /[/]/.test(after) && /\d/.test(text[end + 1] ?? '')) tok.notScore = 'range';
    // Percent sign (or the word) right after.
    const pct = /^\s?%|^\s+percent\b/u.exec(text.slice(end));
    if (pct) {
      tok.percent = true;
      end += pct[0].length;
    }
    tok.end = end;
    tok.raw = text.slice(tok.start, end);
    if (!tok.notScore && !tok.percent) {
      const rest = text.slice(end);
      const glued = /^[\p{L}]+/u.exec(rest);
      const hyphenWord = /^[-‐–][\p{L}]+/u.exec(rest);
      const spacedWord = /^\s+([\p{L}][\p{L}₂]*)/u.exec(rest);
      if (glued) {
        tok.notScore = isUnit(glued[0], vocab) ? 'measure' : 'identifier';
      } else if (hyphenWord) {
        tok.notScore = /shots?$/i.test(hyphenWord[0]) ? 'shots' : isUnit(hyphenWord[0].slice(1), vocab) ? 'measure' : 'identifier';
      } else if (spacedWord && isUnit(spacedWord[1]!, vocab)) {
        tok.notScore = /^shots?$/i.test(spacedWord[1]!) ? 'shots' : 'measure';
      } else if (spacedWord && /^shots?$/i.test(spacedWord[1]!)) {
        tok.notScore = 'shots';
      } else if (!frac && !sign && /^(1[89]|20|21)\d\d$/.test(digits)) {
        tok.notScore = 'year';
      } else if (vocab.versionWords.has(wordBefore(text, tok.start))) {
        tok.notScore = 'version';
      }
    }
    if (!tok.notScore) {
      const cmp = comparatorBefore(text, tok.start, vocab);
      if (cmp) {
        tok.comparator = cmp.symbol;
        tok.comparatorStart = cmp.start;
      }
      const se = /^\s*\(?\s*(?:±|\+\/-|\+-)\s*(\d+(?:\.\d+)?)\s*%?\s*\)?/u.exec(text.slice(end));
      if (se) {
        tok.stderr = Number(se[1]);
        tok.stderrEnd = end + se[0].length;
      }
    }
    out.push(tok);
  }
  // The ± value is part of its number, not a number of its own.
  return out.filter((t) => !out.some((o) => o !== t && o.stderrEnd !== undefined && t.start >= o.end && t.start < o.stderrEnd));
}

function isUnit(word: string, vocab: NumberVocab): boolean {
  return vocab.units.has(word) || vocab.unitsLower.has(word.toLowerCase());
}

/**
 * Read a table cell that holds one score: "62.03", "52.89", "45.3%", "0.684", "62.0 ± 0.5",
 * "≥ 90", "86.1*", "71.2 (5-shot)". Undefined for "-", "N/A", sizes ("7B"), years and text.
 * Offsets in the returned token are within the cleaned cell text; `conditions` holds bracketed words after the number.
 */
export function parseCellNumber(cell: string, rules: CompiledRules): (NumberToken & { extra?: string }) | undefined {
  const text = stripMarkup(cell).replace(/\s+/g, ' ').trim();
  if (!text || !/\d/.test(text)) return undefined;
  const nums = findNumbers(text, rules);
  const scores = nums.filter((n) => !n.notScore);
  if (scores.length !== 1) return undefined;
  const n = scores[0]!;
  const lead = text.slice(0, n.comparatorStart ?? n.start).trim();
  if (lead && !/^[~≈≥≤<>]+$/u.test(lead)) return undefined;
  let tail = text.slice(n.stderrEnd ?? n.end).trim();
  // Footnote markers and superscripts after a score ("86.1*", "71.2†", "64.3^a").
  tail = tail.replace(/^[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰^]+\w?/u, '').trim();
  if (!tail) return n;
  const bracket = /^[([]([^)\]]*)[)\]]$/.exec(tail);
  if (bracket) return { ...n, extra: bracket[1]!.trim() };
  return undefined;
}
