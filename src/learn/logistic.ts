/**
 * Regularised logistic regression (binary and multinomial) over sparse features, fitted by
 * L-BFGS. Deterministic: no random initialisation, no sampling; the same data gives the same
 * weights. The L2 penalty pulls each weight toward its prior (a rule's hand-set weight, or 0),
 * so a feature with little evidence keeps what the guide says about it.
 */

/** One training example: sparse feature indices and values, its weight, its class. */
export interface SparseExample {
  index: Int32Array;
  value: Float64Array;
  /** Sample weight (documents with many sentences are down-weighted). */
  weight: number;
  /** Binary: 1 or 0. Multinomial: the class index. */
  y: number;
}

/** Options of a fit. */
export interface FitOptions {
  /** L2 strength toward the prior. */
  lambda: number;
  iterations: number;
}

/** Minimise f with L-BFGS (two-loop recursion, Armijo backtracking). `fg` returns the value and writes the gradient. */
export function minimise(fg: (x: Float64Array, grad: Float64Array) => number, x0: Float64Array, iterations: number, memory = 10): Float64Array {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(memory);
  for (let it = 0; it < iterations; it++) {
    // Two-loop recursion: d = -H g.
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, d);
      alpha[k] = a;
      axpy(-a, Y[k]!, d);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) d[i]! *= gamma;
    } else {
      const gn = Math.sqrt(dot(g, g));
      if (gn > 0) for (let i = 0; i < n; i++) d[i]! /= gn;
    }
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, d);
      axpy(alpha[k]! - b, S[k]!, d);
    }
    for (let i = 0; i < n; i++) d[i] = -d[i]!;
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = fg(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const done = Math.abs(f - fNew) <= 1e-9 * Math.max(1, Math.abs(f));
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (done || Math.sqrt(dot(g, g)) < 1e-6) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += a * x[i]!;
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Binary logistic regression. Returns [bias, w_0 … w_{d-1}]. The bias is not penalised; weight j
 * is pulled toward prior[j].
 */
export function fitBinary(data: readonly SparseExample[], prior: Float64Array, opts: FitOptions, bias0 = 0): Float64Array {
  const dim = prior.length;
  const x0 = new Float64Array(dim + 1);
  x0[0] = bias0;
  x0.set(prior, 1);
  const fg = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (const e of data) {
      let z = x[0]!;
      for (let k = 0; k < e.index.length; k++) z += x[e.index[k]! + 1]! * e.value[k]!;
      loss += e.weight * (softplus(z) - e.y * z);
      const r = e.weight * (1 / (1 + Math.exp(-z)) - e.y);
      grad[0]! += r;
      for (let k = 0; k < e.index.length; k++) grad[e.index[k]! + 1]! += r * e.value[k]!;
    }
    for (let j = 0; j < dim; j++) {
      const diff = x[j + 1]! - prior[j]!;
      loss += 0.5 * opts.lambda * diff * diff;
      grad[j + 1]! += opts.lambda * diff;
    }
    return loss;
  };
  return minimise(fg, x0, opts.iterations);
}

/**
 * Multinomial logistic regression over `classes` classes. Returns a flat array: the biases
 * (classes values), then weight (feature j, class c) at classes + j × classes + c. Weights are
 * pulled toward `prior` (same layout, without the biases); biases toward `biasPrior` weakly.
 */
export function fitMultinomial(data: readonly SparseExample[], classes: number, prior: Float64Array, biasPrior: Float64Array, opts: FitOptions): Float64Array {
  const dim = prior.length / classes;
  const x0 = new Float64Array(classes + prior.length);
  x0.set(biasPrior, 0);
  x0.set(prior, classes);
  const z = new Float64Array(classes);
  const fg = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (const e of data) {
      for (let c = 0; c < classes; c++) z[c] = x[c]!;
      for (let k = 0; k < e.index.length; k++) {
        const base = classes + e.index[k]! * classes;
        const v = e.value[k]!;
        for (let c = 0; c < classes; c++) z[c]! += x[base + c]! * v;
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp(z[c]! - max);
      const lse = max + Math.log(sum);
      loss += e.weight * (lse - z[e.y]!);
      for (let c = 0; c < classes; c++) {
        const r = e.weight * (Math.exp(z[c]! - lse) - (c === e.y ? 1 : 0));
        grad[c]! += r;
        for (let k = 0; k < e.index.length; k++) grad[classes + e.index[k]! * classes + c]! += r * e.value[k]!;
      }
    }
    // A weak pull on the biases keeps classes absent from the training data finite.
    for (let c = 0; c < classes; c++) {
      const diff = x[c]! - biasPrior[c]!;
      loss += 0.5 * 0.01 * diff * diff;
      grad[c]! += 0.01 * diff;
    }
    for (let j = 0; j < dim * classes; j++) {
      const diff = x[classes + j]! - prior[j]!;
      loss += 0.5 * opts.lambda * diff * diff;
      grad[classes + j]! += opts.lambda * diff;
    }
    return loss;
  };
  return minimise(fg, x0, opts.iterations);
}
