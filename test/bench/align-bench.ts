/**
 * Alignment benchmark: a 40-page contract against a 30 KB model card must align in < 2 s.
 * The contract is synthesised from the sample schedules (repeated with numbers and clause
 * numbers varied), the card from the sample cards (repeated with numbers varied). Ingest,
 * segmentation and judging are timed separately; `alignMs` is alignContract alone.
 * Standalone: `node bin/run-ts.js test/bench/align-bench.ts` prints JSON.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { judgeInput } from '../../src/analyze.ts';
import { alignContract } from '../../src/align/index.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string): string => readFileSync(`${ROOT}${p}`, 'utf8');

/** Shift every number in a text by a variant-dependent amount so repeats are not identical. */
function vary(text: string, k: number): string {
  return text.replace(/\b\d+(?:\.\d+)?\b/g, (n) => (n.includes('.') ? (Number(n) + k / 10).toFixed(1) : String(Number(n) + k)));
}

/** A Markdown card of at least `kb` kilobytes. */
export function syntheticCard(kb: number): string {
  const base = read('samples/cards/kestrel-7b.md').replace(/^---[\s\S]*?---\n/, '');
  const heron = read('samples/cards/heron-asr.md');
  let out = base;
  for (let k = 1; out.length < kb * 1024; k++) out += `\n\n## Release notes ${k}\n\n${vary(k % 2 ? heron.replace(/^# .*$/m, '') : base.replace(/^# .*$/m, ''), k)}`;
  return out;
}

/** A contract of about `pages` pages (≈ 500 words a page) built from the sample schedules. */
export function syntheticContract(pages: number): string {
  const parts = ['samples/contracts/northwind-acme-schedule-b.md', 'samples/contracts/kestrel-api-annex-2.md'].map((p) => read(p).replace(/^# .*$/m, ''));
  const words = (s: string): number => s.split(/\s+/).length;
  let out = '# Master Services Agreement\n';
  for (let k = 0; words(out) < pages * 500; k++) {
    out += `\n# Schedule ${String.fromCharCode(65 + (k % 26))}${k >= 26 ? Math.floor(k / 26) : ''}\n${vary(parts[k % parts.length]!, k % 5)}`;
  }
  return out;
}

/** Run the benchmark; returns timings in ms and the input sizes. */
export async function benchAlign(): Promise<Record<string, unknown>> {
  const rules = compiledShippedRules();
  const cardText = syntheticCard(30);
  const contractText = syntheticContract(40);
  const enc = new TextEncoder();
  let t = performance.now();
  const card = await judgeInput({ name: 'bench-card.md', bytes: enc.encode(cardText), role: 'model-card' }, rules);
  const contract = await judgeInput({ name: 'bench-contract.md', bytes: enc.encode(contractText), role: 'contract' }, rules);
  const judgeMs = performance.now() - t;
  alignContract(contract, [card], [], rules); // warm-up (rule compilation, JIT)
  const runs: number[] = [];
  let aligned = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const alignments = alignContract(contract, [card], [], rules);
    runs.push(performance.now() - t);
    aligned = alignments.filter((a) => a.cardSentenceId !== null).length;
  }
  const alignMs = Math.min(...runs);
  return {
    cardKB: Math.round(cardText.length / 102.4) / 10,
    cardSentences: card.sentences.length,
    contractWords: contractText.split(/\s+/).length,
    contractPages: Math.round(contractText.split(/\s+/).length / 500),
    contractSentences: contract.sentences.length,
    alignedSentences: aligned,
    judgeMs: Math.round(judgeMs),
    alignMs: Math.round(alignMs),
    alignMsRuns: runs.map(Math.round),
    targetMs: 2000,
    withinTarget: alignMs < 2000,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await benchAlign(), null, 2));
}
