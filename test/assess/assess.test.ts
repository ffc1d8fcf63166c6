import { describe, expect, it } from 'vitest';
import type { AssessInput } from '../../src/assess/index.ts';
import { assessRendered as assessFindings } from './build.ts';
import { findingCatalogue, resolveProfile } from '../../src/assess/catalogue.ts';
import { FINDING_IDS, FINDING_PLACEHOLDERS, placeholdersOf } from '../../src/rules/kinds/findings.ts';
import { parseRuleFile } from '../../src/rules/load.ts';
import type { Alignment, EvidenceRecord, Finding, Link, TransformationKind } from '../../src/model/types.ts';
import { ownRules, pdfDoc, qty, textDoc, type Built } from './build.ts';

const rules = ownRules();

function input(docs: Built[], extra: Partial<AssessInput> = {}): AssessInput {
  return { documents: docs.map((d) => d.judged), evidence: [], links: [], alignments: [], ...extra };
}

const ids = (fs: Finding[]): string[] => fs.map((f) => f.ruleId);

function record(id: string, tier: EvidenceRecord['tier'], value: number): EvidenceRecord {
  return { id, source: tier === 'harness' ? 'results.json' : 'card.md', location: 'results.mmlu', format: tier === 'harness' ? 'lm-eval' : 'model-index', tier, benchmark: 'MMLU', metric: 'accuracy', value, rawValue: value, methodology: {} };
}

/** A card with a limitations heading, so missing-limitations stays quiet unless a test wants it. */
function card(lines: Parameters<typeof textDoc>[2]): Built {
  return textDoc('card.md', 'model-card', [{ text: 'Limitations', heading: 2 }, ...lines]);
}

describe('finding catalogue', () => {
  it('defines every finding id the engine raises, with placeholders the detector fills', () => {
    const cat = findingCatalogue(rules);
    for (const id of FINDING_IDS) {
      const def = cat.get(id)!;
      expect(def, id).toBeDefined();
      for (const p of placeholdersOf(def.message)) expect(FINDING_PLACEHOLDERS[id], `${id} {${p}}`).toContain(p);
      expect(def.remedy.length).toBeGreaterThan(20);
    }
  });

  it('has one finding per contract transformation kind', () => {
    const kinds: TransformationKind[] = ['hedge-removed', 'modality-strengthened', 'number-changed', 'scope-broadened', 'qualifier-dropped', 'negation-flipped'];
    for (const k of kinds) expect(FINDING_IDS).toContain(`contract-${k}`);
  });

  it('rejects an unknown placeholder and an unknown id with file, line and column', () => {
    const text = 'kind: findings\nfindings:\n  - id: vague-superlative\n    severity: warning\n    title: T\n    message: "bad {nope}"\n    rationale: r\n    remedy: r\n';
    expect(() => parseRuleFile('findings.yaml', text, 'user')).toThrow(/unknown placeholder \{nope\}/);
    try {
      parseRuleFile('findings.yaml', text.replace('vague-superlative', 'no-such-finding'), 'user');
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe('RULES_INVALID');
      expect((e as { line: number }).line).toBe(3);
    }
  });
});

