/**
 * Issue 16: documents that make up the agreement itself (an order form, a statement of work, a
 * purchase order; rules/legal.yaml `structure.agreementNames`) are no incorporation of an outside
 * document, with or without a date or number after the name; a longer name that only starts with
 * one ("Order Form Template") or continues it ("Terms of Service") still is.
 */
import { describe, expect, it } from 'vitest';
import { detectIncorporation } from '../../src/contract/index.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const legal = compiledShippedRules().legal;

describe('documents that form part of the agreement', () => {
  it.each([
    'The fees are as set out in the Order Form.',
    'Provider shall deliver the Model in accordance with the Order Form dated 1 May 2026.',
    'The services are as described in the Statement of Work.',
    'The services are as described in Statement of Work No. 2.',
    'The deliverables are as specified in the SOW.',
    'Quantities are as set out in the Purchase Order.',
    'The Model will perform as set out in the Agreement.',
  ])('no incorporation: %s', (text) => {
    expect(detectIncorporation(text, legal)).toBeUndefined();
  });
  it.each([
    ['The Model shall perform in accordance with the Terms of Service.', 'Terms of Service'],
    ['Pricing is as set out in the Order Form Template published by Provider.', 'Order Form Template'],
    ['This Exhibit C forms part of the Order Form.', 'Exhibit C'],
  ])('incorporation: %s', (text, name) => {
    expect(detectIncorporation(text, legal)?.name).toBe(name);
  });
});
