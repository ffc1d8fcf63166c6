/**
 * Match keys of tokens: the key two sentences are aligned on. A key is the token's lemma
 * (src/align/lemma.ts), read through the synonym groups of rules/alignment.yaml; the product's
 * own name and the generic product nouns ("Falcon-7B", "it" → "the Model") share one key,
 * `@product`, so renaming the product is framing, not a change of content.
 */
import type { AlignmentRules } from './align-rules.ts';
import { lemmaOf } from './lemma.ts';
import { tokenize, type Token } from '../text/tokens.ts';

/** The key every name of the product reads as. */
export const PRODUCT = '@product';

/** The lemma key of one token (numbers and metric names pass through). */
export function lemmaKey(t: Token): string {
  return lemmaOf(t.stem || t.lower);
}

/** Set the match key of each token: product names, then synonym groups, then the lemma. */
export function annotateKeys(tokens: Token[], rules: AlignmentRules, product: Set<string>, text = ''): void {
  for (const t of tokens) {
    if (t.value !== undefined || t.stem.startsWith('metric:')) continue;
    const lemma = lemmaKey(t);
    if (product.has(lemma) || rules.productNouns.has(t.lower)) t.key = PRODUCT;
    else t.key = rules.synonyms.get(lemma) ?? lemma;
  }
  // A size or version right after a name is part of the name ("Falcon-7B", "FLAN-T5", "Heron ASR v2", "Ibis OCR 3").
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1]!;
    const t = tokens[i]!;
    if (prev.key !== PRODUCT || rules.productNouns.has(prev.lower)) continue;
    if (/^[a-z]{0,2}\d[\w.]*$/i.test(t.text) && /^[-\s]$/.test(text.slice(prev.end, t.start)) && !t.percent) {
      t.key = PRODUCT;
      delete t.value;
      t.stem = t.lower;
    }
  }
}

/**
 * Name words of a product: words of its names (file name, title, heading) that the document writes
 * as a name (capitalised, or with a digit), less stopwords and framing words.
 */
export function productKeys(names: string[], documentText: string, rules: AlignmentRules): Set<string> {
  // A name is written capitalised more often than not ("Falcon"; not "large" in "FLAN-T5 large").
  const balance = new Map<string, number>();
  for (const t of tokenize(documentText)) {
    const k = lemmaKey(t);
    balance.set(k, (balance.get(k) ?? 0) + (t.capitalised ? 1 : -1));
  }
  const written = new Set([...balance].filter(([, n]) => n > 0).map(([k]) => k));
  const out = new Set<string>();
  for (const name of names) {
    for (const t of tokenize(name.replace(/[_]/g, ' '))) {
      const k = lemmaKey(t);
      // Digits name a size or version that other models share ("7B", "T5"): only the words of a name count.
      if (t.value !== undefined || k.length < 2 || /\d/.test(k) || rules.stopwords.has(t.lower) || rules.framing.has(t.stem)) continue;
      if (written.has(k)) out.add(k);
    }
  }
  return out;
}
