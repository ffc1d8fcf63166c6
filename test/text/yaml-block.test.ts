/**
 * readBlockYaml (src/text/yaml-block.ts) against `yaml`: on every front matter the corpus, the peer
 * vectors and our samples hold, on hand-written cases, and on mutated copies, it gives exactly what
 * parseDocument(text).toJS() gives (for text `yaml` reads without error), or undefined.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepStrictEqual } from 'node:assert';
import { describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../src/text/yaml-block.ts';
import { parseDocument } from '../../src/text/yaml.ts';
import { frontMatterLength } from '../../src/ingest/markdown-parser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(ROOT, '../shared');

/** The YAML between the fences of a source's front matter, if it has one. */
function frontMatterOf(source: string): string | undefined {
  const n = frontMatterLength(source);
  if (n === 0) return undefined;
  const block = source.slice(0, n);
  return block.slice(block.indexOf('\n') + 1, block.replace(/\s+$/, '').lastIndexOf('\n') + 1);
}

function frontMattersIn(dirs: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const d of dirs.filter((x) => existsSync(x))) {
    for (const f of readdirSync(d).filter((x) => x.endsWith('.md'))) {
      const yaml = frontMatterOf(readFileSync(join(d, f), 'utf8'));
      if (yaml !== undefined) out.push([f, yaml]);
    }
  }
  return out;
}

/** The reader's answer is undefined, or `yaml`'s value for text `yaml` reads without error. Returns whether it read the text. */
function agrees(text: string): boolean {
  const fast = readBlockYaml(text);
  if (fast === undefined) return false;
  const doc = parseDocument(text, { uniqueKeys: false });
  expect(doc.errors, text).toEqual([]);
  deepStrictEqual(fast, doc.toJS(), text);
  return true;
}

const OURS = frontMattersIn([join(ROOT, 'samples/cards'), join(ROOT, 'samples/training/cards')]);

const MODEL_INDEX = `library_name: transformers
license: apache-2.0
tags:
- text-generation
model-index:
- name: kestrel-7b
  results:
  - task:
      type: text-generation
      name: Text Generation
    dataset:
      name: MMLU (5-shot)
      type: cais/mmlu
      config: all
      split: test
      args:
        num_few_shot: 5
    metrics:
    - type: acc
      value: 68.4
      name: accuracy
    - type: acc_norm
      value: 1e2
    source:
      url: https://example.org/leaderboard
      name: Open LLM Leaderboard
`;

