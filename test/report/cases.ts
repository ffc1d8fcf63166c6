/**
 * Hand-built reports for rendering tests: a card with evidence, a contract (DOCX spans) quoting
 * a card, and a PDF card with an image-only page. Built with the real assess stage and
 * buildReport; text is ours, with hostile strings (markup, formulas, control characters).
 */
import { createHash } from 'node:crypto';
import type { Alignment, DocxSpan, EvidenceRecord, InputRef, Link, Report } from '../../src/model/types.ts';
import type { JudgedDocument } from '../../src/model/judged.ts';
import { assessFindings } from '../../src/assess/index.ts';
import { parseSuppressionConfig } from '../../src/assess/config.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { buildReport } from '../../src/report/json.ts';
import { ownRules, pdfDoc, qty, textDoc, type Built } from '../assess/build.ts';

/** The rule set every case uses. */
export const RULES = ownRules();

const CREATED_AT = '2026-03-01T12:00:00.000Z';

function ref(b: Built, size?: number): InputRef {
  const d = b.judged.doc;
  return { name: d.name, role: d.role, sha256: d.id, mediaType: d.mediaType, size: size ?? Buffer.byteLength(b.source) };
}

function harness(id: string, benchmark: string, value: number): EvidenceRecord {
  return { id, source: 'results.json', location: `results.${benchmark.toLowerCase()}`, format: 'lm-eval', tier: 'harness', model: 'kestrel-7b', benchmark, metric: 'accuracy', value, rawValue: value / 100, shots: 5, methodology: { harness: 'lm-eval', harnessVersion: '0.4.2' } };
}

const EVIDENCE_BYTES = '{"results": {"mmlu": {"acc,none": 0.641}}}';
const evidenceRef: InputRef = { name: 'evidence/results.json', role: 'evidence', sha256: createHash('sha256').update(EVIDENCE_BYTES).digest('hex'), mediaType: 'application/json', size: EVIDENCE_BYTES.length };

function report(docs: Built[], extra: { evidence?: EvidenceRecord[]; links?: Link[]; alignments?: Alignment[]; inputs?: InputRef[]; config?: string; profile?: string; sizes?: Array<number | undefined> }): Report {
  const documents: JudgedDocument[] = docs.map((d) => d.judged);
  const profile = extra.profile ?? 'procurement';
  const sources = Object.fromEntries(docs.filter((d) => d.source).map((d) => [d.judged.doc.id, d.source]));
  const findings = assessFindings(
    { documents, evidence: extra.evidence ?? [], links: extra.links ?? [], alignments: extra.alignments ?? [] },
    RULES,
    profile,
    { sources, suppressions: extra.config ? parseSuppressionConfig(extra.config, '.warrant.yaml') : [] },
  );
  return buildReport(
    { createdAt: CREATED_AT, inputs: [...docs.map((d, i) => ref(d, extra.sizes?.[i])), ...(extra.inputs ?? [])], rulesetSha256: RULES.sha256, profile },
    {
      documents: documents.map((d) => d.doc),
      sentences: documents.flatMap((d) => d.sentences),
      claims: documents.flatMap((d) => d.claims),
      evidence: extra.evidence ?? [],
      links: extra.links ?? [],
      alignments: extra.alignments ?? [],
      findings,
    },
    findingCatalogue(RULES),
  );
}

/** A Markdown card with evidence, an inline suppression and hostile text. */
export function cardCase(): Report {
  const card = textDoc('cards/kestrel card.md', 'model-card', [
    { text: 'Kestrel 7B', heading: 1 },
    { text: 'Kestrel 7B is intended for English question answering.', type: 'intended-use', label: 'representation' },
    { text: 'MMLU (5-shot, accuracy): 68.4', type: 'performance', label: 'representation', quantities: [qty('MMLU', '68.4', { shots: 5, metric: 'accuracy' })] },
    { text: 'GSM8K: 41.2', type: 'performance', label: 'representation', quantities: [qty('GSM8K', '41.2')] },
    { text: '<!-- warrant-disable-next-line vague-superlative -- approved by marketing review 2026-02 -->' },
    { text: 'Kestrel is the best-in-class assistant.', type: 'capability', label: 'representation', weak: true },
    { text: '=HYPERLINK("http://evil.example/x","click") <script>alert(1)</script> | pipes, "quotes" \u001b[31mred', type: 'performance', label: 'representation' },
    { text: 'We hope the model will be useful for research.', type: 'none', label: 'narrative' },
  ]);
  // The comment line is not a sentence in a real Markdown reading.
  const commentId = card.ids[4]!;
  card.judged.sentences = card.judged.sentences.filter((s) => s.id !== commentId);
  card.judged.claims = card.judged.claims.filter((c) => c.sentenceId !== commentId);
  const evidence = [harness('ev-mmlu', 'MMLU', 64.1)];
  const links: Link[] = [
    { claimId: card.ids[1]!, evidenceIds: [], verdict: 'unverified', note: 'no question-answering benchmark covers English QA in the evidence' },
    { claimId: card.ids[2]!, quantityIndex: 0, evidenceIds: ['ev-mmlu'], verdict: 'contradicted', expected: 68.4, observed: 64.1, tolerance: 0.05, note: 'harness reports 64.1' },
  ];
  return report([card], { evidence, links, inputs: [evidenceRef] });
}

