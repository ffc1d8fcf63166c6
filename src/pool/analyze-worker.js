// Worker thread entry: plain JS so it runs without a loader. Beside src/'s TypeScript it registers tsx
// (worker threads do not inherit the loader); bin/build.js compiles it into dist/ with the imports below
// pointing at the compiled .js, where no loader is needed.
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

if (existsSync(new URL('../analyze.ts', import.meta.url))) (await import('tsx/esm/api')).register();
const { analyze } = await import('../analyze.ts');
const { loadRules } = await import('../rules/load.ts');
const { compileRuleSet } = await import('../rules/compile.ts');
const { throttleProgress } = await import('../jobs/index.ts');
const rules = compileRuleSet(await loadRules({ extraDirs: workerData.rulesDirs }));

parentPort.on('message', async (job) => {
  try {
    const report = await analyze(job.inputs, {
      rules,
      profile: job.profile,
      createdAt: job.createdAt,
      ingest: workerData.ingest,
      suppressions: job.suppressions,
      skipUnreadable: job.skipUnreadable,
      // Progress crosses to the pool as messages, throttled here so a long PDF does not flood the channel (issue 15).
      onProgress: job.progress ? throttleProgress((progress) => parentPort.postMessage({ progress })) : undefined,
    });
    // The report as JSON text: a string crosses threads far faster than a structured clone of the object.
    parentPort.postMessage({ ok: true, json: JSON.stringify(report) });
  } catch (err) {
    // A stack overflow is the input's depth or size, not a fault of ours (issue 17: push(...records) on 1M rows).
    const tooDeep = err instanceof RangeError;
    parentPort.postMessage({
      ok: false,
      error: tooDeep
        ? { code: 'TOO_LARGE', message: 'the input is too large or too deeply nested to analyse' }
        : { code: err?.code ?? 'INTERNAL', message: err?.code ? err.message : `internal error: ${err?.message ?? err}`, file: err?.file, line: err?.line, column: err?.column, details: err?.code ? err.details : undefined },
    });
  }
});
// Warm up (rule compilation, the NLP lexicon, JIT) on a one-line card, so that a fresh worker's first
// analysis is not charged for it: the pool starts an analysis's deadline once the worker says it is ready.
try {
  await analyze([{ name: 'warm-up.md', role: 'model-card', bytes: new TextEncoder().encode('# Warm-up\n\nThe model scores 67.9 on MMLU (5-shot).\n') }], { rules, ingest: workerData.ingest });
} catch {
  // a rule set that cannot analyse will say so on the first real job
}
parentPort.postMessage({ ready: true });
