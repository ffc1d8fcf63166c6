/**
 * `warrant eval --alignment <gold.jsonl> --docs <dir>`: scores card-to-contract alignment
 * against gold lines {"schedule", "card", "text", "source", "transformations", "incorporation", "label"}.
 *
 * - sourceAccuracy: share of gold lines whose contract sentence was found and aligned to the
 *   gold source (the card sentence or table row, or none when the gold says null).
 * - transformationExact: over gold lines with a source, share where the source is right and
 *   the set of transformation kinds equals the gold set.
 * - incorporationAccuracy: share of lines where "incorporates by reference" agrees.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Alignment, Sentence, TransformationKind } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import type { RuleSet } from '../rules/load.ts';
import type { JudgedDocument } from '../evidence/index.ts';
import { judgeInput } from '../analyze.ts';
import { alignContract } from '../align/index.ts';
import { unitText } from '../align/units.ts';

const KINDS = ['verbatim', 'hedge-removed', 'modality-strengthened', 'number-changed', 'scope-broadened', 'qualifier-dropped', 'negation-flipped'] as const;

/** One gold line. */
export const alignmentGoldSchema = z
  .object({
    schedule: z.string().min(1),
    card: z.string().min(1),
    text: z.string().min(1),
    source: z.string().min(1).nullable(),
    transformations: z.array(z.enum(KINDS)),
    incorporation: z.boolean().default(false),
    label: z.enum(['representation', 'narrative']).optional(),
    note: z.string().optional(),
  })
  .strict();

/** A parsed gold line. */
export type AlignmentGold = z.infer<typeof alignmentGoldSchema>;

/** One scored gold line (for reports and debugging). */
export interface AlignmentCase {
  schedule: string;
  text: string;
  found: boolean;
  goldSource: string | null;
  predictedSource: string | null;
  similarity: number;
  goldTransformations: TransformationKind[];
  predictedTransformations: TransformationKind[];
  sourceCorrect: boolean;
  transformationsCorrect: boolean;
  incorporationCorrect: boolean;
}

/** Scores of an alignment evaluation. */
export interface AlignmentScores {
  sourceAccuracy: number;
  transformationExact: number;
  incorporationAccuracy: number;
  /** Share of gold lines whose contract sentence the tool produced. */
  sentenceRecall: number;
  /** Gold lines scored. */
  support: number;
  /** Gold lines with a source (the denominator of transformationExact). */
  sourcedSupport: number;
  /** Per transformation kind: gold count, predicted count, true positives (on correctly sourced lines). */
  perKind: Record<string, { gold: number; predicted: number; correct: number }>;
  cases?: AlignmentCase[];
}

/** Normalise for sentence matching: case, whitespace, quotes and Markdown emphasis ignored. */
export function normaliseText(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normalise for source matching: words and numbers only (table rows match however cells are joined). */
export function normaliseWords(s: string): string {
  return (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Read and validate a gold file; a bad line is GOLD_MALFORMED with its line number. */
export function readAlignmentGold(path: string, text: string): AlignmentGold[] {
  const out: AlignmentGold[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new WarrantError('GOLD_MALFORMED', `not JSON: ${(cause as Error).message}`, { file: path, line: i + 1, cause });
    }
    const parsed = alignmentGoldSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new WarrantError('GOLD_MALFORMED', `${issue.message}${issue.path.length ? ` at ${issue.path.join('.')}` : ''}`, { file: path, line: i + 1 });
    }
    out.push(parsed.data);
  });
  return out;
}

function sourceNames(s: Sentence): string[] {
  const names = [normaliseWords(s.text), normaliseWords(unitText(s))];
  if (s.context.table) names.push(normaliseWords(s.context.table.cells.join(' ')));
  return names;
}

/** Options of an alignment evaluation. */
export interface EvaluateAlignmentOptions {
  /** Keep the per-line cases in the result (default false: scores only). */
  cases?: boolean;
  /** Judged documents by role and path, reused across runs (threshold sweeps). */
  cache?: Map<string, JudgedDocument>;
}

