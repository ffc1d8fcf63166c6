/**
 * Findings are typed data: assess reads a link's typed direction and origin, never its note or its id, and
 * the report layer words a finding from its args with the catalogue (one render function for every format).
 */
import { describe, expect, it } from 'vitest';
import { assessFindings } from '../../src/assess/index.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { renderFinding } from '../../src/report/messages.ts';
import { parseRuleFile, rulesFromFiles } from '../../src/rules/load.ts';
import type { EvidenceRecord, Link } from '../../src/model/types.ts';
import { ownRuleFiles, ownRules, qty, textDoc } from './build.ts';

const rules = ownRules();

function harness(id: string, value: number): EvidenceRecord {
  return { id, source: 'results.json', location: 'results.mmlu', format: 'lm-eval', tier: 'harness', benchmark: 'MMLU', metric: 'accuracy', value, rawValue: value, methodology: {} };
}

const card = () =>
  textDoc('card.md', 'model-card', [
    { text: 'Limitations', heading: 1 },
    { text: 'MMLU (5-shot, accuracy): 68.4', type: 'performance', label: 'representation', quantities: [qty('MMLU', '68.4', { shots: 5, metric: 'accuracy' })] },
  ]);

describe('typed findings', () => {
  it('takes better / worse from the link direction, not from the words of its note', () => {
    const b = card();
    // The note says "better"; the typed direction (a lower-is-better reading) says worse: the direction wins.
    const link: Link = { claimId: b.ids[1]!, quantityIndex: 0, evidenceIds: ['h'], verdict: 'contradicted', expected: 68.4, observed: 70.1, tolerance: 0.05, direction: 'worse', note: 'the evidence is better than claimed' };
    const fs = assessFindings({ documents: [b.judged], evidence: [harness('h', 70.1)], links: [link], alignments: [] }, rules, 'procurement');
    const hit = fs.find((f) => f.ruleId === 'performance-contradicted');
    expect(hit?.ruleId).toBe('performance-contradicted');
    expect(fs.some((f) => f.ruleId === 'performance-understated')).toBe(false);
    if (hit?.ruleId !== 'performance-contradicted') throw new Error('unreachable');
    expect(hit.args.check).toMatchObject({ verdict: 'contradicted', benchmark: 'MMLU', metric: 'accuracy', claimed: 68.4, observed: 70.1, direction: 'worse', sources: [{ source: 'results.json', location: 'results.mmlu' }] });
    expect(hit.args.subject).toMatchObject({ kind: 'sentence', text: 'MMLU (5-shot, accuracy): 68.4', document: 'card.md', claimType: 'performance' });
    expect(JSON.parse(JSON.stringify(hit))).toEqual(hit);

    const understated = assessFindings({ documents: [b.judged], evidence: [harness('h', 60)], links: [{ ...link, observed: 60, direction: 'better', note: 'worse than claimed' }], alignments: [] }, rules, 'procurement');
    expect(understated.map((f) => f.ruleId)).toContain('performance-understated');
  });

  it('finds a model-index entry by the link origin, not by its claim id', () => {
    const b = card();
    const origin = { kind: 'model-index' as const, docId: b.judged.doc.id, index: 0 };
    // An id that names no document: only the typed origin says where the entry is.
    const declared: EvidenceRecord = { ...harness('entry-7', 70.2), tier: 'declared', format: 'model-index', source: 'card.md', location: 'model-index[0].results[0]', rawValue: 0.702, origin };
    const link: Link = { claimId: 'entry-7', evidenceIds: ['h'], verdict: 'contradicted', expected: 70.2, observed: 64.1, tolerance: 0.05, direction: 'worse', origin, note: '' };
    const fs = assessFindings({ documents: [b.judged], evidence: [declared, harness('h', 64.1)], links: [link], alignments: [] }, rules, 'procurement');
    const hit = fs.find((f) => f.ruleId === 'performance-contradicted');
    expect(hit?.location).toEqual({ docId: b.judged.doc.id });
    expect(hit?.args).toMatchObject({ subject: { kind: 'card-entry', origin: 'model-index', benchmark: 'MMLU', raw: '0.702' } });
    expect(renderFinding(hit!, findingCatalogue(rules)).message).toContain('model-index: MMLU accuracy 0.702 (model-index[0].results[0])');
  });

  it('words a finding from the catalogue it is rendered with', () => {
    const b = card();
    const [f] = assessFindings({ documents: [b.judged], evidence: [], links: [], alignments: [] }, rules, 'procurement').filter((x) => x.ruleId === 'representation-without-evidence');
    expect(renderFinding(f!, findingCatalogue(rules)).message).toBe('Definite performance claim with no evidence behind it: "MMLU (5-shot, accuracy): 68.4"');
    const custom = parseRuleFile(
      'findings.yaml',
      'kind: findings\nfindings:\n  - id: representation-without-evidence\n    severity: note\n    title: T\n    message: "{numbers} on {benchmarks} in {document}"\n    rationale: r\n    remedy: "say {suggestion}"\n',
      'user',
    );
    const rendered = renderFinding(f!, findingCatalogue(rulesFromFiles([...ownRuleFiles(), custom])));
    expect(rendered.message).toBe("68.4 on MMLU in card.md");
    expect(rendered.remedy).toBe('say In our evaluation (MMLU, 5-shot, accuracy, <harness and version>, <date>) the model scored 68.4; results on your workload may differ.');
  });
});
