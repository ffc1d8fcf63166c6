/**
 * `warrant eval --evidence-gold`: the evidence linker's verdict meter (issue 12, item 4).
 *
 * A gold pair names a card, the evidence files (paths relative to `--docs`), the number the card
 * prints (`claimed_text`, `claimed`, `benchmark`) and the verdict those files give it. For each
 * distinct (card, files) the real pipeline runs (`analyze` with the card as a model card and the
 * files as evidence); the pair's number is found among the card's claimed numbers (table and prose
 * quantities, model-index entries) by its printed text, and the verdict of its link to one of the
 * pair's files is the prediction. A pair with no files is "unverified" gold: it is run against every
 * file the gold pairs of that card name, and any link to a file is the prediction.
 *
 * Nothing here reads the gold's `observed`, `model` or `why` when predicting: they are for people.
 */
import { posix } from 'node:path';
import { z } from '../rules/zod.ts';
import type { EvidenceRecord, InputFile, Link, Report, Verdict } from '../model/types.ts';
import { WarrantError, isWarrantError } from '../model/errors.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { analyze } from '../analyze.ts';

/** Verdicts a gold pair can carry. */
export const GOLD_VERDICTS = ['supported', 'contradicted', 'methodology-mismatch', 'other-model', 'stale', 'unverified'] as const;

const goldPairSchema = z.object({
  card: z.string().min(1),
  evidence: z.array(z.string().min(1)),
  benchmark: z.string().min(1),
  metric: z.string().nullish(),
  shots: z.number().int().nullish(),
  model: z.string().nullish(),
  claimed: z.number(),
  claimed_text: z.string().min(1),
  observed: z.number().nullish(),
  verdict: z.enum(GOLD_VERDICTS),
  direction: z.string().nullish(),
  why: z.string().nullish(),
});

/** One gold claim/evidence pair. */
export type EvidenceGoldPair = z.infer<typeof goldPairSchema> & { line: number };

/** Parse evidence gold JSONL; a bad line is GOLD_MALFORMED naming the file and line. */
export function parseEvidenceGold(text: string, file: string): EvidenceGoldPair[] {
  const out: EvidenceGoldPair[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      throw new WarrantError('GOLD_MALFORMED', `invalid JSON: ${(cause as Error).message}`, { file, line: i + 1, cause });
    }
    const parsed = goldPairSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new WarrantError('GOLD_MALFORMED', `evidence gold pair: ${issue.path.join('.') || 'record'}: ${issue.message}`, { file, line: i + 1 });
    }
    out.push({ ...parsed.data, line: i + 1 });
  });
  return out;
}

/** What the meter predicted for one pair. */
export type Predicted = Verdict | 'not-found' | 'error';

/** The outcome of one gold pair. */
export interface PairOutcome {
  line: number;
  card: string;
  evidence: string[];
  benchmark: string;
  claimedText: string;
  gold: Verdict;
  predicted: Predicted;
  /** The link note (or the reason nothing was predicted). */
  note: string;
}

/** Verdict-meter figures. */
export interface EvidenceEvaluation {
  support: number;
  correct: number;
  accuracy: number;
  /** Pairs predicted `supported` that are gold `supported`, over pairs predicted `supported` (1 when none is predicted). */
  supportedPrecision: number;
  supportedPredicted: number;
  /** Gold verdict → predicted verdict → count. */
  confusion: Record<string, Record<string, number>>;
  /** Per card: pairs and correct. */
  perCard: Array<{ card: string; support: number; correct: number; accuracy: number }>;
  wrong: PairOutcome[];
  outcomes: PairOutcome[];
}

/** Normal form of a printed number for matching ("59.20" = "59.20", "50.7%" = "50.7"). */
function printed(s: string): string {
  return s.trim().replace(/[%\s]+$/, '').replace(/^\+/, '');
}

interface ClaimedSite {
  claimId: string;
  quantityIndex?: number;
  benchmark?: string;
  /** Order in the card (model-index entries come after the body). */
  order: number;
}

