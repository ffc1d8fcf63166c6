/**
 * The abbreviation lists the sentence splitter uses, read from the shipped rules
 * (rules/segmentation.yaml, kind `segmentation`).
 */
import type { Abbreviations } from './split.ts';

const NEVER = ['e.g', 'i.e', 'eg', 'ie', 'vs', 'v', 'approx', 'fig', 'figs', 'al', 'cf', 'ca', 'inc', 'ltd', 'co', 'corp', 'dr', 'mr', 'mrs', 'ms', 'prof', 'no', 'nos', 'jr', 'sr', 'st', 'eq', 'eqs', 'sec', 'secs', 'vol', 'pp', 'p', 'ch', 'art', 'para', 'resp', 'esp', 'incl', 'est', 'dept', 'min', 'max', 'avg', 'ref', 'refs', 'tab', 'u.s', 'u.k', 'e.u', 'ph.d', 'et'];
const FINAL = ['etc', 'al'];

/** The shipped abbreviation lists. */
export function defaultAbbreviations(): Abbreviations {
  return { never: new Set(NEVER), final: new Set(FINAL.filter((w) => !NEVER.includes(w))) };
}
