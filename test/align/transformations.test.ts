import { describe, expect, it } from 'vitest';
import { alignContract } from '../../src/align/index.ts';
import { assessLegalForce } from '../../src/contract/index.ts';
import type { TransformationKind } from '../../src/model/types.ts';
import { judged } from './helpers.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

const CARD = judged(
  'card.md',
  'model-card',
  `
Kestrel-7B-Instruct scores 68.4 on MMLU (5-shot), ahead of every open model of its size that we tested.
The model is intended for commercial and research use in English.
Usage data may be used to improve the reliability of the service.
The hosted Kestrel API does not retain prompts or completions after 30 days.
Transcription quality tends to drop in noisy environments.
In our experiments, the model handles most inputs under 8,192 tokens.
Developers should review outputs before publication.
Benchmark | Shots | Metric | Kestrel-7B-Instruct | Falcon-7B
MMLU | 5 | accuracy | 68.4 | 27.8
GSM8K | 8 | exact match | 52.3 | 5.5
`,
);

function alignOne(text: string): { source: string | null; kinds: TransformationKind[]; words: Array<[string | undefined, string | undefined]> } {
  const contract = judged('contract.md', 'contract', `"Model" means Kestrel-7B-Instruct.\n${text}`);
  contract.claims = assessLegalForce(contract, rules);
  const a = alignContract(contract, [CARD], [], rules)[1]!;
  const source = a.cardSentenceId ? CARD.sentences.find((s) => s.id === a.cardSentenceId)!.text : null;
  return { source, kinds: a.transformations.map((t) => t.kind), words: a.transformations.map((t) => [t.from, t.to]) };
}

describe('transformations', () => {
  const cases: Array<[string, string, TransformationKind[]]> = [
    ['The hosted Kestrel API does not retain prompts or completions after 30 days.', 'The hosted Kestrel API', ['verbatim']],
    ['Provider warrants that the Model is intended for commercial and research use in English.', 'The model is intended', ['verbatim']],
    ['Usage data will be used to improve the reliability of the service.', 'Usage data', ['modality-strengthened']],
    ['Transcription quality drops in noisy environments.', 'Transcription quality', ['hedge-removed']],
    ['The Model scores 70 on MMLU.', 'Kestrel-7B-Instruct scores', ['number-changed', 'qualifier-dropped']],
    ['The Model is intended for commercial and research use in all languages.', 'The model is intended', ['scope-broadened']],
    ['The hosted Kestrel API retains prompts or completions after 30 days.', 'The hosted Kestrel API', ['negation-flipped']],
    // Evidential framing ("in our experiments") is a hedge (issue 13).
    ['The Model handles all inputs under 8,192 tokens.', 'In our experiments', ['hedge-removed', 'scope-broadened']],
    ['Developers must review outputs before publication.', 'Developers should', ['modality-strengthened']],
    ['The Model achieves 52.3 exact match on GSM8K.', 'GSM8K | 8', ['qualifier-dropped']],
  ];
  it.each(cases)('%s', (text, sourceStart, kinds) => {
    const r = alignOne(text);
    expect(r.source?.startsWith(sourceStart), `source was ${r.source}`).toBe(true);
    expect(r.kinds).toEqual(kinds);
  });

  it('names the words involved', () => {
    expect(alignOne('Usage data will be used to improve the reliability of the service.').words).toEqual([['may', 'will']]);
    expect(alignOne('The Model scores 70 on MMLU.').words).toEqual([['68.4', '70'], ['5-shot', undefined]]);
    expect(alignOne('The Model is intended for commercial and research use in all languages.').words).toEqual([['in English', 'all languages']]);
  });

  it('finds no source for clauses the card does not speak to', () => {
    expect(alignOne('Customer shall pay all fees within 30 days of invoice.').source).toBeNull();
    expect(alignOne('This Agreement is governed by the laws of England and Wales.').source).toBeNull();
  });

  it('does not call a reworded clause verbatim when it adds an obligation', () => {
    const r = alignOne('Provider shall not retain prompts or completions after 30 days.');
    expect(r.source).toMatch(/^The hosted Kestrel API/);
    expect(r.kinds).toEqual([]);
  });
});

describe('incorporation by reference', () => {
  const contract = judged(
    'schedule.md',
    'contract',
    `# Schedule B
"Documentation" means the Kestrel-7B-Instruct Model Card dated 14 March 2026.
1.1 The Model shall perform materially in accordance with the Documentation.
1.2 Schedule B forms part of this Agreement.
1.3 Provider shall hold the source code in accordance with the Escrow Arrangement.
1.4 Exhibit D forms part of this Agreement.
1.5 The fees are as set out in the Order Form.
1.6 Provider shall deliver the services in accordance with Statement of Work No. 2.`,
  );
  const other = judged('exhibit-d-security.md', 'contract', 'Provider encrypts data at rest.');
  const alignments = alignContract(contract, [CARD], [other], rules);
  const inc = (i: number) => alignments[i]!.incorporates;
  it('resolves a defined document name to the uploaded card', () => {
    expect(inc(1)).toEqual({ docId: CARD.doc.id, phrase: 'in accordance with the Documentation' });
  });
  it('reads an attachment of the contract itself as no incorporation, and resolves one uploaded apart', () => {
    // Guide, second round: "This Schedule forms part of the Agreement" attaches a document; it imports nothing.
    expect(inc(2)).toBeUndefined();
    expect(inc(4)?.docId).toBe(other.doc.id);
  });
  it('leaves an unknown document unresolved and plain clauses without incorporation', () => {
    expect(inc(3)).toEqual({ docId: null, phrase: 'in accordance with the Escrow Arrangement' });
    expect(inc(0)).toBeUndefined();
  });
  it('reads the documents that make up the agreement (order form, statement of work) as no incorporation', () => {
    expect(inc(5)).toBeUndefined();
    expect(inc(6)).toBeUndefined();
  });
});
