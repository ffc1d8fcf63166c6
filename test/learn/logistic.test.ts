/**
 * The optimiser and the two logistic regressions on data whose answer is known.
 */
import { describe, expect, it } from 'vitest';
import { fitBinary, fitMultinomial, minimise, type SparseExample } from '../../src/learn/logistic.ts';

function ex(features: Array<[number, number]>, y: number, weight = 1): SparseExample {
  return { index: Int32Array.from(features.map((f) => f[0])), value: Float64Array.from(features.map((f) => f[1])), weight, y };
}

describe('minimise (L-BFGS)', () => {
  it('finds the minimum of a convex quadratic', () => {
    const target = [3, -2, 0.5];
    const x = minimise(
      (v, g) => {
        let f = 0;
        for (let i = 0; i < v.length; i++) {
          const d = v[i]! - target[i]!;
          f += (i + 1) * d * d;
          g[i] = 2 * (i + 1) * d;
        }
        return f;
      },
      new Float64Array(3),
      100,
    );
    for (let i = 0; i < 3; i++) expect(x[i]).toBeCloseTo(target[i]!, 5);
  });
});

describe('fitBinary', () => {
  // Feature 0 marks class 1, feature 1 marks class 0, feature 2 is noise present in both.
  const data: SparseExample[] = [];
  for (let i = 0; i < 20; i++) {
    data.push(ex([[0, 1], [2, 1]], 1));
    data.push(ex([[1, 1], [2, 1]], 0));
  }

  it('learns the sign of each feature from the data', () => {
    const w = fitBinary(data, new Float64Array(3), { lambda: 1, iterations: 200 });
    expect(w[1]).toBeGreaterThan(1);
    expect(w[2]).toBeLessThan(-1);
    expect(Math.abs(w[3]!)).toBeLessThan(Math.abs(w[1]!));
  });

  it('keeps a weight at its prior when the penalty is overwhelming', () => {
    const w = fitBinary(data, Float64Array.from([-2, 0, 0]), { lambda: 1e6, iterations: 200 });
    expect(w[1]).toBeCloseTo(-2, 2);
  });

  it('is deterministic', () => {
    const a = fitBinary(data, new Float64Array(3), { lambda: 0.5, iterations: 100 });
    const b = fitBinary(data, new Float64Array(3), { lambda: 0.5, iterations: 100 });
    expect([...a]).toEqual([...b]);
  });

  it('lets sample weights decide a conflict', () => {
    const conflict = [ex([[0, 1]], 1, 5), ex([[0, 1]], 0, 1)];
    const w = fitBinary(conflict, new Float64Array(1), { lambda: 0.01, iterations: 200 });
    const p = 1 / (1 + Math.exp(-(w[0]! + w[1]!)));
    expect(p).toBeCloseTo(5 / 6, 2);
  });
});

describe('fitMultinomial', () => {
  it('separates three classes each marked by its own feature', () => {
    const data: SparseExample[] = [];
    for (let i = 0; i < 15; i++) for (let c = 0; c < 3; c++) data.push(ex([[c, 1]], c));
    const k = 3;
    const x = fitMultinomial(data, k, new Float64Array(3 * k), new Float64Array(k), { lambda: 0.5, iterations: 200 });
    for (let f = 0; f < 3; f++) {
      const scores = [0, 1, 2].map((c) => x[c]! + x[k + f * k + c]!);
      expect(scores.indexOf(Math.max(...scores))).toBe(f);
    }
  });
});
