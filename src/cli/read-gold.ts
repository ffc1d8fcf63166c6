/**
 * Reads sentence-label gold (GUIDE-representation.md) from a JSONL file or a folder of them, with
 * the hash `warrant train` records beside the weights it fits.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseGold, type GoldSentence } from '../eval/gold.ts';
import { WarrantError } from '../model/errors.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { collectTrainingCorpus, goldSha256, taggedExamples, type TrainingExample } from '../learn/train.ts';

/** Gold sentences and the SHA-256 of the files they came from. */
export interface GoldSet {
  gold: GoldSentence[];
  sha256: string;
  files: string[];
}

/**
 * Gold sentences from a JSONL file or every *.jsonl file of a folder (sorted). In a folder, files of
 * another gold kind (e.g. alignment gold, whose records have no "doc" and "claimType") are skipped.
 */
export function readGoldSet(path: string, readFile: (p: string) => Uint8Array): GoldSet {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const read: Array<{ name: string; bytes: Uint8Array }> = [];
  const gold: GoldSentence[] = [];
  if (!statSync(path).isDirectory()) {
    const bytes = readFile(path);
    read.push({ name: basename(path), bytes });
    gold.push(...parseGold(decoder.decode(bytes), path));
  } else {
    for (const name of readdirSync(path).filter((n) => n.endsWith('.jsonl')).sort()) {
      const file = join(path, name);
      const bytes = readFile(file);
      const text = decoder.decode(bytes);
      if (!isSentenceGold(text)) continue;
      read.push({ name, bytes });
      gold.push(...parseGold(text, file));
    }
  }
  return { gold, sha256: goldSha256(read), files: read.map((r) => r.name) };
}

/** Is this JSONL text sentence-label gold (its first record has "doc" and "claimType")? */
function isSentenceGold(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  if (!first) return false;
  try {
    const v = JSON.parse(first) as Record<string, unknown>;
    return typeof v === 'object' && v !== null && 'doc' in v && 'claimType' in v;
  } catch {
    return true; // let parseGold report the malformed line
  }
}

/**
 * Training examples from several gold sets (each a gold path and the folder its documents are in),
 * with each set's hash. `tag(i)` names set i's documents apart from the others' (undefined: as they are);
 * a document that cannot be read is reported through `warn` and skipped.
 */
export async function readTrainingSets(
  sets: ReadonlyArray<{ gold: string; docs: string }>,
  rules: CompiledRules,
  readFile: (p: string) => Uint8Array,
  tag: (i: number) => string | undefined,
  warn: (message: string) => void,
): Promise<{ examples: TrainingExample[]; shas: string[] }> {
  const examples: TrainingExample[] = [];
  const shas: string[] = [];
  for (const [i, { gold, docs }] of sets.entries()) {
    const set = readGoldSet(gold, readFile);
    if (set.gold.length === 0) throw new WarrantError('GOLD_MALFORMED', 'no gold sentences found', { file: gold });
    const corpus = await collectTrainingCorpus(set.gold, docs, rules, readFile);
    for (const e of corpus.errors) warn(`skipped ${e.doc}: ${e.message}`);
    const t = tag(i);
    examples.push(...(t === undefined ? corpus.examples : taggedExamples(corpus, t)));
    shas.push(set.sha256);
  }
  return { examples, shas };
}
