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

describe('languagesIn tries a language only where one of its names may start, with the same result', () => {
  /** The plain reading: every language's pattern over the whole text. */
  const plain = (text: string, languages = er.languagePatterns): Array<{ code: string; words: string }> =>
    languages.flatMap((l) => {
      const m = l.re.exec(text);
      return m ? [{ code: l.code, words: m[0] }] : [];
    });
  const texts = [
    '',
    'E',
    'English',
    'The model supports English, french and GERMAN; also Brazilian Portuguese.',
    'xEnglish English2 English-only (English) _English "english"',
    'Trained on Español and Deutsch text, and on 中文.',
    'Evaluated in Thai, Hindi, Arabic, Japanese and Korean.',
    'Englisch, Englishman, Frenchy, Germanic',
    'the \u212Aorean text and ſpanish text',
    'line one\nEnglish\tFrench\u0010German',
  ];
  for (const text of texts) it(JSON.stringify(text), () => expect(languagesIn(text, er)).toEqual(plain(text)));

  it('on every sentence of the corpus cards and contracts', async () => {
    const { existsSync, readdirSync, readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
    const dirs = ['cards', 'contracts'].map((d) => corpus + d).filter((d) => existsSync(d));
    let lines = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((x) => /\.(md|txt)$/.test(x))) {
        for (const line of readFileSync(`${dir}/${f}`, 'utf8').split(/\n+/)) {
          lines++;
          expect(languagesIn(line, er), line).toEqual(plain(line));
        }
      }
    }
    if (dirs.length) expect(lines).toBeGreaterThan(1000);
  });

  it('gives a language whose name could match ASCII through case folding (or is one letter) no shortcut', async () => {
    expect(er.languagePatterns.every((l) => l.starts !== undefined)).toBe(true);
    const { shippedRules } = await import('../../src/rules/load.ts');
    const { compileEvidenceRules } = await import('../../src/evidence/evidence-rules.ts');
    const rs = shippedRules();
    const extra = [
      { code: 'xk', codes: [], names: ['Zulu-ish', '\u212Aelvinish'] },
      { code: 'xs', codes: [], names: ['\u017Fomething'] },
      { code: 'xq', codes: [], names: ['Q'] },
      { code: 'xe', codes: [], names: ['Ελληνικά-ish'] },
    ];
    const withExtra = { ...rs, files: rs.files.map((f) => (f.kind === 'evidence' ? { ...f, data: { ...f.data, scope: { ...(f.data as typeof er).scope, languages: [...(f.data as typeof er).scope.languages, ...extra] } } } : f)) } as typeof rs;
    const custom = compileEvidenceRules(withExtra);
    expect(custom.languagePatterns.filter((l) => l.code.startsWith('x')).map((l) => [l.code, l.starts === undefined])).toEqual([['xk', true], ['xs', true], ['xq', true], ['xe', false]]);
    for (const text of ['kelvinish and something, Q and q.', 'KELVINISH SOMETHING', 'ελληνικά-ish, Ελληνικά', 'ellinika'])
      expect(languagesIn(text, custom), text).toEqual(plain(text, custom.languagePatterns));
    expect(languagesIn('kelvinish and something, Q.', custom).map((l) => l.code)).toEqual(['xk', 'xs', 'xq']);
  });
});
