/**
 * Scope coverage: intended-use, capability and language claims checked against the capability
 * domains and languages the evidence covers (rules/benchmarks.yaml maps benchmarks to domains and
 * languages; rules/evidence.yaml names languages and what an unlisted benchmark covers).
 * "Intended for code generation" with no code benchmark anywhere in the evidence is a scope claim
 * without eval coverage: one 'unverified' Link per uncovered domain or language, with the note
 * "no evaluation evidence covers <domain>".
 */
import type { EvidenceRecord, Link } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { Names } from './names.ts';
import { twoCharKey, type EvidenceRules } from './evidence-rules.ts';
import { cardModelName } from './card-tables.ts';
import { modelRelation } from './models.ts';

/** One scope statement without eval coverage: the claim, what it names, and the Link that records it. */
export interface ScopeGap {
  claimId: string;
  docId: string;
  kind: 'domain' | 'language';
  /** Domain id (rules/benchmarks.yaml) or language code (rules/evidence.yaml). */
  value: string;
  /** The words of the claim that name it (a language name), when known. */
  words?: string;
  link: Link;
}

/** What a set of evidence records covers. */
export interface Coverage {
  domains: Map<string, string[]>;
  languages: Map<string, string[]>;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Language codes named in a text (whole words, any case), with the words. */
export function languagesIn(text: string, rules: EvidenceRules): Array<{ code: string; words: string }> {
  const out: Array<{ code: string; words: string }> = [];
  // In an ASCII text a language's pattern is tried only where one of its names may start: each of the
  // ~50 patterns is a scan of the whole text.
  const starts = /[^\x00-\x7f]/.test(text) ? undefined : wordStarts(text);
  for (const l of rules.languagePatterns) {
    if (starts && l.starts && !someIn(l.starts, starts)) continue;
    const m = l.re.exec(text);
    if (m) out.push({ code: l.code, words: m[0] });
  }
  return out;
}

/** The first two characters (twoCharKey), at each place of an ASCII text no letter or digit comes before. */
function wordStarts(text: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    // After a letter or digit (ASCII: the text is), the patterns' look-behind fails.
    if ((before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122)) continue;
    out.add(twoCharKey(text.charCodeAt(i), text.charCodeAt(i + 1)));
  }
  return out;
}

function someIn(wanted: ReadonlySet<number>, present: Set<number>): boolean {
  for (const w of wanted) if (present.has(w)) return true;
  return false;
}

/** Normalise a language tag from evidence ("eng-Latn", "en", "EN") to the rules' code. */
export function languageCode(tag: string, rules: EvidenceRules): string {
  const base = tag.toLowerCase().split(/[-_]/)[0]!;
  const hit = rules.scope.languages.find((l) => l.code === base || l.codes.includes(base));
  return hit ? hit.code : base;
}

/**
 * Languages a record of a benchmark with no fixed language names in its subset: a language name
 * ("Common Voice 15 (German)") or a known language code as a parenthesised or separated token
 * ("Common Voice 15 (de)", "common_voice_de", split "fr"). Undefined when none is named.
 */
export function subsetLanguages(r: EvidenceRecord, rules: EvidenceRules): string[] | undefined {
  const conditions = Array.isArray(r.methodology.conditions) ? (r.methodology.conditions as unknown[]).filter((c): c is string => typeof c === 'string') : [];
  const config = typeof r.methodology.config === 'string' ? r.methodology.config : undefined;
  const text = [r.benchmarkText, r.split, config, ...conditions].filter(Boolean).join(' ');
  if (!text) return undefined;
  const found = new Set(languagesIn(text, rules).map((l) => l.code));
  for (const m of text.matchAll(/(?:^|[\s(_/-])([a-z]{2,3})(?=$|[\s)_/-])/gi)) {
    const tag = m[1]!.toLowerCase();
    if (rules.scope.languages.some((l) => l.code === tag || l.codes.includes(tag))) found.add(languageCode(tag, rules));
  }
  return found.size ? [...found] : undefined;
}

