/**
 * compileRuleSet: every stage's rules compiled once into one typed CompiledRules, the required kinds
 * checked in one place, and the stages reading the compiled slices they are given (no lazy compiling).
 */
import { describe, expect, it } from 'vitest';
import { parseRuleFile, rulesFromFiles, shippedRules, type RuleFile } from '../../src/rules/load.ts';
import { compileRuleSet, compiledShippedRules, type CompiledRules } from '../../src/rules/compile.ts';
import { REQUIRED_KINDS, type RequiredKind } from '../../src/rules/required.ts';
import { WarrantError } from '../../src/model/errors.ts';
import { guessDocumentRole } from '../../src/ingest/role-guess.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import { findBenchmarkMentions } from '../../src/extract/benchmark-names.ts';
import { detectIncorporation } from '../../src/contract/index.ts';
import { languagesIn } from '../../src/evidence/coverage.ts';
import type { Block, Document } from '../../src/model/types.ts';

const shipped = shippedRules();

function paragraph(text: string): Block {
  const span = { kind: 'text' as const, line: 1, column: 1, endLine: 1, endColumn: text.length + 1, offset: 0, endOffset: text.length };
  return { id: 'b0', kind: 'paragraph', sectionPath: [], text, runs: [{ start: 0, end: text.length, sourceOffset: 0 }], span };
}

function errorOf(f: () => unknown): WarrantError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WarrantError);
    return e as WarrantError;
  }
  throw new Error('expected an error');
}

describe('compileRuleSet', () => {
  it('compiles every stage slice of the shipped rules, keeping the files and the hash', () => {
    const c = compileRuleSet(shipped);
    expect(c.sha256).toBe(shipped.sha256);
    expect(c.files).toBe(shipped.files);
    for (const slice of ['classifier', 'roles', 'segmentation', 'benchmarks', 'prose', 'numbers', 'tables', 'legal', 'alignment', 'metricAliases', 'evidence', 'names'] as const) {
      expect(c[slice], slice).toBeDefined();
    }
    expect(c.classifier.net).toBeDefined();
    expect(c.alignment.stopwords.size).toBeGreaterThan(0);
    expect(c.metricAliases.phrases.length).toBeGreaterThan(0);
    expect(c.evidence.languagePatterns.length).toBe(c.evidence.scope.languages.length);
  });

  it('returns compiled rules as they are (compiling twice costs nothing)', () => {
    const c = compiledShippedRules();
    expect(compileRuleSet(c)).toBe(c);
    expect(compiledShippedRules()).toBe(c);
  });

  it.each(Object.keys(REQUIRED_KINDS) as RequiredKind[])('a rule set without kind %s fails once, naming it', (kind) => {
    const e = errorOf(() => compileRuleSet(rulesFromFiles(shipped.files.filter((f) => f.kind !== kind))));
    expect(e.code).toBe('RULES_INVALID');
    expect(e.message).toContain(`"${kind}"`);
    expect(e.message).toContain(REQUIRED_KINDS[kind]);
  });

  /** The error of compiling the shipped rules plus one cue file whose single cue has `fields` (YAML lines). */
  const withCue = (fields: string) =>
    errorOf(() => compileRuleSet(rulesFromFiles([...shipped.files, parseRuleFile('cues/broken.yaml', `kind: cues\ncues:\n  - ${fields.trim().split('\n').join('\n    ')}\n`, 'mem') as RuleFile])));

  it('a broken pattern is RULES_INVALID at compile time, not mid-analysis', () => {
    const e = withCue('id: broken.cue\ndirection: narrative\nweight: 1\nwhy: test\npatterns: ["(unclosed"]\nexamples: { match: [x] }');
    expect(e.code).toBe('RULES_INVALID');
    expect(e.message).toContain('broken.cue');
  });

  it("a broken 'unless' pattern is RULES_INVALID naming the cue", () => {
    const e = withCue('id: broken.unless\ndirection: narrative\nweight: 1\nwhy: test\npatterns: [maybe]\nunless: ["(unclosed"]\nexamples: { match: [maybe] }');
    expect(e.code).toBe('RULES_INVALID');
    expect(e.message).toContain('broken.unless');
    expect(e.message).toContain('(unclosed');
  });
});

