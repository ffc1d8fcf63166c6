/**
 * Every verdict on a hand-built card (its claims written here; its model-index from the fixture card)
 * against the fixture evidence files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evidenceFromCard, linkEvidence, readEvidence } from '../../src/evidence/index.ts';
import { splitFrontMatter } from '../../src/evidence/front-matter.ts';
import type { Link } from '../../src/model/types.ts';
import { FIXTURES, fixture, handCard, qty, shipped } from './helpers.ts';

const rules = shipped();
const metadata = splitFrontMatter(readFileSync(FIXTURES + 'tern-3b_card.md', 'utf8'), 'tern-3b_card.md').metadata!;
const card = handCard('tern-3b.md', metadata, [
  { text: 'ARC (25-shot) | 58.7', table: { headers: ['Task', 'Value'], cells: ['ARC (25-shot)', '58.7'] }, quantities: [qty('ARC-Challenge', '58.7', { shots: 25, ownModel: true })] },
  { text: 'Tern-3B-Chat reaches 62.0% on MMLU (5-shot accuracy).', quantities: [qty('MMLU', '62.0%', { shots: 5, metric: 'accuracy' })] },
  { text: 'On GSM8K it scores 44.2 (8-shot).', quantities: [qty('GSM8K', '44.2', { shots: 8 })] },
  { text: 'With flexible extraction it solves 44.2% of GSM8K (5-shot).', quantities: [qty('GSM8K', '44.2%', { shots: 5, conditions: ['flexible-extract'] })] },
  { text: 'It answers 61.0% of TriviaQA questions (5-shot).', quantities: [qty('TriviaQA', '61.0%', { shots: 5 })] },
  { text: 'It reaches 30.2 F1 on DROP.', quantities: [qty('DROP', '30.2', { metric: 'f1' })] },
  { text: 'Kite-1B | MMLU | 31.2', table: { headers: ['Model', 'Task', 'Score'], cells: ['Kite-1B', 'MMLU', '31.2'] }, quantities: [qty('MMLU', '31.2', { shots: 5, model: 'Kite-1B', ownModel: false })] },
]);
const files = ['tern-3b_lm-eval.json', 'tern-3b_results.csv', 'tern-3b_eval-results.yaml'];
const evidence = [...files.flatMap((f) => readEvidence(fixture(f), rules)), ...evidenceFromCard(card, rules)];
const links = linkEvidence([card], evidence, rules);
const sourceOf = (l: Link): string => evidence.find((r) => r.id === l.evidenceIds[0])?.source ?? '(none)';
const linksOf = (claimId: string): Array<[string, string, number | undefined]> =>
  links.filter((l) => l.claimId === claimId).map((l) => [sourceOf(l), l.verdict, l.observed]);

describe('evidence from the card itself', () => {
  it('model-index entries are declared records with ids `${docId}:model-index:${i}`', () => {
    const declared = evidence.filter((r) => r.tier === 'declared' && r.source === 'tern-3b.md');
    expect(declared.map((r) => r.id)).toEqual(['doc-tern-3b.md:model-index:0', 'doc-tern-3b.md:model-index:1', 'doc-tern-3b.md:model-index:2']);
  });
  it('own-model quantities are self-reported records; comparison rows are not', () => {
    const self = evidence.filter((r) => r.tier === 'self-reported');
    expect(self.map((r) => [r.benchmark, r.value])).toEqual([
      ['ARC-Challenge', 58.7],
      ['MMLU', 62],
      ['GSM8K', 44.2],
      ['GSM8K', 44.2],
      ['TriviaQA', 61],
      ['DROP', 30.2],
    ]);
  });
});

describe('verdicts', () => {
  it('supported: a table number within tolerance of the harness; self-consistent with its own model-index (issue 16)', () => {
    expect(linksOf('doc-tern-3b.md:s0')).toEqual([
      ['tern-3b_lm-eval.json', 'supported', 58.71],
      ['tern-3b.md', 'self-consistent', 58.71],
    ]);
    const l = links.find((x) => x.claimId === 'doc-tern-3b.md:s0')!;
    expect(l.tolerance).toBeCloseTo(1.96 * 1.44, 6);
    expect(l.note).toContain('58.7');
    expect(l.note).toContain('58.71');
  });

  it('contradicted: worse than claimed beyond tolerance, and the note says so', () => {
    const l = links.find((x) => x.claimId === 'doc-tern-3b.md:s1' && sourceOf(x) === 'tern-3b_lm-eval.json')!;
    expect([l.verdict, l.expected, l.observed]).toEqual(['contradicted', 62, 56.27]);
    expect(l.note).toMatch(/worse than claimed by 5\.73/);
    // against the card's own metadata (58.3, no stderr): half a unit of "62.0%" is the tolerance
    const own = links.find((x) => x.claimId === 'doc-tern-3b.md:s1' && sourceOf(x) === 'tern-3b.md')!;
    expect([own.verdict, own.observed, own.tolerance]).toEqual(['contradicted', 58.3, 0.05]);
  });

  it('methodology-mismatch: other shots and no stated answer extraction', () => {
    const l = links.find((x) => x.claimId === 'doc-tern-3b.md:s2' && sourceOf(x) === 'tern-3b_lm-eval.json')!;
    expect(l.verdict).toBe('methodology-mismatch');
    expect(l.note).toContain('claim 8-shot, evidence 5-shot');
    expect(l.evidenceIds).toHaveLength(2); // strict-match and flexible-extract both shown
    expect(l.note).toMatch(/also gives/);
  });

  it('a stated answer extraction picks the matching variant', () => {
    const l = links.find((x) => x.claimId === 'doc-tern-3b.md:s3' && sourceOf(x) === 'tern-3b_lm-eval.json')!;
    expect([l.verdict, l.observed]).toEqual(['supported', 44.2]);
    expect(evidence.find((r) => r.id === l.evidenceIds[0])!.methodology.metricVariant).toBe('flexible-extract');
  });

  it('evidence that names no model is taken as the card\'s, and the note says so', () => {
    const l = links.find((x) => x.claimId === 'doc-tern-3b.md:s3' && sourceOf(x) === 'tern-3b_eval-results.yaml')!;
    expect(l.verdict).toBe('supported');
    expect(l.note).toContain('names no model');
  });

  it('other-model: only another size of the family has a result', () => {
    expect(linksOf('doc-tern-3b.md:s4')).toEqual([['tern-3b_results.csv', 'other-model', 61]]);
    expect(links.find((x) => x.claimId === 'doc-tern-3b.md:s4')!.note).toContain('Tern-7B-Chat');
  });

  it('unverified: no evidence at all', () => {
    const [l] = links.filter((x) => x.claimId === 'doc-tern-3b.md:s5');
    expect(l).toMatchObject({ verdict: 'unverified', evidenceIds: [], expected: 30.2 });
  });

  it('a comparison row is checked against the same model only, and never unverified', () => {
    expect(linksOf('doc-tern-3b.md:s6')).toEqual([['tern-3b_results.csv', 'supported', 31.2]]);
  });

  it('model-index entries are claims too, checked against other evidence', () => {
    expect(linksOf('doc-tern-3b.md:model-index:0')).toEqual([['tern-3b_lm-eval.json', 'supported', 58.71]]);
    expect(linksOf('doc-tern-3b.md:model-index:1')).toEqual([['tern-3b_lm-eval.json', 'supported', 56.27]]);
    // the second block is Tern-3B-Base: no evidence for it
    expect(linksOf('doc-tern-3b.md:model-index:2')).toEqual([['(none)', 'unverified', undefined]]);
  });

  it('every link carries the expected number, a note, and evidence ids that exist', () => {
    const ids = new Set(evidence.map((r) => r.id));
    for (const l of links) {
      expect(l.note.length).toBeGreaterThan(20);
      for (const id of l.evidenceIds) expect(ids.has(id)).toBe(true);
      if (l.verdict !== 'unverified') expect(typeof l.observed).toBe('number');
    }
  });
});
