/**
 * Which model a number belongs to: the card's own model (named by its title or front matter)
 * or a comparison. Names are compared loosely: case, punctuation, Greek letters ("β" = "beta"),
 * an organisation prefix ("argilla/notus-7b-v1") and missing size or version parts ("Notus" =
 * "Notus 7B v1") are ignored, but a different size or version is a different model
 * ("DeepSeek-V2" ≠ "DeepSeek-V3", "Zephyr-7b-α" ≠ "Zephyr-7b-β", "StableLM Zephyr (SFT only)" ≠
 * "StableLM Zephyr 3B").
 */
import type { Document } from '../model/types.ts';
import { fileStem } from '../model/names.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { benchmarksData, nameKey, stripMarkup, type BenchmarksData } from './benchmark-names.ts';

/** The card's own model as the card names it. */
export interface OwnModel {
  /** Display name (title or model-index name), if the card gives one. */
  display?: string;
  /** Every name the card uses for itself. */
  names: string[];
  /** Names read from the file name: they may carry an organisation prefix ("meta-llama-2" for "Llama 2"). */
  looseNames?: string[];
}

const GREEK: Record<string, string> = { α: ' alpha', β: ' beta', γ: ' gamma', δ: ' delta' };

interface Signature {
  words: string[];
  sizes: string[];
  versions: string[];
}

/** Split a model name into plain words, size tokens ("7b", "405b") and version tokens ("v1", "3.1", "0506"). */
function signature(name: string, sizeWords: Set<string>): Signature {
  const lower = stripMarkup(name)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[αβγδ]/g, (c) => GREEK[c] ?? c);
  const tokens = lower.match(/v\d+(?:\.\d+)*(?![\p{L}])|\d+(?:\.\d+)?[bmkt](?![\p{L}])|\d+(?:\.\d+)*|[\p{L}]+/gu) ?? [];
  const sig: Signature = { words: [], sizes: [], versions: [] };
  for (const t of tokens) {
    if (/^\d+(?:\.\d+)?[bmkt]$/.test(t)) sig.sizes.push(t);
    else if (/^v?\d/.test(t)) sig.versions.push(t.replace(/^v/, ''));
    else if (!sizeWords.has(t)) sig.words.push(t);
  }
  return sig;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Compatible when the words agree and sizes/versions agree wherever both names give them. */
function compatible(a: Signature, b: Signature): boolean {
  if (a.words.length === 0 || !sameList(a.words, b.words)) return false;
  if (a.sizes.length && b.sizes.length && !sameList(a.sizes, b.sizes)) return false;
  if (a.versions.length && b.versions.length && !sameList(a.versions, b.versions)) return false;
  return true;
}

/** Variants of a written name: as written, without brackets, and the repo name of any "org/name" inside. */
function variants(name: string): string[] {
  const clean = stripMarkup(name).replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim();
  const out = new Set<string>([clean]);
  // Brackets holding a repo id ("Zephyr 7B dDPO (HuggingFaceH4/zephyr-7b-beta)") add that name; other brackets
  // are part of the name ("StableLM Zephyr (SFT only)" is not "StableLM Zephyr").
  for (const m of clean.matchAll(/[\w.-]+\/([\w.-]+)/g)) out.add(m[1]!);
  return [...out].filter(Boolean);
}

/** The words in brackets of a written name ("Acme 7B (ours)" → ["ours"]). */
function bracketed(name: string): string[] {
  return [...stripMarkup(name).matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!.trim());
}

/** The `ownModel` word lists of a rule set as sets, made once per rule set rather than once per name read. */
interface OwnModelWords {
  size: Set<string>;
  self: Set<string>;
  variant: Set<string>;
  sizeOrVariant: Set<string>;
  /** Keys of the headings that are section words, not titles. */
  notTitles: Set<string>;
  /** Title noise ("Model Card for"), longest first. */
  titleNoise: string[];
}

const wordsCache = new WeakMap<BenchmarksData, OwnModelWords>();

function ownModelWords(rules: CompiledRules): OwnModelWords {
  const data = benchmarksData(rules);
  let words = wordsCache.get(data);
  if (!words) {
    const cfg = data.ownModel;
    const size = new Set((cfg?.sizeWords ?? []).map((w) => w.toLowerCase()));
    const variant = new Set((cfg?.variantWords ?? []).map((w) => w.toLowerCase()));
    words = {
      size,
      self: new Set((cfg?.selfWords ?? []).map(nameKey)),
      variant,
      sizeOrVariant: new Set([...size, ...variant]),
      notTitles: new Set((cfg?.notTitles ?? []).map(nameKey)),
      titleNoise: [...(cfg?.titleNoise ?? [])].sort((a, b) => b.length - a.length),
    };
    wordsCache.set(data, words);
  }
  return words;
}

const ownCache = new WeakMap<Document, OwnModel>();

/**
 * The model name a heading gives, if any: "Model Card for Zephyr 7B β" → "Zephyr 7B β";
 * "Model Details: Neural-Chat-v3-3" → "Neural-Chat-v3-3"; "Model Details" → undefined.
 */
export function modelNameFromHeading(heading: string, rules: CompiledRules): string | undefined {
  const { notTitles, titleNoise: noise } = ownModelWords(rules);
  let s = stripMarkup(heading).replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim();
  for (const n of noise) {
    if (s.toLowerCase().startsWith(n.toLowerCase())) s = s.slice(n.length).replace(/^[\s:–—-]+/, '');
    // "Gemma Model Card", "GPT-2 model card": the noise after the name.
    if (s.toLowerCase().endsWith(` ${n.toLowerCase()}`)) s = s.slice(0, s.length - n.length).replace(/[\s:–—-]+$/, '');
  }
  // "Model Details: Neural-Chat-v3-3" names the model after a section word.
  const colon = /^([^:]+):\s*(.+)$/.exec(s);
  if (colon && notTitles.has(nameKey(colon[1]!))) s = colon[2]!;
  s = s.trim();
  if (!s || notTitles.has(nameKey(s))) return undefined;
  return s;
}

