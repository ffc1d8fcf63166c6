/**
 * jobs: analyses run as jobs (issue 15). The queue interface and job records, and the progress
 * throttle the worker pool applies. The queues themselves (in-process.ts, pg-queue.ts, which
 * loads pg-boss) are opened by the surfaces.
 */
export * from './types.ts';
export { PROGRESS_INTERVAL_MS, throttleProgress } from './progress.ts';
