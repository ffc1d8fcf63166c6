/**
 * Hostile inputs for the bounded-work tests (issue 17), generated here so the repository holds no large
 * fixtures. Each is small enough to build in milliseconds.
 */
import type { InputFile } from '../../src/model/types.ts';

const enc = new TextEncoder();

/** A card of `n` sentences, each stating a figure on one of six benchmarks. */
export function figureCard(n: number, name = `figures-${n}.md`): InputFile {
  const benchmarks = ['MMLU', 'HellaSwag', 'ARC-Challenge', 'TruthfulQA', 'GSM8K', 'Winogrande'];
  const lines = ['# Hostile-7B', '', '## Evaluation', ''];
  for (let i = 0; i < n; i++) lines.push(`Hostile-7B scores ${(40 + ((i * 37) % 500) / 10).toFixed(1)} on ${benchmarks[i % 6]} (5-shot) in run ${i}.`);
  return { name, role: 'model-card', bytes: enc.encode(lines.join('\n') + '\n') };
}

/** An evidence CSV of `rows` rows (17 bytes each: a million rows is 17 MB, under the 20 MiB limit); every row about another model than the card's. */
export function bigCsv(rows: number, name = `rows-${rows}.csv`): InputFile {
  const head = 'model,benchmark,metric,value,shots\n';
  const parts: string[] = [head];
  for (let i = 0; i < rows; i++) parts.push(`o${i % 9},MMLU,acc,${10 + (i % 90)},5\n`);
  return { name, role: 'evidence', bytes: enc.encode(parts.join('')) };
}

/** `size` bytes of ASCII text with one invalid UTF-8 byte (0xff) at the end. */
export function badUtf8AtEnd(size: number): InputFile {
  const bytes = new Uint8Array(size).fill(0x61);
  for (let i = 80; i < size; i += 81) bytes[i] = 0x0a;
  bytes[size - 1] = 0xff;
  return { name: 'bad-utf8.md', role: 'model-card', bytes };
}

/** A billion-laughs YAML alias bomb (nine levels of nine aliases). */
export function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return lines.join('\n') + '\n';
}

/** A real card repeated `parts` times with names and numbers changed per part (no cache can shortcut it). */
export function largeCard(sample: string, parts: number): string {
  const body = sample.replace(/^---[\s\S]*?---\n/, '');
  return Array.from({ length: parts }, (_, i) =>
    body
      .replace(/^# .*$/m, `# Kestrel part ${i}`)
      .replace(/Kestrel/g, `Kestrel${i}`)
      .replace(/\d+/g, (n) => String(Number(n) + i)),
  ).join('\n\n');
}