/** A card and a DOCX contract schedule that quotes it with drift, incorporation and a config suppression. */
export function contractCase(): Report {
  const card = textDoc('kestrel.md', 'model-card', [
    { text: 'Limitations', heading: 2 },
    { text: 'The model may answer general questions in English.', type: 'intended-use', label: 'narrative' },
    { text: 'In our evaluation the model scored 68.4 on MMLU (5-shot, accuracy).', type: 'performance', label: 'representation', quantities: [qty('MMLU', '68.4', { shots: 5, metric: 'accuracy' })] },
  ]);
  const contract = textDoc('schedule-b.docx', 'contract', [
    { text: 'The Model answers general questions.', type: 'intended-use', label: 'representation', clauseRef: 'Schedule B §2.1' },
    { text: 'The Model scores 70.0 on MMLU.', type: 'performance', label: 'representation', clauseRef: 'Schedule B §2.2', quantities: [qty('MMLU', '70.0')] },
    { text: 'The Model performs materially as described in the Model Card.', type: 'other', label: 'representation', clauseRef: 'Schedule B §3' },
  ]);
  contract.judged.doc.mediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  contract.judged.sentences.forEach((s, i) => {
    s.span = { kind: 'docx', paragraph: i + 4, endParagraph: i + 4 } satisfies DocxSpan;
  });
  contract.judged.doc.diagnostics = [];
  for (const c of contract.judged.claims) c.legalForce = 'warranty';
  const alignments: Alignment[] = [
    { contractSentenceId: contract.ids[0]!, cardSentenceId: card.ids[1]!, similarity: 0.71, transformations: [{ kind: 'hedge-removed', from: 'may', to: '' }, { kind: 'scope-broadened', from: 'in English', note: 'language restriction dropped' }] },
    { contractSentenceId: contract.ids[1]!, cardSentenceId: card.ids[2]!, similarity: 0.64, transformations: [{ kind: 'number-changed', from: '68.4', to: '70.0' }, { kind: 'qualifier-dropped', from: 'In our evaluation', to: '' }] },
    { contractSentenceId: contract.ids[2]!, cardSentenceId: null, similarity: 0, transformations: [], incorporates: { docId: card.judged.doc.id, phrase: 'as described in the Model Card' } },
  ];
  const config = 'suppressions:\n  - rule: contract-scope-broadened\n    path: "*.docx"\n    text: answers general questions\n    reason: Buyer accepts worldwide scope per negotiation note 14\n';
  return report([card, { ...contract, source: '' }], { alignments, config, sizes: [undefined, 18_342] });
}

/** A PDF card: text sentences with page spans and an image-only page. */
export function pdfCase(): Report {
  const pdf = pdfDoc(
    'gemini like card.pdf',
    'model-card',
    [
      { text: 'Model card', heading: 1, page: 1 },
      { text: 'The model is intended for multimodal question answering.', type: 'intended-use', label: 'representation', page: 1 },
      { text: 'The model achieves state-of-the-art results on many benchmarks.', type: 'performance', label: 'representation', weak: true, page: 2 },
      { text: 'MMMU: 81.0', type: 'performance', label: 'representation', page: 2, quantities: [qty('MMMU', '81.0')] },
    ],
    [{ code: 'CONTENT_IMAGE', severity: 'warning', message: 'the benchmark table on this page is an image', span: { kind: 'pdf', page: 3, bbox: [40, 100, 570, 600], rects: [[40, 100, 570, 600]] } }],
  );
  return report([pdf], { profile: 'vendor-release', sizes: [245_760] });
}

/** Every case by name (folder under test/fixtures/report/). */
export const CASES: Record<string, () => Report> = { card: cardCase, contract: contractCase, pdf: pdfCase };
