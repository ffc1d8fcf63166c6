// Label and claim type decided together (src/classify/decide.ts), on type scores we write here.
import { describe, expect, it } from 'vitest';
import { scores } from '../support/type-scores.ts';
import type { Claim } from '../../src/model/types.ts';
import { decideDocument } from '../../src/classify/decide.ts';
import { decided } from '../../src/classify/index.ts';
import { sigmoid } from '../../src/classify/linear.ts';


const OFF = { window: 0, weight: 0, floor: 0.02 };

describe('decideDocument', () => {
  it('a close representation whose type model reads "asserts nothing" is narrative', () => {
    const [d] = decideDocument([0.3], [scores('none', 'other', 2)], 0.5, OFF, 0.5);
    expect(d!.assertsNothing).toBeCloseTo(-1, 12);
    expect(d!.label).toBe('narrative');
    expect(d!.type).toBe('none');
    expect(d!.score).toBeCloseTo(sigmoid(0.3 - 1), 12);
  });

  it('a clear representation stays one, and is never typed none', () => {
    const [d] = decideDocument([3], [scores('none', 'other', 2)], 0.5, OFF, 0.5);
    expect(d!.label).toBe('representation');
    expect(d!.type).toBe('other');
  });

  it('changes nothing when none is not the best reading, or when turned off', () => {
    const [a] = decideDocument([0.3], [scores('training', 'none', 2)], 0.5, OFF, 0.5);
    expect(a).toMatchObject({ label: 'representation', type: 'training', assertsNothing: 0 });
    expect(a!.score).toBeCloseTo(sigmoid(0.3), 12);
    const [b] = decideDocument([0.3], [scores('none', 'other', 2)], 0.5, OFF, 0);
    expect(b).toMatchObject({ label: 'representation', type: 'other', assertsNothing: 0 });
  });

  it('score and label agree at any threshold', () => {
    for (const threshold of [0.3, 0.5, 0.7]) {
      for (const logit of [-2, -0.5, 0, 0.4, 1, 2.5]) {
        const [d] = decideDocument([logit], [scores('none', 'capability', 1)], threshold, OFF, 0.5);
        expect(d!.label === 'representation').toBe(d!.score >= threshold);
      }
    }
  });

  it('reads the type in its neighbours\u2019 context, and skips sentences not scored', () => {
    // The middle sentence leans to none by a little; its neighbours are clearly capability.
    const z = [scores('capability', 'none', 4), scores('none', 'capability', 0.2), scores('capability', 'none', 4)];
    const alone = decideDocument([undefined, 0.05, undefined], [undefined, z[1], undefined], 0.5, { window: 2, weight: 0.5, floor: 0.02 }, 0.5);
    expect(alone[0]).toBeUndefined();
    expect(alone[1]!.label).toBe('narrative');
    const inContext = decideDocument([2, 0.05, 2], z, 0.5, { window: 2, weight: 0.5, floor: 0.02 }, 0.5);
    expect(inContext[1]).toMatchObject({ label: 'representation', type: 'capability', assertsNothing: 0 });
  });
});

describe('decided: what a decision sets on a claim', () => {
  const claim = (): Claim => ({ id: 's1', sentenceId: 's1', docId: 'd', type: 'none', label: 'narrative', score: 0, cues: [], quantities: [], modality: 'definite' });

  it('explains the "asserts nothing" evidence when it reaches minContribution, and only then', () => {
    const c = claim();
    Object.assign(c, decided({ label: 'narrative', score: 0.41, type: 'none', assertsNothing: -0.8 }, { modality: { name: 'hedged', dir: 'narrative' }, cues: c.cues }, 0.3));
    expect(c).toMatchObject({ label: 'narrative', score: 0.41, type: 'none', modality: 'hedged' });
    expect(c.cues).toEqual([expect.objectContaining({ id: 'context.asserts-nothing', direction: 'narrative', weight: 0.8 })]);
    const small = claim();
    Object.assign(small, decided({ label: 'representation', score: 0.7, type: 'other', assertsNothing: -0.1 }, { cues: small.cues }, 0.3));
    expect(small.cues).toEqual([]);
    expect(small.modality).toBe('definite');
  });
});
