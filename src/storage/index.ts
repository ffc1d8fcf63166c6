/**
 * storage: where analyses, inputs, audit entries and jobs are kept. The interface every backend
 * implements; the backends (sqlite.ts, postgres.ts, which load their drivers) are opened by the
 * surfaces through open.ts.
 */
export type { AnalysisSummary, AuditEntry, NewAnalysis, Storage, StorageHealth, StoredAnalysis, StoredInput } from './types.ts';
