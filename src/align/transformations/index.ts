/**
 * One detector per transformation kind (src/model/types.ts `TransformationKind`), each in its own
 * module with the same signature, registered here by kind: the compiler requires one per kind.
 * Each kind's `examples` (flagged / not flagged card → contract pairs) are in rules/alignment.yaml
 * under `transformations`; test/align/transformation-examples.test.ts runs them all.
 *
 * Detectors look only at the card clauses the contract quotes (two copied words or a third). An
 * empty list means the contract rewords the card without a recognised drift.
 */
import type { Transformation, TransformationKind } from '../../model/types.ts';
import type { Matching } from '../matching.ts';
import type { NumberPair } from '../numbers.ts';
import { detectionContext } from './context.ts';
import type { TransformationDetector, WeakeningKind } from './detector.ts';
import { hedgeRemoved } from './hedge-removed.ts';
import { modalityStrengthened } from './modality-strengthened.ts';
import { negationFlipped } from './negation-flipped.ts';
import { numberChanged } from './number-changed.ts';
import { qualifierDropped } from './qualifier-dropped.ts';
import { scopeBroadened } from './scope-broadened.ts';
import { verbatim } from './verbatim.ts';

export type { TransformationDetector, WeakeningKind } from './detector.ts';
export type { DetectionContext } from './context.ts';

/** The detector of every transformation kind. */
export const DETECTORS: Record<TransformationKind, TransformationDetector> = {
  verbatim,
  'hedge-removed': hedgeRemoved,
  'modality-strengthened': modalityStrengthened,
  'number-changed': numberChanged,
  'scope-broadened': scopeBroadened,
  'qualifier-dropped': qualifierDropped,
  'negation-flipped': negationFlipped,
};

/** Every transformation kind, in the order a comparison lists them. */
export const TRANSFORMATION_KINDS = Object.keys(DETECTORS) as TransformationKind[];

/**
 * The order the detectors run in. A phrase is reported by the first detector that names it (a
 * modal taken as a stronger modal is no hedge removed; a hedge is no qualifier); `number-changed`
 * pairs the figures no phrase explained; `verbatim` holds only when nothing else was found.
 */
export const DETECTION_ORDER = ['negation-flipped', 'modality-strengthened', 'hedge-removed', 'scope-broadened', 'qualifier-dropped', 'number-changed', 'verbatim'] as const satisfies readonly TransformationKind[];
// Every kind runs: a kind missing from DETECTION_ORDER is a type error here.
const everyKindRuns: Exclude<TransformationKind, (typeof DETECTION_ORDER)[number]> extends never ? true : never = true;
void everyKindRuns;

/** Strengthening kinds and the name of each one's converse (the same edit read derived → source). */
export const CONVERSE: Partial<Record<TransformationKind, WeakeningKind>> = Object.fromEntries(
  TRANSFORMATION_KINDS.flatMap((k) => (DETECTORS[k].converse ? [[k, DETECTORS[k].converse]] : [])),
);

/**
 * Run every detector on a matching: each kind once, in DETECTION_ORDER. Returns the
 * transformations without repeats, in TRANSFORMATION_KINDS order, and the figures paired once the
 * phrase detectors had their words (what the similarity credits).
 */
export function detectTransformations(m: Matching): { transformations: Transformation[]; numberPairs: NumberPair[] } {
  const found: Transformation[] = [];
  const ctx = detectionContext(m, found);
  for (const kind of DETECTION_ORDER) found.push(...DETECTORS[kind].detect(ctx));
  const seen = new Set<string>();
  const unique = found.filter((t) => {
    const k = `${t.kind}\0${t.from ?? ''}\0${t.to ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  unique.sort((a, b) => TRANSFORMATION_KINDS.indexOf(a.kind) - TRANSFORMATION_KINDS.indexOf(b.kind));
  return { transformations: unique, numberPairs: ctx.numberPairs };
}
