/**
 * `warrant train` and `warrant eval --cv` end to end on the shipped samples (fast), and the
 * shipped weights reproduced from the dev corpus when ../shared/corpus is present.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadRules, parseRuleFile, SHIPPED_RULES_DIR } from '../../src/rules/load.ts';
import { compileClassifier } from '../../src/classify/compile.ts';
import { readGoldSet } from '../../src/cli/read-gold.ts';
import type { WeightsFile } from '../../src/rules/kinds/weights.ts';
import { isWarrantError } from '../../src/model/errors.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'warrant-train-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), readFile: (p) => readFileSync(p) });
  return { code, out, err };
}

describe('warrant train', () => {
  it('writes a valid weights rule file with the gold hash, the same file twice', async () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    const first = await run(['train', '--gold', `${SAMPLES}gold`, '--docs', SAMPLES, '--out', a]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/wrote .*weights\.json: \d+ label weights/);
    expect((await run(['train', '--gold', `${SAMPLES}gold`, '--docs', SAMPLES, '--out', b])).code).toBe(0);
    const text = readFileSync(join(a, 'weights.json'), 'utf8');
    expect(readFileSync(join(b, 'weights.json'), 'utf8')).toBe(text);
    const file = parseRuleFile('weights.json', text, a);
    expect(file.kind).toBe('weights');
    const data = file.data as WeightsFile;
    expect(data.gold.sha256).toBe(readGoldSet(`${SAMPLES}gold`, (p) => readFileSync(p)).sha256);
    expect(data.gold.sentences).toBeGreaterThan(50);
    // Lexical features were learned, not only the rules' own cues.
    expect(Object.keys(data.label.weights).some((f) => f.includes('='))).toBe(true);
    // The judge uses the file when it is in the rule set.
    const rules = await loadRules({ extraDirs: [a] });
    expect(compileClassifier(rules).models.gold?.sha256).toBe(data.gold.sha256);
  });

  it('meets bad options and bad gold with exit 2 and a message', async () => {
    expect((await run(['train', '--docs', SAMPLES])).code).toBe(2);
    const bad = await run(['train', '--gold', `${SAMPLES}gold`, '--docs', SAMPLES, '--lambda', 'zero', '--out', join(tmp, 'c')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--lambda must be a positive number/);
  });

  it('an unwritable --out is a one-line error, not a crash', async () => {
    const file = join(tmp, 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await run(['train', '--gold', `${SAMPLES}gold/kestrel-7b.jsonl`, '--docs', SAMPLES, '--out', join(file, 'sub')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot write the weights: .*--out \[CONFIG_INVALID\]/);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  it('a weights file naming an unknown claim type is RULES_INVALID', async () => {
    const text = readFileSync(join(SHIPPED_RULES_DIR, 'weights.json'), 'utf8').replace('"classes": [', '"classes": ["bogus", ');
    await expect(loadRulesWith(text).then(compileClassifier)).rejects.toThrow(/not a claim type/);
  });

  it('a malformed weights file is RULES_INVALID with its line', async () => {
    const lines = readFileSync(join(SHIPPED_RULES_DIR, 'weights.json'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"bias":'));
    lines[at] = lines[at]!.replace(/"bias": [^,]+,/, '"bias": "high",');
    let message = '';
    try {
      await loadRulesWith(lines.join('\n'));
    } catch (err) {
      message = isWarrantError(err) ? err.describe() : String(err);
    }
    expect(message).toMatch(new RegExp(`weights\\.json:${at + 1}:\\d+: .*number`));
    expect(message).toMatch(/RULES_INVALID/);
  });
});

async function loadRulesWith(weightsText: string) {
  const dir = join(tmp, `w${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.json'), weightsText);
  return loadRules({ extraDirs: [dir] });
}

describe('warrant eval --cv', () => {
  it('scores every document with weights that never saw it', async () => {
    const r = await run(['eval', '--cv', '--gold', `${SAMPLES}gold`, '--docs', SAMPLES, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.crossValidation).toMatchObject({ method: 'leave-one-document-out', inSample: false });
    expect(out.crossValidation.folds).toBe(out.documents.length);
    expect(out.classification.macroF1).toBeGreaterThan(0.5);
    expect(out.perDocument.macroF1.min).toBeLessThanOrEqual(out.perDocument.macroF1.max);
  });
});

describe.skipIf(!existsSync(`${CORPUS}gold`))('the shipped weights', () => {
  it('are reproduced by warrant train from the dev corpus (same gold hash, same weights)', async () => {
    const shipped = parseRuleFile('weights.json', readFileSync(join(SHIPPED_RULES_DIR, 'weights.json'), 'utf8'), SHIPPED_RULES_DIR).data as WeightsFile;
    const gold = readGoldSet(`${CORPUS}gold`, (p) => readFileSync(p));
    const samples = readGoldSet(`${SAMPLES}gold`, (p) => readFileSync(p));
    const training = readGoldSet(`${SAMPLES}training/gold`, (p) => readFileSync(p));
    // When ../shared/corpus grows, this fails until someone retrains: README, "How the judgement is learned".
    expect(shipped.gold.parts, 'the dev gold changed since rules/weights.json was fitted: run the README\'s `warrant train` command').toEqual([gold.sha256, samples.sha256, training.sha256]);
    const out = join(tmp, 'corpus');
    const r = await run(['train', '--gold', `${CORPUS}gold`, '--docs', CORPUS, '--gold', `${SAMPLES}gold`, '--docs', SAMPLES, '--gold', `${SAMPLES}training/gold`, '--docs', `${SAMPLES}training`, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const again = parseRuleFile('weights.json', readFileSync(join(out, 'weights.json'), 'utf8'), out).data as WeightsFile;
    expect(again.gold).toEqual(shipped.gold);
    expect(again.training).toEqual(shipped.training);
    expect(again.label.bias).toBeCloseTo(shipped.label.bias, 3);
    const features = new Set([...Object.keys(again.label.weights), ...Object.keys(shipped.label.weights)]);
    const drift = [...features].filter((f) => Math.abs((again.label.weights[f] ?? 0) - (shipped.label.weights[f] ?? 0)) > 1e-3);
    expect(drift, 'features whose weight differs from the shipped file: retrain after changing features or rules').toEqual([]);
    expect(Object.keys(again.claimType.weights).sort()).toEqual(Object.keys(shipped.claimType.weights).sort());
  }, 180_000);
});
