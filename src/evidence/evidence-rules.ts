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
  readonly languagePatterns: ReadonlyArray<{ code: string; re: RegExp }>;
  /** Filled as model names are read. */
  readonly modelMemo: ModelNameMemo;
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
    })),
    modelMemo: { tokens: new Map(), relations: new Map(), relationCount: 0, identities: new Map() },
  };
}
