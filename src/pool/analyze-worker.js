// Worker thread entry: plain JS so it runs without a loader, then registers tsx for the TypeScript core.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { analyze } = await import('../analyze.ts');
const { loadRules } = await import('../rules/load.ts');
const rules = loadRules({ extraDirs: workerData.rulesDirs });

parentPort.on('message', async (job) => {
  try {
    const report = await analyze(job.inputs, { rules, profile: job.profile, createdAt: job.createdAt, ingest: workerData.ingest, suppressions: job.suppressions });
    parentPort.postMessage({ ok: true, report });
  } catch (err) {
    parentPort.postMessage({
      ok: false,
      error: { code: err?.code ?? 'INTERNAL', message: err?.code ? err.message : `internal error: ${err?.message ?? err}`, file: err?.file, line: err?.line, column: err?.column },
    });
  }
});
