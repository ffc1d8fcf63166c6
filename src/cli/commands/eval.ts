/**
 * `warrant eval`: the product's own accuracy meter. Scores the classifier against gold JSONL
 * (GUIDE-representation.md) by running the real pipeline on the documents the gold names.
 */
import { parseArgs } from 'node:util';
import { WarrantError } from '../../model/errors.ts';
import { loadRules } from '../../rules/load.ts';
import { compileRuleSet } from '../../rules/compile.ts';
import type { GoldSentence } from '../../eval/gold.ts';
import { readGoldSet, readTrainingSets } from '../read-gold.ts';
import { crossValidate } from '../../learn/cross-validate.ts';
import { collectTrainingCorpus, priorsOf, trainingSettingsOf } from '../../learn/train.ts';
import { evaluateGold, type GoldEvaluation } from '../../eval/index.ts';
import { evaluateModelIndex, type ModelIndexEvaluation } from '../../eval/model-index.ts';
import { evaluateAlignment, renderAlignmentScores } from '../../eval/alignment.ts';
import { evaluateEvidence, parseEvidenceGold, renderEvidenceEvaluation } from '../../eval/evidence.ts';

/** The I/O `warrant eval` needs. */
export interface EvalIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => Uint8Array;
}

const HELP = `Usage: warrant eval --gold <file.jsonl|dir> --docs <dir> [--format text|json]

  Runs ingest → segment → judge on every document the gold names (its "doc" paths are relative to
  --docs) and scores the labels: per-class precision/recall/F1, macro-F1, confusion matrix,
  claimType accuracy, segmentation misses and a per-document breakdown.

Options:
  --gold <path>        gold JSONL file, or a folder of *.jsonl files
  --docs <dir>         folder the gold "doc" paths are relative to
  --format <f>         text (default) | json
  --rules <dir>        extra rules folder; repeatable
  --show-errors        also list every misjudged sentence with its score and cues
  --cv                 leave-one-document-out cross-validation with --gold: for each document, fit the
                       weights on the others (\`warrant train\`), judge it and score it. The figure that
                       counts; without --cv, scores on the documents the shipped weights were fitted on
                       are marked "inSample": true
  --train-gold <path>  with --cv: a further gold set always trained on and never scored (e.g. samples/gold,
  --train-docs <dir>   as the shipped weights are); repeatable, paired in order
  --model-index        score quantities against the cards' model-index front matter
  --alignment <gold>   score contract-to-card alignment against an alignment gold file or folder
  --evidence-gold <f>  score evidence verdicts on claim/evidence gold pairs (JSONL; paths relative to --docs)
`;

