import { describe, expect, it } from 'vitest';
import { scores, typesInContext } from '../support/type-scores.ts';
import { pickType } from '../../src/classify/linear.ts';

const ON = { window: 2, weight: 0.5, floor: 0.02 };
const OFF = { window: 0, weight: 0.5, floor: 0.02 };

describe('claim type in the context of the neighbouring sentences', () => {
  it('a close call goes the way of the sentences around it', () => {
    // The middle sentence leans to 'other' by a little; its neighbours are clearly 'training'.
    const logits = [scores('training', 'other', 4), scores('training', 'other', 4), scores('other', 'training', 0.3), scores('training', 'other', 4)];
    const rep = [true, true, true, true];
    expect(typesInContext(logits, rep, OFF)[2]).toBe('other');
    expect(typesInContext(logits, rep, ON)[2]).toBe('training');
  });

  it('a clear decision is kept against its neighbours', () => {
    const logits = [scores('training', 'other', 4), scores('performance', 'training', 6), scores('training', 'other', 4)];
    expect(typesInContext(logits, [true, true, true], ON)[1]).toBe('performance');
  });

  it('only sentences within the window count', () => {
    const far = [scores('other', 'training', 0.3), scores('capability', 'other', 8), scores('capability', 'other', 8), scores('capability', 'other', 8), scores('training', 'other', 8)];
    // The 'training' sentence is 4 away from the first: outside a window of 2.
    expect(typesInContext(far, [true, true, true, true, true], ON)[0]).toBe('other');
    expect(typesInContext(far, [true, true, true, true, true], { ...ON, window: 4, weight: 3 })[0]).toBe('training');
  });

  it('a representation is never typed none, whatever its neighbours say', () => {
    const logits = [scores('none', 'other', 6), scores('none', 'other', 0.5), scores('none', 'other', 6)];
    const types = typesInContext(logits, [false, true, false], ON);
    expect(types).toEqual(['none', 'other', 'none']);
  });

  it('off (window 0 or weight 0) is the sentence on its own; unscored sentences stay undefined and are nobody\'s neighbour', () => {
    const logits = [scores('training', 'other', 4), undefined, scores('other', 'training', 0.3), scores('training', 'other', 4)];
    const rep = [true, true, true, true];
    expect(typesInContext(logits, rep, { ...ON, weight: 0 })).toEqual([pickType(logits[0]!, true), undefined, 'other', 'training']);
    expect(typesInContext(logits, rep, ON)[1]).toBeUndefined();
    // The same document with its sentences' scores reversed gets the same types, reversed.
    const forward = typesInContext(logits, rep, ON);
    expect(typesInContext([...logits].reverse(), rep, ON)).toEqual([...forward].reverse());
  });

  it('a lone sentence has no context and keeps its own type', () => {
    expect(typesInContext([scores('capability', 'other', 0.1)], [true], ON)).toEqual(['capability']);
  });
});