/** Every place in the card's report that states `text`: claim quantities and model-index entries. */
function sitesOf(report: Report, cardDocId: string, text: string): ClaimedSite[] {
  const want = printed(text);
  const sites: ClaimedSite[] = [];
  let order = 0;
  for (const claim of report.claims) {
    if (claim.docId !== cardDocId) continue;
    claim.quantities.forEach((q, qi) => {
      order++;
      if (printed(q.raw) === want) sites.push({ claimId: claim.id, quantityIndex: qi, ...(q.benchmark ? { benchmark: q.benchmark } : {}), order });
    });
  }
  for (const r of report.evidence) {
    // model-index entries and numbers printed in code blocks are claimed numbers too
    if ((r.origin?.kind !== 'model-index' && r.origin?.kind !== 'code-block') || r.origin.docId !== cardDocId) continue;
    order++;
    if (printed(String(r.rawValue)) === want) sites.push({ claimId: r.id, benchmark: r.benchmark, order });
  }
  return sites;
}

/** Run the pipeline for one card with the given evidence files. */
async function runCard(cardPath: string, files: string[], docsDir: string, rules: CompiledRules, readFile: (p: string) => Uint8Array): Promise<Report> {
  const inputs: InputFile[] = [{ name: posix.basename(cardPath), bytes: readFile(posix.join(docsDir, cardPath)), role: 'model-card' }];
  for (const f of files) inputs.push({ name: posix.basename(f), bytes: readFile(posix.join(docsDir, f)), role: 'evidence' });
  return analyze(inputs, { rules });
}

const VERDICT_ORDER: Predicted[] = [...GOLD_VERDICTS, 'not-found', 'error'];

/** Predict one pair's verdict from its card's report. */
function predict(pair: EvidenceGoldPair, report: Report, files: string[], rules: CompiledRules): { predicted: Predicted; note: string } {
  const card = report.documents.find((d) => d.role === 'model-card');
  if (!card) return { predicted: 'error', note: 'the card was not read as a model card' };
  let sites = sitesOf(report, card.id, pair.claimed_text);
  if (sites.length === 0) return { predicted: 'not-found', note: `the card states no number printed "${pair.claimed_text}"` };
  // Several places print the same number: keep those on the gold benchmark when any are.
  const bench = rules.names.benchmark(pair.benchmark)?.name;
  const onBench = bench ? sites.filter((s) => s.benchmark === bench) : [];
  if (onBench.length) sites = onBench;
  const records = new Map<string, EvidenceRecord>(report.evidence.map((r) => [r.id, r]));
  const fileNames = new Set(files.map((f) => posix.basename(f)));
  const fromFiles = (l: Link): boolean => l.evidenceIds.some((id) => fileNames.has(records.get(id)?.source ?? ''));
  const linksOf = (s: ClaimedSite): Link[] => report.links.filter((l) => l.claimId === s.claimId && (s.quantityIndex === undefined || l.quantityIndex === s.quantityIndex) && fromFiles(l));
  const linked = sites.map((s) => ({ s, links: linksOf(s) })).filter((x) => x.links.length > 0);
  if (linked.length === 0) {
    const own = report.links.find((l) => sites.some((s) => s.claimId === l.claimId && (s.quantityIndex === undefined || l.quantityIndex === s.quantityIndex)));
    return { predicted: 'unverified', note: own?.note ?? 'no link to the pair\'s evidence files' };
  }
  // The first place in the card that meets the files decides (a table row before its model-index restatement).
  linked.sort((a, b) => a.s.order - b.s.order);
  const link = linked[0]!.links[0]!;
  return { predicted: link.verdict, note: link.note };
}

