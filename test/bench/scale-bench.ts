/**
 * Scaling benchmark (issue 17): the whole analysis over synthetic cards of 500 … 8,000 sentences with
 * figures, and over evidence CSVs of 1k, 10k and 100k rows, printing each doubling's time ratio
 * (target ≤ 2.3). Evidence sizes grow ×10, so their per-doubling ratio is the ×10 ratio to the power log 2 / log 10.
 * Standalone: `node bin/run-ts.js test/bench/scale-bench.ts` prints JSON.
 */
import { analyze } from '../../src/analyze.ts';
import type { InputFile } from '../../src/model/types.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const BENCHMARKS = ['MMLU', 'HellaSwag', 'ARC-Challenge', 'TruthfulQA', 'GSM8K', 'Winogrande'];

/** A card of `n` sentences, each stating a figure on a benchmark (paragraphs of 5 sentences under a few sections). */
export function syntheticCard(n: number): InputFile {
  const lines = ['# Bench-7B model card', ''];
  for (let i = 0; i < n; i++) {
    if (i % 200 === 0) lines.push('', `## Evaluation part ${i / 200 + 1}`, '');
    const b = BENCHMARKS[i % BENCHMARKS.length]!;
    const v = (40 + ((i * 37) % 500) / 10).toFixed(1);
    lines.push(`Bench-7B scores ${v} on ${b} (5-shot) in run ${i}.` + (i % 5 === 4 ? '\n' : ' '));
  }
  return { name: `bench-${n}.md`, role: 'model-card', bytes: new TextEncoder().encode(lines.join('\n')) };
}

/** An evidence CSV of `rows` rows (benchmark,metric,value,model,shots). */
export function syntheticCsv(rows: number): InputFile {
  const out = ['model,benchmark,metric,value,shots'];
  for (let i = 0; i < rows; i++) {
    out.push(`bench-7b-run${i % 97},${BENCHMARKS[i % BENCHMARKS.length]},acc,${(40 + ((i * 13) % 500) / 10).toFixed(1)},5`);
  }
  return { name: `results-${rows}.csv`, role: 'evidence', bytes: new TextEncoder().encode(out.join('\n') + '\n') };
}

async function best(fn: () => Promise<unknown>, runs: number): Promise<number> {
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

/** Run the benchmark; times in ms, ratios per doubling. */
export async function benchScale(options: { sentences?: number[]; rows?: number[] } = {}): Promise<Record<string, unknown>> {
  const rules = compiledShippedRules();
  const sizes = options.sentences ?? [500, 1000, 2000, 4000, 8000];
  const rowSizes = options.rows ?? [1000, 10000, 100000];
  await analyze([syntheticCard(200)], { rules }); // warm-up
  const cards: Array<{ sentences: number; kb: number; ms: number; msPerSentence: number; ratio?: number }> = [];
  for (const n of sizes) {
    const card = syntheticCard(n);
    const ms = await best(() => analyze([card], { rules }), n <= 2000 ? 3 : 1);
    const prev = cards.at(-1);
    cards.push({ sentences: n, kb: round(card.bytes.byteLength / 1024, 1), ms: Math.round(ms), msPerSentence: round(ms / n, 3), ...(prev ? { ratio: round(ms / prev.ms) } : {}) });
  }
  const card = syntheticCard(500);
  const evidence: Array<{ rows: number; mb: number; ms: number; ratioPerDoubling?: number }> = [];
  for (const rows of rowSizes) {
    const csv = syntheticCsv(rows);
    const ms = await best(() => analyze([card, csv], { rules }), rows <= 10000 ? 3 : 1);
    const prev = evidence.at(-1);
    evidence.push({ rows, mb: round(csv.bytes.byteLength / 1024 / 1024), ms: Math.round(ms), ...(prev ? { ratioPerDoubling: round((ms / prev.ms) ** (Math.log(2) / Math.log(rows / prev.rows))) } : {}) });
  }
  const worst = Math.max(...cards.map((c) => c.ratio ?? 0), ...evidence.map((e) => e.ratioPerDoubling ?? 0));
  return {
    cards,
    evidence,
    worstDoublingRatio: worst,
    target: 2.3,
    // Markdown over 64 KB is parsed in a worker thread (src/ingest/markdown.ts, MARKDOWN_DEFAULT_LIMITS): a fixed
    // start-up of about 0.3 s that lands between 1,000 and 2,000 sentences; msPerSentence shows the cost is flat.
    note: 'the 1,000 → 2,000 step includes the one-off Markdown parse worker start-up (inputs over 64 KB)',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchScale(), null, 2));
