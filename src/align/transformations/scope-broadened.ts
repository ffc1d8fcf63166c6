/**
 * `scope-broadened`: a restricting phrase dropped ("in English"), a wide phrase added ("all
 * languages"), a wide quantifier put in front of what the card speaks of, a narrow quantifier
 * widened ("most" → "all"), or members (languages, uses, domains) added to a list the card has.
 */
import type { Transformation } from '../../model/types.ts';
import { consume, firstContent, kText, matchesOf, mText, overlaps, type DetectionContext } from './context.ts';
import type { TransformationDetector } from './detector.ts';

/** A restricting phrase of the card dropped, with what replaced it when the contract says something else in its place ("in English" → "in all languages"). */
function restrictionsDropped(ctx: DetectionContext): Transformation[] {
  const { card, rules, cRoles, matchedC, consumedC, consumedK, unquoted } = ctx;
  const out: Transformation[] = [];
  for (const m of matchesOf(card, 'scopes', rules.all.scopes)) {
    const head = firstContent(m, cRoles);
    if (head < 0 || matchedC.has(head) || unquoted(m) || overlaps(consumedC, m)) continue;
    const h = ctx.hunkAt[head];
    const t: Transformation = { kind: 'scope-broadened', from: mText(card, m) };
    if (h && h.contractEnd > h.contractStart) {
      t.to = kText(ctx, h.contractStart, h.contractEnd);
      for (let j = h.contractStart; j < h.contractEnd; j++) consumedK.add(j);
    }
    out.push(t);
    consume(consumedC, m);
  }
  return out;
}

/** The card says something wide itself ("all", "any") in a clause the contract quotes. */
const cardIsWide = (ctx: DetectionContext): boolean => matchesOf(ctx.card, 'wide', ctx.rules.quantifiers.wide.patterns).some((w) => !ctx.unquoted(w));

/** A widening phrase new in the contract ("all" in "all languages") when the card did not say it already. */
function wideningsAdded(ctx: DetectionContext): Transformation[] {
  const { contract, rules, matchedK, consumedK } = ctx;
  const out: Transformation[] = [];
  for (const m of matchesOf(contract, 'widenings', rules.all.widenings)) {
    if (matchedK.has(m.start) || consumedK.has(m.start)) continue;
    if (cardIsWide(ctx)) continue;
    out.push({ kind: 'scope-broadened', to: mText(contract, m) });
    consume(consumedK, m);
  }
  return out;
}

/**
 * A wide quantifier put in front of what the card speaks of ("on clean printed pages" → "on all
 * printed pages", "outperforms" → "on every benchmark ... outperforms") when the card has none.
 */
function quantifierAdded(ctx: DetectionContext): Transformation[] {
  const { contract, rules, matchedK, consumedK, kRoles } = ctx;
  for (const m of matchesOf(contract, 'wide', rules.quantifiers.wide.patterns)) {
    if (matchedK.has(m.start) || consumedK.has(m.start)) continue;
    let j = m.end;
    while (j < contract.tokens.length && j < m.end + 3 && !(matchedK.has(j) && kRoles[j] === 'content')) j++;
    if (j >= contract.tokens.length || j >= m.end + 3 || !matchedK.has(j)) continue;
    consume(consumedK, m);
    return [{ kind: 'scope-broadened', to: kText(ctx, m.start, j + 1), note: 'quantifier added' }];
  }
  return [];
}

/** A narrow quantifier of the card ("most") and a wide one of the contract ("all"). */
function quantifierWidened(ctx: DetectionContext): Transformation[] {
  const { card, contract, rules, matchedC, matchedK, consumedC, consumedK, unquoted } = ctx;
  const narrow = matchesOf(card, 'narrow', rules.quantifiers.narrow.patterns).filter((m) => !matchedC.has(m.start) && !consumedC.has(m.start) && !unquoted(m));
  const wide = matchesOf(contract, 'wide', rules.quantifiers.wide.patterns).filter((m) => !matchedK.has(m.start) && !consumedK.has(m.start));
  if (!narrow[0] || !wide[0]) return [];
  consume(consumedC, narrow[0]);
  consume(consumedK, wide[0]);
  return [{ kind: 'scope-broadened', from: mText(card, narrow[0]), to: mText(contract, wide[0]), note: 'quantifier widened' }];
}

/** Members of a word class added to a list the card already has ("English" → "English, French and German"). */
function membersAdded(ctx: DetectionContext): Transformation[] {
  const { card, contract, rules, matchedK, consumedK, fromContext, kKeys } = ctx;
  const cardKeys = new Set(ctx.cKeys);
  const out: Transformation[] = [];
  for (const j of contract.tokens.keys()) {
    if (matchedK.has(j) || consumedK.has(j) || fromContext.has(j)) continue;
    const t = contract.tokens[j]!;
    const cls = rules.scopeMembers.get(t.lower);
    if (!cls || cardKeys.has(kKeys[j]!)) continue;
    if (!card.tokens.some((c) => rules.scopeMembers.get(c.lower) === cls)) continue;
    out.push({ kind: 'scope-broadened', to: t.text, note: `${cls} added` });
    consumedK.add(j);
  }
  return out;
}

export const scopeBroadened: TransformationDetector = {
  converse: 'scope-narrowed',
  detect(ctx) {
    const out = [...restrictionsDropped(ctx), ...wideningsAdded(ctx)];
    if (!cardIsWide(ctx) && !out.some((t) => t.to !== undefined)) out.push(...quantifierAdded(ctx));
    return [...out, ...quantifierWidened(ctx), ...membersAdded(ctx)];
  },
};
