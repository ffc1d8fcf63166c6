import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules, ofKind, parseRuleFile } from '../../src/rules/load.ts';
import { compileRuleSet } from '../../src/rules/compile.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { lexicalFeatures, type WordVectors } from '../../src/classify/lexical.ts';
import type { Sentence } from '../../src/model/types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A word-vectors file of our own: `rows` are the vectors (values in [-1, 1]). */
function fileText(words: string[], rows: number[][], patch: Record<string, unknown> = {}): string {
  const dims = rows[0]!.length;
  const bytes = Int8Array.from(rows.flat().map((v) => Math.round(v * 127)));
  return JSON.stringify({
    kind: 'word-vectors',
    source: { name: 'test vectors', licence: 'written for this test', sha256: '0'.repeat(64) },
    derivation: { words: words.length, dimensions: dims },
    words: words.join(' '),
    vectors: Buffer.from(bytes.buffer).toString('base64'),
    ...patch,
  });
}

function problem(text: string): string {
  try {
    parseRuleFile('word-vectors.json', text, 'rules');
  } catch (e) {
    expect(e).toBeInstanceOf(WarrantError);
    expect((e as WarrantError).code).toBe('RULES_INVALID');
    return (e as WarrantError).message;
  }
  throw new Error('expected RULES_INVALID');
}

describe('rules/word-vectors.json', () => {
  it('a well-formed file loads', () => {
    const f = parseRuleFile('word-vectors.json', fileText(['data', 'score'], [[1, 0], [0, 1]]), 'rules');
    expect(f.kind).toBe('word-vectors');
  });

  it.each([
    ['fewer bytes than words × dimensions', fileText(['data', 'score'], [[1, 0], [0, 1]], { derivation: { words: 2, dimensions: 3 } }), /holds 4 bytes; 2 words × 3 dimensions need 6/],
    ['a word count that does not match', fileText(['data', 'score'], [[1, 0], [0, 1]], { derivation: { words: 3, dimensions: 2 } }), /lists 2 words, derivation.words says 3/],
    ['a word listed twice', fileText(['data', 'data'], [[1, 0], [0, 1]]), /listed twice/],
    ['an upper-case word', fileText(['Data', 'score'], [[1, 0], [0, 1]]), /not a lowercase word/],
    ['vectors that are not base64', fileText(['data', 'score'], [[1, 0], [0, 1]], { vectors: 'not base64!' }), /base64/],
  ])('%s is RULES_INVALID', (_name, text, message) => {
    expect(problem(text)).toMatch(message);
  });

  it('the shipped file is valid and the classifier indexes every word', async () => {
    const rules = await loadRules();
    const file = ofKind(rules, 'word-vectors').at(-1)!;
    const compiled = compileRuleSet(rules).classifier.wordVectors!;
    expect(compiled.index.size).toBe(file.data.derivation.words);
    expect(compiled.values.length).toBe(file.data.derivation.words * file.data.derivation.dimensions);
    expect(compiled.index.has('data')).toBe(true);
  });
});

describe('topic features', () => {
  const vectors = (scale: number): WordVectors => ({ dimensions: 2, index: new Map([['training', 0], ['dataset', 1], ['licence', 2]]), values: Int8Array.from([127, 0, 90, 90, 0, 127]), scale });
  const sentence = { text: '', context: {}, sectionPath: [] } as unknown as Sentence;
  const token = (w: string, start: number) => ({ text: w, normal: w, start, end: start + w.length, tags: new Set(['Noun']) });
  const features = (words: string[], v: WordVectors | undefined) =>
    lexicalFeatures({
      s: sentence,
      text: words.join(' '),
      tokens: words.map((w, i) => token(w, i * 10)) as never,
      subject: undefined,
      subjectGroup: undefined,
      names: false,
      role: 'model-card',
      key: undefined,
      innermost: undefined,
      mainEnd: 0,
      negated: false,
      clause: false,
      words: { auxiliaries: new Set(), openColonWords: new Set(), firstPerson: new Set(), secondPerson: new Set() },
      vectors: v,
    }).topic;

  it('is the mean vector of the known content words, at unit length × the scale', () => {
    const t = features(['training', 'dataset', 'unknownword'], vectors(3));
    // (1, 0) + (0.709, 0.709), normalised: (0.924, 0.383), × 3.
    expect(t.get('topic=0')).toBeCloseTo(2.772, 2);
    expect(t.get('topic=1')).toBeCloseTo(1.148, 2);
  });

  it('words of the same topic give the same features in any order; another topic differs', () => {
    expect(features(['dataset', 'training'], vectors(1))).toEqual(features(['training', 'dataset'], vectors(1)));
    expect(features(['licence'], vectors(1)).get('topic=1')).toBe(1);
  });

  it('no vectors or no known word: no topic features', () => {
    expect(features(['training'], undefined).size).toBe(0);
    expect(features(['unknownword'], vectors(1)).size).toBe(0);
  });
});

