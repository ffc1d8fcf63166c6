/**
 * The `evidence` rule data (rules/evidence.yaml, user overrides replace shipped entries by file),
 * compiled once per rule set (compileRuleSet): the data, the language patterns, and the memos that
 * model-name reading fills as it goes (names repeat across claims and records).
 */
import type { RuleData } from '../rules/kinds/index.ts';
import type { RuleSet } from '../rules/load.ts';
import { lastOfKind } from '../rules/required.ts';
import type { ModelIdentity, ModelRelation } from './models.ts';

/** Memos of model-name reading, per rule set. */
export interface ModelNameMemo {
  tokens: Map<string, readonly string[]>;
  /** Relation of one name to another, by the first name. */
  relations: Map<string, Map<string, ModelRelation>>;
  /** Relations held in `relations` (bounded like the other memos). */
  relationCount: number;
  identities: Map<string, ModelIdentity>;
}

/** Parsed rules/evidence.yaml, with what is compiled from it. */
export interface EvidenceRules extends RuleData<'evidence'> {
  /** One whole-word pattern per language of `scope.languages`. */
  readonly languagePatterns: ReadonlyArray<LanguagePattern>;
  /** Filled as model names are read. */
  readonly modelMemo: ModelNameMemo;
}

/** A language's whole-word pattern, and how its names can start. */
export interface LanguagePattern {
  code: string;
  re: RegExp;
  /**
   * The first two characters of its names that an ASCII text can hold, as twoCharKey (see languagesIn);
   * undefined when a name is shorter or starts with a character that case folding matches to ASCII.
   */
  starts?: ReadonlySet<number>;
}

/** Two ASCII characters, letters in lower case, as one number. */
export function twoCharKey(a: number, b: number): number {
  return (asciiLower(a) << 7) | asciiLower(b);
}

function asciiLower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Every ASCII character. */
const ASCII = String.fromCharCode(...Array.from({ length: 128 }, (_, code) => code));

/** The ASCII first two characters of the names, lower case (names starting otherwise cannot match ASCII text). */
function nameStarts(names: readonly string[]): Set<number> | undefined {
  const out = new Set<number>();
  for (const name of names) {
    const head = name.slice(0, 2);
    if (head.length < 2) return undefined;
    if (/^[\x00-\x7f]{2}$/.test(head)) out.add(twoCharKey(head.charCodeAt(0), head.charCodeAt(1)));
    // "K" (Kelvin sign) and "ſ" match "k" and "s" ignoring case: such a name gets no shortcut.
    else if ([...head].some((c) => c.charCodeAt(0) >= 128 && new RegExp(`[${c}]`, 'iu').test(ASCII))) return undefined;
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The evidence rules of a rule set (the last file of kind `evidence` wins); compileRuleSet calls this once. */
export function compileEvidenceRules(rules: RuleSet): EvidenceRules {
  const data = lastOfKind(rules, 'evidence').data;
  return {
    ...data,
    languagePatterns: data.scope.languages.map((l) => ({
      code: l.code,
      re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${l.names.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
      starts: nameStarts(l.names),
    })),
    modelMemo: { tokens: new Map(), relations: new Map(), relationCount: 0, identities: new Map() },
  };
}
