/**
 * align: contract sentence ↔ card sentence, transformations, incorporation. OWNER: issue 6.
 *
 * For each contract sentence: BM25 retrieval of candidate card units over content words and
 * numbers, token-level alignment of each candidate, the best similarity above the threshold
 * (rules/alignment.yaml) as the source, and the transformations the excerpt made. Sentences
 * that incorporate a document by reference carry `incorporates`, resolved to an upload when one fits.
 */
import type { Alignment, Document, Sentence } from '../model/types.ts';
import type { JudgedDocument } from '../evidence/index.ts';
import type { RuleSet } from '../rules/load.ts';
import { legalRules } from '../contract/legal-rules.ts';
import { findDefinitions } from '../contract/structure.ts';
import { detectIncorporation, resolveIncorporation, type CandidateDocument } from '../contract/incorporation.ts';
import { alignmentRules, type AlignmentRules } from './align-rules.ts';
import { buildBm25, idfOf, searchBm25, type Bm25Index } from './bm25.ts';
import { compareUnits, keyOf, type CompareContext, type Unit } from './compare.ts';
import { unitOf } from './units.ts';
import { stemWord, tokenize } from './tokens.ts';
import { canonicaliseMetrics, metricAliases, type MetricAliases } from './metric-aliases.ts';

export { compareUnits, type Comparison, type Unit } from './compare.ts';
export { unitOf, unitText } from './units.ts';

/** A searchable set of card units. */
export interface CardIndex {
  units: Array<{ sentence: Sentence; unit: Unit }>;
  bm25: Bm25Index;
  rules: AlignmentRules;
  metrics: MetricAliases;
}

/** Retrieval terms of a token list: content words and numbers. */
function termsOf(unit: Unit, rules: AlignmentRules): string[] {
  return unit.tokens.filter((t) => t.value !== undefined || !rules.stopwords.has(t.lower)).map(keyOf);
}

/** Index the sentences of one or more cards for alignment. */
export function indexCards(cards: JudgedDocument[], rules: RuleSet): CardIndex {
  const ar = alignmentRules(rules);
  const metrics = metricAliases(rules, ar.stopwords);
  const units = cards.flatMap((c) =>
    c.sentences.map((sentence) => {
      const unit = unitOf(sentence, 'card');
      canonicaliseMetrics(unit.tokens, metrics);
      return { sentence, unit };
    }),
  );
  return { units, bm25: buildBm25(units.map((u) => termsOf(u.unit, ar))), rules: ar, metrics };
}

/** A contract-side unit for a text, with metric names read as one word. */
export function contractUnit(index: CardIndex, text: string): Unit {
  const unit: Unit = { text, tokens: tokenize(text) };
  canonicaliseMetrics(unit.tokens, index.metrics);
  return unit;
}

function contextOf(index: CardIndex, definedStems: Set<string>): CompareContext {
  // A word the card never uses weighs like the card's rarest word.
  const maxIdf = Math.log(1 + (index.bm25.size - 0.5) / 1.5);
  return { rules: index.rules, idf: (k) => (index.bm25.postings.has(k) ? idfOf(index.bm25, k) : maxIdf), definedStems };
}

/** Compare a source unit with a derived unit using an index's word weights. */
export function compareIn(index: CardIndex, source: Unit, derived: Unit): ReturnType<typeof compareUnits> {
  return compareUnits(source, derived, contextOf(index, new Set()));
}

/** The best source of one contract text in a card index, or null below the threshold. */
export function bestSource(
  index: CardIndex,
  unit: Unit,
  definedStems: Set<string> = new Set(),
): { sentence: Sentence; similarity: number; transformations: Alignment['transformations'] } | null {
  const { rules } = index;
  const ctx = contextOf(index, definedStems);
  const hits = searchBm25(index.bm25, termsOf(unit, rules), rules.retrieval.topK, rules.retrieval.k1, rules.retrieval.b);
  let best: { sentence: Sentence; similarity: number; transformations: Alignment['transformations'] } | null = null;
  const score = (c: { sentence: Sentence; similarity: number }): number => c.similarity - (c.sentence.context.table ? rules.similarity.rowMargin : 0);
  for (const hit of hits) {
    const cand = index.units[hit.doc]!;
    const cmp = compareUnits(cand.unit, unit, ctx);
    const next = { sentence: cand.sentence, similarity: cmp.similarity, transformations: cmp.transformations };
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
export function alignContract(contract: JudgedDocument, cards: JudgedDocument[], others: JudgedDocument[], rules: RuleSet): Alignment[] {
  const index = indexCards(cards, rules);
  const legal = legalRules(rules);
  const definitions = findDefinitions(contract.sentences, legal);
  const definedStems = new Set(definitions.flatMap((d) => tokenize(d.term).map((t) => stemWord(t.lower))));
  const cardCandidates = cards.map(candidateOf);
  const otherCandidates = others.map(candidateOf);
  const out: Alignment[] = [];
  for (const s of contract.sentences) {
    const inc = detectIncorporation(s.text, legal);
    // The incorporated document's name ("Model Card dated 14 March 2026") refers to the card, it does not quote it.
    const unit = contractUnit(index, inc ? s.text.slice(0, inc.start) + ' '.repeat(inc.end - inc.start) + s.text.slice(inc.end) : s.text);
    const best = index.units.length > 0 ? bestSource(index, unit, definedStems) : null;
    const a: Alignment = {
      contractSentenceId: s.id,
      cardSentenceId: best ? best.sentence.id : null,
      similarity: best ? round(best.similarity) : 0,
      transformations: best ? best.transformations : [],
    };
    if (inc) a.incorporates = { docId: resolveIncorporation(inc, contract.doc, cardCandidates, otherCandidates, definitions, legal), phrase: inc.phrase };
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
