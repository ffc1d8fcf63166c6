/**
 * Metric names as one word: "WER", "word error rate" and "wer (%)" all read as the metric
 * `wer`, "acc_norm" as `accuracy` (its variant), so a contract that spells a table's metric
 * out still meets it. Aliases come from the metrics of rules/benchmarks.yaml (kind 'benchmarks').
 */
import { ofKind, type RuleSet } from '../rules/load.ts';
import { tokenize, type Token } from '../text/tokens.ts';

/** Alias phrases as token keys, longest first, with their canonical metric. */
export interface MetricAliases {
  phrases: Array<{ keys: string[]; metric: string }>;
  /** The phrases by their first key, longest first (a token is checked only against phrases that can start with it). */
  byFirst?: Map<string, Array<{ keys: string[]; metric: string }>>;
}

const keyOf = (t: Token): string => t.stem || t.lower;

/** The metric aliases of a rule set (none when no benchmarks file is loaded); compileRuleSet calls this once. */
export function compileMetricAliases(rules: RuleSet, stopwords: Set<string>): MetricAliases {
  const phrases: MetricAliases['phrases'] = [];
  for (const file of ofKind(rules, 'benchmarks')) {
    for (const m of file.data.metrics) {
      // Aliases that need their exact case ("EM", "Correct") are ordinary words otherwise.
      const exact = new Set(m.exactCase.map((a) => a.toLowerCase()));
      for (const alias of [...m.aliases, ...m.variants.flatMap((v) => v.aliases)]) {
        if (exact.has(alias.toLowerCase())) continue;
        const tokens = tokenize(alias);
        if (tokens.length === 0 || (tokens.length === 1 && (stopwords.has(tokens[0]!.lower) || tokens[0]!.value !== undefined))) continue;
        phrases.push({ keys: tokens.map(keyOf), metric: m.name });
      }
    }
  }
  phrases.sort((a, b) => b.keys.length - a.keys.length);
  const byFirst = new Map<string, Array<{ keys: string[]; metric: string }>>();
  for (const p of phrases) {
    const list = byFirst.get(p.keys[0]!) ?? [];
    list.push(p);
    byFirst.set(p.keys[0]!, list);
  }
  return { phrases, byFirst };
}

/** Give the first token of every metric alias the key `metric:<name>` and mark the rest as absorbed. */
export function canonicaliseMetrics(tokens: Token[], aliases: MetricAliases): void {
  for (let i = 0; i < tokens.length; i++) {
    const candidates = aliases.byFirst ? (aliases.byFirst.get(keyOf(tokens[i]!)) ?? []) : aliases.phrases;
    for (const p of candidates) {
      if (i + p.keys.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < p.keys.length && ok; k++) ok = keyOf(tokens[i + k]!) === p.keys[k];
      if (!ok) continue;
      tokens[i]!.stem = `metric:${p.metric}`;
      for (let k = 1; k < p.keys.length; k++) tokens[i + k]!.absorbed = true;
      i += p.keys.length - 1;
      break;
    }
  }
}
