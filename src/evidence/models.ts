/**
 * Model names: normalising "Zephyr-7b-β 🪁", "HuggingFaceH4/zephyr-7b-beta" and "zephyr-7b-beta"
 * to one form, and telling the same model from another size or variant of its family.
 */
import type { EvidenceRules } from './evidence-rules.ts';

/** How two model names relate: the same model, another member of the same family, or unrelated. */
export type ModelRelation = 'same' | 'related' | 'other';

/** Tokens of a model name: replacements applied, the org prefix of a Hub id dropped, letter→digit boundaries split. */
export function modelTokens(name: string, rules: EvidenceRules): string[] {
  const m = memoFor(rules);
  let hit = m.tokens.get(name);
  if (!hit) {
    if (m.tokens.size > MEMO_LIMIT) m.tokens.clear();
    hit = tokensOf(name, rules);
    m.tokens.set(name, hit);
  }
  return hit.slice();
}

const MEMO_LIMIT = 20000;

/** Per rule set: tokens per name, relation per name pair (names repeat across claims and records). */
interface Memo {
  tokens: Map<string, readonly string[]>;
  relations: Map<string, ModelRelation>;
}

const memos = new WeakMap<EvidenceRules, Memo>();

function memoFor(rules: EvidenceRules): Memo {
  let m = memos.get(rules);
  if (!m) {
    m = { tokens: new Map(), relations: new Map() };
    memos.set(rules, m);
  }
  return m;
}

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
  const m = memoFor(rules);
  const key = `${a}\u0000${b}`;
  let hit = m.relations.get(key);
  if (hit === undefined) {
    if (m.relations.size > MEMO_LIMIT) m.relations.clear();
    hit = relationOf(a, b, rules);
    m.relations.set(key, hit);
  }
  return hit;
}

function relationOf(a: string, b: string, rules: EvidenceRules): ModelRelation {
  const ta = modelTokens(a, rules);
  const tb = modelTokens(b, rules);
  if (ta.length === 0 || tb.length === 0) return 'other';
  if ([...ta].sort().join(' ') === [...tb].sort().join(' ')) return 'same';
  return ta[0] === tb[0] ? 'related' : 'other';
}

/** The size token of a model name ("7b"), when it has one. */
export function modelSize(name: string, rules: EvidenceRules): string | undefined {
  const size = new RegExp(rules.modelNames.sizeToken, 'i');
  return modelTokens(name, rules).find((t) => size.test(t));
}
