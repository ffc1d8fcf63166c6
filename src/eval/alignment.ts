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
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from '../rules/zod.ts';
import type { Alignment, Sentence, TransformationKind } from '../model/types.ts';
import { WarrantError } from '../model/errors.ts';
import type { CompiledRules } from '../rules/compile.ts';
import type { JudgedDocument } from '../model/judged.ts';
import { judgeInput } from '../analyze.ts';
import { alignContract } from '../align/index.ts';
import { unitText } from '../align/index.ts';

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
  /** What the predicted source shares with the sentence (words, numbers, name, section). */
  anchors: string[];
}

/** Per transformation kind: counts over every gold line, precision and recall. A prediction is correct when the source is right and the gold has the kind. */
export interface KindScore {
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
}

/** Figures of one schedule. */
export interface ScheduleScore {
  schedule: string;
  support: number;
  sourcedSupport: number;
  sourceAccuracy: number;
  transformationExact: number;
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
  perKind: Record<string, KindScore>;
  /** The same figures per schedule (gold file order). */
  perSchedule: ScheduleScore[];
  /** Gold lines with a wrong source or a wrong set of transformations. */
  misaligned: AlignmentCase[];
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

/** True when a JSONL text holds alignment gold (its first record names a schedule). */
function isAlignmentGold(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '');
  if (!first) return false;
  try {
    const v = JSON.parse(first) as Record<string, unknown>;
    return typeof v === 'object' && v !== null && 'schedule' in v;
  } catch {
    return true; // let readAlignmentGold name the line
  }
}

/** Gold files of a path: the file itself, or every alignment *.jsonl of a folder (sorted). */
export function alignmentGoldFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .map((n) => join(path, n))
    .filter((f) => isAlignmentGold(readFileSync(f, 'utf8')));
}

/**
 * Where a document a gold line names lives: under `docsDir` first, then beside the gold file or
 * one folder up (gold in `corpus/schedules/` names `schedules/x.txt` and `cards/y.md`).
 */
function resolveDoc(rel: string, docsDir: string, goldFile: string): string | undefined {
  const dir = dirname(goldFile);
  return [join(docsDir, rel), join(dir, rel), join(dir, '..', rel)].find((p) => existsSync(p) && statSync(p).isFile());
}

/** The contract sentence a gold line quotes: same text, or (segmentation differs) the one that contains it or that it contains. */
function findSentence(byText: Map<string, Sentence>, sentences: Sentence[], text: string): Sentence | undefined {
  const key = normaliseText(text);
  const exact = byText.get(key);
  if (exact) return exact;
  const words = normaliseWords(text);
  if (words.length < 12) return undefined;
  return sentences.find((s) => {
    const w = normaliseWords(s.text);
    return w.length >= 12 && (w.includes(words) || words.includes(w));
  });
}

const share = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1e4) / 1e4);