describe('stages read the compiled slices they are given', () => {
  const c = compiledShippedRules();
  const doc: Pick<Document, 'blocks' | 'metadata'> = { blocks: [paragraph('The parties agree that Customer shall pay the fees. This Agreement is governed by law.')], metadata: {} };

  it('role guessing reads `roles`', () => {
    expect(guessDocumentRole(doc, c)).toBe('contract');
    const noSignals: CompiledRules = { ...c, roles: { ...c.roles, signals: [] } };
    expect(guessDocumentRole(doc, noSignals)).toBe('model-card');
  });

  it('segmentation reads `segmentation`', () => {
    const text = 'See Fig. 2 for the results.';
    const d: Document = { id: 'a'.repeat(64), name: 'x.md', role: 'model-card', mediaType: 'text/markdown', metadata: {}, lineStarts: [0], diagnostics: [], blocks: [paragraph(text)] };
    expect(segmentDocument(d, { rules: c }).map((s) => s.text)).toEqual([text]);
    const none = { never: new Set<string>(), final: new Set<string>(), beforeNumber: new Set<string>() };
    expect(segmentDocument(d, { rules: { segmentation: { ...c.segmentation, abbreviations: none } } }).length).toBe(2);
  });

  it('name finding reads `benchmarks`', () => {
    expect(findBenchmarkMentions('It scores 70 on MMLU.', c).map((m) => m.name)).toEqual(['MMLU']);
    const empty: CompiledRules = { ...c, benchmarks: { ...c.benchmarks, benchmarkScanners: [] } };
    expect(findBenchmarkMentions('It scores 70 on MMLU.', empty)).toEqual([]);
  });

  it('contract reading reads `legal`, incorporation words included', () => {
    // "No." numbers a document of the agreement (structure.numberWords); "of" goes on naming another one (nameContinuations).
    expect(detectIncorporation('The services are as described in Statement of Work No. 2.', c.legal)).toBeUndefined();
    expect(detectIncorporation('The Model shall perform in accordance with the Terms of Service.', c.legal)?.name).toBe('Terms of Service');
    const noNumbers = { ...c.legal, numberWords: new Set<string>() };
    expect(detectIncorporation('The services are as described in Statement of Work No. 2.', noNumbers)?.name).toBe('Statement of Work No. 2');
  });

  it('evidence scope reads the compiled language patterns', () => {
    expect(languagesIn('Mainly English and French', c.evidence).map((l) => l.code)).toEqual(['en', 'fr']);
    expect(languagesIn('Mainly English', { ...c.evidence, languagePatterns: [] })).toEqual([]);
  });
});

describe('word lists that moved from engine code to rules/ are validated there', () => {
  const replace = (path: string, from: RegExp, to: string): RuleFile => {
    const f = shipped.files.find((x) => x.path === path)!;
    const text = JSON.stringify({ ...(f.data as object) }).replace(from, to);
    return parseRuleFile(path, text, 'mem');
  };

  it.each([
    ['evidence.yaml', /"claimTypes":\["intended-use"/, '"claimTypes":["no-such-type"'],
    ['evidence.yaml', /"ranking":\{"metric":8/, '"ranking":{"metric":"eight"'],
    ['classifier.yaml', /"hedgedLeadModalities":\["hedged"/, '"hedgedLeadModalities":["vague"'],
    ['classifier.yaml', /"neighbours":\{"window":2/, '"neighbours":{"window":-1'],
    ['classifier.yaml', /"floor":0\.02/, '"floor":0'],
    // A condition that reads a subject group or phrases needs them (a context cue's keys are in schema order).
    ['classifier.yaml', /("id":"context\.list-lead-reader"[^}]*"group":)"reader"/, '$1"readers"'],
    ['classifier.yaml', /("id":"context\.subject-reader"[^}]*),"group":"reader"/, '$1'],
    ['classifier.yaml', /("id":"context\.empty-value"[^}]*),"phrases":\[[^\]]*\]/, '$1'],
    ['classifier.yaml', /("possessiveHeads":\{[^}]*"group":)"product"/, '$1"products"'],
  ])('%s rejects %s', (path, from, to) => {
    expect(() => replace(path, from, to)).toThrow(expect.objectContaining({ code: 'RULES_INVALID' }));
  });

  it('a user file can change a moved list (scope claim types)', () => {
    const f = shipped.files.find((x) => x.path === 'evidence.yaml')!;
    const data = { ...(f.data as { scope: object }) };
    const user = parseRuleFile('evidence.yaml', JSON.stringify({ ...data, scope: { ...data.scope, claimTypes: ['language'] } }), 'user');
    const c = compileRuleSet(rulesFromFiles([...shipped.files.filter((x) => x.kind !== 'evidence'), user]));
    expect(c.evidence.scope.claimTypes).toEqual(['language']);
  });
});
