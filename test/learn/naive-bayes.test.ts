// Naive Bayes as linear weights (src/learn/naive-bayes.ts), on examples we write here.
import { describe, expect, it } from 'vitest';
import { fitNaiveBayes, type CountExample } from '../../src/learn/naive-bayes.ts';

const ex = (features: Record<string, number>, y: number, weight = 1): CountExample => ({ features: new Map(Object.entries(features)), y, weight });

const DATA: CountExample[] = [
  ex({ 'word=accuracy': 1, 'word=score': 1 }, 0),
  ex({ 'word=accuracy': 1, 'word=benchmark': 1 }, 0),
  ex({ 'word=trained': 1, 'word=tokens': 1 }, 1),
  ex({ 'word=trained': 1, 'word=data': 1 }, 1),
  ex({ 'word=data': 1, 'word=score': 1 }, 2),
];
const VOCAB = ['word=accuracy', 'word=benchmark', 'word=data', 'word=score', 'word=tokens', 'word=trained'];

describe('fitNaiveBayes', () => {
  it('gives a word the most weight for the class it is counted in', () => {
    const nb = fitNaiveBayes(DATA, VOCAB, 3, 1);
    const acc = nb.weights.get('word=accuracy')!;
    const trained = nb.weights.get('word=trained')!;
    expect(acc[0]).toBeGreaterThan(acc[1]!);
    expect(acc[0]).toBeGreaterThan(acc[2]!);
    expect(trained[1]).toBeGreaterThan(trained[0]!);
    expect(trained[1]).toBeGreaterThan(trained[2]!);
  });

  it('centres each weight vector over the classes, bias too', () => {
    const nb = fitNaiveBayes(DATA, VOCAB, 3, 1);
    for (const w of [...nb.weights.values(), nb.bias]) expect(Math.abs(w.reduce((a, b) => a + b, 0))).toBeLessThan(1e-12);
  });

  it('leaves out features outside the vocabulary and features that are not counts', () => {
    const nb = fitNaiveBayes([...DATA, ex({ 'topic=3': -0.4, 'word=score': 1 }, 0), ex({ 'topic=3': 0.2 }, 1)], [...VOCAB, 'topic=3'], 3, 1);
    expect(nb.weights.has('topic=3')).toBe(false);
    expect(fitNaiveBayes(DATA, ['word=score'], 3, 1).weights.size).toBe(1);
  });

  it('counts sample weights: a down-weighted example moves the weights less', () => {
    const heavy = fitNaiveBayes([...DATA, ex({ 'word=score': 1 }, 1, 1)], VOCAB, 3, 1).weights.get('word=score')!;
    const light = fitNaiveBayes([...DATA, ex({ 'word=score': 1 }, 1, 0.1)], VOCAB, 3, 1).weights.get('word=score')!;
    expect(heavy[1]! - heavy[0]!).toBeGreaterThan(light[1]! - light[0]!);
  });

  it('is deterministic, and ignores examples whose class is out of range', () => {
    const a = fitNaiveBayes(DATA, VOCAB, 3, 1);
    const b = fitNaiveBayes([...DATA, ex({ 'word=score': 1 }, -1)], VOCAB, 3, 1);
    expect([...b.weights]).toEqual([...a.weights]);
    expect(b.bias).toEqual(a.bias);
  });
});
