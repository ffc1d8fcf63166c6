/**
 * Progress of one analysis, as the pipeline reports it (issue 15): which stage is running and, while
 * a PDF is read, how many of its pages are done. Plain data, so it crosses worker threads and
 * processes unchanged. Types only; depends on nothing.
 */

/** The pipeline's stages, in the order `analyze()` runs them. */
export const ANALYSIS_STAGES = ['ingest', 'segment', 'judge', 'evidence', 'align', 'assess', 'report'] as const;

/** One stage of the pipeline. */
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

/** A progress report: the stage now running and, for a PDF being read, its pages done of its pages total. */
export interface AnalysisProgress {
  stage: AnalysisStage;
  /** Pages of the current PDF read so far (ingest of a PDF only). */
  pagesDone?: number;
  /** Pages of the current PDF (ingest of a PDF only). */
  pagesTotal?: number;
  /** Name of the input being read, segmented or judged (per-input stages only). */
  input?: string;
  /** 1-based position of that input among the document inputs, and how many there are. */
  inputIndex?: number;
  inputCount?: number;
}

/** Receives progress; must be cheap and must not throw (the pipeline ignores what it returns). */
export type ProgressListener = (progress: AnalysisProgress) => void;
