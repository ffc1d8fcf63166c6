/**
 * Bench: `warrant train` on the whole dev corpus (target < 60 s), split into judging the gold
 * documents (feature extraction) and fitting the two models; plus one leave-one-out fold.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGoldSet } from '../../src/cli/read-gold.ts';
import { collectTrainingCorpus, fitModels, priorsOf, trainingSettingsOf } from '../../src/learn/train.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Seconds to extract features from, and fit on, the dev corpus gold. */
export async function benchTrain(): Promise<Record<string, unknown>> {
  if (!existsSync(`${CORPUS}gold`)) return { skipped: 'no ../shared/corpus' };
  const rules = compiledShippedRules();
  const read = (p: string): Uint8Array => readFileSync(p);
  const set = readGoldSet(`${CORPUS}gold`, read);
  let t = performance.now();
  const corpus = await collectTrainingCorpus(set.gold, CORPUS, rules, read);
  const extract = (performance.now() - t) / 1000;
  const priors = priorsOf(rules);
  const settings = trainingSettingsOf(rules);
  t = performance.now();
  fitModels(corpus.examples, priors, settings);
  const fit = (performance.now() - t) / 1000;
  const r = (x: number): number => Math.round(x * 100) / 100;
  return { sentences: corpus.examples.length, documents: corpus.judged.size, extractSeconds: r(extract), fitSeconds: r(fit), totalSeconds: r(extract + fit), targetSeconds: 60 };
}