/** Score the verdicts the pipeline gives on gold pairs. Paths in the gold are relative to `docsDir`. */
export async function evaluateEvidence(pairs: readonly EvidenceGoldPair[], docsDir: string, rules: CompiledRules, readFile: (p: string) => Uint8Array): Promise<EvidenceEvaluation> {
  const dir = docsDir.split('\\').join('/');
  // Files a card's pairs name: what "no evidence" pairs are run against.
  const filesOfCard = new Map<string, Set<string>>();
  for (const p of pairs) {
    const set = filesOfCard.get(p.card) ?? new Set<string>();
    for (const f of p.evidence) set.add(f);
    filesOfCard.set(p.card, set);
  }
  const runs = new Map<string, Promise<Report>>();
  const outcomes: PairOutcome[] = [];
  for (const pair of pairs) {
    const files = pair.evidence.length ? [...pair.evidence] : [...(filesOfCard.get(pair.card) ?? [])].sort();
    const key = `${pair.card}\u0000${files.join('\u0000')}`;
    if (!runs.has(key)) runs.set(key, runCard(pair.card, files, dir, rules, readFile));
    const base = { line: pair.line, card: pair.card, evidence: pair.evidence, benchmark: pair.benchmark, claimedText: pair.claimed_text, gold: pair.verdict };
    try {
      const report = await runs.get(key)!;
      outcomes.push({ ...base, ...predict(pair, report, files, rules) });
    } catch (err) {
      const note = isWarrantError(err) ? err.describe() : err instanceof Error ? err.message : String(err);
      outcomes.push({ ...base, predicted: 'error', note });
    }
  }
  return score(outcomes);
}

/** Figures from outcomes. */
export function score(outcomes: PairOutcome[]): EvidenceEvaluation {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of GOLD_VERDICTS) confusion[g] = Object.fromEntries(VERDICT_ORDER.map((p) => [p, 0]));
  const perCard = new Map<string, { support: number; correct: number }>();
  let correct = 0;
  for (const o of outcomes) {
    confusion[o.gold]![o.predicted] = (confusion[o.gold]![o.predicted] ?? 0) + 1;
    const c = perCard.get(o.card) ?? { support: 0, correct: 0 };
    c.support++;
    if (o.predicted === o.gold) {
      correct++;
      c.correct++;
    }
    perCard.set(o.card, c);
  }
  const supportedPredicted = outcomes.filter((o) => o.predicted === 'supported').length;
  const supportedRight = outcomes.filter((o) => o.predicted === 'supported' && o.gold === 'supported').length;
  return {
    support: outcomes.length,
    correct,
    accuracy: outcomes.length ? correct / outcomes.length : 0,
    supportedPrecision: supportedPredicted ? supportedRight / supportedPredicted : 1,
    supportedPredicted,
    confusion,
    perCard: [...perCard].map(([card, c]) => ({ card, ...c, accuracy: c.support ? c.correct / c.support : 0 })),
    wrong: outcomes.filter((o) => o.predicted !== o.gold),
    outcomes,
  };
}

const SHORT: Record<string, string> = {
  supported: 'supp',
  contradicted: 'contr',
  'methodology-mismatch': 'meth',
  'other-model': 'other',
  stale: 'stale',
  unverified: 'unver',
  'not-found': 'nofind',
  error: 'error',
};

/** The evaluation as text: totals, confusion (gold rows × predicted columns), per card, wrong pairs. */
export function renderEvidenceEvaluation(e: EvidenceEvaluation): string {
  const f = (x: number): string => x.toFixed(3);
  const lines = [
    `Evidence verdicts: ${e.correct}/${e.support} pairs right, accuracy ${f(e.accuracy)}; supported precision ${f(e.supportedPrecision)} (${e.supportedPredicted} predicted supported)`,
    `  confusion (gold rows × predicted columns):`,
    `    ${''.padEnd(22)}${VERDICT_ORDER.map((v) => SHORT[v]!.padEnd(7)).join('')}`,
  ];
  for (const g of GOLD_VERDICTS) lines.push(`    ${g.padEnd(22)}${VERDICT_ORDER.map((p) => String(e.confusion[g]![p] ?? 0).padEnd(7)).join('')}`);
  lines.push('  per card:');
  for (const c of e.perCard) lines.push(`    ${c.card.padEnd(60)}${c.correct}/${c.support}  ${f(c.accuracy)}`);
  if (e.wrong.length) lines.push('  wrong pairs:');
  for (const w of e.wrong) {
    lines.push(`    line ${w.line}: ${w.benchmark} ${w.claimedText} [${w.evidence.map((x) => posix.basename(x)).join(', ') || 'no files'}] gold ${w.gold}, predicted ${w.predicted}`);
    lines.push(`      ${w.note.slice(0, 400)}`);
  }
  return `${lines.join('\n')}\n`;
}
