/**
 * `warrant train`: fit the judgement's weights from gold and write them as rules/weights.json
 * (a JSON rule file of kind `weights`; DESIGN.md "Judgement is learned from gold"). Deterministic: the same gold, rules and code give
 * the same file.
 */
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WarrantError } from '../../model/errors.ts';
import { loadRules, SHIPPED_RULES_DIR } from '../../rules/load.ts';
import { compileRuleSet } from '../../rules/compile.ts';
import { readTrainingSets } from '../read-gold.ts';
import { combinedGoldSha256, featureRulesSha256, fitModels, priorsOf, trainingSettingsOf, weightsFileOf, weightsJson } from '../../learn/train.ts';
import type { TrainingSettings } from '../../rules/kinds/weights.ts';

/** The I/O `warrant train` needs. */
export interface TrainIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => Uint8Array;
}

const HELP = `Usage: warrant train --gold <file.jsonl|dir> --docs <dir> [--gold <dir> --docs <dir>]... [--out <rules dir>]

  Judges every document the gold names, pairs each gold sentence with the judge's features, and
  fits the label model (logistic regression) and the claim-type model (multinomial logistic
  regression), each regularised toward the rules' own weights. Writes <out>/weights.yaml with the
  SHA-256 of the gold it was fitted on. Measure with \`warrant eval --cv\` before shipping.

Options:
  --gold <path>      gold JSONL file, or a folder of *.jsonl files; repeatable (each with its --docs)
  --docs <dir>       folder the gold "doc" paths are relative to; repeatable, paired with --gold in order
  --out <dir>        rules folder to write weights.json into (default: the shipped rules/)
  --rules <dir>      extra rules folder the features come from; repeatable
  --lambda <x>       L2 strength of the label model (default: the current weights file's)
  --type-lambda <x>  L2 strength of the claim-type model
  --min-docs <n>     documents a lexical feature must occur in to enter the model
`;

function positive(name: string, v: string | undefined, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new WarrantError('CONFIG_INVALID', `--${name} must be a positive ${integer ? 'integer' : 'number'}, not "${v}"`);
  return n;
}

/** Run `warrant train`; resolves with the exit code. */
export async function runTrain(argv: string[], io: TrainIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string', multiple: true },
      docs: { type: 'string', multiple: true },
      out: { type: 'string' },
      rules: { type: 'string', multiple: true },
      lambda: { type: 'string' },
      'type-lambda': { type: 'string' },
      'min-docs': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const golds = values.gold ?? [];
  const docs = values.docs ?? [];
  if (golds.length === 0 || golds.length !== docs.length) {
    io.stderr(`warrant train: --gold and --docs are required, one --docs per --gold\n\n${HELP}`);
    return 2;
  }
  const rules = compileRuleSet(await loadRules({ extraDirs: values.rules ?? [] }));
  const settings: TrainingSettings = { ...trainingSettingsOf(rules) };
  settings.lambda = positive('lambda', values.lambda) ?? settings.lambda;
  settings.typeLambda = positive('type-lambda', values['type-lambda']) ?? settings.typeLambda;
  settings.minDocs = positive('min-docs', values['min-docs'], true) ?? settings.minDocs;
  const started = performance.now();
  const { examples, shas } = await readTrainingSets(
    golds.map((gold, i) => ({ gold, docs: docs[i]! })),
    rules,
    io.readFile,
    (i) => (i === 0 ? undefined : String(i)),
    (m) => io.stderr(`warrant train: ${m}\n`),
  );
  if (examples.length === 0) throw new WarrantError('GOLD_MALFORMED', 'no gold sentence was found in the documents: nothing to train on', { file: golds[0] });
  const goldSha = combinedGoldSha256(shas);
  const priors = priorsOf(rules);
  const fitted = fitModels(examples, priors, settings);
  const file = weightsFileOf(fitted, priors, {
    goldSha256: goldSha,
    parts: shas,
    documents: new Set(examples.map((e) => e.doc)).size,
    sentences: examples.length,
    featureRulesSha256: featureRulesSha256(rules),
    settings,
  });
  const outDir = resolve(values.out ?? SHIPPED_RULES_DIR);
  const path = join(outDir, 'weights.json');
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path, weightsJson(file));
  } catch (cause) {
    throw new WarrantError('CONFIG_INVALID', `cannot write the weights: ${(cause as Error).message}; choose a writable rules folder with --out`, { file: path, cause });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.stdout(
    `wrote ${path}: ${Object.keys(file.label.weights).length} label weights, ${Object.keys(file.claimType.weights).length} claim-type features, ` +
      `from ${file.gold.sentences} sentences in ${file.gold.documents} documents (gold ${goldSha.slice(0, 12)}) in ${seconds} s\n`,
  );
  return 0;
}
