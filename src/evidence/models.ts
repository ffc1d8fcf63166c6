/**
 * Model names: normalising "Zephyr-7b-β 🪁", "HuggingFaceH4/zephyr-7b-beta" and "zephyr-7b-beta"
 * to one form, and telling the same model from another size or variant of its family.
 */
import type { EvidenceRules } from './evidence-rules.ts';

/** How two model names relate: the same model, another member of the same family, or unrelated. */
export type ModelRelation = 'same' | 'related' | 'other';

/** Tokens of a model name: replacements applied, the org prefix of a Hub id dropped, letter→digit boundaries split. */
export function modelTokens(name: string, rules: EvidenceRules): string[] {
  const m = rules.modelMemo;
  let hit = m.tokens.get(name);
  if (!hit) {
    if (m.tokens.size > MEMO_LIMIT) m.tokens.clear();
    hit = tokensOf(name, rules);
    m.tokens.set(name, hit);
  }
  return hit.slice();
}

const MEMO_LIMIT = 20000;

function tokensOf(name: string, rules: EvidenceRules): string[] {
  let s = name;
  for (const r of rules.modelNames.replacements) s = s.split(r.from).join(r.to);
  // A Hub id anywhere in the text ("Zephyr 7B dDPO (HuggingFaceH4/zephyr-7b-beta)") names the model exactly.
  const hub = /([A-Za-z0-9][\w.-]*)\/([A-Za-z0-9][\w.-]*)/.exec(s);
  if (hub) s = hub[2]!;
  s = s.toLowerCase().replace(/([a-z])(\d)/g, '$1 $2');
  return s
    .split(/[^a-z0-9.]+/)
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter((t) => t !== '');
}

/** The normal form of a model name (tokens joined by "-"). */
export function normalizeModelName(name: string, rules: EvidenceRules): string {
  return modelTokens(name, rules).join('-');
}

/** Same model, another model of the same family (first token equal: other size, variant or version), or another model. */
export function modelRelation(a: string, b: string, rules: EvidenceRules): ModelRelation {
  const m = rules.modelMemo;
  // By one name, then the other: a joined key would be a new string to hash on every call (issue 11).
  let byOther = m.relations.get(a);
  let hit = byOther?.get(b);
  if (hit === undefined) {
    if (m.relationCount > MEMO_LIMIT) {
      m.relations.clear();
      m.relationCount = 0;
      byOther = undefined;
    }
    hit = relationOf(a, b, rules);
    if (!byOther) m.relations.set(a, (byOther = new Map()));
    byOther.set(b, hit);
    m.relationCount++;
  }
  return hit;
}

/** A model name read into parts: words (family first), parameter sizes, other numbers (version or checkpoint), "v" release versions. */
export interface ModelIdentity {
  words: string[];
  /** Parameter counts in millions ("1.1B" → 1100). */
  sizes: number[];
  /** Numbers that are not sizes ("3" in Llama 3, "3.1", "1431k", "2.5t"). */
  numbers: string[];
  /** "v"-prefixed release versions without the v ("v1.1" → "1.1"). */
  versions: string[];
  /** Precision words dropped (bf16): the same weights in another number format. */
  precision: string[];
}

/** Read a model name into its parts (memoised per rule set, in EvidenceRules.modelMemo). */
export function modelIdentity(name: string, rules: EvidenceRules): ModelIdentity {
  const memo = rules.modelMemo.identities;
  let hit = memo.get(name);
  if (!hit) {
    if (memo.size > MEMO_LIMIT) memo.clear();
    hit = identityOf(name, rules);
    memo.set(name, hit);
  }
  return hit;
}

