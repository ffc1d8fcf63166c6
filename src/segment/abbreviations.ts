/**
 * The abbreviation lists the sentence splitter uses, from rules of kind `segmentation`
 * (rules/segmentation.yaml); user rule folders can replace the shipped file.
 */
import { ofKind, shippedRuleFile, type RuleSet } from '../rules/load.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { RuleData } from '../rules/kinds/index.ts';
import type { Abbreviations } from './split.ts';

/** Abbreviations from the segmentation rule files of a rule set. */
export function abbreviationsFrom(files: ReadonlyArray<RuleData<'segmentation'>>): Abbreviations {
  const never = new Set<string>();
  const final = new Set<string>();
  const beforeNumber = new Set<string>();
  const sets = { never, 'unless-capital': final, 'unless-number': beforeNumber } as const;
  for (const f of files) {
    for (const group of f.abbreviations) {
      for (const w of group.words) sets[group.ends].add(w.toLowerCase());
    }
  }
  for (const w of never) {
    final.delete(w);
    beforeNumber.delete(w);
  }
  return { never, final, beforeNumber };
}

/** What the sentence splitter reads from rules of kind `segmentation`, compiled once per rule set. */
export interface SegmentationRules {
  abbreviations: Abbreviations;
  /** Words that make a colon prefix a clause, as one whole-word pattern. */
  clauseWords: RegExp;
  /** Month names (a line that is only a date is not a sentence). */
  monthNames: ReadonlySet<string>;
  /** A caption's number ("Table 3", "Fig. 2a"), as one whole-key pattern: not a "Key: value" key. */
  captionNumber: RegExp;
  /** An abbreviation with its dot ("No.", "approx.", "etc."), global: a key may hold one ("No. of layers: 32"). */
  abbreviationDot: RegExp;
}

/**
 * The segmentation rules of a rule set (compileRuleSet calls this once). A list the rule set leaves
 * empty (or a rule set without a `segmentation` file) falls back to the shipped file's.
 */
export function compileSegmentation(rules: RuleSet): SegmentationRules {
  return segmentationFrom(ofKind(rules, 'segmentation').map((f) => f.data));
}

function segmentationFrom(files: ReadonlyArray<RuleData<'segmentation'>>): SegmentationRules {
  const fromRules = abbreviationsFrom(files);
  const clauseWords = files.flatMap((f) => f.clauseWords);
  const words = clauseWords.length ? clauseWords : shippedSegmentation().clauseWords;
  const months = files.flatMap((f) => f.monthNames);
  const captions = files.flatMap((f) => f.captionWords);
  const captionWords = captions.length ? captions : shippedSegmentation().captionWords;
  const abbreviations = fromRules.never.size + fromRules.final.size + fromRules.beforeNumber.size > 0 ? fromRules : defaultAbbreviations();
  const dotted = [...abbreviations.never, ...abbreviations.final, ...abbreviations.beforeNumber].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    abbreviations,
    clauseWords: words.length ? new RegExp(`\\b(?:${words.join('|')})\\b`, 'i') : /(?!)/,
    monthNames: new Set(months.length ? months : shippedSegmentation().monthNames),
    captionNumber: captionWords.length ? new RegExp(`^(?:${captionWords.join('|')})\\.?\\s*\\d+[a-z]?$`, 'i') : /(?!)/,
    abbreviationDot: dotted.length ? new RegExp(`(?<![\\p{L}.])(?:${dotted.join('|')})\\.`, 'giu') : /(?!)/g,
  };
}

/** The shipped rules/segmentation.yaml, read once per process (segmentation without a rule set). */
function shippedSegmentation(): RuleData<'segmentation'> {
  return shippedRuleFile('segmentation.yaml').data as RuleData<'segmentation'>;
}

let shippedAbbreviations: Abbreviations | undefined;

/** The shipped abbreviation lists (rules/segmentation.yaml), read once. */
export function defaultAbbreviations(): Abbreviations {
  shippedAbbreviations ??= abbreviationsFrom([shippedSegmentation()]);
  return shippedAbbreviations;
}

let shippedRulesOfSegmentation: SegmentationRules | undefined;

/** The shipped segmentation rules (rules/segmentation.yaml), compiled once: segmentation without a rule set. */
export function defaultSegmentation(): SegmentationRules {
  shippedRulesOfSegmentation ??= segmentationFrom([shippedSegmentation()]);
  return shippedRulesOfSegmentation;
}

/** Month names of compiled rules, else of the shipped file. */
export function monthNamesOf(rules: Pick<CompiledRules, 'segmentation'> | undefined): ReadonlySet<string> {
  return (rules?.segmentation ?? defaultSegmentation()).monthNames;
}
