/**
 * extract: quantities (benchmark, metric, value, unit, shots, split, comparator) from sentences and
 * table rows, benchmark and metric names, and the model a document is about. What other stages use.
 */
export { extractQuantities } from './quantities.ts';
export {
  benchmarkInfo,
  findDomains,
  metricInfo,
  nameKey,
  parseLabel,
  resolveBenchmark,
  resolveMetric,
  type BenchmarkInfo,
  type MetricInfo,
  type ParsedLabel,
} from './benchmark-names.ts';
export { ownModelOf, relateModel, type ModelRelation, type OwnModel } from './quantities-model.ts';
