/** Model names: the same model under several spellings, another member of the family, another model. */
import { describe, expect, it } from 'vitest';
import { modelRelation, normalizeModelName } from '../../src/evidence/models.ts';
import { evidenceFromCard, linkEvidence } from '../../src/evidence/index.ts';
import { compileEvidenceRules } from '../../src/evidence/evidence-rules.ts';
import { shippedRules } from '../../src/rules/load.ts';
import { handCard, qty, shipped } from './helpers.ts';

const er = shipped().evidence;

describe('modelRelation', () => {
  it.each([
    ['argilla/notus-7b-v1', 'notus-7b-v1', 'same'],
    ['Notus-7b-v1', 'notus-7b-v1', 'same'],
    ['Zephyr-7b-β 🪁', 'zephyr-7b-beta', 'same'],
    ['Zephyr 7B dDPO (HuggingFaceH4/zephyr-7b-beta)', 'zephyr-7b-beta', 'same'],
    ['GPT-4-turbo', 'gpt4_turbo', 'same'],
    ['zephyr-7b-beta', 'zephyr-7b-alpha', 'related'],
    ['Tern-3B-Chat', 'Tern-7B-Chat', 'related'],
    ['notus-7b-v1', 'zephyr-7b-beta', 'other'],
  ] as const)('%s ~ %s → %s', (a, b, rel) => {
    expect(modelRelation(a, b, er)).toBe(rel);
  });
  it('answers alike in either order and from the memo, which stays bounded', () => {
    const fresh = compileEvidenceRules(shippedRules());
    expect(modelRelation('zephyr-7b-beta', 'zephyr-7b-alpha', fresh)).toBe('related');
    expect(modelRelation('zephyr-7b-alpha', 'zephyr-7b-beta', fresh)).toBe('related');
    expect(modelRelation('zephyr-7b-beta', 'zephyr-7b-alpha', fresh)).toBe('related');
    expect(fresh.modelMemo.relationCount).toBe(2);
    // Past its bound the memo starts again, and answers stay the same.
    for (let i = 0; i < 20_050; i++) expect(modelRelation(`tern-${i}b`, 'tern-7b', fresh)).toBe(i === 7 ? 'same' : 'related');
    expect(fresh.modelMemo.relationCount).toBeLessThanOrEqual(20_001);
    expect(modelRelation('notus-7b-v1', 'zephyr-7b-beta', fresh)).toBe('other');
    expect(modelRelation('argilla/notus-7b-v1', 'notus-7b-v1', fresh)).toBe('same');
  });
  it('normalises to one form', () => {
    expect(normalizeModelName('HuggingFaceH4/Zephyr-7B-β', er)).toBe('zephyr-7b-beta');
  });
});

describe('a card whose model-index is invalid', () => {
  it('gives a warning on the document and no declared records; its other numbers are still linked', () => {
    const card = handCard('bad.md', { 'model-index': [{ name: 'Tern-3B-Chat', results: [{ task: { type: 'text-generation' }, metrics: [{ type: 'acc', value: 0.5 }] }] }] }, [
      { text: 'It scores 50.0 on MMLU.', quantities: [qty('MMLU', '50.0')] },
    ]);
    const evidence = evidenceFromCard(card, shipped());
    expect(evidence.map((r) => r.tier)).toEqual(['self-reported']);
    expect(card.doc.diagnostics).toEqual([expect.objectContaining({ code: 'model-index-invalid', severity: 'warning' })]);
    expect(linkEvidence([card], evidence, shipped()).map((l) => l.verdict)).toEqual(['unverified']);
  });
});
