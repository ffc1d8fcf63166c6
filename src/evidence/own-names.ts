/**
 * The card's own model for the evidence stage: extract's reading (title, front matter, file name) less
 * the names of model-index entries that declare no results. Such an entry declares nothing and is
 * often left over from an earlier release (a card for version 2.5 whose metadata still names 2).
 */
import type { CompiledRules } from '../rules/compile.ts';
import type { JudgedDocument } from '../model/judged.ts';
import { ownModelOf, type OwnModel } from '../extract/index.ts';

const cache = new WeakMap<JudgedDocument['doc'], OwnModel>();

/** The card's own model (names that identify it), cached per document. */
export function cardOwnModel(card: JudgedDocument, rules: CompiledRules): OwnModel {
  const hit = cache.get(card.doc);
  if (hit) return hit;
  const own = ownModelOf(card.doc, rules);
  const mi = card.doc.metadata['model-index'];
  const empty = new Set<string>();
  if (Array.isArray(mi)) {
    for (const m of mi) {
      if (m && typeof m === 'object' && typeof (m as { name?: unknown }).name === 'string') {
        const results = (m as { results?: unknown }).results;
        if (!Array.isArray(results) || results.length === 0) empty.add((m as { name: string }).name);
      }
    }
  }
  const names = own.names.filter((n) => !empty.has(n));
  const display = own.display && !empty.has(own.display) ? own.display : names[0] ?? own.display;
  const out: OwnModel = { ...own, names, ...(display ? { display } : {}) };
  cache.set(card.doc, out);
  return out;
}

/** Every name of the card's own model. */
export function ownNamesOf(card: JudgedDocument, rules: CompiledRules): string[] {
  const own = cardOwnModel(card, rules);
  // A name read from the file name may start with the organisation ("eleutherai-gpt-neox-20b" for
  // "gpt-neox-20b"): each shorter tail stands for the model too (a tail with no word matches nothing).
  const tails = (own.looseNames ?? []).flatMap((n) => {
    const parts = n.split(/[-_\s]+/).filter(Boolean);
    return parts.map((_, k) => parts.slice(k).join('-'));
  });
  return [...new Set([...own.names, ...tails])];
}
