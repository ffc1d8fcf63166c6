/**
 * align: contract sentence ↔ card sentence, transformations, incorporation. OWNER: issue 6.
 *
 * For each contract sentence: BM25 retrieval of candidate card units over match keys (lemmas,
 * synonym groups, numbers with their scale, closed compounds; the product's names and "the Model"
 * read as one key and are left out of retrieval), token-level alignment of each candidate, the
 * best similarity above the calibrated threshold (rules/alignment.yaml) as the source, with the
 * anchors that chose it, and the transformations the excerpt made. Definition sentences quote
 * nothing. Sentences that incorporate a document by reference carry `incorporates`, resolved to
 * an upload when one fits.
 */
import type { Alignment, Document, Sentence } from '../model/types.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { detectIncorporation, findDefinitions, resolveIncorporation, type CandidateDocument } from '../contract/index.ts';
import type { AlignmentRules } from './align-rules.ts';
import { buildBm25, idfOf, searchBm25, type Bm25Index } from './bm25.ts';
import { compareUnits, keyOf, type CompareContext, type Unit } from './compare.ts';
import { unitOf } from './units.ts';
import { stemWord, tokenize } from '../text/tokens.ts';
import { canonicaliseMetrics, type MetricAliases } from './metric-aliases.ts';
import { annotateKeys, lemmaKey, productKeys, PRODUCT } from './keys.ts';
import { matchAny } from '../text/patterns.ts';
import { lemmaOf } from './lemma.ts';

export { compareUnits, type Comparison, type Unit } from './compare.ts';
export { unitOf, unitText } from './units.ts';

/** A searchable set of card units. */
export interface CardIndex {
  units: Array<{ sentence: Sentence; unit: Unit }>;
  bm25: Bm25Index;
  rules: AlignmentRules;
  metrics: MetricAliases;
  /** Lemma keys of the cards' product names ("falcon", "7b"): they read as `@product`. */
  product: Set<string>;
  /** Claim type of each card sentence (by sentence id), for claim-type agreement. */
  claimTypes: Map<string, string>;
}

/** Retrieval terms of a token list: content words and numbers (the product's name is everywhere, so it is left out). */
function termsOf(unit: Unit, rules: AlignmentRules): string[] {
  const kept = unit.tokens.filter((t) => (t.value !== undefined || !rules.stopwords.has(t.lower)) && !t.absorbed && t.key !== PRODUCT);
  const terms = kept.map(keyOf);
  // Compounds written apart ("pre-trained", "use case") also meet their closed form ("pretrained", "usecase").
  for (let i = 0; i + 1 < unit.tokens.length; i++) {
    const a = unit.tokens[i]!;
    const b = unit.tokens[i + 1]!;
    if (a.value === undefined && b.value === undefined && /^[-\s]?$/.test(unit.text.slice(a.end, b.start))) terms.push(lemmaOf(stemWord(a.lower + b.lower)));
  }
  return terms;
}

/** Names a card goes by: file name, title metadata, first heading. */
function cardNames(c: JudgedDocument): string[] {
  const names = [c.doc.name.replace(/\.[a-z0-9]+$/i, '')];
  const heading = c.doc.blocks.find((b) => b.kind === 'heading');
  if (heading) names.push(heading.text);
  for (const key of ['title', 'model_name', 'name', 'base_model']) if (typeof c.doc.metadata[key] === 'string') names.push(c.doc.metadata[key] as string);
  return names;
}

