/** A cue pattern compromise cannot use is a clear RULES_INVALID error naming the rule, never a silent no-match. */
import { describe, expect, it } from 'vitest';
import { ofKind, parseRuleFile, rulesFromFiles, shippedRules } from '../../src/rules/load.ts';
import { compileClassifier } from '../../src/classify/compile.ts';
import { checkPattern } from '../../src/text/compromise.ts';

function withCue(pattern: string) {
  const cue = parseRuleFile(
    'cues/extra.yaml',
    `kind: cues\ncues:\n  - id: test.bad\n    direction: narrative\n    weight: 1\n    patterns: ['${pattern}']\n    why: test\n    examples:\n      match: [x]\n`,
    '/tmp/rules',
  );
  const shipped = shippedRules();
  return rulesFromFiles([...ofKind(shipped, 'classifier'), ...ofKind(shipped, 'claim-types'), cue]);
}

describe('cue pattern validation', () => {
  it.each([
    ['#Adj (may|might)', /unknown tag #Adj/],
    ['(may|might', /unbalanced/],
  ])('%s', (pattern, message) => {
    expect(checkPattern(pattern)).toMatch(message);
    try {
      compileClassifier(withCue(pattern));
      expect.unreachable();
    } catch (e) {
      const err = e as { code: string; message: string; file?: string };
      expect(err.code).toBe('RULES_INVALID');
      expect(err.message).toContain('test.bad');
      expect(err.file).toContain('cues/extra.yaml');
    }
  });

  it('accepts the shipped rules', () => {
    expect(() => compileClassifier(shippedRules())).not.toThrow();
    expect(checkPattern('(may|might) #Adverb? #Verb')).toBeUndefined();
  });
});
