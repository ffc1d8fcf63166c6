/**
 * Throttled progress (issue 15): a PDF reports every page, but a job record, a worker-thread
 * message or a database row need not change that often. A new stage or a new input always goes
 * through at once (so stages are never lost or reordered); page updates within a stage at most
 * once per interval, plus the last page of a document.
 */
import type { AnalysisProgress, ProgressListener } from '../model/progress.ts';

/** Default least time between two page updates of one stage, ms. */
export const PROGRESS_INTERVAL_MS = 200;

/** Wrap `listener` so it hears every stage change but page updates only every `intervalMs`. */
export function throttleProgress(listener: ProgressListener, intervalMs = PROGRESS_INTERVAL_MS, clock: () => number = () => performance.now()): ProgressListener {
  let last: AnalysisProgress | undefined;
  let lastAt = -Infinity;
  return (p) => {
    const sameStep = last !== undefined && last.stage === p.stage && last.input === p.input && last.inputIndex === p.inputIndex;
    const finalPage = p.pagesTotal !== undefined && p.pagesDone === p.pagesTotal;
    const now = clock();
    if (sameStep && !finalPage && now - lastAt < intervalMs) return;
    last = p;
    lastAt = now;
    try {
      listener(p);
    } catch {
      // progress is advisory: a failing listener never stops an analysis
    }
  };
}
