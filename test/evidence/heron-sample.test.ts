import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/analyze.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const HERON = new Uint8Array(readFileSync(new URL('../../samples/cards/heron-asr.md', import.meta.url)));

describe('Heron sample card: multi-row headers, splits and languages of the card’s own table', async () => {
  const report = await analyze([{ name: 'heron-asr.md', bytes: HERON, role: 'model-card' }], { rules });
  const quantity = (text: string) => report.claims.find((c) => report.sentences.find((s) => s.id === c.sentenceId)!.text.startsWith(text))!.quantities;

  it('a header "WER (%) / Heron ASR v2" gives the metric and names the card’s own model', () => {
    const [own, other] = quantity('LibriSpeech test-clean');
    expect(own).toMatchObject({ value: 2.1, metric: 'wer', ownModel: true, model: 'Heron ASR v2', split: 'test-clean' });
    expect(other).toMatchObject({ value: 2.9, ownModel: false, model: 'Heron ASR v1' });
  });

  it('the prose figure on test-other is checked against the table row of the same split', () => {
    const prose = report.claims.find((c) => report.sentences.find((s) => s.id === c.sentenceId)!.text.startsWith('Heron ASR v2 achieves a word error rate'))!;
    const links = report.links.filter((l) => l.claimId === prose.id);
    expect(links.map((l) => l.verdict)).toEqual(['supported']);
    expect(links[0]!.observed).toBe(4.6);
  });

  it('German and Spanish scope is covered by the card’s Common Voice (de) and (es) rows', () => {
    expect(report.findings.filter((f) => f.ruleId === 'scope-without-coverage')).toEqual([]);
  });
});
