/**
 * Version diff of two model cards: which representations a release added, removed, weakened,
 * strengthened or changed the numbers of, and which contract clauses quote a changed one
 * ("exposure": the vendor's pre-release question).
 *
 * Issue 16: sentences are first paired by content, as a multiset (two identical footnotes in each
 * version pair off; two in the old and one in the new leave one removed), so a card diffed with
 * itself reports nothing. Only the sentences left over are aligned, one to one, with the same
 * retrieval and token alignment as contracts: old → new first, then the new sentences still
 * unpaired against the old ones still unpaired. A pair with the same text is never a change.
 *
 * Direction: `compareUnits(source, derived)` names what the derived text did to the source.
 * Read old → new ("forward") it names what the release did: a hedge dropped (`hedge-removed`), a
 * stronger modal, scope broadened, a qualifier dropped (all strengthening), numbers old → new and
 * negation. Read new → old ("backward") the same kinds are what the release *added*; they are
 * renamed to their converse (`hedge-added`, `modality-weakened`, `scope-narrowed`,
 * `qualifier-added`) with `from`/`to` swapped, so every transformation reads old → new.
 */
import type { Alignment, Sentence, Transformation, TransformationKind } from '../model/types.ts';
import type { JudgedDocument } from '../model/judged.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { alignContract, bestSource, compareIn, contractUnit, indexCards, type CardIndex } from './index.ts';
import { unitText } from './units.ts';
// Strengthening kinds (read old → new) and the name of each one's converse (found reading new → old): each detector names its converse.
import { CONVERSE, type WeakeningKind } from './transformations/index.ts';

/** How a representation changed between two card versions. */
export type CardChangeKind = 'added' | 'removed' | 'weakened' | 'strengthened' | 'number-changed' | 'changed';

/** Weakening kinds: the converse of the strengthening transformations, found reading new → old. */
export type { WeakeningKind };

/** A transformation between two card versions, read old → new (`from` in the old card, `to` in the new). */
export interface CardTransformation extends Omit<Transformation, 'kind'> {
  kind: Exclude<TransformationKind, 'verbatim'> | WeakeningKind;
}

/** One changed representation. */
export interface CardChange {
  kind: CardChangeKind;
  oldSentenceId?: string;
  newSentenceId?: string;
  oldText?: string;
  newText?: string;
  similarity?: number;
  /** What changed, read old → new (number-changed carries both values). */
  transformations: CardTransformation[];
}

/** A contract clause that quotes (or incorporates) changed representations of the old card. */
export interface Exposure {
  contractDocId: string;
  contractName: string;
  contractSentenceId: string;
  clauseRef?: string;
  text: string;
  /** The clause quotes one sentence, or incorporates the whole card by reference (then every change counts). */
  via: 'quotation' | 'incorporation';
  changes: Array<{ kind: CardChangeKind; oldSentenceId: string }>;
}

/**
 * How serious an exposure is, for `--fail-on`: a clause quoting a changed sentence no longer
 * matches the card (error); a clause incorporating the whole changed card is a warning, as
 * whole-document incorporation is in the shipped profiles.
 */
export function exposureSeverity(e: Exposure): 'error' | 'warning' {
  return e.via === 'quotation' ? 'error' : 'warning';
}

/** The diff of two card versions. */
export interface CardDiff {
  changes: CardChange[];
  exposure: Exposure[];
  summary: Record<CardChangeKind, number>;
}

