/**
 * CI exit codes: 0 ok; 1 an unsuppressed finding at or above the --fail-on level; (2 is usage/input errors, set by main).
 */
import type { Report, Severity } from '../model/types.ts';

/** The --fail-on levels. */
export type FailOn = 'error' | 'warning' | 'never';

const RANK: Record<Severity, number> = { off: 0, note: 1, warning: 2, error: 3 };

/** Exit code for a set of reports under a --fail-on level. */
export function exitCodeFor(reports: Report[], failOn: FailOn): number {
  if (failOn === 'never') return 0;
  const threshold = RANK[failOn];
  const hit = reports.some((r) => r.findings.some((f) => !f.suppressed && RANK[f.severity] >= threshold));
  return hit ? 1 : 0;
}
