/**
 * Version diff of two model cards: which representations a release added, removed, weakened,
 * strengthened or changed the numbers of, and which contract clauses quote a changed one
 * ("exposure": the vendor's pre-release question).
 *
 * Each old sentence is aligned to the new card with the same retrieval and token alignment as
 * contracts. Transformations old → new mean strengthening (a hedge or qualifier dropped, scope
 * broadened, a stronger modal); the same kinds new → old mean weakening.
 */
import type { Alignment, Sentence, Transformation } from '../model/types.ts';
import type { JudgedDocument } from '../evidence/index.ts';
import type { RuleSet } from '../rules/load.ts';
import { alignContract, bestSource, compareIn, contractUnit, indexCards } from './index.ts';
import { unitOf } from './units.ts';

/** How a representation changed between two card versions. */
export type CardChangeKind = 'added' | 'removed' | 'weakened' | 'strengthened' | 'number-changed' | 'changed';

/** One changed representation. */
export interface CardChange {
  kind: CardChangeKind;
  oldSentenceId?: string;
  newSentenceId?: string;
  oldText?: string;
  newText?: string;
  similarity?: number;
  /** What changed, read old → new (number-changed carries both values). */
  transformations: Transformation[];
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

/** The diff of two card versions. */
export interface CardDiff {
  changes: CardChange[];
  exposure: Exposure[];
  summary: Record<CardChangeKind, number>;
}

const STRENGTHENING = new Set(['hedge-removed', 'modality-strengthened', 'scope-broadened', 'qualifier-dropped']);

function isRepresentation(doc: JudgedDocument, s: Sentence): boolean {
  const claim = doc.claims.find((c) => c.sentenceId === s.id);
  return claim ? claim.label === 'representation' : true;
}

function classify(forward: Transformation[], backward: Transformation[], labelOld: boolean, labelNew: boolean): CardChangeKind | undefined {
  if (forward.some((t) => t.kind === 'number-changed')) return 'number-changed';
  const weakened = backward.some((t) => STRENGTHENING.has(t.kind)) || (labelOld && !labelNew);
  const strengthened = forward.some((t) => STRENGTHENING.has(t.kind)) || (!labelOld && labelNew);
  if (weakened && !strengthened) return 'weakened';
  if (strengthened && !weakened) return 'strengthened';
  if (weakened || strengthened || forward.some((t) => t.kind === 'negation-flipped')) return 'changed';
  return undefined;
}

/** Compare two card versions and find the contract clauses exposed to the changes. */
export function diffCards(old: JudgedDocument, next: JudgedDocument, contracts: JudgedDocument[], rules: RuleSet): CardDiff {
  const nextIndex = indexCards([next], rules);
  const oldIndex = indexCards([old], rules);
  const changes: CardChange[] = [];
  const matchedNew = new Set<string>();
  for (const s of old.sentences) {
    const hit = bestSource(nextIndex, contractUnit(nextIndex, unitOf(s, 'card').text));
    const oldRep = isRepresentation(old, s);
    if (!hit) {
      if (oldRep) changes.push({ kind: 'removed', oldSentenceId: s.id, oldText: s.text, transformations: [] });
      continue;
    }
    matchedNew.add(hit.sentence.id);
    const newRep = isRepresentation(next, hit.sentence);
    if (!oldRep && !newRep) continue;
    // Old → new: what the release changed (a dropped hedge strengthens); new → old: what it added.
    const oldUnit = oldIndex.units.find((u) => u.sentence === s)!.unit;
    const forward = compareIn(oldIndex, oldUnit, contractUnit(oldIndex, unitOf(hit.sentence, 'card').text)).transformations;
    const backward = hit.transformations;
    const kind = classify(forward, backward, oldRep, newRep);
    if (!kind) continue;
    const reversed: Transformation[] = backward
      .filter((t) => STRENGTHENING.has(t.kind))
      .map((t) => ({ kind: t.kind, ...(t.to !== undefined ? { from: t.to } : {}), ...(t.from !== undefined ? { to: t.from } : {}), note: `weakened: ${t.kind} read from the new version back to the old` }));
    changes.push({
      kind,
      oldSentenceId: s.id,
      newSentenceId: hit.sentence.id,
      oldText: s.text,
      newText: hit.sentence.text,
      similarity: Math.round(hit.similarity * 1e4) / 1e4,
      transformations: [...forward.filter((t) => t.kind !== 'verbatim'), ...reversed],
    });
  }
  for (const s of next.sentences) {
    if (matchedNew.has(s.id) || !isRepresentation(next, s)) continue;
    if (bestSource(oldIndex, contractUnit(oldIndex, unitOf(s, 'card').text))) continue;
    changes.push({ kind: 'added', newSentenceId: s.id, newText: s.text, transformations: [] });
  }

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
  const summary: Record<CardChangeKind, number> = { added: 0, removed: 0, weakened: 0, strengthened: 0, 'number-changed': 0, changed: 0 };
  for (const c of changes) summary[c.kind]++;
  return { changes, exposure, summary };
}