/** The names a document uses for its own model: first real level-1 heading, model-index name, model_name. */
export function ownModelOf(doc: Document, rules: CompiledRules): OwnModel {
  const hit = ownCache.get(doc);
  if (hit) return hit;
  const noise = benchmarksData(rules).ownModel?.titleNoise ?? [];
  const names: string[] = [];
  const meta = doc.metadata ?? {};
  const mi = meta['model-index'];
  if (Array.isArray(mi) && mi[0] && typeof mi[0] === 'object' && typeof (mi[0] as { name?: unknown }).name === 'string') {
    names.push((mi[0] as { name: string }).name);
  }
  for (const key of ['model_name', 'model_id', 'name']) {
    if (typeof meta[key] === 'string') names.push(meta[key] as string);
  }
  const cleanTitle = (t: string): string | undefined => modelNameFromHeading(t, rules);
  const headings = doc.blocks.filter((b) => b.kind === 'heading');
  const h1 = headings.filter((b) => b.level === 1).map((b) => cleanTitle(b.text)).find(Boolean);
  if (h1) {
    names.push(h1);
    // "gpt-oss-120b & gpt-oss-20b", "Llama 3.1 and Llama 3.1 Instruct": a title naming several models names each.
    const parts = h1.split(/\s*(?:&|,|\+|\s(?:and|or)\s)\s*/u).filter(Boolean);
    if (parts.length > 1) names.push(...parts);
  }
  else {
    const named = headings.filter((b) => (b.level ?? 9) <= 2 && /:/.test(b.text)).map((b) => cleanTitle(b.text)).find(Boolean);
    if (named) names.push(named);
  }
  if (names.length === 0) {
    // Last resort: the file name, as repositories name cards ("deepseek-v3_readme.md" → "deepseek-v3").
    const noiseKeys = new Set(noise.map(nameKey));
    const base = fileStem(doc.name);
    const parts = base.split('_').filter((p) => p && !noiseKeys.has(nameKey(p)));
    if (parts.length > 0 && parts.length < base.split('_').length) {
      const own: OwnModel = { display: parts.join(' '), names: [], looseNames: [parts.join(' ')] };
      ownCache.set(doc, own);
      return own;
    }
  }
  const own: OwnModel = { display: h1 ?? names[0], names: [...new Set(names)] };
  ownCache.set(doc, own);
  return own;
}

/** How a written model name relates to the card's own model. */
export type ModelRelation = 'own' | 'own-size' | 'other';

/**
 * Classify a model name written in a table or sentence: the card's own model, a size variant of
 * it given only by size ("7B Params", "2B"), or another model.
 */
export function relateModel(name: string, own: OwnModel, rules: CompiledRules): ModelRelation {
  let memo = relationCache.get(own);
  if (!memo) relationCache.set(own, (memo = { relations: new Map() }));
  let rel = memo.relations.get(name);
  if (!rel) {
    // A header joined from several header rows ("WER (%) / Heron ASR v2") names the model in one of
    // its parts: the strongest relation of any part counts.
    const parts = name.split(' / ').map((p) => p.trim()).filter(Boolean);
    const rels = (parts.length > 1 ? parts : [name]).map((p) => relate(p, own, memo, rules));
    rel = rels.includes('own') ? 'own' : rels.includes('own-size') ? 'own-size' : 'other';
    memo.relations.set(name, rel);
  }
  return rel;
}

/** Per own model: the relations found so far, and the signatures of its own names (read once). */
interface OwnMemo {
  relations: Map<string, ModelRelation>;
  mine?: Signature[];
}

const relationCache = new WeakMap<OwnModel, OwnMemo>();

/** The signatures of every name the card gives its own model (without variant words). */
function ownSignatures(own: OwnModel, variantWords: Set<string>): Signature[] {
  const mine = own.names.flatMap(variants).map((n) => signature(n, variantWords));
  // A file-derived name may start with the organisation: "meta-llama-2" also stands for "llama 2", "acme-ai-llama-9" for "llama 9".
  for (const n of (own.looseNames ?? []).flatMap(variants)) {
    const sig = signature(n, variantWords);
    mine.push(sig);
    for (let k = 1; k < sig.words.length; k++) mine.push({ ...sig, words: sig.words.slice(k) });
  }
  return mine;
}

function relate(name: string, own: OwnModel, memo: OwnMemo, rules: CompiledRules): ModelRelation {
  const words = ownModelWords(rules);
  const written = variants(name);
  if ([...written, ...bracketed(name)].some((w) => words.self.has(nameKey(w)))) return 'own';
  // "7B Params", "2B": a size alone names a size variant of the card's own model.
  const sizeOnly = written.map((w) => signature(w, words.size));
  if (sizeOnly.some((c) => c.words.length === 0 && c.sizes.length > 0 && c.versions.length === 0)) return 'own-size';
  // "Instruct", "Base", "7B Chat": a release variant alone names a variant of the card's own model.
  const bare = written.map((w) => signature(w, words.sizeOrVariant));
  if (bare.some((c) => c.words.length === 0 && c.versions.length === 0) && written.some((w) => signature(w, words.size).words.length > 0)) return 'own-size';
  const cand = written.map((w) => signature(w, words.variant));
  const mine = (memo.mine ??= ownSignatures(own, words.variant));
  return cand.some((c) => mine.some((m) => compatible(c, m))) ? 'own' : 'other';
}

