/**
 * Every entry of rules/benchmarks.yaml carries examples; this runs them through the functions
 * that use the entry, so an entry that does not do what its examples say fails here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../src/rules/load.ts';
import type { BenchmarksFile } from '../../src/rules/kinds/benchmarks.ts';
import { TABLE_HEADER_ROLES } from '../../src/rules/kinds/benchmarks.ts';
import { findConditions, findDomains, parseLabel, resolveBenchmark, resolveMetric, resolveSplit } from '../../src/extract/benchmark-names.ts';
import { findNumbers } from '../../src/extract/quantities-numbers.ts';
import { modelNameFromHeading } from '../../src/extract/quantities-model.ts';
import { headerRole } from '../../src/extract/table-quantities.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const PATH = fileURLToPath(new URL('../../rules/benchmarks.yaml', import.meta.url));
const file = parseRuleFile('benchmarks.yaml', readFileSync(PATH, 'utf8'), 'rules');
const rules = compiledShippedRules();
const data = file.data as BenchmarksFile;

const containsPhrase = (text: string, phrases: string[]): boolean =>
  phrases.some((p) =>
    /\p{L}/u.test(p) ? new RegExp(`(?<![\\p{L}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').test(text) : text.includes(p),
  );

describe('rules/benchmarks.yaml examples', () => {
  it('has a non-trivial vocabulary', () => {
    expect(data.benchmarks.length).toBeGreaterThan(50);
    expect(data.metrics.length).toBeGreaterThan(15);
    expect(data.domains.length).toBeGreaterThan(10);
  });

  for (const b of data.benchmarks) {
    it(`benchmark ${b.name}`, () => {
      for (const m of b.examples.match) expect(resolveBenchmark(m, rules)?.name, m).toBe(b.name);
      for (const m of b.examples.noMatch) expect(resolveBenchmark(m, rules)?.name, m).not.toBe(b.name);
    });
  }
  for (const s of data.subtasks) {
    it(`subtask pattern ${s.id}`, () => {
      for (const m of s.examples.match) {
        const r = resolveBenchmark(m, rules);
        expect(r?.via, m).toBe(`pattern:${s.id}`);
        expect(r?.group, m).toBe(s.group);
      }
      for (const m of s.examples.noMatch) expect(resolveBenchmark(m, rules)?.via, m).not.toBe(`pattern:${s.id}`);
    });
  }
  for (const metric of data.metrics) {
    it(`metric ${metric.name}`, () => {
      for (const m of metric.examples.match) {
        const direct = resolveMetric(m, rules) ?? parseLabel(m, rules).metric;
        expect(direct?.name, m).toBe(metric.name);
      }
      for (const m of metric.examples.noMatch) expect(resolveMetric(m, rules)?.name, m).not.toBe(metric.name);
    });
  }
  for (const d of data.domains) {
    it(`domain ${d.id}`, () => {
      for (const m of d.examples.match) expect(findDomains(m, rules), m).toContain(d.id);
      for (const m of d.examples.noMatch) expect(findDomains(m, rules), m).not.toContain(d.id);
    });
  }
  for (const c of data.conditions) {
    it(`condition ${c.id}`, () => {
      for (const m of c.examples.match) expect(findConditions(m, rules).map((x) => x.id), m).toContain(c.id);
      for (const m of c.examples.noMatch) expect(findConditions(m, rules).map((x) => x.id), m).not.toContain(c.id);
    });
  }
  for (const s of data.splits) {
    it(`split ${s.name}`, () => {
      for (const m of s.examples.match) expect(resolveSplit(m, rules), m).toBe(s.name);
      for (const m of s.examples.noMatch) expect(resolveSplit(m, rules), m).not.toBe(s.name);
    });
  }
  for (const c of data.comparators) {
    it(`comparator ${c.symbol}`, () => {
      for (const m of c.examples.match) expect(findNumbers(m, rules).find((n) => !n.notScore)?.comparator, m).toBe(c.symbol);
      for (const m of c.examples.noMatch) expect(findNumbers(m, rules).find((n) => !n.notScore)?.comparator, m).toBeUndefined();
    });
  }
  it('measure units make a number a size or count', () => {
    for (const m of data.measureUnits!.examples.match) expect(findNumbers(m, rules).every((n) => n.notScore !== undefined), m).toBe(true);
    for (const m of data.measureUnits!.examples.noMatch) expect(findNumbers(m, rules).some((n) => n.notScore === undefined), m).toBe(true);
  });
  it('version words make a number a version or a name', () => {
    for (const m of data.versionWords!.examples.match) expect(findNumbers(m, rules).every((n) => n.notScore !== undefined), m).toBe(true);
    for (const m of data.versionWords!.examples.noMatch) expect(findNumbers(m, rules).some((n) => n.notScore === undefined), m).toBe(true);
  });
  it('aggregates are read as aggregates', () => {
    for (const m of data.aggregates!.examples.match) expect(parseLabel(m, rules).aggregate, m).toBe(true);
    for (const m of data.aggregates!.examples.noMatch) expect(parseLabel(m, rules).aggregate, m).toBe(false);
  });
  for (const role of TABLE_HEADER_ROLES) {
    it(`table header role ${role}`, () => {
      const entry = data.tableHeaders[role];
      expect(entry, role).toBeDefined();
      for (const m of entry!.examples.match) expect(headerRole(m, rules), m).toBe(role);
      for (const m of entry!.examples.noMatch) expect(headerRole(m, rules), m).not.toBe(role);
    });
  }
  it('prose linking words', () => {
    for (const [name, entry] of Object.entries(data.prose!)) {
      if (Array.isArray(entry) || entry === undefined) continue;
      for (const m of entry.examples.match) expect(containsPhrase(m, entry.phrases), `${name}: ${m}`).toBe(true);
    }
    // noMatch examples of prose lists are sentences where the linking word must not be read; checked by extraction tests.
  });
  it('own-model headings', () => {
    for (const m of data.ownModel!.examples.match) expect(modelNameFromHeading(m, rules), m).toBeTruthy();
    for (const m of data.ownModel!.examples.noMatch) expect(modelNameFromHeading(m, rules), m).toBeUndefined();
  });

  it('rejects a rule file with an unknown key or a dangling reference', () => {
    const bad = (yaml: string) => () => parseRuleFile('bad.yaml', yaml, 'mem');
    expect(bad('kind: benchmarks\nbenchmarks: []\nsurprise: 1\n')).toThrow(/surprise|Unrecognized/i);
    expect(
      bad(
        'kind: benchmarks\nmetrics:\n  - {name: accuracy, aliases: [acc], kind: rate, higherIsBetter: true, examples: {match: [acc]}}\n' +
          'domains:\n  - {id: reasoning, phrases: [reasoning], examples: {match: [reasoning]}}\n' +
          'benchmarks:\n  - {name: X, aliases: [X], domains: [reasoning], metric: nope, examples: {match: [X]}}\n',
      ),
    ).toThrow(/unknown metric/);
    expect(bad('kind: benchmarks\nconditions:\n  - {id: broken, pattern: "(", sets: label, examples: {match: [x]}}\n')).toThrow(/regular expression/);
    expect(bad('kind: benchmarks\nbenchmarks:\n  - {name: X, aliases: [X], domains: [reasoning]}\n')).toThrow(/examples/);
  });
});
