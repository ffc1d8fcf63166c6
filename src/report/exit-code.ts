/**
 * CI exit codes (documented in README, "Exit codes"):
 *   0  no finding at or above the --fail-on threshold (or --fail-on never)
 *   1  at least one unsuppressed finding at or above the threshold
 *   2  usage or input error (bad flag, unreadable or broken input, rules or config): a WarrantError
 * Suppressed findings never fail a run.
 */
import type { Report, Severity } from '../model/types.ts';

/** The --fail-on values. */
export const FAIL_ON_VALUES = ['error', 'warning', 'never'] as const;

/** A --fail-on value. */
export type FailOn = (typeof FAIL_ON_VALUES)[number];

/** Exit code: analysis ran and nothing reached the threshold. */
export const EXIT_OK = 0;
/** Exit code: at least one unsuppressed finding at or above the threshold. */
export const EXIT_FINDINGS = 1;
/** Exit code: usage or input error (bad flag, broken input, rules or config). */
export const EXIT_USAGE = 2;

/** True when `s` is a --fail-on value. */
export function isFailOn(s: string): s is FailOn {
  return (FAIL_ON_VALUES as readonly string[]).includes(s);
}

const RANK: Record<Severity, number> = { off: 0, note: 1, warning: 2, error: 3 };

/** Unsuppressed findings at or above the threshold, over one report or several (batch runs). */
export function failingFindings(reports: Report | readonly Report[], failOn: FailOn): Report['findings'] {
  if (failOn === 'never') return [];
  const min = RANK[failOn];
  const all = Array.isArray(reports) ? (reports as readonly Report[]) : [reports as Report];
  return all.flatMap((r) => r.findings.filter((f) => !f.suppressed && f.severity !== 'off' && RANK[f.severity] >= min));
}

/** The process exit code for finished analyses under --fail-on (0 or 1; 2 is set by the CLI for errors). */
export function exitCodeFor(reports: Report | readonly Report[], failOn: FailOn): number {
  return failingFindings(reports, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