function identityOf(name: string, rules: EvidenceRules): ModelIdentity {
  const mn = rules.modelNames;
  let s = name;
  for (const r of mn.replacements) s = s.split(r.from).join(r.to);
  const hub = /([A-Za-z0-9][\w.-]*)\/([A-Za-z0-9][\w.-]*)/.exec(s);
  if (hub) s = hub[2]!;
  else {
    const folder = /^([A-Za-z0-9][A-Za-z0-9.-]*)__([A-Za-z0-9].*)$/.exec(s.trim());
    if (folder) s = folder[2]!;
  }
  const precision = new Set(mn.precisionWords.map((w) => w.toLowerCase()));
  const neutral = new Set(mn.neutralWords.map((w) => w.toLowerCase()));
  const version = new RegExp(mn.versionToken, 'i');
  const size = new RegExp(mn.sizeToken, 'i');
  const id: ModelIdentity = { words: [], sizes: [], numbers: [], versions: [], precision: [] };
  const take = (t: string): void => {
    if (t === '') return;
    if (precision.has(t)) id.precision.push(t);
    else if (neutral.has(t)) return;
    else if (version.test(t)) id.versions.push(t.replace(/^v/i, ''));
    else if (size.test(t) && /[bm]$/.test(t)) id.sizes.push(Number(t.slice(0, -1)) * (t.endsWith('b') ? 1000 : 1));
    else if (/^\d+(\.\d+)*[a-z]{0,2}$/.test(t)) id.numbers.push(t.replace(/^(\d+)\.0+(?=\D|$)/, '$1'));
    else {
      // "openhermes1", "gpt4", "step1431k": letters then a number are two parts.
      const m = /^([a-z]+)(\d.*)$/.exec(t);
      if (m && !precision.has(t)) {
        take(m[1]!);
        take(m[2]!);
      } else id.words.push(t);
    }
  };
  for (const raw of s.toLowerCase().split(/[^\p{L}\p{N}.]+/u)) take(raw.replace(/^\.+|\.+$/g, ''));
  return id;
}

function sameSet<T>(a: T[], b: T[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * Same model when the words agree (as a set), the sizes agree where both names give one, the other
 * numbers agree (Llama 3 ≠ Llama 3.1, the 3T checkpoint ≠ the 2.5T one), and "v" release versions
 * agree where both give one; precision words (bf16) and neutral words (hf, base) do not count.
 * Another member of the family (same first word) is 'related'; anything else is 'other'.
 */
function relationOf(a: string, b: string, rules: EvidenceRules): ModelRelation {
  const x = modelIdentity(a, rules);
  const y = modelIdentity(b, rules);
  if (x.words.length === 0 || y.words.length === 0) return 'other';
  const wordsAgree = sameSet(x.words, y.words) || x.words.join('') === y.words.join('');
  const sizesAgree = x.sizes.length === 0 || y.sizes.length === 0 || sameSet(x.sizes, y.sizes);
  const versionsAgree = x.versions.length === 0 || y.versions.length === 0 || sameSet(x.versions, y.versions);
  if (wordsAgree && sizesAgree && versionsAgree && sameSet(x.numbers, y.numbers)) return 'same';
  const family = x.words[0] === y.words[0] || x.words.join('').startsWith(y.words.join('')) || y.words.join('').startsWith(x.words.join(''));
  return family ? 'related' : 'other';
}

/** What a 'same' match between two names took on trust, in words (a release version only one of them states); '' when nothing. */
export function sameModelCaveat(claimed: string, evidence: string, rules: EvidenceRules): string {
  const x = modelIdentity(claimed, rules);
  const y = modelIdentity(evidence, rules);
  const parts: string[] = [];
  if (x.versions.length === 0 && y.versions.length > 0) parts.push(`the evidence names release v${y.versions.join(', v')}, which the claim does not state`);
  if (x.sizes.length === 0 && y.sizes.length > 0) parts.push('the claim names no model size');
  if (y.precision.length && !x.precision.length) parts.push(`the evidence ran the weights in ${y.precision.join(', ')}`);
  return parts.join('; ');
}

/** The size token of a model name ("7b"), when it has one. */
export function modelSize(name: string, rules: EvidenceRules): string | undefined {
  const size = new RegExp(rules.modelNames.sizeToken, 'i');
  return modelTokens(name, rules).find((t) => size.test(t));
}
