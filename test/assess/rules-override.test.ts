import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../../src/rules/load.ts';
import { assessRendered as assessFindings } from './build.ts';
import { findingCatalogue, profileNames, resolveProfile } from '../../src/assess/catalogue.ts';
import { OWN_RULE_PATHS, RULES_DIR, textDoc } from './build.ts';

// A shipped folder with only this issue's rule files, so the test does not depend on other kinds' files.
const root = mkdtempSync(join(tmpdir(), 'warrant-rules-'));
const shipped = join(root, 'shipped');
for (const p of OWN_RULE_PATHS) {
  mkdirSync(join(shipped, p, '..'), { recursive: true });
  cpSync(fileURLToPath(new URL(p, RULES_DIR)), join(shipped, p));
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

function userDir(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const weakCard = textDoc('card.md', 'model-card', [{ text: 'Limitations', heading: 2 }, { text: 'The model is best-in-class.', type: 'capability', label: 'representation', weak: true }]);
const input = { documents: [weakCard.judged], evidence: [], links: [], alignments: [] };

describe('--rules overrides', () => {
  it('a user profile with the same relative path replaces the shipped one; a user findings file overrides by id', async () => {
    const dir = userDir('ok', {
      'profiles/procurement.yaml': 'kind: profile\nname: procurement\nseverities:\n  vague-superlative: note\n',
      'profiles/team.yaml': 'kind: profile\nname: team\nextends: vendor-release\nseverities:\n  vague-superlative: error\n',
      'team-findings.yaml':
        'kind: findings\nfindings:\n  - id: vague-superlative\n    severity: warning\n    title: Puffery\n    message: "Puffery in {document}: {text}"\n    rationale: Our legal team rejects puffery.\n    remedy: Say what was measured.\n',
    });
    const rules = await loadRules({ shippedDir: shipped, extraDirs: [dir] });
    expect(profileNames(rules)).toEqual(['procurement', 'team', 'vendor-release']);
    // Replaced: the user's procurement names only one id, the rest fall back to catalogue defaults.
    const proc = resolveProfile(rules, 'procurement');
    expect(proc.severities['vague-superlative']).toBe('note');
    expect(proc.severities['contract-hedge-removed']).toBe('warning');
    expect(proc.file).toBe(`${dir}/profiles/procurement.yaml`);
    expect(findingCatalogue(rules).get('vague-superlative')!.title).toBe('Puffery');
    const fs = assessFindings(input, rules, 'team');
    expect(fs.map((f) => [f.ruleId, f.severity, f.message, f.remedy])).toEqual([['vague-superlative', 'error', 'Puffery in card.md: The model is best-in-class.', 'Say what was measured.']]);
  });

  const bad: Array<[string, Record<string, string>, RegExp, string, number]> = [
    ['unknown id in a profile', { 'profiles/x.yaml': 'kind: profile\nname: x\nseverities:\n  made-up: error\n' }, /unknown finding id "made-up"/, 'profiles/x.yaml', 4],
    ['bad severity', { 'profiles/x.yaml': 'kind: profile\nname: x\nseverities:\n  vague-superlative: fatal\n' }, /severities\.vague-superlative/, 'profiles/x.yaml', 4],
    ['unknown key', { 'f.yaml': 'kind: findings\nfindings:\n  - id: vague-superlative\n    severity: note\n    title: t\n    message: m\n    rationale: r\n    remedy: r\n    colour: red\n' }, /colour/, 'f.yaml', 3],
    ['bad placeholder', { 'f.yaml': 'kind: findings\nfindings:\n  - id: vague-superlative\n    severity: note\n    title: t\n    message: "{observed}"\n    rationale: r\n    remedy: r\n' }, /unknown placeholder \{observed\}/, 'f.yaml', 6],
  ];
  for (const [name, files, msg, file, line] of bad) {
    it(`rejects a user file with ${name}, naming file and line`, async () => {
      const dir = userDir(name.replace(/\W+/g, '-'), files);
      try {
        await loadRules({ shippedDir: shipped, extraDirs: [dir] });
        expect.unreachable();
      } catch (e) {
        const err = e as { code: string; message: string; file: string; line: number };
        expect(err.code).toBe('RULES_INVALID');
        expect(err.message).toMatch(msg);
        expect(err.file).toBe(join(dir, file));
        expect(err.line).toBe(line);
      }
    });
  }

  it('a user findings.yaml that replaces the catalogue must still define every id', async () => {
    const dir = userDir('partial', {
      'findings.yaml': 'kind: findings\nfindings:\n  - id: vague-superlative\n    severity: note\n    title: t\n    message: m\n    rationale: r\n    remedy: r\n',
    });
    const rules = await loadRules({ shippedDir: shipped, extraDirs: [dir] });
    expect(() => assessFindings(input, rules, 'procurement')).toThrow(/no definition for finding id\(s\): representation-without-evidence/);
  });

  it('a profile extending an unknown profile is a rules error', async () => {
    const dir = userDir('ext', { 'profiles/x.yaml': 'kind: profile\nname: x\nextends: nowhere\nseverities: {}\n' });
    const rules = await loadRules({ shippedDir: shipped, extraDirs: [dir] });
    expect(() => resolveProfile(rules, 'x')).toThrow(/extends unknown profile "nowhere"/);
  });
});