/** Score alignment against a gold file or a folder of gold files; documents are read from `docsDir`. */
export async function evaluateAlignment(goldPath: string, docsDir: string, rules: CompiledRules, options: EvaluateAlignmentOptions = {}): Promise<AlignmentScores> {
  const files = alignmentGoldFiles(goldPath);
  if (files.length === 0) throw new WarrantError('GOLD_MALFORMED', 'no alignment gold files (*.jsonl with "schedule") found', { file: goldPath });
  const loaded = options.cache ?? new Map<string, JudgedDocument>();
  const load = async (rel: string, role: 'contract' | 'model-card', goldFile: string): Promise<JudgedDocument> => {
    const path = resolveDoc(rel, docsDir, goldFile);
    if (!path) throw new WarrantError('GOLD_MALFORMED', `gold names a document that cannot be read: ${rel} (looked under ${docsDir} and beside the gold file)`, { file: goldFile });
    const key = `${role}\0${path}`;
    let j = loaded.get(key);
    if (!j) {
      j = await judgeInput({ name: rel.split('/').pop()!, bytes: readFileSync(path), role }, rules);
      loaded.set(key, j);
    }
    return j;
  };

  const cases: AlignmentCase[] = [];
  const order: string[] = [];
  for (const file of files) {
    const gold = readAlignmentGold(file, readFileSync(file, 'utf8'));
    for (const schedule of [...new Set(gold.map((g) => g.schedule))]) {
      // Two gold files may name the same schedule; keep them apart in the per-schedule figures.
      const label = order.includes(schedule) ? `${schedule} (${file.split('/').pop()})` : schedule;
      order.push(label);
      const lines = gold.filter((g) => g.schedule === schedule);
      const contract = await load(schedule, 'contract', file);
      const cards: JudgedDocument[] = [];
      for (const c of [...new Set(lines.map((g) => g.card))]) cards.push(await load(c, 'model-card', file));
      const alignments = alignContract(contract, cards, [], rules);
      const byContract = new Map<string, Alignment>(alignments.map((a) => [a.contractSentenceId, a]));
      const cardSentences = new Map(cards.flatMap((c) => c.sentences.map((s) => [s.id, s] as const)));
      const byText = new Map<string, Sentence>();
      for (const s of contract.sentences) if (!byText.has(normaliseText(s.text))) byText.set(normaliseText(s.text), s);
      for (const g of lines) {
        const s = findSentence(byText, contract.sentences, g.text);
        const a = s ? byContract.get(s.id) : undefined;
        const predicted = a?.cardSentenceId ? cardSentences.get(a.cardSentenceId) : undefined;
        const found = s !== undefined;
        const sourceCorrect = found && (g.source === null ? !predicted : predicted !== undefined && sourceNames(predicted).includes(normaliseWords(g.source)));
        const predictedKinds = [...new Set((a?.transformations ?? []).map((t) => t.kind))].sort();
        const goldKinds = [...new Set(g.transformations)].sort();
        cases.push({
          schedule: label,
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
          anchors: a?.anchors ?? [],
        });
      }
    }
  }
  const sourced = cases.filter((c) => c.goldSource !== null);
  const perKind: AlignmentScores['perKind'] = {};
  for (const k of KINDS) {
    const gold = cases.filter((c) => c.goldTransformations.includes(k)).length;
    const predicted = cases.filter((c) => c.predictedTransformations.includes(k)).length;
    const correct = cases.filter((c) => c.sourceCorrect && c.goldTransformations.includes(k) && c.predictedTransformations.includes(k)).length;
    perKind[k] = { gold, predicted, correct, precision: predicted === 0 ? (gold === 0 ? 1 : 0) : share(correct, predicted), recall: gold === 0 ? 1 : share(correct, gold) };
  }
  const perSchedule: ScheduleScore[] = order.map((schedule) => {
    const own = cases.filter((c) => c.schedule === schedule);
    const ownSourced = own.filter((c) => c.goldSource !== null);
    return {
      schedule,
      support: own.length,
      sourcedSupport: ownSourced.length,
      sourceAccuracy: share(own.filter((c) => c.sourceCorrect).length, own.length),
      transformationExact: share(ownSourced.filter((c) => c.transformationsCorrect).length, ownSourced.length),
    };
  });
  return {
    sourceAccuracy: share(cases.filter((c) => c.sourceCorrect).length, cases.length),
    transformationExact: share(sourced.filter((c) => c.transformationsCorrect).length, sourced.length),
    incorporationAccuracy: share(cases.filter((c) => c.incorporationCorrect).length, cases.length),
    sentenceRecall: share(cases.filter((c) => c.found).length, cases.length),
    support: cases.length,
    sourcedSupport: sourced.length,
    perKind,
    perSchedule,
    misaligned: cases.filter((c) => !c.sourceCorrect || (c.goldSource !== null && !c.transformationsCorrect)),
    ...(options.cases ? { cases } : {}),
  };
}

/** Human-readable alignment figures: totals, per kind, per schedule and the misaligned sentences. */
export function renderAlignmentScores(a: AlignmentScores): string {
  const pct = (x: number): string => x.toFixed(3);
  const pad = (x: string | number, n: number): string => String(x).padEnd(n);
  const lines = [
    `Alignment: ${a.support} gold lines (${a.sourcedSupport} with a source)`,
    `  source accuracy ${pct(a.sourceAccuracy)}  transformations exact ${pct(a.transformationExact)}  incorporation ${pct(a.incorporationAccuracy)}  sentence recall ${pct(a.sentenceRecall)}`,
    '  per kind:',
  ];
  for (const [k, v] of Object.entries(a.perKind)) lines.push(`    ${pad(k, 24)}gold ${pad(v.gold, 4)}predicted ${pad(v.predicted, 4)}correct ${pad(v.correct, 4)}precision ${pad(pct(v.precision), 7)}recall ${pct(v.recall)}`);
  lines.push('  per schedule:');
  for (const s of a.perSchedule) lines.push(`    ${pad(s.schedule, 48)}lines ${pad(s.support, 4)}source ${pad(pct(s.sourceAccuracy), 7)}exact ${pct(s.transformationExact)} (of ${s.sourcedSupport})`);
  lines.push(`  misaligned (${a.misaligned.length}):`);
  for (const c of a.misaligned) {
    lines.push(`    [${c.schedule}] ${c.text}`);
    if (!c.sourceCorrect) lines.push(`      source: gold ${c.goldSource === null ? 'none' : JSON.stringify(c.goldSource)}; found ${c.predictedSource === null ? 'none' : JSON.stringify(c.predictedSource)} (score ${c.similarity.toFixed(2)})`);
    lines.push(`      kinds: gold [${c.goldTransformations.join(', ')}]; found [${c.predictedTransformations.join(', ')}]${c.anchors.length ? `; anchors: ${c.anchors.join(', ')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
