/**
 * Quantities from running text: "scores 68.4 on MMLU (5-shot)", "a top-1 accuracy of 76.2%",
 * "WER of 4.2%", "achieves 86.1% on HumanEval pass@1", "at least 90% accuracy", "62.0 ± 0.5".
 * A number is a performance quantity only when the sentence names a benchmark or a metric;
 * sizes, counts, years, versions and names ("7B", "15T tokens", "2023", "v3.1", "Claude 2")
 * never are. Each number takes the nearest benchmark and metric in its clause, preferring the
 * ones no other number stands between.
 */
import type { Document, Quantity, Sentence } from '../model/types.ts';
import type { CompiledRules } from '../rules/compile.ts';
import { benchmarkInfo, type BenchmarksData, type ConditionMention, findBenchmarkMentions, findConditions, findMetricMentions, metricInfo, readConditions, resolveSplit, type NameMention } from './benchmark-names.ts';
import { findNumbers, type NumberToken } from './quantities-numbers.ts';
import { relateModel, type OwnModel } from './quantities-model.ts';

/** The prose-quantity vocabulary (rules/benchmarks.yaml `prose`), compiled once per rule set. */
export interface ProseVocab {
  subject: RegExp;
  datasetName?: RegExp;
  /** A dataset noun anywhere (`datasetName`'s last part): a text without one names no dataset by phrase. */
  datasetNoun?: RegExp;
  datasetLead: RegExp;
  datasetNounAfter?: RegExp;
  /** After a percentage: "of" a share noun ("of its AIME responses"), so the percentage is a share of outputs. */
  shareAfter?: RegExp;
  notDatasetNames: Set<string>;
  clauseBreak: RegExp;
  comparison: RegExp;
  benchmarkAfter: RegExp;
  valueAfter: RegExp;
  /**
   * Each split's aliases that are compound names ("test set", "test-clean"; in prose a bare "test" is too
   * common a word), longest first within a split, each with its pattern.
   */
  compoundSplits: Array<{ alias: string; re: RegExp }>;
}

function alternation(phrases: string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('|');
}

/** An alternation matching the words in any case, for regexes that must otherwise keep case. */
function caseFree(words: string[]): string {
  if (words.length === 0) return '(?!)';
  return alternation(words)
    .split('')
    .map((c) => (/\p{L}/u.test(c) && c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c))
    .join('');
}

