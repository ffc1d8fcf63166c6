import { describe, expect, it } from 'vitest';
import type { Claim, Label, Sentence } from '../../src/model/types.ts';
import type { GoldSentence } from '../../src/eval/gold.ts';
import { evaluateClassification, type JudgedSentences } from '../../src/eval/classification.ts';

function gold(doc: string, text: string, label: Label, claimType: GoldSentence['claimType'] = 'other'): GoldSentence {
  return { doc, text, label, claimType, file: 'g.jsonl', line: 1 };
}

function judged(rows: Array<[string, Label, Claim['type']]>): JudgedSentences {
  const sentences: Sentence[] = rows.map(([text], i) => ({
    id: `s${i}`,
    docId: 'd',
    blockId: 'b',
    index: i,
    text,
    sectionPath: [],
    span: { kind: 'text', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 },
    blockOffset: 0,
    context: { role: 'model-card', blockKind: 'paragraph' },
  }));
  const claims: Claim[] = rows.map(([, label, type], i) => ({ id: `s${i}`, sentenceId: `s${i}`, docId: 'd', type, label, score: label === 'representation' ? 0.9 : 0.1, cues: [], quantities: [] }));
  return { sentences, claims };
}

describe('evaluateClassification', () => {
  const g = [
    gold('a.md', 'A is definite.', 'representation', 'capability'),
    gold('a.md', 'B is **definite**.', 'representation', 'training'),
    gold('a.md', 'C may be.', 'narrative', 'limitation'),
    gold('a.md', 'D is never produced by the tool.', 'representation', 'other'),
    gold('b.md', 'E hedges.', 'narrative', 'none'),
  ];
  const docs = new Map<string, JudgedSentences>([
    ['a.md', judged([['A is definite.', 'representation', 'capability'], ['B is definite.', 'narrative', 'training'], ['C may be.', 'narrative', 'other']])],
    ['b.md', judged([['E hedges.', 'representation', 'none']])],
  ]);
  const r = evaluateClassification(g, docs);

  it('matches by normalised text and lists segmentation misses', () => {
    expect(r.segmentation).toMatchObject({ gold: 5, matched: 4 });
    expect(r.segmentation.missed.map((m) => m.text)).toEqual(['D is never produced by the tool.']);
  });

  it('counts a missed gold sentence against its class recall, never as skipped', () => {
    expect(r.classification.confusion.representation).toEqual({ representation: 1, narrative: 1, missed: 1 });
    expect(r.classification.confusion.narrative).toEqual({ representation: 1, narrative: 1, missed: 0 });
    const rep = r.classification.perClass.representation;
    expect(rep.support).toBe(3);
    expect(rep.recall).toBeCloseTo(1 / 3, 4);
    expect(rep.precision).toBeCloseTo(1 / 2, 4);
    const nar = r.classification.perClass.narrative;
    expect(nar.recall).toBeCloseTo(1 / 2, 4);
    expect(nar.precision).toBeCloseTo(1 / 2, 4);
    expect(r.classification.macroF1).toBeCloseTo((0.4 + 0.5) / 2, 4);
  });

  it('scores claim types over all gold sentences and per document', () => {
    expect(r.claimType).toMatchObject({ support: 5 });
    expect(r.claimType.accuracy).toBeCloseTo(3 / 5, 4);
    expect(r.documents.map((d) => [d.doc, d.gold, d.matched])).toEqual([
      ['a.md', 4, 3],
      ['b.md', 1, 1],
    ]);
  });

  it('scores each claim type over the matched sentences and lists the confusions', () => {
    // matched: capability→capability, training→training, limitation→other, none→none
    expect(Object.keys(r.claimType.perType).sort()).toEqual(['capability', 'limitation', 'none', 'other', 'training']);
    expect(r.claimType.perType.capability).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(r.claimType.perType.limitation).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    // 'other' was predicted once and is in the matched gold never (the gold 'other' sentence was missed)
    expect(r.claimType.perType.other).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.claimType.macroF1).toBeCloseTo(3 / 5, 4);
    expect(r.claimType.confusions).toEqual([{ gold: 'limitation', predicted: 'other', count: 1 }]);
  });

  it('a document the tool could not read leaves all its sentences missed', () => {
    const r2 = evaluateClassification([gold('gone.md', 'X.', 'narrative')], new Map());
    expect(r2.segmentation.matched).toBe(0);
    expect(r2.classification.perClass.narrative.recall).toBe(0);
  });
});