/** Index the sentences of one or more cards for alignment. */
export function indexCards(cards: JudgedDocument[], rules: CompiledRules): CardIndex {
  const ar = rules.alignment;
  const metrics = rules.metricAliases;
  const product = new Set<string>();
  for (const c of cards) for (const k of productKeys(cardNames(c), c.sentences.map((s) => s.text).join('\n'), ar)) product.add(k);
  const contextCache = new Map<string, { keys: Set<string>; negated: boolean }>();
  const contextOfPath = (path: string[]): { keys: Set<string>; negated: boolean } => {
    const text = path.join(' / ');
    let hit = contextCache.get(text);
    if (!hit) {
      const tokens = tokenize(text);
      annotateKeys(tokens, ar, product, text);
      hit = {
        keys: new Set(tokens.filter((t) => !ar.stopwords.has(t.lower) && t.value === undefined && t.key !== PRODUCT).map(keyOf)),
        negated: matchAny(ar.all.negations, tokens).length > 0,
      };
      contextCache.set(text, hit);
    }
    return hit;
  };
  const units = cards.flatMap((c) =>
    c.sentences.map((sentence) => {
      const unit = unitOf(sentence, 'card');
      canonicaliseMetrics(unit.tokens, metrics);
      annotateKeys(unit.tokens, ar, product, unit.text);
      const ctx = contextOfPath(sentence.sectionPath);
      if (ctx.keys.size > 0) unit.context = ctx.keys;
      const lead = sentence.context.listLead ? matchAny(ar.all.negations, tokenize(sentence.context.listLead)).length > 0 : false;
      if (ctx.negated || lead) unit.contextNegated = true;
      return { sentence, unit };
    }),
  );
  const claimTypes = new Map(cards.flatMap((c) => c.claims.map((k) => [k.sentenceId, k.type] as const)));
  return { units, bm25: buildBm25(units.map((u) => termsOf(u.unit, ar))), rules: ar, metrics, product, claimTypes };
}

/** A contract-side unit for a text, with metric names read as one word and the product's names as `@product`. */
export function contractUnit(index: CardIndex, text: string, productTerms: Set<string> = new Set()): Unit {
  const unit: Unit = { text, tokens: tokenize(text) };
  canonicaliseMetrics(unit.tokens, index.metrics);
  annotateKeys(unit.tokens, index.rules, productTerms.size ? new Set([...index.product, ...productTerms]) : index.product, text);
  return unit;
}

/** Claim types that say nothing about what a sentence claims. */
const NEUTRAL_TYPES = new Set(['none', 'other']);

const idfMemo = new WeakMap<CardIndex, Map<string, number>>();

function contextOf(index: CardIndex, definedStems: Set<string>): CompareContext {
  // A word the card never uses weighs like a rare card word (a share of the rarest word's weight:
  // drafting adds words of its own, which should not outweigh the card's words the clause repeats).
  const unknownIdf = Math.log(1 + (index.bm25.size - 0.5) / 1.5) * index.rules.similarity.unknownWordWeight;
  let idf = idfMemo.get(index);
  if (!idf) idfMemo.set(index, (idf = new Map()));
  const memo = idf;
  return {
    rules: index.rules,
    idf: (k) => {
      let v = memo.get(k);
      if (v === undefined) memo.set(k, (v = index.bm25.postings.has(k) ? idfOf(index.bm25, k) : unknownIdf));
      return v;
    },
    definedStems,
  };
}

/** Compare a source unit with a derived unit using an index's word weights. */
export function compareIn(index: CardIndex, source: Unit, derived: Unit): ReturnType<typeof compareUnits> {
  return compareUnits(source, derived, contextOf(index, new Set()));
}

