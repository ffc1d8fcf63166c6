/** Every matching entry of rules/evidence.yaml carries examples; this runs them. */
import { describe, expect, it } from 'vitest';
import { headerKey } from '../../src/evidence/csv.ts';
import { languagesIn } from '../../src/evidence/coverage.ts';
import { modelRelation, modelTokens } from '../../src/evidence/models.ts';
import { judgeInText } from '../../src/evidence/judges.ts';
import { shipped } from './helpers.ts';

const er = shipped().evidence;
const fieldOf = (header: string): string | undefined => er.csvColumns.find((c) => c.aliases.some((a) => headerKey(a) === headerKey(header)))?.field;

describe('csvColumns examples', () => {
  for (const col of er.csvColumns) {
    it(col.field, () => {
      for (const h of col.examples.match) expect(fieldOf(h), `"${h}" → ${col.field}`).toBe(col.field);
      for (const h of col.examples.noMatch) expect(fieldOf(h), `"${h}" is not ${col.field}`).not.toBe(col.field);
    });
  }
  it('no header alias belongs to two fields', () => {
    const seen = new Map<string, string>();
    for (const col of er.csvColumns) {
      for (const a of col.aliases) {
        expect(seen.get(headerKey(a)) ?? col.field, `alias "${a}"`).toBe(col.field);
        seen.set(headerKey(a), col.field);
      }
    }
  });
});

describe('metricColumns examples', () => {
  const isMetricColumn = (h: string): boolean => er.metricColumns.aliases.some((a) => headerKey(a) === headerKey(h));
  it('match and noMatch', () => {
    for (const h of er.metricColumns.examples.match) expect(isMetricColumn(h), h).toBe(true);
    for (const h of er.metricColumns.examples.noMatch) expect(isMetricColumn(h), h).toBe(false);
  });
});

describe('modelNames examples', () => {
  it('sizeToken', () => {
    const re = new RegExp(er.modelNames.sizeToken, 'i');
    for (const t of er.modelNames.examples.match) expect(re.test(t), t).toBe(true);
    for (const t of er.modelNames.examples.noMatch) expect(re.test(t), t).toBe(false);
  });
  it('identity examples: the same model, or not', () => {
    const pair = (p: string): [string, string] => p.split(' | ').map((x) => x.trim()) as [string, string];
    expect(er.modelNames.identityExamples?.match.length).toBeGreaterThan(0);
    for (const p of er.modelNames.identityExamples?.match ?? []) expect(modelRelation(...pair(p), er), p).toBe('same');
    for (const p of er.modelNames.identityExamples?.noMatch ?? []) expect(modelRelation(...pair(p), er), p).not.toBe('same');
  });
  it('judges examples', () => {
    expect(er.judges.examples?.match.length).toBeGreaterThan(0);
    for (const t of er.judges.examples?.match ?? []) expect(judgeInText(t, er.judges.cueWords), t).toBeDefined();
    for (const t of er.judges.examples?.noMatch ?? []) expect(judgeInText(t, er.judges.cueWords), t).toBeUndefined();
  });
  it('replacements apply', () => {
    for (const r of er.modelNames.replacements) expect(modelTokens(`zephyr-7b-${r.from}`, er)).toContain(r.to);
  });
});

describe('scope.languages examples', () => {
  for (const l of er.scope.languages) {
    it(l.code, () => {
      for (const t of l.examples.match) expect(languagesIn(t, er).map((x) => x.code), t).toContain(l.code);
      for (const t of l.examples.noMatch) expect(languagesIn(t, er).map((x) => x.code), t).not.toContain(l.code);
    });
  }
});