/** Run `warrant eval`; resolves with the exit code (0 ok, 2 usage or input error). */
export async function runEval(argv: string[], io: EvalIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string' },
      docs: { type: 'string' },
      format: { type: 'string', default: 'text' },
      rules: { type: 'string', multiple: true },
      'show-errors': { type: 'boolean', default: false },
      cv: { type: 'boolean', default: false },
      'train-gold': { type: 'string', multiple: true },
      'train-docs': { type: 'string', multiple: true },
      'model-index': { type: 'boolean', default: false },
      alignment: { type: 'string' },
      'evidence-gold': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') {
    io.stderr(`warrant eval: --format must be text or json, not "${format}"\n`);
    return 2;
  }
  if (!values.docs || (!values.gold && !values['model-index'] && !values.alignment && !values['evidence-gold'])) {
    io.stderr(`warrant eval: --docs and one of --gold, --model-index, --alignment, --evidence-gold are required\n\n${HELP}`);
    return 2;
  }
  const rules = compileRuleSet(await loadRules({ extraDirs: values.rules ?? [] }));
  const out: Record<string, unknown> = {};
  const text: string[] = [];

  if (values.gold) {
    const set = readGoldSet(values.gold, io.readFile);
    const gold = set.gold;
    if (gold.length === 0) throw new WarrantError('GOLD_MALFORMED', 'no gold sentences found', { file: values.gold });
    let result: GoldEvaluation;
    if (values.cv) {
      const corpus = await collectTrainingCorpus(gold, values.docs, rules, io.readFile);
      const extraGold = values['train-gold'] ?? [];
      const extraDocs = values['train-docs'] ?? [];
      if (extraGold.length !== extraDocs.length) throw new WarrantError('CONFIG_INVALID', 'one --train-docs per --train-gold');
      const { examples: extra } = await readTrainingSets(
        extraGold.map((gold, i) => ({ gold, docs: extraDocs[i]! })),
        rules,
        io.readFile,
        (i) => `train${i}`,
        (m) => io.stderr(`warrant eval: --train-gold: ${m}\n`),
      );
      const cv = crossValidate(corpus, priorsOf(rules), trainingSettingsOf(rules), rules.classifier.settings.claimTypes, extra);
      result = { ...cv, errors: corpus.errors };
      out.crossValidation = { method: 'leave-one-document-out', folds: cv.folds.length, alwaysTrainedOn: extra.length, inSample: false };
    } else {
      result = await evaluateGold(gold, values.docs, rules, io.readFile);
      // Weights fitted on this very gold score it in sample: say so, so nobody reads it as the figure that counts.
      const fitted = rules.classifier.models.gold;
      out.inSample = fitted !== undefined && (fitted.sha256 === set.sha256 || (fitted.parts ?? []).includes(set.sha256));
    }
    out.classification = result.classification;
    out.claimType = result.claimType;
    out.segmentation = result.segmentation;
    out.documents = result.documents;
    out.perDocument = perDocumentSummary(result);
    if (result.errors.length > 0) out.errors = result.errors;
    if (values['show-errors']) out.misjudged = misjudged(result);
    text.push(`${values.cv ? 'Leave-one-document-out cross-validation' : out.inSample ? 'IN SAMPLE (the weights were fitted on this gold; use --cv for the figure that counts)' : 'Scored with the shipped weights'}\n`);
    text.push(renderClassification(result, values['show-errors']));
    const pd = out.perDocument as { macroF1: Record<string, number>; claimTypeAccuracy: Record<string, number>; worst?: string };
    text.push(
      `Per-document macro-F1 min ${pct(pd.macroF1.min!)} median ${pct(pd.macroF1.median!)} max ${pct(pd.macroF1.max!)} (worst: ${pd.worst ?? '-'}); ` +
        `claimType min ${pct(pd.claimTypeAccuracy.min!)} median ${pct(pd.claimTypeAccuracy.median!)}\n`,
    );
  }
  if (values['model-index']) {
    const q = await evaluateModelIndex(values.docs, rules);
    out.quantities = q;
    text.push(renderModelIndex(q));
  }
  if (values.alignment) {
    const a = await evaluateAlignment(values.alignment, values.docs, rules);
    out.alignment = a;
    text.push(renderAlignmentScores(a));
  }
  if (values['evidence-gold']) {
    const file = values['evidence-gold'];
    const pairs = parseEvidenceGold(new TextDecoder().decode(io.readFile(file)), file);
    if (pairs.length === 0) throw new WarrantError('GOLD_MALFORMED', 'no evidence gold pairs found', { file });
    const e = await evaluateEvidence(pairs, values.docs, rules, io.readFile);
    out.evidence = e;
    text.push(renderEvidenceEvaluation(e));
  }
  io.stdout(format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : text.join('\n'));
  return 0;
}

/** Human-readable model-index quantities figures. */
function renderModelIndex(q: ModelIndexEvaluation): string {
  const lines = [`Quantities (model-index): precision ${pct(q.precision)}  recall ${pct(q.recall)}  support ${q.support}  predicted ${q.predicted}`];
  for (const d of q.perDoc) lines.push(`  ${pad(d.doc, 52)}declared ${pad(d.declared, 5)}found ${pad(d.found, 5)}precision ${pad(pct(d.precision), 7)}recall ${pct(d.recall)}`);
  for (const n of q.notRestated ?? []) lines.push(`  ${pad(n.doc, 52)}not scored: the body names ${n.namedBenchmarks} of its ${n.declaredBenchmarks} declared benchmarks (${n.declared} entries)`);
  return `${lines.join('\n')}\n`;
}

/** Gold sentences from a JSONL file or every *.jsonl file of a folder (see readGoldSet). */
export function readGoldPath(path: string, readFile: (p: string) => Uint8Array): GoldSentence[] {
  return readGoldSet(path, readFile).gold;
}

/** Minimum, median and maximum per-document macro-F1 and claim-type accuracy. */
function perDocumentSummary(r: GoldEvaluation): Record<string, unknown> {
  const stat = (xs: number[]): { min: number; median: number; max: number } => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
  };
  const docs = r.documents.filter((d) => d.matched > 0);
  const worst = [...docs].sort((a, b) => a.macroF1 - b.macroF1)[0];
  return { macroF1: stat(docs.map((d) => d.macroF1)), claimTypeAccuracy: stat(docs.map((d) => d.claimTypeAccuracy)), worst: worst?.doc };
}