/** The lead-in unit of a list a contract text sums up (two or more items' own words present), if any. */
function summarisedLead(index: CardIndex, top: Sentence, unit: Unit, candidates: CardIndex['units']): { lead: CardIndex['units'][number]; unit: Unit; text: string } | undefined {
  const leadText = top.context.listLead;
  if (!leadText || top.context.blockKind !== 'list-item') return undefined;
  const contractKeys = new Set(unit.tokens.filter((t) => t.value === undefined && !index.rules.stopwords.has(t.lower) && t.key !== PRODUCT).map(keyOf));
  const leadKeys = new Set(tokenize(leadText).map(lemmaKey));
  let items = 0;
  for (const c of candidates) {
    if (c.sentence.context.listLead !== leadText || c.sentence.context.blockKind !== 'list-item') continue;
    // The item's own words: after the lead-in in the unit text, and not words of the lead-in itself.
    const own = c.unit.tokens.filter((t) => t.start > leadText.length && t.value === undefined && !index.rules.stopwords.has(t.lower) && t.key !== PRODUCT && !leadKeys.has(keyOf(t)));
    if (own.some((t) => contractKeys.has(keyOf(t)))) items++;
  }
  if (items < 2) return undefined;
  const norm = (x: string): string => x.replace(/[\s:]+$/, '').trim();
  const lead = index.units.find((u) => u.sentence.docId === top.docId && norm(u.sentence.text) === norm(leadText));
  if (!lead) return undefined;
  const all = index.units.filter((u) => u.sentence.docId === top.docId && u.sentence.context.listLead === leadText && u.sentence.context.blockKind === 'list-item');
  return { lead, unit: lead.unit, text: [lead.sentence.text, ...all.map((u) => u.sentence.text)].join(' ') };
}

/** A chosen source: the card sentence, the score, what changed and what the two share. */
export interface Source {
  sentence: Sentence;
  similarity: number;
  transformations: Alignment['transformations'];
  anchors: string[];
}

/** The best source of one contract text in a card index, or null below the threshold. */
export function bestSource(
  index: CardIndex,
  unit: Unit,
  definedStems: Set<string> = new Set(),
  claimType?: string,
): Source | null {
  const { rules } = index;
  const ctx = contextOf(index, definedStems);
  const hits = searchBm25(index.bm25, termsOf(unit, rules), rules.retrieval.topK, rules.retrieval.k1, rules.retrieval.b);
  let best: Source | null = null;
  // Ties break toward a table-free prose source and toward a sentence making the same kind of claim.
  const agrees = (s: Sentence): boolean => claimType !== undefined && !NEUTRAL_TYPES.has(claimType) && index.claimTypes.get(s.id) === claimType;
  const score = (c: { sentence: Sentence; similarity: number }): number =>
    c.similarity - (c.sentence.context.table ? rules.similarity.rowMargin : 0) + (agrees(c.sentence) ? rules.similarity.claimTypeBonus : 0);
  // Rank the candidates by similarity alone, then run the drift detectors on the leaders.
  // Candidates far below the best retrieval score are not compared (they cannot win on token alignment).
  const floor = (hits[0]?.score ?? 0) * rules.retrieval.minScoreRatio;
  const ranked = hits
    .filter((hit) => hit.score >= floor)
    .map((hit) => {
      const cand = index.units[hit.doc]!;
      return { cand, similarity: compareUnits(cand.unit, unit, ctx, false).similarity };
    })
    .filter((r) => r.similarity > 0)
    .sort((a, b) => score({ sentence: b.cand.sentence, similarity: b.similarity }) - score({ sentence: a.cand.sentence, similarity: a.similarity }))
    .slice(0, 2);
  // A clause that sums up a list ("adapted from X, with A, B and C") quotes the list's lead-in,
  // not one item: when the words of two or more items of the leading candidate's list are in the
  // clause, the lead-in sentence is the candidate.
  const lead = ranked[0] ? summarisedLead(index, ranked[0].cand.sentence, unit, hits.map((h) => index.units[h.doc]!)) : undefined;
  if (lead) {
    // The clause is compared with the whole list (lead-in and items); the lead-in is the source.
    const whole: Unit = { text: lead.text, tokens: tokenize(lead.text), context: lead.unit.context };
    canonicaliseMetrics(whole.tokens, index.metrics);
    annotateKeys(whole.tokens, rules, index.product, whole.text);
    const cmp = compareUnits(whole, unit, ctx);
    if (cmp.similarity >= rules.similarity.threshold) return { sentence: lead.lead.sentence, similarity: cmp.similarity, transformations: cmp.transformations, anchors: cmp.anchors };
  }
  for (const { cand } of ranked) {
    const cmp = compareUnits(cand.unit, unit, ctx);
    const next = { sentence: cand.sentence, similarity: cmp.similarity, transformations: cmp.transformations, anchors: cmp.anchors };
    if (!best || score(next) > score(best)) best = next;
  }
  return best && best.similarity >= rules.similarity.threshold ? best : null;
}

