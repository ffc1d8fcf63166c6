/**
 * Compiled alignment rules (kind 'alignment'): patterns compiled once per rule set.
 */
import { WarrantError } from '../model/errors.ts';
import type { RuleSet } from '../rules/load.ts';
import { lastOfKind } from '../rules/required.ts';
import type { RuleData } from '../rules/kinds/index.ts';
import type { TokenPattern } from '../text/patterns.ts';
import { compilePhraseRule, type CompiledPhraseRule } from '../text/phrase-rules.ts';
import { stemWord } from '../text/tokens.ts';
import { lemmaOf } from './lemma.ts';

export type { CompiledPhraseRule };

/** A modality rule: compiled patterns and level. */
export interface CompiledModality extends CompiledPhraseRule {
  level: number;
}

/** Everything alignment needs from rules/alignment.yaml, ready to use. */
export interface AlignmentRules {
  retrieval: { topK: number; k1: number; b: number; minScoreRatio: number };
  similarity: RuleData<'alignment'>['similarity'];
  stopwords: Set<string>;
  framing: Set<string>;
  hedges: CompiledPhraseRule[];
  modality: CompiledModality[];
  scopes: CompiledPhraseRule[];
  widenings: CompiledPhraseRule[];
  quantifiers: { narrow: CompiledPhraseRule; wide: CompiledPhraseRule };
  qualifiers: CompiledPhraseRule[];
  negations: CompiledPhraseRule[];
  comparators: CompiledPhraseRule[];
  ranges: CompiledPhraseRule[];
  /** Lemma key → the key of its synonym group (the group's first word). */
  synonyms: Map<string, string>;
  /** Lower-case forms of the generic nouns that name the product ("model", "service"). */
  productNouns: Set<string>;
  /** Units (lower-case words of the rules' unit class). */
  units: Set<string>;
  /** Relative pronouns: a negation just after one sits in a clause describing a noun. */
  relatives: Set<string>;
  /** Scope class members (languages, user groups) by lower-case word → class name. */
  scopeMembers: Map<string, string>;
  /** Scope class name → the lemma key of the class's name as a word ("language" → "languag"). */
  classKeys: Map<string, string>;
  /** Every pattern of a group, flattened once. */
  all: { hedges: TokenPattern[]; scopes: TokenPattern[]; widenings: TokenPattern[]; negations: TokenPattern[] };
}

type PhraseRule = { id: string; why: string; patterns: string[] };

/** Each word of a synonym group keyed by its lemma, mapped to the group's first lemma. */
function synonymMap(groups: string[][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of groups) {
    const head = lemmaOf(stemWord(g[0]!.toLowerCase()));
    for (const w of g) out.set(lemmaOf(stemWord(w.toLowerCase())), head);
  }
  return out;
}

/** The alignment rules of a rule set (the last file of kind 'alignment' wins); compileRuleSet calls this once. */
export function compileAlignmentRules(rules: RuleSet): AlignmentRules {
  const file = lastOfKind(rules, 'alignment');
  const d = file.data;
  const where = `${file.origin}/${file.path}`;
  const c = (r: PhraseRule): CompiledPhraseRule => compilePhraseRule(r, d.classes, where);
  const compiled: AlignmentRules = {
    retrieval: d.retrieval,
    similarity: d.similarity,
    stopwords: new Set(d.stopwords.map((w) => w.toLowerCase())),
    framing: new Set(d.framing.map((w) => stemWord(w.toLowerCase()))),
    hedges: d.hedges.map(c),
    modality: d.modality.map((m) => compilePhraseRule(m, d.classes, where)),
    scopes: d.scopes.map(c),
    widenings: d.widenings.map(c),
    quantifiers: { narrow: c(d.quantifiers.narrow), wide: c(d.quantifiers.wide) },
    qualifiers: d.qualifiers.map(c),
    negations: d.negations.map(c),
    comparators: d.comparators.map(c),
    ranges: d.ranges.map(c),
    synonyms: synonymMap(d.synonyms),
    classKeys: new Map(d.scopeClasses.map((cls) => [cls, lemmaOf(stemWord(cls))] as const)),
    scopeMembers: new Map(d.scopeClasses.flatMap((cls) => (d.classes[cls] ?? []).map((w) => [w.toLowerCase(), cls] as const))),
    units: new Set(d.unitClass ? (d.classes[d.unitClass] ?? []).map((w) => w.toLowerCase()) : []),
    relatives: new Set(d.relatives.map((w) => w.toLowerCase())),
    productNouns: new Set(d.productNouns.map((w) => w.toLowerCase())),
    all: { hedges: [], scopes: [], widenings: [], negations: [] },
  };
  compiled.all = {
    hedges: compiled.hedges.flatMap((r) => r.patterns),
    scopes: compiled.scopes.flatMap((r) => r.patterns),
    widenings: compiled.widenings.flatMap((r) => r.patterns),
    negations: compiled.negations.flatMap((r) => r.patterns),
  };
  for (const cls of d.scopeClasses) if (!d.classes[cls]) throw new WarrantError('RULES_INVALID', `scopeClasses names unknown word class "${cls}"`, { file: where });
  return compiled;
}
