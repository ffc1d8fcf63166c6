/**
 * Token patterns: the small phrase syntax rule files use for legal and alignment rules
 * (engine code holds no word lists). A pattern is space-separated token specs:
 *
 * - `word` or `a|b|c`: a token whose lower-case form or stem equals one alternative
 * - `#num` a number, `#cap` a capitalised word, `#any` any token
 * - `@name` a word from the rule file's `classes.name` list (also as an alternative: `@name|word`)
 * - a trailing `?` makes a spec optional; `*` skips zero to three tokens
 */
import { tokenize, type Token } from './tokens.ts';

type Spec =
  | { type: 'words'; lower: Set<string>; stems: Set<string>; optional: boolean }
  | { type: 'num' | 'cap' | 'any'; optional: boolean }
  | { type: 'gap' };

/** A compiled pattern. */
export interface TokenPattern {
  source: string;
  specs: Spec[];
}

/** Word classes a pattern can name with `@name`. */
export type WordClasses = Record<string, string[]>;

/** A match: token indices [start, end). */
export interface PatternMatch {
  start: number;
  end: number;
}

/** Compile one pattern; throws Error with a reason when it is malformed (callers wrap it as RULES_INVALID). */
export function compilePattern(source: string, classes: WordClasses = {}): TokenPattern {
  const specs: Spec[] = [];
  for (const raw of source.trim().split(/\s+/)) {
    if (raw === '*') {
      specs.push({ type: 'gap' });
      continue;
    }
    const optional = raw.length > 1 && raw.endsWith('?');
    const body = optional ? raw.slice(0, -1) : raw;
    if (body === '#num' || body === '#cap' || body === '#any') {
      specs.push({ type: body.slice(1) as 'num' | 'cap' | 'any', optional });
      continue;
    }
    // Alternatives may name word classes: `@evaluation|results` is a class word or "results".
    const alts: string[] = [];
    for (const alt of body.split('|')) {
      if (!alt.startsWith('@')) {
        alts.push(alt);
        continue;
      }
      const list = classes[alt.slice(1)];
      if (!list) throw new Error(`pattern "${source}" names unknown word class ${alt}`);
      alts.push(...list);
    }
    const lower = new Set<string>();
    const stems = new Set<string>();
    for (const alt of alts) {
      const toks = tokenize(alt);
      if (toks.length !== 1) throw new Error(`pattern "${source}": "${alt}" is not a single word`);
      lower.add(toks[0]!.lower);
      stems.add(toks[0]!.stem || toks[0]!.lower);
    }
    specs.push({ type: 'words', lower, stems, optional });
  }
  if (specs.length === 0 || specs.every((s) => s.type === 'gap' || s.optional)) throw new Error(`pattern "${source}" matches nothing definite`);
  return { source, specs };
}

function specMatches(spec: Spec, t: Token): boolean {
  switch (spec.type) {
    case 'words':
      return spec.lower.has(t.lower) || (t.stem !== '' && spec.stems.has(t.stem));
    case 'num':
      return t.value !== undefined;
    case 'cap':
      return t.capitalised;
    case 'any':
      return true;
    default:
      return false;
  }
}

/** Longest match of `specs[si..]` starting at token `ti`; returns end index or -1. */
function matchFrom(specs: Spec[], si: number, tokens: Token[], ti: number): number {
  if (si === specs.length) return ti;
  const spec = specs[si]!;
  if (spec.type === 'gap') {
    for (let skip = 3; skip >= 0; skip--) {
      if (ti + skip > tokens.length) continue;
      const e = matchFrom(specs, si + 1, tokens, ti + skip);
      if (e >= 0) return e;
    }
    return -1;
  }
  if (ti < tokens.length && specMatches(spec, tokens[ti]!)) {
    const e = matchFrom(specs, si + 1, tokens, ti + 1);
    if (e >= 0) return e;
  }
  return spec.optional ? matchFrom(specs, si + 1, tokens, ti) : -1;
}

/** All non-overlapping matches, leftmost first. */
export function matchPattern(pattern: TokenPattern, tokens: Token[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const e = matchFrom(pattern.specs, 0, tokens, i);
    if (e > i) {
      out.push({ start: i, end: e });
      i = e;
    } else i++;
  }
  return out;
}

/** Matches of any of several patterns, merged and sorted, overlaps resolved longest-first. */
export function matchAny(patterns: TokenPattern[], tokens: Token[]): PatternMatch[] {
  const all = patterns.flatMap((p) => matchPattern(p, tokens));
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PatternMatch[] = [];
  for (const m of all) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

/** True when a pattern matches somewhere in the text (used to run rule examples). */
export function patternMatchesText(pattern: TokenPattern, text: string): boolean {
  return matchPattern(pattern, tokenize(text)).length > 0;
}

