import { describe, expect, it } from 'vitest';
import { parseRuleFile, loadRules } from '../../src/rules/load.ts';
import { WarrantError } from '../../src/model/errors.ts';

function errorOf(text: string): WarrantError {
  try {
    parseRuleFile('cues/test.yaml', text, 'rules');
  } catch (e) {
    expect(e).toBeInstanceOf(WarrantError);
    return e as WarrantError;
  }
  throw new Error('expected an error');
}

describe('rule files are validated with file, line and problem', () => {
  it.each([
    ['YAML syntax', 'kind: cues\ncues: [\n', 3, /YAML syntax/],
    ['not a mapping', '- a\n- b\n', 1, /mapping/],
    ['unknown kind', 'kind: wishes\n', 1, /unknown or missing kind "wishes"/],
    ['missing kind', 'cues: []\n', 1, /unknown or missing kind/],
    ['bad field deep inside', 'kind: cues\ncues:\n  - id: ok.id\n    direction: sideways\n', 4, /direction/],
    ['duplicate key', 'kind: cues\nkind: cues\n', 2, /YAML syntax/],
  ])('%s', (_name, text, line, message) => {
    const e = errorOf(text);
    expect(e.code).toBe('RULES_INVALID');
    expect(e.file).toContain('cues/test.yaml');
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
  });

  it('the shipped rules load, and the rule-set hash is stable', async () => {
    const a = await loadRules();
    const b = await loadRules();
    expect(a.files.length).toBeGreaterThan(0);
    expect(a.sha256).toBe(b.sha256);
  });

  it('a missing rules folder is a clear error', async () => {
    await expect(loadRules({ extraDirs: ['/no/such/rules'] })).rejects.toThrow(/cannot read rules folder/);
  });
});
