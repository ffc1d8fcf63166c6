/**
 * The shape every format reader produces before names are resolved and values normalised
 * (record.ts turns these into EvidenceRecords). Keeps readers free of alias rules.
 */
import type { EvidenceRecord } from '../model/types.ts';

/** One result as a file states it. */
export interface RawResult {
  /** Benchmark words as the file gives them (task name, dataset id, CSV cell). */
  benchmarkText: string;
  /** Other names of the same benchmark to try when `benchmarkText` does not resolve (dataset display name, task name). */
  alternates?: string[];
  /** Raw name of the group this result belongs to (lm-eval: the root group of a subtask). */
  groupText?: string;
  /** Metric words as given ("acc_norm", "win_rate", "accuracy"). */
  metricText?: string;
  /** Other metric words to try (model-index metrics[].name). */
  metricAlternates?: string[];
  /** Answer extraction applied before scoring (lm-eval filter other than "none": get-answer, strict-match). */
  answerFilter?: string;
  value: number | string;
  /** Scale the format guarantees for rate metrics ('fraction' for lm-eval); absent = infer from the value. */
  scaleHint?: 'fraction' | 'percent';
  stderr?: number;
  n?: number;
  shots?: number;
  split?: string;
  model?: string;
  revision?: string;
  date?: string;
  location: string;
  methodology: EvidenceRecord['methodology'];
  /** An average over these benchmarks (as written): a suite's "Average:" line. */
  aggregateOf?: string[];
  /** Where the model name was read when the file's content does not name it ('file name'). */
  modelFrom?: string;
}
