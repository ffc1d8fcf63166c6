/** LLM-as-judge benchmarks (issue 12, item 3): the judge model is part of the methodology. */
import { describe, expect, it } from 'vitest';
import { evidenceFromCard, linkEvidence, readEvidence } from '../../src/evidence/index.ts';
import { judgeInText } from '../../src/evidence/judges.ts';
import { fixture, handCard, qty, shipped } from './helpers.ts';

const rules = shipped();
const cues = rules.evidence.judges.cueWords;

describe('judgeInText', () => {
  it.each([
    ['MT-Bench (GPT-4 judge)', 'GPT-4'],
    ['AlpacaEval 2.0 win rate, judged by gpt-4-1106-preview', 'gpt-4-1106-preview'],
    ['annotator: claude-3-opus', 'claude-3-opus'],
    ['using GPT-4-as-a-judge', 'GPT-4'],
    ['judged by humans', undefined],
    ['MMLU 5-shot', undefined],
  ])('%s → %s', (text, judge) => {
    expect(judgeInText(text, cues)).toBe(judge);
  });
});

describe('judged benchmarks', () => {
  const card = handCard('tern-3b.md', { model_name: 'Tern-3B-Chat' }, [
    { text: 'Tern-3B-Chat wins 71.4% of AlpacaEval comparisons, judged by gpt-4-1106-preview.', quantities: [qty('AlpacaEval', '71.4%', { metric: 'win-rate' })] },
    { text: 'Tern-3B-Chat scores 7.12 on MT-Bench.', quantities: [qty('MT-Bench', '7.12')] },
  ]);
  const files = ['judged/alpaca-eval_gpt4-judge.csv', 'judged/alpaca-eval_other-judge.csv', 'judged/mt-bench_tern.json'];
  const evidence = [...files.flatMap((f) => readEvidence(fixture(f), rules)), ...evidenceFromCard(card, rules)];
  const links = linkEvidence([card], evidence, rules);
  const linkFrom = (claim: string, file: string) => links.find((l) => l.claimId === claim && evidence.find((r) => r.id === l.evidenceIds[0])?.source === file)!;

  it('reads the judge from a CSV column and from a JSON key', () => {
    expect(evidence.filter((r) => r.source === files[0]).map((r) => r.methodology.judge)).toEqual(['gpt-4-1106-preview', 'gpt-4-1106-preview']);
    expect(evidence.find((r) => r.source === files[2])?.methodology.judge).toBe('gpt-4-0613');
  });
  it('the same judge: judged on the numbers', () => {
    expect(linkFrom('doc-tern-3b.md:s0', files[0]!).verdict).toBe('supported');
  });
  it('another judge: methodology-mismatch naming both judges, however close the numbers', () => {
    const l = linkFrom('doc-tern-3b.md:s0', files[1]!);
    expect(l.verdict).toBe('methodology-mismatch');
    expect(l.note).toContain("claim's judge: gpt-4-1106-preview");
    expect(l.note).toContain("evidence's judge: claude-3-opus-20240229");
  });
  it('a claim that names no judge cannot be confirmed by judged evidence', () => {
    const l = linkFrom('doc-tern-3b.md:s1', files[2]!);
    expect(l.verdict).toBe('methodology-mismatch');
    expect(l.note).toContain("claim's judge: not named, evidence's judge: gpt-4-0613");
  });
});
