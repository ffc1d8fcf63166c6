/**
 * Neighbouring sentences as context for the claim type. A sentence's own features often leave two
 * types close ("We use 8 H100 GPUs." reads as training or other; a bare "Research use." as
 * intended-use or other), while the sentences around it say what the passage is about. Each
 * sentence's type scores get, for every class, `weight` × log(mean probability its neighbours within
 * `window` sentences give the class, + `floor`). The neighbours' probabilities are their own,
 * before context, so the order of the sentences changes nothing but who is near whom.
 *
 * rules/classifier.yaml `claimTypes.neighbours` sets window, weight and floor; window 0 or weight 0
 * turns it off. Measured leave one document out (claim type, 40 documents): 0.6925 without,
 * about 0.70 with window 2 and weight 0.5; the whole section as context, or the paragraph, did worse.
 */
/** rules/classifier.yaml `claimTypes.neighbours`. */
export interface NeighbourSettings {
  window: number;
  weight: number;
  floor: number;
}

/**
 * Each sentence's type scores with its neighbours' context added (the sentence's own scores when it
 * has no scored neighbour or context is off; `undefined`: not scored, neither changed nor anyone's
 * neighbour). src/classify/decide.ts picks the type from them.
 */
export function logitsInContext(logits: ReadonlyArray<Float64Array | undefined>, s: NeighbourSettings): Array<Float64Array | undefined> {
  const probs = logits.map((z) => (z ? softmax(z) : undefined));
  return logits.map((z, i) => {
    if (!z) return undefined;
    if (s.window <= 0 || s.weight <= 0) return z;
    const mean = new Float64Array(z.length);
    let n = 0;
    for (let j = Math.max(0, i - s.window); j <= Math.min(logits.length - 1, i + s.window); j++) {
      const p = probs[j];
      if (j === i || !p) continue;
      for (let c = 0; c < p.length; c++) mean[c]! += p[c]!;
      n++;
    }
    if (n === 0) return z;
    return Float64Array.from(z, (v, c) => v + s.weight * Math.log(mean[c]! / n + s.floor));
  });
}

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const p = Float64Array.from(z, (v) => Math.exp(v - max));
  let sum = 0;
  for (const v of p) sum += v;
  for (let c = 0; c < p.length; c++) p[c]! /= sum;
  return p;
}