describe('readBlockYaml', () => {
  it('reads plain block YAML as yaml does: mappings, sequences, "- key:" items, core-schema scalars', () => {
    expect(agrees(MODEL_INDEX)).toBe(true);
    const cases = [
      'a: 1\nb: -2\nc: +3\nd: 0o17\ne: 0x1F\nf: 1.50\ng: .5\nh: 1e3\ni: -.inf\nj: .NaN\nk: 007\nl: 1_000\n',
      'a: ~\nb: null\nc: NULL\nd:\ne: True\nf: FALSE\ng: yes\nh: no\ni: on\n',
      'tags:\n- a\n- b c\n- 3\nnext: x\n',
      'outer:\n  inner:\n    - 1\n    - 2\n  other: y\nlast:\n',
      'list:\n  - name: a\n    value: 1\n  - name: b\n    extra:\n      deep: true\n',
      'url: https://example.org/a?b=c\nrange: 1-2\nnote: a, b [c] (d)\nmulti: two  spaces\nunicode: 日本語 – ok\n',
      'windows: 1\r\nline: endings\r\n',
      'blank:\n\n  child: 1\n\nafter: 2\n',
      'key with spaces: v\nversion: 1.0\nrev: e8379541af4e31359cca9fbcf4b00f2671dba205\nsha: 1234e5\n',
    ];
    for (const c of cases) expect(agrees(c), c).toBe(true);
  });

  it('leaves everything outside the subset to yaml', () => {
    const outside = [
      '',
      '\n\n',
      '- a\n- b\n',
      'just a scalar',
      'a: "quoted"\n',
      "a: 'quoted'\n",
      'a: 1 # comment\n',
      'a: &x 1\nb: *x\n',
      'a: !tag 1\n',
      'a: [1, 2]\n',
      'a: {b: 1}\n',
      'a: |\n  block\n',
      'a: >\n  folded\n',
      'a: b\n  continued\n',
      'a: 1\na: 2\n',
      '\ta: 1\n',
      '  a: 1\n',
      'a: b: c\n',
      'a:b\n',
      'a : 1\n',
      'true: 1\n',
      'null: 1\n',
      '__proto__: 1\n',
      '1: one\n',
      'a: -b\n',
      'a: :b\n',
      'a: ?b\n',
      'a: b:\n',
      'a:\n  - - 1\n',
      'a:\n  -\n    b: 1\n',
      '---\na: 1\n',
      'a: 1\n...\n',
      'a:\n  b: 1\n c: 2\n',
      'a:\n- 1\n  - 2\n',
      'a: x\r y\n',
      '\uFEFFa: 1\n',
      '%YAML 1.2\n---\na: 1\n',
    ];
    for (const c of outside) expect(readBlockYaml(c), JSON.stringify(c)).toBeUndefined();
  });

  it('agrees with yaml on our sample cards and on mutated copies of them', () => {
    const seeds = [MODEL_INDEX, ...OURS.map(([, y]) => y)];
    expect(seeds.length).toBeGreaterThan(1);
    for (const s of seeds) agrees(s);
    // Mutations a hand could make: a character from the set YAML gives meaning to, a deleted character,
    // an indentation shifted, a line repeated or dropped. A fixed seed keeps the cases the same each run.
    let state = 20261206;
    const rand = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    const marks = [':', ' ', '-', '#', '"', "'", '[', ']', '{', '&', '*', '!', '|', '>', '\t', '0', '.', 'e', '~', 'x', '\r', '\n', '?', ',', '%', '@', '\u00a0', '\u2028'];
    let read = 0;
    for (let k = 0; k < 4000; k++) {
      const seed = seeds[rand(seeds.length)]!;
      const lines = seed.split('\n');
      const i = rand(lines.length);
      const line = lines[i]!;
      switch (rand(5)) {
        case 0: {
          const at = rand(line.length + 1);
          lines[i] = line.slice(0, at) + marks[rand(marks.length)] + line.slice(at);
          break;
        }
        case 1: {
          const at = rand(Math.max(1, line.length));
          lines[i] = line.slice(0, at) + line.slice(at + 1);
          break;
        }
        case 2:
          lines[i] = rand(2) === 0 ? ' '.repeat(1 + rand(2)) + line : line.replace(/^ {1,2}/, '');
          break;
        case 3:
          lines.splice(i, 0, line);
          break;
        default:
          lines.splice(i, 1);
      }
      if (agrees(lines.join('\n'))) read++;
    }
    // Most mutations stay inside the subset; the rest must be left to yaml, not misread.
    expect(read).toBeGreaterThan(1000);
  });

  const corpusDirs = ['cards', 'contracts'].map((d) => join(SHARED, 'corpus', d));
  it.skipIf(!corpusDirs.some((d) => existsSync(d)))('agrees with yaml on every corpus front matter, and reads the large model-index ones', () => {
    const all = frontMattersIn(corpusDirs);
    let largestRead = 0;
    for (const [, y] of all) if (agrees(y)) largestRead = Math.max(largestRead, y.length);
    // The MTEB card's ~70 KB model-index is what the reader exists for.
    expect(largestRead).toBeGreaterThan(50_000);
  });

  it.skipIf(!existsSync(join(SHARED, 'peer-vectors/hf-model-index.json')))('agrees with yaml on the peer vectors\' metadata and card front matter', () => {
    const { vectors } = JSON.parse(readFileSync(join(SHARED, 'peer-vectors/hf-model-index.json'), 'utf8')) as { vectors: Array<{ inputKind: string; input: string }> };
    let read = 0;
    for (const v of vectors) {
      const yaml = v.inputKind === 'metadata' ? v.input : frontMatterOf(v.input);
      if (yaml !== undefined && agrees(yaml)) read++;
    }
    expect(read).toBeGreaterThan(0);
  });
});
