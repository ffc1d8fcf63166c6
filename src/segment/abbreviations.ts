/**
 * The abbreviation lists the sentence splitter uses, from rules of kind `segmentation`
 * (rules/segmentation.yaml); user rule folders can replace the shipped file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ofKind, parseRuleFile, SHIPPED_RULES_DIR, type RuleSet } from '../rules/load.ts';
import type { RuleData } from '../rules/kinds/index.ts';
import type { Abbreviations } from './split.ts';

/** Abbreviations from the segmentation rule files of a rule set. */
export function abbreviationsFrom(files: ReadonlyArray<RuleData<'segmentation'>>): Abbreviations {
  const never = new Set<string>();
  const final = new Set<string>();
  for (const f of files) {
    for (const group of f.abbreviations) {
      for (const w of group.words) (group.ends === 'never' ? never : final).add(w.toLowerCase());
    }
  }
  for (const w of never) final.delete(w);
  return { never, final };
}

/** Abbreviations of a rule set (its `segmentation` files). */
export function abbreviationsOf(rules: RuleSet): Abbreviations {
  return abbreviationsFrom(ofKind(rules, 'segmentation').map((f) => f.data));
}

let shipped: Abbreviations | undefined;

/** The shipped abbreviation lists (rules/segmentation.yaml), read once. */
export function defaultAbbreviations(): Abbreviations {
  if (!shipped) {
    const path = 'segmentation.yaml';
    const file = parseRuleFile(path, readFileSync(join(SHIPPED_RULES_DIR, path), 'utf8'), SHIPPED_RULES_DIR);
    shipped = abbreviationsFrom([file.data as RuleData<'segmentation'>]);
  }
  return shipped;
}
