// @ts-check
/**
 * Words for an analysis job's progress (issue 15): which stage the server is at and, while it reads
 * a PDF, "page N of M", in place of an elapsed-seconds counter. Pure: the upload form shows it.
 */

/** What each pipeline stage is doing, in words; `{input}` is the file being worked on. */
const STAGE_WORDS = /** @type {Record<string, string>} */ ({
  ingest: 'reading {input}',
  segment: 'splitting {input} into sentences',
  judge: 'judging the sentences of {input}',
  evidence: 'linking claims to evidence',
  align: 'aligning contract clauses with the model card',
  assess: 'assessing findings',
  report: 'writing the report',
});

/**
 * The progress line and bar for a job as GET /api/jobs/{id} returns it.
 * @param {{state?: string, stage?: string, pagesDone?: number, pagesTotal?: number, input?: string, inputIndex?: number, inputCount?: number, attempts?: number}} job
 * @param {string} names what was uploaded, in words ("card.pdf", "3 files")
 * @returns {{text: string, fraction?: number, stage: string}} `fraction` (0–1) only while pages are counted
 */
export function describeJob(job, names) {
  if (job.state === 'queued' || !job.stage) {
    const again = (job.attempts ?? 0) > 0 ? ' to try again' : '';
    return { text: `Analysing ${names}: waiting for a worker${again}…`, stage: 'queued' };
  }
  const input = job.input || names;
  let words = (STAGE_WORDS[job.stage] ?? job.stage).replace('{input}', input);
  if (job.input && (job.inputCount ?? 1) > 1 && job.inputIndex) words += ` (file ${job.inputIndex} of ${job.inputCount})`;
  const counted = typeof job.pagesTotal === 'number' && job.pagesTotal > 0 && typeof job.pagesDone === 'number';
  if (counted) words += `, page ${job.pagesDone} of ${job.pagesTotal}`;
  return {
    text: `Analysing ${names}: ${words}…`,
    stage: job.stage,
    ...(counted ? { fraction: Math.min(1, /** @type {number} */ (job.pagesDone) / /** @type {number} */ (job.pagesTotal)) } : {}),
  };
}