/** Score alignment against a gold file; documents are read from `docsDir`. */
export async function evaluateAlignment(goldPath: string, docsDir: string, rules: RuleSet, options: EvaluateAlignmentOptions = {}): Promise<AlignmentScores> {
  const gold = readAlignmentGold(goldPath, readFileSync(goldPath, 'utf8'));
  const loaded = options.cache ?? new Map<string, JudgedDocument>();
  const load = async (rel: string, role: 'contract' | 'model-card'): Promise<JudgedDocument> => {
    const key = `${role}\0${rel}`;
    let j = loaded.get(key);
    if (!j) {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(join(docsDir, rel));
      } catch (cause) {
        throw new WarrantError('GOLD_MALFORMED', `gold names a document that cannot be read: ${rel}`, { file: goldPath, cause });
      }
      j = await judgeInput({ name: rel.split('/').pop()!, bytes, role }, rules);
      loaded.set(key, j);
    }
    return j;
  };

  const schedules = [...new Set(gold.map((g) => g.schedule))];
  const cases: AlignmentCase[] = [];
  for (const schedule of schedules) {
    const lines = gold.filter((g) => g.schedule === schedule);
    const contract = await load(schedule, 'contract');
    const cards: JudgedDocument[] = [];
    for (const c of [...new Set(lines.map((g) => g.card))]) cards.push(await load(c, 'model-card'));
    const alignments = alignContract(contract, cards, [], rules);
    const byContract = new Map<string, Alignment>(alignments.map((a) => [a.contractSentenceId, a]));
    const cardSentences = new Map(cards.flatMap((c) => c.sentences.map((s) => [s.id, s] as const)));
    const byText = new Map<string, Sentence>();
    for (const s of contract.sentences) if (!byText.has(normaliseText(s.text))) byText.set(normaliseText(s.text), s);
    for (const g of lines) {
      const s = byText.get(normaliseText(g.text));
      const a = s ? byContract.get(s.id) : undefined;
      const predicted = a?.cardSentenceId ? cardSentences.get(a.cardSentenceId) : undefined;
      const found = s !== undefined;
      const sourceCorrect = found && (g.source === null ? !predicted : predicted !== undefined && sourceNames(predicted).includes(normaliseWords(g.source)));
      const predictedKinds = [...new Set((a?.transformations ?? []).map((t) => t.kind))].sort();
      const goldKinds = [...new Set(g.transformations)].sort();
      cases.push({
        schedule,
        text: g.text,
        found,
        goldSource: g.source,
        predictedSource: predicted ? predicted.text : null,
        similarity: a?.similarity ?? 0,
        goldTransformations: goldKinds,
        predictedTransformations: predictedKinds,
        sourceCorrect,
        transformationsCorrect: sourceCorrect && goldKinds.join() === predictedKinds.join(),
        incorporationCorrect: found && g.incorporation === (a?.incorporates !== undefined),
      });
    }
  }
  const share = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1e4) / 1e4);
  const sourced = cases.filter((c) => c.goldSource !== null);
  const perKind: AlignmentScores['perKind'] = {};
  for (const k of KINDS) {
    const correctCases = cases.filter((c) => c.sourceCorrect);
    perKind[k] = {
      gold: cases.filter((c) => c.goldTransformations.includes(k)).length,
      predicted: correctCases.filter((c) => c.predictedTransformations.includes(k)).length,
      correct: correctCases.filter((c) => c.goldTransformations.includes(k) && c.predictedTransformations.includes(k)).length,
    };
  }
  return {
    sourceAccuracy: share(cases.filter((c) => c.sourceCorrect).length, cases.length),
    transformationExact: share(sourced.filter((c) => c.transformationsCorrect).length, sourced.length),
    incorporationAccuracy: share(cases.filter((c) => c.incorporationCorrect).length, cases.length),
    sentenceRecall: share(cases.filter((c) => c.found).length, cases.length),
    support: cases.length,
    sourcedSupport: sourced.length,
    perKind,
    ...(options.cases ? { cases } : {}),
  };
}
