/** Scope coverage: scope claims whose domain or language no evidence covers. */
import { describe, expect, it } from 'vitest';
import { readEvidence, linkEvidence, scopeCoverage } from '../../src/evidence/index.ts';
import { coverageOf, languageCode, languagesIn, scopeGaps } from '../../src/evidence/coverage.ts';
import { namesFor } from '../../src/evidence/names.ts';
import { fixture, handCard, shipped } from './helpers.ts';

const rules = shipped();
const er = rules.evidence;
const lmEval = readEvidence(fixture('tern-3b_lm-eval.json'), rules);
const card = handCard('tern.md', { 'model-index': [{ name: 'Tern-3B-Chat', results: [] }] }, [
  { text: 'Tern-3B-Chat is intended for question answering and code generation.', type: 'intended-use' },
  { text: 'The model supports English and French.', type: 'language' },
  { text: 'It is good at math word problems.', type: 'capability' },
  { text: 'It is not intended for code generation.', type: 'out-of-scope' },
]);

describe('coverage of evidence', () => {
  it('maps benchmarks to domains and languages (unlisted benchmarks: the default languages)', () => {
    const cover = coverageOf(lmEval, namesFor(rules), er);
    expect([...cover.domains.keys()].sort()).toEqual(expect.arrayContaining(['math', 'question-answering', 'reasoning', 'knowledge']));
    expect(cover.domains.has('code')).toBe(false);
    expect([...cover.languages.keys()]).toEqual(['en']);
  });
  it('reads MTEB language tags', () => {
    expect(languageCode('eng-Latn', er)).toBe('en');
    expect(languageCode('fra-Latn', er)).toBe('fr');
  });
  it('finds language names as whole words', () => {
    expect(languagesIn('Mainly English, some German', er).map((l) => l.code)).toEqual(['en', 'de']);
    expect(languagesIn('Germany and England', er)).toEqual([]);
  });
});

describe('scope gaps', () => {
  it('a domain no benchmark covers and a language no benchmark covers are unverified, with the words', () => {
    const gaps = scopeGaps([card], lmEval, rules);
    expect(gaps.map((g) => [g.claimId, g.kind, g.value])).toEqual([
      ['doc-tern.md:s0', 'domain', 'code'],
      ['doc-tern.md:s1', 'language', 'fr'],
    ]);
    expect(gaps[0]!.link).toMatchObject({ verdict: 'unverified', evidenceIds: [] });
    expect(gaps[0]!.link.note).toContain('no evaluation evidence covers code');
    expect(gaps[1]!.link.note).toContain('French');
  });
  it('with no evidence at all, every named domain is a gap; out-of-scope statements are not checked', () => {
    const links = scopeCoverage([card], [], rules);
    expect(links.map((l) => l.note.match(/covers ([^;]+);/)?.[1])).toEqual(['question-answering', 'code', 'English (en)', 'French (fr)', 'math']);
    expect(links.every((l) => l.claimId !== 'doc-tern.md:s3')).toBe(true);
  });
  it('evidence for another model covers nothing for this card', () => {
    const other = lmEval.map((r) => ({ ...r, model: 'Kite-1B' }));
    expect(scopeCoverage([card], other, rules).length).toBe(scopeCoverage([card], [], rules).length);
  });
  it('linkEvidence includes the scope links', () => {
    const links = linkEvidence([card], lmEval, rules);
    expect(links.filter((l) => l.note.startsWith('Scope:')).map((l) => l.claimId)).toEqual(['doc-tern.md:s0', 'doc-tern.md:s1']);
  });
});
