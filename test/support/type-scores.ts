// Claim-type scores written for tests of the type decision (type-context.test.ts, decide.test.ts).
import { CLAIM_TYPES, type ClaimType } from '../../src/model/types.ts';
import { pickType } from '../../src/classify/linear.ts';
import { logitsInContext, type NeighbourSettings } from '../../src/classify/type-context.ts';

/** The type each sentence's scores pick once its neighbours' context is added, given its label (representation: never none). */
export function typesInContext(logits: ReadonlyArray<Float64Array | undefined>, representation: readonly boolean[], s: NeighbourSettings): Array<ClaimType | undefined> {
  return logitsInContext(logits, s).map((z, i) => z && pickType(z, representation[i]!));
}

/** Type scores that favour `a` by `margin` over `b`, every other class far below. */
export function scores(a: ClaimType, b: ClaimType, margin: number): Float64Array {
  const z = new Float64Array(CLAIM_TYPES.length).fill(-5);
  z[CLAIM_TYPES.indexOf(a)] = margin;
  z[CLAIM_TYPES.indexOf(b)] = 0;
  return z;
}