function candidateOf(j: JudgedDocument): CandidateDocument {
  const names = [j.doc.name];
  const heading = j.doc.blocks.find((b) => b.kind === 'heading');
  if (heading) names.push(heading.text);
  const meta = j.doc.metadata;
  for (const key of ['title', 'model_name', 'name']) if (typeof meta[key] === 'string') names.push(meta[key] as string);
  // The opening sentences name the model and often its date ("Last updated: 3 June 2026").
  names.push(j.sentences.slice(0, 3).map((s) => s.text).join(' '));
  return { doc: j.doc, names };
}

/** Round to 4 decimals so reports are stable. */
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** For each contract sentence, the card sentence it derives from (or none) and what changed. */
export function alignContract(contract: JudgedDocument, cards: JudgedDocument[], others: JudgedDocument[], rules: CompiledRules): Alignment[] {
  const index = indexCards(cards, rules);
  const legal = rules.legal;
  const definitions = findDefinitions(contract.sentences, legal);
  const definedStems = new Set(definitions.flatMap((d) => tokenize(d.term).map((t) => stemWord(t.lower))));
  // A defined term whose meaning names the product ("Model" means the Falcon-7B language model) is the product's name.
  const productTerms = new Set<string>();
  for (const d of definitions) {
    const meaning = tokenize(d.meaning).map(lemmaKey);
    if (meaning.some((k) => index.product.has(k))) for (const t of tokenize(d.term)) if (t.capitalised) productTerms.add(lemmaKey(t));
  }
  const cardCandidates = cards.map(candidateOf);
  const otherCandidates = others.map(candidateOf);
  // A definition sentence ("Model" means ...) names what a term stands for; it quotes nothing.
  const claimTypeOf = new Map(contract.claims.map((c) => [c.sentenceId, c.type] as const));
  const definitionSentences = new Set(definitions.filter((d) => !d.inline).map((d) => d.sentenceId));
  const out: Alignment[] = [];
  for (const s of contract.sentences) {
    const inc = detectIncorporation(s.text, legal);
    // The incorporated document's name ("Model Card dated 14 March 2026") refers to the card, it does not quote it.
    const unit = contractUnit(index, inc ? s.text.slice(0, inc.start) + ' '.repeat(inc.end - inc.start) + s.text.slice(inc.end) : s.text, productTerms);
    const best = index.units.length > 0 && !definitionSentences.has(s.id) ? bestSource(index, unit, definedStems, claimTypeOf.get(s.id)) : null;
    const a: Alignment = {
      contractSentenceId: s.id,
      cardSentenceId: best ? best.sentence.id : null,
      similarity: best ? round(best.similarity) : 0,
      transformations: best ? best.transformations : [],
    };
    if (best) a.anchors = best.anchors;
    if (inc) {
      const docId = resolveIncorporation(inc, contract.doc, cardCandidates, otherCandidates, definitions, legal);
      // An attachment clause ("This Schedule B forms part of the Agreement") attaches the contract's own
      // text to the agreement; it imports no outside document, so it is no incorporation (guide, second round).
      if (docId !== contract.doc.id) a.incorporates = { docId, phrase: inc.phrase };
    }
    out.push(a);
  }
  return out;
}

/** The documents a set of alignments incorporates by reference, with the incorporating sentences. */
export function incorporatedDocuments(alignments: Alignment[], documents: Document[]): Array<{ doc: Document; sentenceIds: string[] }> {
  const byDoc = new Map<string, string[]>();
  for (const a of alignments) {
    const id = a.incorporates?.docId;
    if (!id) continue;
    const list = byDoc.get(id) ?? [];
    list.push(a.contractSentenceId);
    byDoc.set(id, list);
  }
  return documents.filter((d) => byDoc.has(d.id)).map((doc) => ({ doc, sentenceIds: byDoc.get(doc.id)! }));
}
