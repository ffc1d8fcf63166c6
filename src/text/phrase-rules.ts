/**
 * Phrase rules: a rule file's named group of token patterns (src/text/patterns.ts syntax), compiled
 * once. Shared by the alignment rules (src/align/align-rules.ts) and the legal rules
 * (src/contract/legal-rules.ts).
 */
import { WarrantError } from '../model/errors.ts';
import { compilePattern, type TokenPattern, type WordClasses } from './patterns.ts';

/** A phrase rule with compiled patterns. */
export interface CompiledPhraseRule {
  id: string;
  why: string;
  patterns: TokenPattern[];
}

type PhraseRule = { id: string; why: string; patterns: string[] };

/** Compile a phrase rule's patterns; a bad pattern is RULES_INVALID naming the file and rule. */
export function compilePhraseRule<R extends PhraseRule>(rule: R, classes: WordClasses, file: string): CompiledPhraseRule & Omit<R, 'patterns'> {
  const patterns = rule.patterns.map((p) => {
    try {
      return compilePattern(p, classes);
    } catch (cause) {
      throw new WarrantError('RULES_INVALID', `rule ${rule.id}: ${(cause as Error).message}`, { file, cause });
    }
  });
  return { ...rule, patterns };
}