/** The prose vocabulary of the merged benchmarks rules (compileRuleSet calls this once). */
export function compileProseVocab(data: BenchmarksData): ProseVocab {
  const p = data.prose;
  const never = '(?!)';
  const words = (list: string[] | undefined): string => (list && list.length ? alternation(list) : never);
  const nouns = p?.datasetNouns?.phrases ?? [];
  return {
    // Case matters for the name (capitals), not for the lead words: spell those case-free by hand.
    // Later words of a name are capitalised words, sizes ("7B") or short versions ("2", "3.1"), never scores ("72.9").
    subject: new RegExp(
      `^\\s*(?:(?:${caseFree(p?.subjectLead ?? [])})\\s+)*([\\p{Lu}][\\p{L}\\p{N}.+-]*(?:\\s+(?:[\\p{Lu}][\\p{L}\\p{N}.+-]*|\\d+(?:\\.\\d+)?[\\p{L}][\\p{L}\\p{N}-]*|\\d(?:\\.\\d+)?(?![\\p{N}.])|\\d{2}(?![\\p{N}.,]))){0,3})`,
      'u',
    ),
    // "on the imdb dataset", "using the Acme-QA benchmark": one to four name-like words before a dataset noun.
    datasetName:
      nouns.length && p?.datasetLead.length
        ? new RegExp(`(?<![\\p{L}])(?:${alternation(p.datasetLead)})\\s+(?:the\\s+)?((?:[\\p{L}\\p{N}][\\p{L}\\p{N}_./+-]*\\s+){1,4}?)(?:${alternation(nouns)})(?![\\p{L}])`, 'giu')
        : undefined,
    datasetNoun: nouns.length && p?.datasetLead.length ? new RegExp(`(?:${alternation(nouns)})(?![\\p{L}])`, 'iu') : undefined,
    datasetLead: new RegExp(`^(?:${alternation(p?.datasetLead ?? ['(?!)'])}|the|a|an)$`, 'iu'),
    datasetNounAfter: nouns.length ? new RegExp(`^\\s+(?:${alternation(nouns)})(?![\\p{L}])`, 'iu') : undefined,
    shareAfter: p?.shareNouns?.phrases.length ? new RegExp(`^\\s+of\\s+(?:[\\p{L}\\p{N}'’-]+\\s+){0,3}?(?:${alternation(p.shareNouns.phrases)})(?![\\p{L}])`, 'iu') : undefined,
    notDatasetNames: new Set((p?.notDatasetNames ?? []).map((w) => w.toLowerCase())),
    // A break word ends a clause; so do ";" and ". " (sentence-internal stops).
    clauseBreak: new RegExp(`;|\\.\\s|,?\\s(?:${words(p?.clauseBreaks.phrases.filter((w) => /\p{L}/u.test(w)))})\\s`, 'giu'),
    comparison: new RegExp(`(?<![\\p{L}])(?:${words(p?.comparisons.phrases)})\\s+`, 'giu'),
    benchmarkAfter: new RegExp(`^\\s*(?:${words(p?.benchmarkAfter.phrases)})\\s+$`, 'iu'),
    valueAfter: new RegExp(`^\\s*(?:${words(p?.valueAfter.phrases)})?\\s*$`, 'iu'),
    compoundSplits: data.splits.flatMap((sp) =>
      [...sp.aliases]
        .sort((x, y) => y.length - x.length)
        .filter((a) => /[\s-]/.test(a))
        .map((alias) => ({ alias, re: new RegExp(`(?<![\\p{L}\\p{N}-])${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]')}(?![\\p{L}\\p{N}-])`, 'iu') })),
    ),
  };
}

interface Span {
  start: number;
  end: number;
}

/** The clause breaks of a text, in order (found once per sentence, not once per number: issue 17). */
function clauseBreaks(text: string, vocab: ProseVocab): Span[] {
  vocab.clauseBreak.lastIndex = 0;
  return [...text.matchAll(vocab.clauseBreak)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
}

/** The clause around `pos`: from the end of the last break before it to the start of the first break after it. */
function clauseOf(breaks: Span[], textLength: number, pos: number): Span {
  let start = 0;
  let end = textLength;
  // Breaks do not overlap, so their starts and ends both increase: binary search for each side.
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) start = breaks[lo - 1]!.end;
  for (let i = lo; i < breaks.length; i++) {
    if (breaks[i]!.start >= pos) {
      end = breaks[i]!.start;
      break;
    }
  }
  return { start, end };
}

/**
 * How far from a number, within its clause, its benchmark, metric, conditions and comparison are looked
 * for. Real clauses are far shorter; the bound keeps a hostile run-on sentence of thousands of figures
 * (issue 17: "MMLU 67.9 and " × 4,000 took 38 s) linear.
 */
const CLAUSE_REACH = 400;

/** Distance from a number to a mention; Infinity when another number stands between them or a clause break does. */
function distance(n: NumberToken, m: NameMention, numbers: NumberToken[], clause: Span, text: string, vocab: ProseVocab): number {
  if (m.start < clause.start || m.end > clause.end) return Infinity;
  const [a, b] = m.end <= n.start ? [m.end, n.comparatorStart ?? n.start] : [n.stderrEnd ?? n.end, m.start];
  if (numbers.some((o) => o !== n && o.start >= a && o.end <= b)) return Infinity;
  const gap = text.slice(a, b);
  let d = gap.length;
  // "86.1% on HumanEval", "scores 68.4 in MMLU": the benchmark after a preposition is the number's own;
  // a name after the number without one ("90 and GSM8K") usually starts the next claim.
  if (m.start >= n.end) d += vocab.benchmarkAfter.test(gap) ? -100 : 30;
  // "MMLU: 68.4", "MMLU score of 68.4", "WER of 4.2%": the name before the number.
  if (m.end <= n.start && vocab.valueAfter.test(gap)) d -= 50;
  return d;
}

