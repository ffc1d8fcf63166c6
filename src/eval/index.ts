/**
 * `warrant eval` core for classification: runs the real pipeline (ingest → segment → judge) on
 * every document a gold file names and scores the labels. I/O comes in through `readFile`.
 */
import { posix } from 'node:path';
import type { InputFile, Role } from '../model/types.ts';
import { isWarrantError } from '../model/errors.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { judgeInput } from '../analyze.ts';
import type { GoldSentence } from './gold.ts';
import type { Features } from '../classify/index.ts';
import { evaluateClassification, type ClassificationEval, type JudgedSentences } from './classification.ts';

export { parseGold, matchKey, looseKey, type GoldSentence } from './gold.ts';
export { evaluateClassification, scoreOutcomes, matchDocument, type ClassificationEval, type JudgedSentences } from './classification.ts';

/** A document the evaluator could not read or analyse (its gold sentences count as missed). */
export interface DocumentError {
  doc: string;
  message: string;
}

/** Classification evaluation plus documents that failed. */
export interface GoldEvaluation extends ClassificationEval {
  errors: DocumentError[];
}

/** Role hint from a corpus-style path ("contracts/x.md" → contract, "cards/x.md" → model card); undefined = guess from content. */
export function roleFromPath(doc: string): Role | undefined {
  const dirs = doc.split(/[\\/]/).slice(0, -1).map((d) => d.toLowerCase());
  if (dirs.some((d) => /contract|terms|agreement|legal/.test(d))) return 'contract';
  if (dirs.some((d) => /card|readme|model/.test(d))) return 'model-card';
  return undefined;
}

/** The judged documents a gold set names, with the ones that failed. */
export interface JudgedGold {
  judged: Map<string, JudgedSentences>;
  errors: DocumentError[];
}

/**
 * Run the real pipeline (ingest → segment → judge) on every document the gold names (paths
 * relative to `docsDir`), in path order. `sink` receives every sentence's model features, keyed by
 * the gold document path.
 */
export async function judgeGoldDocuments(
  gold: readonly GoldSentence[],
  docsDir: string,
  rules: CompiledRules,
  readFile: (path: string) => Uint8Array,
  sink?: (doc: string, sentenceId: string, label: Features, type: Features) => void,
): Promise<JudgedGold> {
  const judged = new Map<string, JudgedSentences>();
  const errors: DocumentError[] = [];
  for (const doc of [...new Set(gold.map((g) => g.doc))].sort()) {
    try {
      const bytes = readFile(posix.join(docsDir.split('\\').join('/'), doc));
      const input: InputFile = { name: posix.basename(doc), bytes };
      const role = roleFromPath(doc);
      if (role) input.role = role;
      const j = await judgeInput(input, rules, {}, sink ? (id, l, t) => sink(doc, id, l, t) : undefined);
      judged.set(doc, { sentences: j.sentences, claims: j.claims });
    } catch (err) {
      const message = isWarrantError(err) ? err.describe() : err instanceof Error ? err.message : String(err);
      errors.push({ doc, message });
    }
  }
  return { judged, errors };
}

/** Judge every document the gold names (paths relative to `docsDir`) and score the gold against it. */
export async function evaluateGold(
  gold: readonly GoldSentence[],
  docsDir: string,
  rules: CompiledRules,
  readFile: (path: string) => Uint8Array,
): Promise<GoldEvaluation> {
  const { judged, errors } = await judgeGoldDocuments(gold, docsDir, rules, readFile);
  return { ...evaluateClassification(gold, judged), errors };
}