function misjudged(result: GoldEvaluation): Array<Record<string, unknown>> {
  return result.outcomes
    .filter((o) => o.predicted !== undefined && (o.predicted !== o.gold.label || o.predictedType !== o.gold.claimType))
    .map((o) => ({ doc: o.gold.doc, text: o.gold.text, gold: o.gold.label, predicted: o.predicted, score: o.score, goldType: o.gold.claimType, predictedType: o.predictedType }));
}

function pct(x: number): string {
  return x.toFixed(3);
}

/** How many of the claim type's confusions the text report lists (JSON has them all). */
const MOST_CONFUSIONS = 8;

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

/** Human-readable report of a classification evaluation. */
export function renderClassification(r: GoldEvaluation, showErrors = false): string {
  const c = r.classification;
  const lines: string[] = [];
  lines.push(`Classification: ${r.segmentation.gold} gold sentences, ${r.segmentation.matched} matched`);
  lines.push(`  ${pad('class', 16)}${pad('precision', 11)}${pad('recall', 9)}${pad('f1', 8)}support`);
  for (const label of ['representation', 'narrative'] as const) {
    const p = c.perClass[label];
    lines.push(`  ${pad(label, 16)}${pad(pct(p.precision), 11)}${pad(pct(p.recall), 9)}${pad(pct(p.f1), 8)}${p.support}`);
  }
  lines.push(`  macro-F1 ${pct(c.macroF1)}   accuracy ${pct(c.accuracy)}`);
  lines.push('  confusion (gold × predicted):');
  lines.push(`    ${pad('', 16)}${pad('representation', 16)}${pad('narrative', 11)}missed`);
  for (const label of ['representation', 'narrative'] as const) {
    const row = c.confusion[label];
    lines.push(`    ${pad(label, 16)}${pad(row.representation, 16)}${pad(row.narrative, 11)}${row.missed}`);
  }
  lines.push(`claimType accuracy: ${pct(r.claimType.accuracy)} over ${r.claimType.support} (${pct(r.claimType.matchedAccuracy)} over matched), macro-F1 ${pct(r.claimType.macroF1)}`);
  lines.push(`  ${pad('type', 16)}${pad('precision', 11)}${pad('recall', 9)}${pad('f1', 8)}support`);
  for (const [type, p] of Object.entries(r.claimType.perType)) lines.push(`  ${pad(type, 16)}${pad(pct(p.precision), 11)}${pad(pct(p.recall), 9)}${pad(pct(p.f1), 8)}${p.support}`);
  const confusions = r.claimType.confusions.slice(0, MOST_CONFUSIONS);
  if (confusions.length > 0) lines.push(`  most confused (gold → predicted): ${confusions.map((c) => `${c.gold} → ${c.predicted} ${c.count}`).join(', ')}`);
  lines.push(`Segmentation: ${r.segmentation.matched}/${r.segmentation.gold} gold sentences matched`);
  for (const m of r.segmentation.missed) lines.push(`  missed ${m.doc} (${m.label}): ${JSON.stringify(m.text)}`);
  for (const e of r.errors) lines.push(`  error ${e.doc}: ${e.message}`);
  lines.push('Per document:');
  lines.push(`  ${pad('doc', 52)}${pad('gold', 6)}${pad('matched', 9)}${pad('macroF1', 9)}${pad('acc', 7)}type-acc`);
  for (const d of r.documents) {
    lines.push(`  ${pad(d.doc, 52)}${pad(d.gold, 6)}${pad(d.matched, 9)}${pad(pct(d.macroF1), 9)}${pad(pct(d.accuracy), 7)}${pct(d.claimTypeAccuracy)}`);
  }
  if (showErrors) {
    lines.push('Misjudged:');
    for (const o of r.outcomes) {
      if (o.predicted === undefined || (o.predicted === o.gold.label && o.predictedType === o.gold.claimType)) continue;
      const flag = `${o.predicted !== o.gold.label ? 'L' : ' '}${o.predictedType !== o.gold.claimType ? 'T' : ' '}`;
      lines.push(`  ${flag} ${o.gold.label[0]}→${o.predicted[0]} ${o.score?.toFixed(2)} ${o.gold.claimType}/${o.predictedType} ${o.gold.text.slice(0, 120)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