describe('claim findings', () => {
  it('flags a definite performance claim with no evidence, not a narrative one or a supported one', () => {
    const b = card([
      { text: 'The model scores 68.4 on MMLU (5-shot).', type: 'performance', label: 'representation', quantities: [qty('MMLU', '68.4', { shots: 5, metric: 'accuracy' })] },
      { text: 'The model may score well on MMLU.', type: 'performance', label: 'narrative' },
      { text: 'It reaches 70.1 on MMLU (5-shot).', type: 'performance', label: 'representation', quantities: [qty('MMLU', '70.1', { shots: 5, metric: 'accuracy' })] },
    ]);
    const links: Link[] = [{ claimId: b.ids[3]!, quantityIndex: 0, evidenceIds: ['e1'], verdict: 'supported', expected: 70.1, observed: 70.08, tolerance: 0.05, note: 'within tolerance' }];
    const fs = assessFindings(input([b], { links, evidence: [record('e1', 'harness', 70.08)] }), rules, 'procurement');
    // Issue 16: a note per number, and one summary per document (a warning) instead of an error per number.
    expect(ids(fs)).toEqual(['evidence-missing-summary', 'representation-without-evidence']);
    expect(fs[0]!.severity).toBe('warning');
    expect(fs[0]!.message).toBe('card.md: 1 numeric representation(s) have no evidence (MMLU); the evidence supplied does not cover them; add eval files that do');
    expect(fs[0]!.location).toEqual({ docId: b.judged.doc.id });
    expect(fs[1]!.location.sentenceId).toBe(b.ids[1]);
    expect(fs[1]!.severity).toBe('note');
    expect(fs[1]!.message).toContain('The model scores 68.4 on MMLU');
    expect(fs[1]!.remedy).toMatch(/In our evaluation \(MMLU, 5-shot/);
    // The remedy is written from this claim's own number, not a fixed example.
    expect(fs[1]!.remedy).toContain('scored 68.4;');
    expect(fs[1]!.remedy).toContain('behind 68.4 (MMLU)');
  });

  it('reports a contradicted number with both values, understated numbers and model-index disagreement separately', () => {
    const b = card([
      { text: 'GSM8K: 45.2', type: 'performance', label: 'representation', quantities: [qty('GSM8K', '45.2', { shots: 5, metric: 'exact-match' })] },
      { text: 'ARC: 47.0', type: 'performance', label: 'representation', quantities: [qty('ARC', '47.0', { shots: 25, metric: 'acc-norm' })] },
      { text: 'GSM8K (get-answer): 15.16', type: 'performance', label: 'representation', quantities: [qty('GSM8K', '15.16', { shots: 5, metric: 'exact-match' })] },
    ]);
    const links: Link[] = [
      { claimId: b.ids[1]!, quantityIndex: 0, evidenceIds: ['h'], verdict: 'contradicted', expected: 45.2, observed: 39.5, tolerance: 0.05, note: 'Contradicted: the evidence is worse than claimed by 5.7' },
      // The same quantity contradicted by a second source: one finding, from the strongest tier.
      { claimId: b.ids[1]!, quantityIndex: 0, evidenceIds: ['c'], verdict: 'contradicted', expected: 45.2, observed: 39.4, tolerance: 0.05, note: 'from the CSV' },
      { claimId: b.ids[2]!, quantityIndex: 0, evidenceIds: ['d'], verdict: 'contradicted', expected: 47.0, observed: 46.08, tolerance: 0.05, note: 'model-index differs' },
      { claimId: b.ids[3]!, quantityIndex: 0, evidenceIds: ['h'], verdict: 'contradicted', expected: 15.16, observed: 39.5, tolerance: 0.005, note: 'Contradicted: the evidence is better than claimed by 24.34' },
    ];
    const csvRecord: EvidenceRecord = { ...record('c', 'harness', 39.4), source: 'leaderboard.csv', format: 'csv' };
    const fs = assessFindings(input([b], { links, evidence: [csvRecord, record('h', 'harness', 39.5), record('d', 'declared', 46.08)] }), rules, 'vendor-release');
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([
      ['performance-contradicted', 'error'],
      ['model-index-disagreement', 'error'],
      ['performance-understated', 'warning'],
    ]);
    expect(fs[0]!.message).toContain('45.2');
    expect(fs[0]!.message).toContain('39.5');
    expect(fs[0]!.message).toContain('worse than claimed');
    expect(fs[1]!.message).toContain('47 here vs 46.08 in card.md results.mmlu');
    expect(fs[2]!.message).toContain('39.5 on GSM8K');
  });

  it('reports model-index entries linked as claims at the card', () => {
    const b = card([{ text: 'Intro.', type: 'none', label: 'narrative' }]);
    // The link says where its number is stated (origin), not its id: the assess stage reads no id prefixes.
    const origin = { kind: 'model-index' as const, docId: b.judged.doc.id, index: 0 };
    const declared: EvidenceRecord = { ...record(`${b.judged.doc.id}:model-index:0`, 'declared', 70.2), source: 'card.md', location: 'model-index[0].results[0]', rawValue: 0.702, origin };
    const links: Link[] = [{ claimId: declared.id, quantityIndex: 0, evidenceIds: ['h'], verdict: 'contradicted', expected: 70.2, observed: 64.1, tolerance: 0.05, direction: 'worse', origin, note: 'worse than claimed by 6.1' }];
    const fs = assessFindings(input([b], { links, evidence: [declared, record('h', 'harness', 64.1)] }), rules, 'procurement');
    expect(fs.map((f) => [f.ruleId, f.location])).toEqual([['performance-contradicted', { docId: b.judged.doc.id }]]);
    expect(fs[0]!.message).toContain('model-index: MMLU accuracy 0.702');
  });

  it('flags numbers without checkable methodology from the verdict or from missing shots and metric', () => {
    const b = card([
      { text: 'MMLU: 68.4', type: 'performance', label: 'representation', quantities: [qty('MMLU', '68.4')] },
      { text: 'HellaSwag (10-shot): 80.2', type: 'performance', label: 'representation', quantities: [qty('HellaSwag', '80.2', { shots: 10 })] },
      { text: 'ARC (25-shot, acc): 64.59', type: 'performance', label: 'representation', quantities: [qty('ARC', '64.59', { shots: 25, metric: 'accuracy' })] },
    ]);
    const links: Link[] = [{ claimId: b.ids[3]!, quantityIndex: 0, evidenceIds: ['h'], verdict: 'methodology-mismatch', expected: 64.59, observed: 64.25, note: 'card says acc, harness gives acc_norm' }];
    const fs = assessFindings(input([b], { links, evidence: [record('h', 'harness', 64.25)] }), rules, 'procurement');
    const method = fs.filter((f) => f.ruleId === 'number-without-methodology');
    expect(method.map((f) => f.location.sentenceId)).toEqual([b.ids[1], b.ids[3]]);
    expect(method[0]!.message).toContain('no shots or metric stated');
    expect(method[1]!.message).toContain('card says acc, harness gives acc_norm');
  });

  it('leaves comparison rows about other models alone', () => {
    const b = card([
      { text: 'Other 7B | 61.07', type: 'performance', label: 'representation', quantities: [qty('MMLU', '61.07', { ownModel: false, model: 'Other 7B' })] },
      { text: 'Ours | 63.03', type: 'performance', label: 'representation', quantities: [qty('MMLU', '63.03', { ownModel: true })] },
    ]);
    const fs = assessFindings(input([b]), rules, 'procurement');
    expect(fs.map((f) => [f.ruleId, f.location.sentenceId])).toEqual([
      ['evidence-missing-summary', undefined],
      ['number-without-methodology', b.ids[2]],
      ['representation-without-evidence', b.ids[2]],
    ]);
  });

  it('flags scope statements no evaluation covers, and other-model and stale evidence', () => {
    const b = card([
      { text: 'The model is intended for code generation.', type: 'intended-use', label: 'representation' },
      { text: 'The model is intended for English question answering.', type: 'intended-use', label: 'representation' },
      { text: 'MMLU (5-shot, accuracy): 66.6', type: 'performance', label: 'representation', quantities: [qty('MMLU', '66.6', { shots: 5, metric: 'accuracy' })] },
    ]);
    const links: Link[] = [
      { claimId: b.ids[1]!, evidenceIds: [], verdict: 'unverified', note: 'no code benchmark in the evidence' },
      { claimId: b.ids[2]!, evidenceIds: ['h'], verdict: 'supported', note: 'MMLU covers question answering' },
      { claimId: b.ids[3]!, quantityIndex: 0, evidenceIds: ['h'], verdict: 'other-model', expected: 66.6, observed: 64, note: 'evidence is for the 7B model' },
      { claimId: b.ids[3]!, quantityIndex: 0, evidenceIds: ['h'], verdict: 'stale', note: 'run from 2023 predates revision 2' },
    ];
    const fs = assessFindings(input([b], { links, evidence: [record('h', 'harness', 64)] }), rules, 'procurement');
    expect(ids(fs)).toEqual(['scope-without-coverage', 'evidence-other-model', 'evidence-stale']);
    expect(fs[0]!.message).toContain('no code benchmark in the evidence');
  });

  it('flags a vague superlative once, not also as missing evidence', () => {
    const b = card([{ text: 'The model achieves state-of-the-art results on many benchmarks.', type: 'performance', label: 'representation', weak: true }]);
    const fs = assessFindings(input([b]), rules, 'procurement');
    expect(ids(fs)).toEqual(['vague-superlative']);
  });
});

describe('contract findings', () => {
  const cardDoc = card([{ text: 'The model may support English question answering in our evaluation.', type: 'intended-use', label: 'narrative' }]);
  const contract = textDoc('schedule.md', 'contract', [
    { text: 'The Model supports question answering.', type: 'intended-use', label: 'representation', clauseRef: 'Schedule B §2.1' },
    { text: 'The Model performs materially as described in the Model Card.', type: 'other', label: 'representation', clauseRef: 'Schedule B §3' },
    { text: 'The Model performs as described in the Documentation.', type: 'other', label: 'representation', clauseRef: 'Schedule B §4' },
  ]);

  it('raises one finding per transformation kind, pointing back at the card sentence', () => {
    const kinds: TransformationKind[] = ['verbatim', 'hedge-removed', 'modality-strengthened', 'number-changed', 'scope-broadened', 'qualifier-dropped', 'negation-flipped'];
    const alignments: Alignment[] = [
      { contractSentenceId: contract.ids[0]!, cardSentenceId: cardDoc.ids[1]!, similarity: 0.8, transformations: kinds.map((kind) => ({ kind, from: `from-${kind}`, to: `to-${kind}` })) },
    ];
    const fs = assessFindings(input([cardDoc, contract], { alignments }), rules, 'procurement');
    const drift = fs.filter((f) => f.ruleId.startsWith('contract-'));
    expect(drift.map((f) => f.ruleId).sort()).toEqual(kinds.filter((k) => k !== 'verbatim').map((k) => `contract-${k}`).sort());
    for (const f of drift) {
      expect(f.severity).toBe('error');
      expect(f.location.sentenceId).toBe(contract.ids[0]);
      expect(f.related).toEqual([{ docId: cardDoc.judged.doc.id, sentenceId: cardDoc.ids[1], span: cardDoc.judged.sentences[0]!.span }]);
      expect(f.message).toContain('Schedule B §2.1');
    }
    expect(drift.find((f) => f.ruleId === 'contract-hedge-removed')!.message).toContain('from-hedge-removed');
    expect(drift.find((f) => f.ruleId === 'contract-number-changed')!.message).toMatch(/to-number-changed.*from-number-changed/);
  });

  it('writes each remedy from its own clause, card sentence and words, under both profiles (issue 16)', () => {
    const alignments: Alignment[] = [
      { contractSentenceId: contract.ids[0]!, cardSentenceId: cardDoc.ids[1]!, similarity: 0.8, transformations: [{ kind: 'number-changed', from: '68.4', to: '70' }] },
      { contractSentenceId: contract.ids[1]!, cardSentenceId: cardDoc.ids[1]!, similarity: 0.7, transformations: [{ kind: 'number-changed', from: '2.1', to: '2' }] },
    ];
    for (const profile of ['procurement', 'vendor-release']) {
      const fs = assessFindings(input([cardDoc, contract], { alignments }), rules, profile).filter((f) => f.ruleId === 'contract-number-changed');
      expect(fs.map((f) => f.severity)).toEqual(['error', 'error']);
      expect(fs[0]!.remedy).toBe('Change 70 in clause Schedule B §2.1 back to 68.4, as card.md states it ("The model may support English question answering in our evaluation."), or have the vendor confirm 70 in writing.');
      expect(fs[1]!.remedy).toContain('Change 2 in clause Schedule B §3 back to 2.1');
      expect(fs.every((f) => !/\{|\?/.test(f.remedy ?? '?'))).toBe(true);
    }
    // A dropped negation has no words on the contract side: the remedy says so instead of "?".
    const flipped: Alignment[] = [{ contractSentenceId: contract.ids[0]!, cardSentenceId: cardDoc.ids[1]!, similarity: 0.8, transformations: [{ kind: 'negation-flipped', from: 'not' }] }];
    const neg = assessFindings(input([cardDoc, contract], { alignments: flipped }), rules, 'vendor-release').find((f) => f.ruleId === 'contract-negation-flipped')!;
    expect(neg.severity).toBe('error');
    expect(neg.remedy).toContain('the card says "not", the clause "no negation"');
  });

  it('reports whole-document incorporation with the exposed representations, resolved or not', () => {
    const repCard = card([
      { text: 'The model is intended for English.', type: 'intended-use', label: 'representation' },
      { text: 'The model scores 68.4 on MMLU (5-shot, accuracy).', type: 'performance', label: 'representation', quantities: [qty('MMLU', '68.4', { shots: 5, metric: 'accuracy' })] },
    ]);
    const alignments: Alignment[] = [
      { contractSentenceId: contract.ids[1]!, cardSentenceId: null, similarity: 0, transformations: [], incorporates: { docId: repCard.judged.doc.id, phrase: 'as described in the Model Card' } },
      { contractSentenceId: contract.ids[2]!, cardSentenceId: null, similarity: 0, transformations: [], incorporates: { docId: null, phrase: 'as described in the Documentation' } },
    ];
    const fs = assessFindings(input([repCard, contract], { alignments }), rules, 'procurement').filter((f) => f.ruleId === 'whole-document-incorporation' || f.ruleId === 'incorporated-document-missing');
    expect(fs).toHaveLength(2);
    expect(fs[0]!.ruleId).toBe('whole-document-incorporation');
    expect(fs[0]!.severity).toBe('warning');
    expect(fs[0]!.message).toContain('incorporates card.md');
    expect(fs[0]!.message).toContain('2 representation(s)');
    expect(fs[0]!.related).toEqual([{ docId: repCard.judged.doc.id }]);
    expect(fs[0]!.remedy).toContain('instead of "as described in the Model Card"');
    // Issue 16: a document incorporated but not analysed is an error under both profiles.
    expect(fs[1]!.ruleId).toBe('incorporated-document-missing');
    expect(fs[1]!.severity).toBe('error');
    expect(fs[1]!.message).toContain('a document not among the inputs');
    expect(fs[1]!.related).toEqual([]);
    const vend = assessFindings(input([repCard, contract], { alignments }), rules, 'vendor-release').filter((f) => f.ruleId === 'incorporated-document-missing');
    expect(vend.map((f) => f.severity)).toEqual(['error']);
  });
});

describe('document findings', () => {
  it('reports image-only content with its page, other diagnostics as input-diagnostic (capped by their severity)', () => {
    const pdf = pdfDoc(
      'card.pdf',
      'model-card',
      [
        { text: 'Limitations', heading: 2, page: 1 },
        { text: 'The model is intended for research.', type: 'intended-use', label: 'representation', page: 1 },
      ],
      [
        { code: 'CONTENT_IMAGE', severity: 'warning', message: 'page 3 is an image (a table?)', span: { kind: 'pdf', page: 3, bbox: [0, 0, 612, 792], rects: [[0, 0, 612, 792]] } },
        { code: 'FURNITURE_DROPPED', severity: 'info', message: 'running header dropped' },
      ],
    );
    const fs = assessFindings(input([pdf]), rules, 'procurement');
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([
      ['input-diagnostic', 'note'],
      ['image-only-content', 'warning'],
    ]);
    expect(fs[1]!.message).toContain('page 3 of card.pdf');
    const md = textDoc('card.md', 'model-card', [{ text: 'Limitations', heading: 2 }], [{ code: 'FRONT_MATTER_INVALID', severity: 'error', message: 'front matter is not valid YAML', span: { kind: 'text', line: 2, column: 1, endLine: 2, endColumn: 5, offset: 4, endOffset: 8 } }]);
    const f2 = assessFindings(input([md]), rules, 'procurement');
    expect(f2.map((f) => [f.ruleId, f.severity])).toEqual([['input-diagnostic', 'warning']]);
    expect(f2[0]!.message).toContain('FRONT_MATTER_INVALID');
  });

  it('reports a card with no limitations or out-of-scope statement or section', () => {
    const none = textDoc('a.md', 'model-card', [{ text: 'Overview', heading: 2 }, { text: 'The model is intended for research.', type: 'intended-use', label: 'representation' }]);
    const byType = textDoc('b.md', 'model-card', [{ text: 'Use in languages other than English is out of scope.', type: 'out-of-scope', label: 'representation' }]);
    const byHeading = textDoc('c.md', 'model-card', [{ text: 'Bias, Risks, and Limitations', heading: 2 }]);
    const contract = textDoc('d.md', 'contract', [{ text: 'Customer shall pay.', label: 'narrative' }]);
    const fs = assessFindings(input([none, byType, byHeading, contract]), rules, 'procurement').filter((f) => f.ruleId === 'missing-limitations');
    expect(fs.map((f) => f.location)).toEqual([{ docId: none.judged.doc.id }]);
    expect(fs[0]!.message).toContain('a.md states no limitations');
  });
});

describe('profiles', () => {
  it('sets severities per audience', () => {
    const proc = resolveProfile(rules, 'procurement').severities;
    const vend = resolveProfile(rules, 'vendor-release').severities;
    // Issue 16: under both profiles an error is what a reviewer must act on; no evidence is a note.
    for (const sev of [proc, vend]) {
      expect(sev['contract-hedge-removed']).toBe('error');
      expect(sev['contract-number-changed']).toBe('error');
      expect(sev['contract-negation-flipped']).toBe('error');
      expect(sev['performance-contradicted']).toBe('error');
      expect(sev['evidence-other-model']).toBe('error');
      expect(sev['model-index-disagreement']).toBe('error');
      expect(sev['incorporated-document-missing']).toBe('error');
      expect(sev['representation-without-evidence']).toBe('note');
      expect(sev['evidence-missing-summary']).toBe('warning');
      const errors = Object.entries(sev).filter(([, s]) => s === 'error').map(([id]) => id).sort();
      expect(errors).toEqual([
        'contract-hedge-removed', 'contract-modality-strengthened', 'contract-negation-flipped', 'contract-number-changed',
        'contract-qualifier-dropped', 'contract-scope-broadened', 'evidence-other-model', 'incorporated-document-missing',
        'model-index-disagreement', 'performance-contradicted',
      ]);
    }
    expect(proc['performance-understated']).toBe('note');
    expect(vend['performance-understated']).toBe('warning');
  });

  it('rejects an unknown profile with the available names, follows extends, and refuses cycles', () => {
    expect(() => resolveProfile(rules, 'nope')).toThrow(/unknown profile "nope"; available: procurement, vendor-release/);
    const strict = parseRuleFile('profiles/strict.yaml', 'kind: profile\nname: strict\nextends: vendor-release\nseverities:\n  vague-superlative: error\n  missing-limitations: "off"\n', 'user');
    const withStrict = ownRules([strict]);
    const sev = resolveProfile(withStrict, 'strict').severities;
    expect(sev['vague-superlative']).toBe('error');
    expect(sev['evidence-stale']).toBe('note'); // from vendor-release (procurement has warning)
    const b = textDoc('card.md', 'model-card', [{ text: 'Best model ever.', type: 'capability', label: 'representation', weak: true }]);
    const fs = assessFindings(input([b]), withStrict, 'strict');
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([['vague-superlative', 'error']]);
    const a = parseRuleFile('profiles/a.yaml', 'kind: profile\nname: a\nextends: b\nseverities: {}\n', 'user');
    const c = parseRuleFile('profiles/b.yaml', 'kind: profile\nname: b\nextends: a\nseverities: {}\n', 'user');
    expect(() => resolveProfile(ownRules([a, c]), 'a')).toThrow(/cycle/);
  });
});

describe('order', () => {
  it('sorts by document order, source position, then rule id', () => {
    const b1 = card([
      { text: 'Best model ever.', type: 'performance', label: 'representation', weak: true },
      { text: 'MMLU: 68.4', type: 'performance', label: 'representation', quantities: [qty('MMLU', '68.4')] },
    ]);
    const b2 = textDoc('second.md', 'model-card', [{ text: 'It is the best.', type: 'capability', label: 'representation', weak: true }]);
    const fs = assessFindings(input([b2, b1]), rules, 'procurement');
    expect(fs.map((f) => `${f.location.docId === b2.judged.doc.id ? 2 : 1}:${f.location.span?.kind === 'text' ? f.location.span.line : 0}:${f.ruleId}`)).toEqual([
      '2:0:missing-limitations',
      '2:1:vague-superlative',
      '1:0:evidence-missing-summary',
      '1:2:vague-superlative',
      '1:3:number-without-methodology',
      '1:3:representation-without-evidence',
    ]);
  });
});