/** Domains and languages the records cover, each with the benchmarks that cover it. */
export function coverageOf(records: EvidenceRecord[], names: Names, rules: EvidenceRules, subsetMemo?: Map<EvidenceRecord, string[] | undefined>): Coverage {
  const domains = new Map<string, string[]>();
  const languages = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, key: string, benchmark: string): void => {
    const list = m.get(key) ?? [];
    if (!list.includes(benchmark)) list.push(benchmark);
    m.set(key, list);
  };
  for (const r of records) {
    const facts = names.info(r.benchmark) ?? (r.group ? names.info(r.group) : undefined);
    const label = facts?.name ?? r.benchmark;
    for (const d of facts?.domains ?? []) add(domains, d, label);
    const stated = Array.isArray(r.methodology.languages) ? (r.methodology.languages as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    const langs = stated.length ? stated : (facts?.languages ?? subsetLanguagesOf(r, rules, subsetMemo) ?? rules.scope.defaultLanguages);
    for (const l of langs) add(languages, languageCode(l, rules), label);
  }
  return { domains, languages };
}

/** subsetLanguages, kept in `memo` when given (scopeGaps reads the records shared by several cards once). */
function subsetLanguagesOf(r: EvidenceRecord, rules: EvidenceRules, memo: Map<EvidenceRecord, string[] | undefined> | undefined): string[] | undefined {
  if (!memo) return subsetLanguages(r, rules);
  if (memo.has(r)) return memo.get(r);
  const langs = subsetLanguages(r, rules);
  memo.set(r, langs);
  return langs;
}

/** A function blanking out the model's name (any case, any separators) in a text. */
function modelNameBlanker(model: string): (text: string) => string {
  const parts = model.split(/[^\p{L}\p{N}.]+/u).filter(Boolean).map(escapeRegex);
  if (parts.length === 0) return (text) => text;
  const re = new RegExp(parts.join('[\\s\\-_/]*'), 'giu');
  return (text) => text.replace(re, (m) => ' '.repeat(m.length));
}

/** Scope statements without eval coverage, in claim order. */
export function scopeGaps(cards: JudgedDocument[], evidence: EvidenceRecord[], rules: CompiledRules): ScopeGap[] {
  const names = rules.names;
  const er = rules.evidence;
  const gaps: ScopeGap[] = [];
  const subsetMemo = new Map<EvidenceRecord, string[] | undefined>();
  for (const card of cards) {
    const model = cardModelName(card);
    // Evidence about another model covers nothing for this card; evidence naming no model is taken as the card's.
    // (The relation asked once per model name the evidence uses, not once per record.)
    const sameModel = new Map<string, boolean>();
    const isSame = (name: string): boolean => {
      let same = sameModel.get(name);
      if (same === undefined) sameModel.set(name, (same = modelRelation(name, model, er) === 'same'));
      return same;
    };
    const mine = evidence.filter((r) => r.model === undefined || isSame(r.model) || r.source === card.doc.name);
    const cover = coverageOf(mine, names, er, subsetMemo);
    const text = new Map(card.sentences.map((s) => [s.id, s.text]));
    const withoutModelName = modelNameBlanker(model);
    for (const claim of card.claims) {
      if (!er.scope.claimTypes.includes(claim.type) || claim.negated) continue;
      // The model's own name can hold domain words ("Tern-3B-Chat"): it names the model, not a use.
      const words = withoutModelName(text.get(claim.sentenceId) ?? '');
      const push = (kind: ScopeGap['kind'], value: string, what: string, said?: string): void => {
        const link: Link = {
          claimId: claim.id,
          evidenceIds: [],
          verdict: 'unverified',
          note: `Scope: no evaluation evidence covers ${what}; ${mine.length === 0 ? 'no evaluation evidence was given for this model' : `the evidence covers ${[...(kind === 'domain' ? cover.domains : cover.languages).keys()].sort().join(', ') || 'nothing of this kind'}`}.`,
        };
        gaps.push({ claimId: claim.id, docId: claim.docId, kind, value, ...(said ? { words: said } : {}), link });
      };
      if (claim.type !== 'language') {
        for (const d of names.domainsIn(words)) if (!cover.domains.has(d)) push('domain', d, d);
      }
      for (const l of languagesIn(words, er)) if (!cover.languages.has(l.code)) push('language', l.code, `${l.words} (${l.code})`, l.words);
    }
  }
  return gaps;
}

/** Scope claims checked against the domains and languages the evidence covers: one 'unverified' Link per gap. */
export function scopeCoverage(cards: JudgedDocument[], evidence: EvidenceRecord[], rules: CompiledRules): Link[] {
  return scopeGaps(cards, evidence, rules).map((g) => g.link);
}