/** Content of a sentence as compared: its unit text (list lead-in, table headers) with spacing normalised. */
function contentKey(s: Sentence): string {
  return unitText(s).normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The sentence text with spacing normalised: a pair with the same text is no change. */
function sameText(a: Sentence, b: Sentence): boolean {
  const norm = (t: string): string => t.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return norm(a.text) === norm(b.text);
}

function representations(doc: JudgedDocument): Map<string, boolean> {
  return new Map(doc.claims.map((c) => [c.sentenceId, c.label === 'representation'] as const));
}

/**
 * Pair sentences with the same content, as multisets, in document order. Returns the old sentences
 * and the new sentences left unpaired.
 */
function pairByContent(old: Sentence[], next: Sentence[]): { oldLeft: Sentence[]; newLeft: Sentence[] } {
  const pool = new Map<string, Sentence[]>();
  for (const s of next) {
    const k = contentKey(s);
    const list = pool.get(k);
    if (list) list.push(s);
    else pool.set(k, [s]);
  }
  const paired = new Set<string>();
  const oldLeft: Sentence[] = [];
  for (const s of old) {
    const hit = pool.get(contentKey(s))?.shift();
    if (hit) paired.add(hit.id);
    else oldLeft.push(s);
  }
  return { oldLeft, newLeft: next.filter((s) => !paired.has(s.id)) };
}

/** The unit of a sentence in its full index (annotated with the card's product names). */
function unitIn(index: CardIndex, s: Sentence): CardIndex['units'][number]['unit'] {
  return index.units.find((u) => u.sentence === s)!.unit;
}

/**
 * Pair the left-over sentences of `from` with those of `to`, one to one: each `from` sentence's
 * best source among the `to` sentences not yet taken (the closer pair first when two want one).
 */
function pairBySimilarity(from: Sentence[], toDoc: JudgedDocument, to: Sentence[], rules: CompiledRules): Array<{ a: Sentence; b: Sentence; similarity: number }> {
  const out: Array<{ a: Sentence; b: Sentence; similarity: number }> = [];
  let pending = from;
  let open = to;
  while (pending.length > 0 && open.length > 0) {
    // Retrieval over the open sentences only, so a sentence already paired is never chosen twice.
    const index = indexCards([{ ...toDoc, sentences: open }], rules);
    const hits = pending
      .map((s) => ({ s, hit: bestSource(index, contractUnit(index, unitText(s))) }))
      .filter((x): x is { s: Sentence; hit: NonNullable<typeof x.hit> } => x.hit !== null)
      .sort((x, y) => y.hit.similarity - x.hit.similarity);
    const taken = new Set<string>();
    const done = new Set<string>();
    for (const { s, hit } of hits) {
      if (taken.has(hit.sentence.id)) continue;
      taken.add(hit.sentence.id);
      done.add(s.id);
      out.push({ a: s, b: hit.sentence, similarity: hit.similarity });
    }
    if (done.size === 0) break;
    // A sentence that lost its best source to a closer one tries the rest.
    const lost = new Set(hits.filter((h) => !done.has(h.s.id)).map((h) => h.s.id));
    pending = pending.filter((s) => lost.has(s.id));
    open = open.filter((s) => !taken.has(s.id));
  }
  return out;
}

/** Lower-case words of a phrase. */
const wordsOf = (s: string | undefined): string[] => (s ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * One edit read from both sides: a list member added ("English" → "English and German", forward
 * `scope-broadened` to "German", note "language added") also reads backward as a restriction the
 * other version has ("German business"). The member reading is the precise one; the phrase reading
 * holding the same words on the same side is dropped.
 */
function sameEditOtherWay(t: Transformation, other: Transformation[]): boolean {
  if (t.kind !== 'scope-broadened' || t.from === undefined) return false;
  const phrase = new Set(wordsOf(t.from));
  return other.some((o) => o.kind === 'scope-broadened' && o.from === undefined && / added$/.test(o.note ?? '') && wordsOf(o.to).length > 0 && wordsOf(o.to).every((w) => phrase.has(w)));
}

/** The transformations of an old → new pair, all read old → new. */
export function transformationsOf(forward: Transformation[], backward: Transformation[]): CardTransformation[] {
  const out: CardTransformation[] = [];
  // Forward `from` and backward `to` are old-card words; backward `from` and forward `to` new-card words.
  forward = forward.filter((t) => !sameEditOtherWay(t, backward));
  backward = backward.filter((t) => !sameEditOtherWay(t, forward));
  for (const t of forward) if (t.kind !== 'verbatim') out.push({ ...t, kind: t.kind });
  for (const t of backward) {
    const kind = CONVERSE[t.kind];
    if (!kind) continue;
    // Read new → old, `from` is in the new card and `to` in the old: swap them.
    const r: CardTransformation = { kind };
    if (t.to !== undefined) r.from = t.to;
    if (t.from !== undefined) r.to = t.from;
    // Notes name what the new → old reading added; read old → new it was taken away.
    if (t.note !== undefined) r.note = t.note.replace(/\badded$/, 'removed').replace(/\bwidened$/, 'narrowed');
    out.push(r);
  }
  return out;
}

/** The kind of change a pair's transformations and labels add up to, or undefined for none. */
function classify(ts: CardTransformation[], repOld: boolean, repNew: boolean): CardChangeKind | undefined {
  if (ts.some((t) => t.kind === 'number-changed')) return 'number-changed';
  const strengthened = ts.some((t) => t.kind in CONVERSE) || (!repOld && repNew);
  const weakened = ts.some((t) => (Object.values(CONVERSE) as string[]).includes(t.kind)) || (repOld && !repNew);
  if (weakened && !strengthened) return 'weakened';
  if (strengthened && !weakened) return 'strengthened';
  if (weakened || strengthened || ts.some((t) => t.kind === 'negation-flipped')) return 'changed';
  return undefined;
}

type VersionPair = { old: Sentence; next: Sentence; similarity: number };

/**
 * Pair the sentences the two versions do not share: old → new first, then the new sentences still
 * unpaired against the old ones still unpaired (similarity is not symmetric).
 */
function pairVersions(old: JudgedDocument, next: JudgedDocument, oldLeft: Sentence[], newLeft: Sentence[], rules: CompiledRules): VersionPair[] {
  const pairs = pairBySimilarity(oldLeft, next, newLeft, rules).map((p) => ({ old: p.a, next: p.b, similarity: p.similarity }));
  const pairedOld = new Set(pairs.map((p) => p.old.id));
  const pairedNew = new Set(pairs.map((p) => p.next.id));
  const back = pairBySimilarity(
    newLeft.filter((s) => !pairedNew.has(s.id)),
    old,
    oldLeft.filter((s) => !pairedOld.has(s.id)),
    rules,
  );
  for (const p of back) pairs.push({ old: p.b, next: p.a, similarity: p.similarity });
  return pairs;
}

/** The changed pairs, in the old card's order: each pair compared both ways, read old → new. */
function pairChanges(old: JudgedDocument, next: JudgedDocument, pairs: VersionPair[], rules: CompiledRules, isRepOld: (s: Sentence) => boolean, isRepNew: (s: Sentence) => boolean): CardChange[] {
  if (pairs.length === 0) return [];
  const changes: CardChange[] = [];
  const order = new Map(old.sentences.map((s, i) => [s.id, i] as const));
  const oldIndex = indexCards([old], rules);
  const nextIndex = indexCards([next], rules);
  for (const p of pairs.sort((a, b) => order.get(a.old.id)! - order.get(b.old.id)!)) {
    const ro = isRepOld(p.old);
    const rn = isRepNew(p.next);
    if ((!ro && !rn) || sameText(p.old, p.next)) continue;
    const forward = compareIn(oldIndex, unitIn(oldIndex, p.old), contractUnit(oldIndex, unitText(p.next))).transformations;
    const backward = compareIn(nextIndex, unitIn(nextIndex, p.next), contractUnit(nextIndex, unitText(p.old))).transformations;
    const transformations = transformationsOf(forward, backward);
    const kind = classify(transformations, ro, rn);
    if (!kind) continue;
    changes.push({
      kind,
      oldSentenceId: p.old.id,
      newSentenceId: p.next.id,
      oldText: p.old.text,
      newText: p.next.text,
      similarity: Math.round(p.similarity * 1e4) / 1e4,
      transformations,
    });
  }
  return changes;
}

/** The contract clauses that quote a changed sentence of the old card, or incorporate the whole changed card. */
function exposureOf(old: JudgedDocument, changes: CardChange[], contracts: JudgedDocument[], rules: CompiledRules): Exposure[] {
  const changedOld = new Map(changes.filter((c) => c.oldSentenceId).map((c) => [c.oldSentenceId!, c]));
  const exposure: Exposure[] = [];
  for (const contract of contracts) {
    const alignments: Alignment[] = alignContract(contract, [old], [], rules);
    const byId = new Map(contract.sentences.map((s) => [s.id, s]));
    for (const a of alignments) {
      const s = byId.get(a.contractSentenceId)!;
      const base = { contractDocId: contract.doc.id, contractName: contract.doc.name, contractSentenceId: s.id, text: s.text, ...(s.context.clauseRef ? { clauseRef: s.context.clauseRef } : {}) };
      const change = a.cardSentenceId ? changedOld.get(a.cardSentenceId) : undefined;
      if (change) exposure.push({ ...base, via: 'quotation', changes: [{ kind: change.kind, oldSentenceId: change.oldSentenceId! }] });
      if (a.incorporates?.docId === old.doc.id && changedOld.size > 0) {
        exposure.push({ ...base, via: 'incorporation', changes: [...changedOld.values()].map((c) => ({ kind: c.kind, oldSentenceId: c.oldSentenceId! })) });
      }
    }
  }
  return exposure;
}

/** Compare two card versions and find the contract clauses exposed to the changes. */
export function diffCards(old: JudgedDocument, next: JudgedDocument, contracts: JudgedDocument[], rules: CompiledRules): CardDiff {
  const repOld = representations(old);
  const repNew = representations(next);
  const isRepOld = (s: Sentence): boolean => repOld.get(s.id) ?? true;
  const isRepNew = (s: Sentence): boolean => repNew.get(s.id) ?? true;
  const { oldLeft, newLeft } = pairByContent(old.sentences, next.sentences);
  const pairs = pairVersions(old, next, oldLeft, newLeft, rules);
  const pairedOld = new Set(pairs.map((p) => p.old.id));
  const pairedNew = new Set(pairs.map((p) => p.next.id));
  const changes = pairChanges(old, next, pairs, rules, isRepOld, isRepNew);
  for (const s of oldLeft) if (!pairedOld.has(s.id) && isRepOld(s)) changes.push({ kind: 'removed', oldSentenceId: s.id, oldText: s.text, transformations: [] });
  const newOrder = new Map(next.sentences.map((s, i) => [s.id, i] as const));
  const added: CardChange[] = [];
  for (const s of newLeft) if (!pairedNew.has(s.id) && isRepNew(s)) added.push({ kind: 'added', newSentenceId: s.id, newText: s.text, transformations: [] });
  added.sort((a, b) => newOrder.get(a.newSentenceId!)! - newOrder.get(b.newSentenceId!)!);
  // Old sentences in document order (changes and removals together), then additions in the new order.
  const order = new Map(old.sentences.map((s, i) => [s.id, i] as const));
  changes.sort((a, b) => order.get(a.oldSentenceId!)! - order.get(b.oldSentenceId!)!);
  changes.push(...added);
  const summary: Record<CardChangeKind, number> = { added: 0, removed: 0, weakened: 0, strengthened: 0, 'number-changed': 0, changed: 0 };
  for (const c of changes) summary[c.kind]++;
  return { changes, exposure: exposureOf(old, changes, contracts, rules), summary };
}
