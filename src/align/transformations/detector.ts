import type { Transformation } from '../../model/types.ts';
import type { DetectionContext } from './context.ts';

/** Converse kinds: what a strengthening transformation is called read the other way (src/align/diff.ts). */
export type WeakeningKind = 'hedge-added' | 'modality-weakened' | 'scope-narrowed' | 'qualifier-added';

/** One transformation kind's detector: the same signature for every kind. */
export interface TransformationDetector {
  /** The transformations of this kind the comparison shows (it may mark the tokens it explained in `ctx.consumedC`/`consumedK`). */
  detect: (ctx: DetectionContext) => Transformation[];
  /** The name of this kind read the other way (derived → source), when it has one: a release that dropped a hedge read backwards added one. */
  converse?: WeakeningKind;
}