function nearest(n: NumberToken, mentions: NameMention[], numbers: NumberToken[], clause: Span, text: string, vocab: ProseVocab): NameMention | undefined {
  let best: NameMention | undefined;
  let bestD = Infinity;
  for (const m of mentions) {
    const d = distance(n, m, numbers, clause, text, vocab);
    if (d < bestD) {
      bestD = d;
      best = m;
    }
  }
  return best;
}

/**
 * Conditions that belong to a number: those in brackets right after its benchmark or metric
 * ("MMLU (5-shot)"), else those within a few characters of the benchmark, metric or number
 * ("5-shot MMLU", "HumanEval pass@1, 0-shot") in the same clause, with no other number between.
 * `inClause`: the conditions the clause names (offsets in the clause).
 */
function conditionsNear(text: string, n: NumberToken, anchors: NameMention[], numbers: NumberToken[], clause: Span, inClause: ConditionMention[], rules: CompiledRules): { shots?: number; labels: string[]; metric?: string } {
  const out: { shots?: number; labels: string[]; metric?: string } = { labels: [] };
  for (const a of anchors) {
    const bracket = /^\s*[([]([^)\]]{1,60})[)\]]/u.exec(text.slice(a.end));
    if (bracket) {
      const c = readConditions(bracket[1]!, rules);
      out.shots ??= c.shots;
      out.labels.push(...c.conditions);
      out.metric ??= c.metric?.name;
    }
  }
  const near = [n, ...anchors];
  for (const c of inClause) {
    const cs = c.start + clause.start;
    const ce = c.end + clause.start;
    const close = near.some((a) => {
      const [x, y] = ce <= a.start ? [ce, a.start] : [a.end, cs];
      return y - x <= 30 && y >= x - 1 && !numbers.some((o) => o !== n && o.start >= x && o.end <= y);
    });
    if (!close) continue;
    if (c.sets === 'shots') out.shots ??= c.shots;
    else out.labels.push(c.label);
  }
  return out;
}

/** The split named in a clause ("on the test set", "test-clean"); compound names only. */
export function splitIn(text: string, rules: CompiledRules): string | undefined {
  for (const { alias, re } of rules.prose.compoundSplits) if (re.test(text)) return resolveSplit(alias, rules);
  return undefined;
}