describe('bin/derive-word-vectors.js', () => {
  it('derives a valid, deterministic file from a package-shaped source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-wv-'));
    try {
      // A source of our own in the package's shape: words by frequency, 4-d vectors (+ norm and index, as the package stores them).
      const words = ['the', ',', 'data', 'dataset', 'score', 'accuracy', 'licence', 'Licensee', 'terms', 'model'];
      const vectors: Record<string, number[]> = {};
      words.forEach((w, i) => (vectors[w] = [Math.sin(i), Math.cos(i * 2), i % 3, (i * 7) % 5, 1, i]));
      const source = join(dir, 'source.json');
      writeFileSync(source, JSON.stringify({ dimensions: 4, words, vectors }));
      const run = (out: string) => spawnSync(process.execPath, [join(ROOT, 'bin/derive-word-vectors.js'), source, '--words', '6', '--dims', '2', '--out', out], { encoding: 'utf8' });
      const a = run(join(dir, 'a.json'));
      expect(a.status, a.stderr).toBe(0);
      run(join(dir, 'b.json'));
      const text = readFileSync(join(dir, 'a.json'), 'utf8');
      expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(text);
      const f = parseRuleFile('word-vectors.json', text, dir);
      expect(f.kind).toBe('word-vectors');
      const data = JSON.parse(text);
      // Punctuation and capitalised words are skipped; the six most frequent lowercase words are kept.
      expect(data.words).toBe('the data dataset score accuracy licence');
      expect(data.derivation).toMatchObject({ words: 6, dimensions: 2 });
      // Every word is stored at unit length.
      const bytes = new Int8Array(Buffer.from(data.vectors, 'base64'));
      for (let i = 0; i < 6; i++) expect(Math.hypot(bytes[2 * i]! / 127, bytes[2 * i + 1]! / 127)).toBeCloseTo(1, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad source is one line naming the problem, exit 1, and no file written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-wv-'));
    try {
      const out = join(dir, 'out.json');
      const run = (name: string, text: string, ...args: string[]) => {
        writeFileSync(join(dir, name), text);
        return spawnSync(process.execPath, [join(ROOT, 'bin/derive-word-vectors.js'), join(dir, name), '--out', out, ...args], { encoding: 'utf8' });
      };
      for (const [name, text, args, message] of [
        ['binary.json', '\u0000\u0001PNG', [], /not JSON/],
        ['shape.json', '{"words": ["data"]}', [], /package's shape/],
        ['dims.json', '{"dimensions": 2, "words": ["data"], "vectors": {"data": [1, 0]}}', ['--dims', '3'], /--dims must be a whole number from 1 to 2/],
        ['none.json', '{"dimensions": 2, "words": ["Data", ","], "vectors": {"Data": [1, 0]}}', ['--dims', '1'], /no lowercase word/],
      ] as const) {
        const r = run(name, text, ...args);
        expect(r.status, name).toBe(1);
        expect(r.stderr, name).toMatch(message);
        expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      }
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a source it prints its usage and exits 2', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/derive-word-vectors.js')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage/);
  });
});
