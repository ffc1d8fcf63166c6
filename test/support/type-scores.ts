// Claim-type scores written for tests of the type decision (type-context.test.ts, decide.test.ts).
import { CLAIM_TYPES, type ClaimType } from '../../src/model/types.ts';

/** Type scores that favour `a` by `margin` over `b`, every other class far below. */
export function scores(a: ClaimType, b: ClaimType, margin: number): Float64Array {
  const z = new Float64Array(CLAIM_TYPES.length).fill(-5);
  z[CLAIM_TYPES.indexOf(a)] = margin;
  z[CLAIM_TYPES.indexOf(b)] = 0;
  return z;
}
