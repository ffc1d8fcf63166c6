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
  let a = abbreviationCache.get(rules);
  if (!a) abbreviationCache.set(rules, (a = abbreviationsFrom(ofKind(rules, 'segmentation').map((f) => f.data))));
  return a;
}

/** Compiled once per rule set, not once per document. */
const abbreviationCache = new WeakMap<RuleSet, Abbreviations>();

let shipped: RuleData<'segmentation'> | undefined;

/** The shipped rules/segmentation.yaml, read once (segmentation without a rule set). */
function shippedSegmentation(): RuleData<'segmentation'> {
  if (!shipped) {
    const path = 'segmentation.yaml';
    shipped = parseRuleFile(path, readFileSync(join(SHIPPED_RULES_DIR, path), 'utf8'), SHIPPED_RULES_DIR).data as RuleData<'segmentation'>;
  }
  return shipped;
}

let shippedAbbreviations: Abbreviations | undefined;

/** The shipped abbreviation lists (rules/segmentation.yaml), read once. */
export function defaultAbbreviations(): Abbreviations {
  shippedAbbreviations ??= abbreviationsFrom([shippedSegmentation()]);
  return shippedAbbreviations;
}

const clauseWordCache = new WeakMap<object, RegExp>();

/** Words that make a colon prefix a clause, as one whole-word pattern: from the rule set, else the shipped file. */
export function clauseWordsOf(rules: RuleSet | undefined): RegExp {
  const key: object = rules ?? shippedSegmentation();
  let re = clauseWordCache.get(key);
  if (!re) {
    const fromRules = rules ? ofKind(rules, 'segmentation').flatMap((f) => f.data.clauseWords) : [];
    const words = fromRules.length ? fromRules : shippedSegmentation().clauseWords;
    re = words.length ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') : /(?!)/;
    clauseWordCache.set(key, re);
  }
  return re;
}

const monthCache = new WeakMap<object, ReadonlySet<string>>();

/** Month names (a line that is only a date is not a sentence): from the rule set, else the shipped file. */
export function monthNamesOf(rules: RuleSet | undefined): ReadonlySet<string> {
  const key: object = rules ?? shippedSegmentation();
  let set = monthCache.get(key);
  if (!set) {
    const fromRules = rules ? ofKind(rules, 'segmentation').flatMap((f) => f.data.monthNames) : [];
    set = new Set(fromRules.length ? fromRules : shippedSegmentation().monthNames);
    monthCache.set(key, set);
  }
  return set;
}