/** The comparison model a number belongs to, if the clause introduces one before it ("than Llama 2's 45.3"). */
function comparisonModel(text: string, n: NumberToken, clause: Span, vocab: ProseVocab): string | undefined {
  const before = text.slice(clause.start, n.start);
  let last: RegExpExecArray | undefined;
  vocab.comparison.lastIndex = 0;
  for (const m of before.matchAll(vocab.comparison)) last = m as RegExpExecArray;
  if (!last) return undefined;
  const tail = before.slice(last.index! + last[0].length);
  const name = /^((?:the\s+)?[\p{Lu}][\p{L}\p{N}.\-]*(?:\s+[\p{Lu}\p{N}][\p{L}\p{N}.\-]*){0,3})/u.exec(tail);
  return name ? name[1]!.replace(/^the\s+/i, '').replace(/'s$/, '') : undefined;
}

/**
 * The model a clause is about when its subject is another model ("Mistral-7B scores 60.1 on MMLU"
 * in a card for a fine-tune of it). Only names shaped like model names count (a digit, an inner
 * hyphen or inner capital: "GPT-4", "Llama 2", "DeepSeek"), so "Developers" or "The model" never do.
 */
function subjectModel(text: string, clause: Span, names: NameMention[], own: OwnModel, rules: CompiledRules, vocab: ProseVocab): string | undefined {
  const head = text.slice(clause.start, clause.end);
  const m = vocab.subject.exec(head);
  if (!m) return undefined;
  const name = m[1]!.replace(/[.,]+$/, '');
  const start = clause.start + m.index + m[0].length - m[1]!.length;
  if (names.some((x) => x.start < start + name.length && x.end > start)) return undefined;
  if (!/\d|\p{Ll}\p{Lu}|\p{L}-[\p{L}\p{N}]/u.test(name)) return undefined;
  return relateModel(name, own, rules) === 'other' ? name : undefined;
}

/** The benchmark a metric mention is written against, if it sits right next to one ("HumanEval pass@1", "MMLU (acc)"). */
function attachedBenchmark(m: NameMention, benches: NameMention[], text: string): NameMention | undefined {
  return benches.find((b) => {
    const gap = b.end <= m.start ? text.slice(b.end, m.start) : m.end <= b.start ? text.slice(m.end, b.start) : 'x';
    return /^[\s([-]{0,3}$/u.test(gap);
  });
}

/** A dataset named by phrase ("on the imdb dataset") in a text, when the rules know no benchmark there. */
function datasetPhrase(text: string, vocab: ProseVocab): { name: string; text: string } | undefined {
  // The phrase pattern backtracks over up to four words after every lead word: first ask for its noun.
  if (!vocab.datasetName || !vocab.datasetNoun?.test(text)) return undefined;
  vocab.datasetName.lastIndex = 0;
  for (const m of text.matchAll(vocab.datasetName)) {
    // The name is the words after the last lead word or number ("0.91 on the imdb dataset" → "imdb").
    const all = m[1]!.trim().split(/\s+/);
    let from = 0;
    all.forEach((w, i) => {
      if (vocab.datasetLead.test(w) || /^[\d.,%]+$/.test(w)) from = i + 1;
    });
    const words = all.slice(from);
    if (words.length === 0 || words.some((w) => vocab.notDatasetNames.has(w.toLowerCase()))) continue;
    return { name: words.join(' '), text: words.join(' ') };
  }
  return undefined;
}

/**
 * The benchmark a sentence inherits when it names none itself: list items and key-value lines
 * under a lead-in ("… on the Common Voice 11.0 dataset. It achieves the following results:" →
 * "- Wer: 32.42") take the one benchmark their lead-in paragraph names.
 */
function inheritedBenchmark(sentence: Sentence, doc: Document, rules: CompiledRules, vocab: ProseVocab): { name: string; text: string } | undefined {
  const block = doc.blocks.find((b) => b.id === sentence.blockId);
  const lead = block?.leadBlockId ? doc.blocks.find((b) => b.id === block.leadBlockId) : undefined;
  if (!lead) return undefined;
  const names = [...new Map(findBenchmarkMentions(lead.text, rules).map((m) => [m.name, m])).values()];
  if (names.length === 1) return { name: names[0]!.name, text: names[0]!.text };
  if (names.length > 1) return undefined;
  return datasetPhrase(lead.text, vocab);
}

/** Quantities of one prose sentence. */
export function proseQuantities(sentence: Sentence, doc: Document, rules: CompiledRules, own: OwnModel): Quantity[] {
  const text = sentence.text;
  if (!/\d/.test(text)) return [];
  const benches = findBenchmarkMentions(text, rules);
  const metrics = findMetricMentions(text, rules);
  if (benches.length === 0 && metrics.length === 0) return [];
  const vocab = rules.prose;
  // No known benchmark in the sentence: a dataset phrase in it, or the one its lead-in names.
  const fallback = benches.length === 0 ? (datasetPhrase(text, vocab) ?? inheritedBenchmark(sentence, doc, rules, vocab)) : undefined;
  const names = [...benches, ...metrics];
  const numbers = findNumbers(text, rules).filter((n) => !names.some((m) => n.start < m.end && n.end > m.start));
  // "the Common Voice 11.0 dataset": a number right before a dataset noun is part of the name.
  // "in 63% of its AIME responses": a share of the model's outputs, not a score.
  const scores = numbers.filter((n) => !n.notScore && !(vocab.datasetNounAfter?.test(text.slice(n.end)) ?? false) && !(n.percent && (vocab.shareAfter?.test(text.slice(n.end)) ?? false)));
  const out: Quantity[] = [];
  const breaks = clauseBreaks(text, vocab);
  const splits = new Map<string, string | undefined>();
  const clauseConditions = new Map<string, ConditionMention[]>();
  const attached = new Map<NameMention, NameMention | undefined>();
  const ownerOf = (m: NameMention): NameMention | undefined => {
    if (!attached.has(m)) attached.set(m, attachedBenchmark(m, benches, text));
    return attached.get(m);
  };
  for (const n of scores) {
    const whole = clauseOf(breaks, text.length, n.start);
    const clause = { start: Math.max(whole.start, n.start - CLAUSE_REACH), end: Math.min(whole.end, n.end + CLAUSE_REACH) };
    const inClause = (m: Span): boolean => m.start >= clause.start && m.end <= clause.end;
    const nearScores = scores.filter(inClause);
    const bench = nearest(n, benches.filter(inClause), nearScores, clause, text, vocab);
    // A metric written against a benchmark ("HumanEval pass@1", "MMLU (acc)") is that benchmark's only.
    const metric = nearest(n, metrics.filter((m) => {
      if (!inClause(m)) return false;
      const owner = ownerOf(m);
      return owner === undefined || owner === bench;
    }), nearScores, clause, text, vocab);
    if (!bench && !metric) continue;
    const info = bench ? benchmarkInfo(bench.name, rules) : undefined;
    const mInfo = metric ? metricInfo(metric.name, rules) : info?.metric ? metricInfo(info.metric, rules) : undefined;
    let scale: Quantity['scale'];
    if (n.percent) scale = 'percent';
    else if (mInfo?.kind === 'raw') scale = 'raw';
    else if (mInfo?.kind === 'rate') scale = Math.abs(n.value) <= 1 && n.precision > 0 ? 'fraction' : 'percent';
    else scale = info?.scale ?? 'raw';
    // Bare integers are more often counts than scores: keep one only when a metric or benchmark is linked to it
    // by the words between ("accuracy of 90", "MMLU: 90", "90 on MMLU"), or it has a percent sign.
    const linked = (m: NameMention | undefined): boolean => m !== undefined && distance(n, m, nearScores, clause, text, vocab) < 0;
    if (!n.percent && n.precision === 0 && !linked(metric) && !linked(bench)) continue;
    const q: Quantity = { value: n.value, raw: n.raw, precision: n.precision, scale, start: n.start, end: n.end };
    if (bench) {
      q.benchmark = bench.name;
      q.benchmarkText = bench.text;
    } else if (fallback && metric) {
      q.benchmark = fallback.name;
      q.benchmarkText = fallback.text;
    }
    if (metric) q.metric = metric.name;
    if (scale === 'percent') q.unit = '%';
    // The conditions of a clause, found once for all its numbers.
    const spanKey = `${clause.start}:${clause.end}`;
    let clauseConds = clauseConditions.get(spanKey);
    if (!clauseConds) clauseConditions.set(spanKey, (clauseConds = findConditions(text.slice(clause.start, clause.end), rules)));
    const conds = conditionsNear(text, n, [bench, metric].filter((x): x is NameMention => x !== undefined), nearScores, clause, clauseConds, rules);
    const conditions: string[] = [...conds.labels];
    if (conds.shots !== undefined) q.shots = conds.shots;
    if (conds.metric && !q.metric) q.metric = conds.metric;
    if (metric?.variant) conditions.push(metric.variant);
    if (conditions.length) q.conditions = [...new Set(conditions)];
    // The split is the whole clause's (read once per clause).
    const clauseKey = `${whole.start}:${whole.end}`;
    if (!splits.has(clauseKey)) splits.set(clauseKey, splitIn(text.slice(whole.start, whole.end), rules));
    const split = splits.get(clauseKey);
    if (split) q.split = split;
    if (n.comparator) q.comparator = n.comparator;
    if (n.stderr !== undefined) q.stderr = n.stderr;
    const compared = comparisonModel(text, n, clause, vocab);
    const other = compared && relateModel(compared, own, rules) === 'other' ? compared : subjectModel(text, whole, names, own, rules, vocab);
    if (other) {
      q.model = other;
      q.ownModel = false;
    } else {
      if (own.display) q.model = own.display;
      q.ownModel = true;
    }
    out.push(q);
  }
  return out;
}
