/**
 * Legal force of a contract sentence (warranty, covenant, disclaimer, definition, other)
 * and, for warranties and covenants, the party bound (the obligor).
 */
import type { LegalForce } from '../model/types.ts';
import { matchAny } from '../text/patterns.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import type { LegalRules } from './legal-rules.ts';
import { readDefinition } from './structure.ts';

/** Legal force of one sentence with the rule and words that decided it. */
export interface LegalReading {
  force: LegalForce;
  /** Party bound by a warranty or covenant, as written ("Provider"). */
  obligor?: string;
  ruleId?: string;
  /** The words that fired. */
  text?: string;
  start?: number;
  end?: number;
}

/** Options: the vendor party a document names, used when the subject is the product ("The Model will ..."). */
export interface LegalForceOptions {
  vendorParty?: string;
}

/** Read the legal force of one contract sentence. */
export function readLegalForce(text: string, rules: LegalRules, options: LegalForceOptions = {}): LegalReading {
  if (readDefinition(text, rules)) return { force: 'definition', ruleId: 'definition' };
  const tokens = tokenize(text);
  const fired: Array<{ force: Exclude<LegalForce, 'other'>; ruleId: string; start: number; end: number }> = [];
  for (const rule of rules.forces) {
    const m = matchAny(rule.patterns, tokens)[0];
    if (m) fired.push({ force: rule.force, ruleId: rule.id, start: m.start, end: m.end });
  }
  if (fired.length === 0) return { force: 'other' };
  fired.sort((a, b) => rules.priority.indexOf(a.force) - rules.priority.indexOf(b.force) || a.start - b.start);
  const best = fired[0]!;
  const reading: LegalReading = {
    force: best.force,
    ruleId: best.ruleId,
    text: text.slice(tokens[best.start]!.start, tokens[best.end - 1]!.end),
    start: tokens[best.start]!.start,
    end: tokens[best.end - 1]!.end,
  };
  if (best.force === 'warranty' || best.force === 'covenant') {
    reading.obligor = partyBefore(tokens, best.start, rules) ?? options.vendorParty;
  }
  return reading;
}

/** The nearest party word before token `index` (within the same clause, up to 8 words back). */
function partyBefore(tokens: Token[], index: number, rules: LegalRules): string | undefined {
  const parties = new Map([...rules.vendorParties, ...rules.customerParties].map((p) => [p.toLowerCase(), p]));
  for (let i = index - 1; i >= 0 && i >= index - 8; i--) {
    const t = tokens[i]!;
    const name = parties.get(t.lower.replace(/'s$/, ''));
    if (name && (t.capitalised || name === name.toLowerCase())) return name === name.toLowerCase() ? t.text : name;
  }
  return undefined;
}

/** The first vendor party word a document uses (capitalised), e.g. "Provider". */
export function vendorPartyOf(texts: string[], rules: LegalRules): string | undefined {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const t of tokenize(text)) {
      if (!t.capitalised) continue;
      const hit = rules.vendorParties.find((p) => p.toLowerCase() === t.lower && p !== p.toLowerCase());
      if (hit) counts.set(hit, (counts.get(hit) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [name, n] of counts) if (!best || n > counts.get(best)!) best = name;
  return best;
}
