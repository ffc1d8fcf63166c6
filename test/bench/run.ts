/**
 * `npm run bench`: the figures the closing notes quote, measured in one run.
 * - analyze throughput (sentences/s, KB/s) beside raw compromise tagging of the same text;
 * - worker pool: 2 workers vs 1 on the corpus cards (batch analyze);
 * - PDF layout cost vs raw pdfjs (test/bench/pdf-bench.ts) and alignment time (test/bench/align-bench.ts);
 * - scaling (issue 17): synthetic cards of 500…8,000 figure sentences and evidence CSVs of 1k/10k/100k rows,
 *   with each doubling's time ratio (test/bench/scale-bench.ts);
 * - CLI start-up: warrant --help / node -e 0 and warrant analyze / importing compromise, remark and yaml (test/bench/startup-bench.ts).
 * Uses ../shared/corpus when present, else the shipped samples. Prints JSON.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { analyze } from '../../src/analyze.ts';
import { ingest } from '../../src/ingest/index.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import { WorkerPool } from '../../src/pool/worker-pool.ts';
import type { InputFile } from '../../src/model/types.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, '../shared/corpus');
const cardDir = existsSync(join(CORPUS, 'cards')) ? join(CORPUS, 'cards') : join(ROOT, 'samples/cards');
const cards: InputFile[] = readdirSync(cardDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(cardDir, f))), role: 'model-card' as const }));
const totalKB = cards.reduce((n, c) => n + c.bytes.byteLength, 0) / 1024;
const rules = compiledShippedRules();
const out: Record<string, unknown> = { cards: cards.length, cardKB: round(totalKB), source: cardDir.includes('shared') ? 'corpus' : 'samples' };

function round(n: number, d = 1): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}

// Sentence texts, for the raw compromise baseline on exactly the text analyze judges.
const texts: string[] = [];
for (const c of cards) for (const s of segmentDocument(await ingest(c))) texts.push(s.text);
const textKB = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1024;

// Warm up both paths once (JIT, rule compilation), then measure the best of 5, alternating which
// path runs first so that neither always gets the warmer caches or the quieter moment.
for (const t of texts.slice(0, 200)) nlp(t);
await analyze(cards.slice(0, 1), { rules });
let rawBest = Infinity;
let analyzeBest = Infinity;
// CPU time of the same passes (this process, GC threads included): beside the wall figures, which other jobs on the machine stretch.
let rawCpuBest = Infinity;
let analyzeCpuBest = Infinity;
let sentences = 0;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const rawPass = async (): Promise<void> => {
  const cpu = process.cpuUsage();
  const [, raw] = await time(() => {
    for (const t of texts) nlp(t);
  });
  rawCpuBest = Math.min(rawCpuBest, cpuSeconds(cpu));
  rawBest = Math.min(rawBest, raw);
};
const analyzePass = async (): Promise<void> => {
  const cpu = process.cpuUsage();
  const [report, full] = await time(() => analyze(cards, { rules }));
  analyzeCpuBest = Math.min(analyzeCpuBest, cpuSeconds(cpu));
  analyzeBest = Math.min(analyzeBest, full);
  sentences = report.sentences.length;
};
for (let i = 0; i < 5; i++) {
  if (i % 2 === 0) {
    await rawPass();
    await analyzePass();
  } else {
    await analyzePass();
    await rawPass();
  }
}
out.throughput = {
  sentences,
  sentenceTextKB: round(textKB),
  rawCompromise: { seconds: round(rawBest, 3), kbPerSecond: round(textKB / rawBest), sentencesPerSecond: Math.round(texts.length / rawBest) },
  analyze: { seconds: round(analyzeBest, 3), kbPerSecond: round(textKB / analyzeBest), sourceKbPerSecond: round(totalKB / analyzeBest), sentencesPerSecond: Math.round(sentences / analyzeBest) },
  ratioToRawCompromise: round(rawBest / analyzeBest, 2),
  cpu: { rawCompromiseSeconds: round(rawCpuBest, 3), analyzeSeconds: round(analyzeCpuBest, 3), ratioToRawCompromise: round(rawCpuBest / analyzeCpuBest, 2) },
};

// Worker pool scaling: each card its own analysis, 1 worker vs 2 (pool start-up and JIT warm-up excluded).
const jobs = Array.from({ length: 4 }, () => cards).flat();
const scaling: Record<string, number> = {};
for (const size of [1, 2]) {
  const pool = new WorkerPool({ size });
  // Warm every worker's JIT on the same job mix first (a long-lived server pool is warm; a cold one is 2× slower per job).
  await Promise.all(jobs.map((c) => pool.run({ inputs: [c], profile: 'procurement', createdAt: '' })));
  const [, s] = await time(() => Promise.all(jobs.map((c) => pool.run({ inputs: [c], profile: 'procurement', createdAt: '' }))));
  scaling[`workers${size}Seconds`] = round(s, 3);
  await pool.close();
}
out.workerPool = { jobs: jobs.length, ...scaling, speedup: round(scaling.workers1Seconds! / scaling.workers2Seconds!, 2) };

// Stage benches written by their owners, when present.
for (const [key, file, fn] of [
  ['pdf', './pdf-bench.ts', 'benchPdf'],
  ['alignment', './align-bench.ts', 'benchAlign'],
  ['evidence', './evidence-bench.ts', 'benchEvidence'],
  ['training', './train-bench.ts', 'benchTrain'],
  ['scaling', './scale-bench.ts', 'benchScale'],
  ['startup', './startup-bench.ts', 'benchStartup'],
] as const) {
  if (!existsSync(fileURLToPath(new URL(file, import.meta.url)))) continue;
  const mod = (await import(file)) as Record<string, () => Promise<Record<string, unknown>>>;
  out[key] = await mod[fn]!();
}

out.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(out, null, 2));
