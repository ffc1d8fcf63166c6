/**
 * Compiles a validated rule set once for every stage: `compileRuleSet(rules)` returns the typed
 * CompiledRules each stage receives (analyze, the worker pool, the API runner, eval and train take
 * them from here). Each stage owns how its slice is compiled (a pure function next to the code
 * that uses it); this module only checks that every required kind is loaded and assembles the
 * slices, so a broken rule folder fails here, at start-up, with RULES_INVALID naming the rule.
 *
 * CompiledRules keeps the validated files and the rule-set hash (it extends RuleSet), for the few
 * readers of raw rule data (the finding catalogue, profiles, `warrant train`).
 */
import { shippedRules, type RuleSet } from './load.ts';
import { checkRequiredKinds } from './required.ts';
import { compileClassifier, type CompiledClassifier } from '../classify/compile.ts';
import { compileRoles, type CompiledRoles } from '../ingest/role-guess.ts';
import { compileSegmentation, type SegmentationRules } from '../segment/abbreviations.ts';
import { compileBenchmarks, type BenchmarkVocabulary } from '../extract/benchmark-names.ts';
import { compileProseVocab, type ProseVocab } from '../extract/quantities-prose.ts';
import { compileNumberVocab, type NumberVocab } from '../extract/quantities-numbers.ts';
import { compileTableVocab, type TableVocab } from '../extract/table-quantities.ts';
import { compileLegalRules, type LegalRules } from '../contract/legal-rules.ts';
import { compileAlignmentRules, type AlignmentRules } from '../align/align-rules.ts';
import { compileMetricAliases, type MetricAliases } from '../align/metric-aliases.ts';
import { compileEvidenceRules, type EvidenceRules } from '../evidence/evidence-rules.ts';
import { namesFor, type Names } from '../evidence/names.ts';
import { checkAssessRules } from '../assess/index.ts';

/** Every stage's rules, compiled once per rule set. */
export interface CompiledRules extends RuleSet {
  /** Cue nets, claim-type vocabularies, settings and models (rules/cues, rules/claims, classifier.yaml, weights.json). */
  readonly classifier: CompiledClassifier;
  /** Role-guessing signals (rules/roles.yaml). */
  readonly roles: CompiledRoles;
  /** Abbreviations, clause words and month names of the sentence splitter (rules/segmentation.yaml). */
  readonly segmentation: SegmentationRules;
  /** Benchmark, metric, condition and domain names (rules/benchmarks.yaml). */
  readonly benchmarks: BenchmarkVocabulary;
  /** Prose-quantity vocabulary (rules/benchmarks.yaml `prose`). */
  readonly prose: ProseVocab;
  /** Number vocabulary: units, version words, comparators (rules/benchmarks.yaml). */
  readonly numbers: NumberVocab;
  /** Table header roles, column readings and weight-format words (rules/benchmarks.yaml `tableHeaders`, rules/evidence.yaml). */
  readonly tables: TableVocab;
  /** Contract reading (rules/legal.yaml). */
  readonly legal: LegalRules;
  /** Alignment patterns and vocabularies (rules/alignment.yaml). */
  readonly alignment: AlignmentRules;
  /** Metric aliases as token keys (rules/benchmarks.yaml metrics, minus alignment stopwords). */
  readonly metricAliases: MetricAliases;
  /** Evidence reading, linking and verdicts (rules/evidence.yaml). */
  readonly evidence: EvidenceRules;
  /** Benchmark and metric name resolution for the evidence stage. */
  readonly names: Names;
}

/**
 * Compile every stage's rules now. Throws RULES_INVALID naming the file and rule when a required
 * kind is missing or a pattern cannot be compiled.
 */
export function compileRuleSet(rules: RuleSet): CompiledRules {
  if ('classifier' in rules && 'names' in rules) return rules as CompiledRules;
  checkRequiredKinds(rules);
  const benchmarks = compileBenchmarks(rules);
  const evidence = compileEvidenceRules(rules);
  const alignment = compileAlignmentRules(rules);
  const partial = {
    files: rules.files,
    sha256: rules.sha256,
    classifier: compileClassifier(rules),
    roles: compileRoles(rules),
    segmentation: compileSegmentation(rules),
    benchmarks,
    prose: compileProseVocab(benchmarks.data),
    numbers: compileNumberVocab(benchmarks.data),
    tables: compileTableVocab(benchmarks.data, evidence),
    legal: compileLegalRules(rules),
    alignment,
    metricAliases: compileMetricAliases(rules, alignment.stopwords),
    evidence,
  };
  // Name resolution reads the benchmark vocabulary through the compiled rules themselves.
  const compiled = partial as CompiledRules;
  (compiled as { names: Names }).names = namesFor(compiled);
  // The finding catalogue and every profile resolve (assess reads them per run from the files).
  checkAssessRules(rules);
  return compiled;
}

let shipped: CompiledRules | undefined;

/** The shipped rules, compiled once per process. */
export function compiledShippedRules(): CompiledRules {
  shipped ??= compileRuleSet(shippedRules());
  return shipped;
}
