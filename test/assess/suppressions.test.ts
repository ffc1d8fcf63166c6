import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assessRendered as assessFindings } from './build.ts';
import { findInlineSuppressions, globToRegExp } from '../../src/assess/suppressions.ts';
import { parseSuppressionConfig, parseWarrantConfig } from '../../src/assess/config.ts';
import { ownRules, textDoc } from './build.ts';

const rules = ownRules();

describe('findInlineSuppressions', () => {
  const cases: Array<{ name: string; src: string; want: Array<{ rules: string[]; reason: string; targetLine?: number; problem?: RegExp }> }> = [
    {
      name: 'one id, reason, next line',
      src: 'Intro.\n<!-- warrant-disable-next-line vague-superlative -- reviewed by legal -->\nBest model ever.\n',
      want: [{ rules: ['vague-superlative'], reason: 'reviewed by legal', targetLine: 3 }],
    },
    {
      name: 'several ids, blank line skipped',
      src: '<!-- warrant-disable-next-line vague-superlative, missing-limitations -- known -->\n\n\nText.\n',
      want: [{ rules: ['vague-superlative', 'missing-limitations'], reason: 'known', targetLine: 4 }],
    },
    {
      name: 'multi-line comment targets the line after its end',
      src: '<!--\n  warrant-disable-next-line vague-superlative\n  -- a long reason\n-->\nText.\n',
      want: [{ rules: ['vague-superlative'], reason: 'a long reason', targetLine: 5 }],
    },
    { name: 'no reason', src: '<!-- warrant-disable-next-line vague-superlative -->\nText.\n', want: [{ rules: ['vague-superlative'], reason: '', targetLine: 2, problem: /no reason/ }] },
    { name: 'unknown id', src: '<!-- warrant-disable-next-line no-such-rule -- x -->\nText.\n', want: [{ rules: ['no-such-rule'], reason: 'x', targetLine: 2, problem: /unknown finding id/ }] },
    { name: 'no id', src: '<!-- warrant-disable-next-line -- x -->\nText.\n', want: [{ rules: [], reason: 'x', targetLine: 2, problem: /no finding id/ }] },
    { name: 'nothing follows', src: 'Text.\n<!-- warrant-disable-next-line vague-superlative -- x -->\n', want: [{ rules: ['vague-superlative'], reason: 'x', problem: /no line follows/ }] },
    { name: 'other comments and fenced examples ignored', src: '<!-- a note -->\n```md\n<!-- warrant-disable-next-line vague-superlative -- example -->\n```\nText.\n', want: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = findInlineSuppressions(c.src);
      expect(got).toHaveLength(c.want.length);
      got.forEach((g, i) => {
        const w = c.want[i]!;
        expect(g.rules).toEqual(w.rules);
        expect(g.reason).toBe(w.reason);
        expect(g.targetLine).toBe(w.targetLine);
        if (w.problem) expect(g.problem).toMatch(w.problem);
        else expect(g.problem).toBeUndefined();
        expect(c.src.slice(g.span!.offset, g.span!.endOffset)).toMatch(/^<!--[\s\S]*-->$/);
      });
    });
  }

  it('never throws and keeps spans inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('', '<!-- warrant-disable-next-line vague-superlative -- r -->\n', '<!--'), (s, inject) => {
        const src = inject + s + inject;
        for (const sup of findInlineSuppressions(src)) {
          expect(sup.span!.offset).toBeGreaterThanOrEqual(0);
          expect(sup.span!.endOffset).toBeLessThanOrEqual(src.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('globToRegExp', () => {
  const cases: Array<[string, string, boolean]> = [
    ['card.md', 'card.md', true],
    ['card.md', 'docs/card.md', true],
    ['card.md', 'docs/mycard.md', false],
    ['cards/*.md', 'repo/cards/a.md', true],
    ['cards/*.md', 'cards/sub/a.md', false],
    ['cards/**/*.md', 'cards/sub/a.md', true],
    ['/abs/card.md', 'x/abs/card.md', false],
    ['c?rd.md', 'card.md', true],
  ];
  for (const [glob, name, want] of cases) it(`${glob} vs ${name}`, () => expect(globToRegExp(glob).test(name)).toBe(want));
});

describe('config file', () => {
  it('parses YAML and JSON with positions', () => {
    const yaml = 'profile: vendor-release\nfailOn: warning\nsuppressions:\n  - rule: vague-superlative\n    path: cards/*.md\n    text: state-of-the-art\n    reason: Marketing copy reviewed\n';
    const cfg = parseWarrantConfig(yaml, '.warrant.yaml');
    expect(cfg.profile).toBe('vendor-release');
    expect(cfg.failOn).toBe('warning');
    expect(cfg.suppressions).toEqual([
      { rules: ['vague-superlative'], reason: 'Marketing copy reviewed', origin: 'config', file: '.warrant.yaml', line: 4, column: 5, path: 'cards/*.md', text: 'state-of-the-art' },
    ]);
    const json = JSON.stringify({ suppressions: [{ rule: 'missing-limitations', reason: 'card is a stub' }] });
    expect(parseSuppressionConfig(json, '.warrant.json')[0]!.rules).toEqual(['missing-limitations']);
    expect(parseSuppressionConfig('', '.warrant.yaml')).toEqual([]);
  });

  const bad: Array<[string, string, RegExp, number]> = [
    ['unknown rule', 'suppressions:\n  - rule: nope\n    reason: x\n', /unknown finding id/, 2],
    ['no reason', 'suppressions:\n  - rule: vague-superlative\n', /reason/, 2],
    ['empty reason', 'suppressions:\n  - rule: vague-superlative\n    reason: "  "\n', /needs a reason/, 3],
    ['unknown key', 'suppresions: []\n', /suppresions/, 1],
    ['bad yaml', 'suppressions: [\n', /YAML syntax/, 2],
    ['bad failOn', 'failOn: sometimes\n', /failOn/, 1],
  ];
  for (const [name, text, msg, line] of bad) {
    it(`rejects ${name} with CONFIG_INVALID and a line`, () => {
      try {
        parseWarrantConfig(text, '.warrant.yaml');
        expect.unreachable();
      } catch (e) {
        const err = e as { code: string; message: string; file: string; line: number };
        expect(err.code).toBe('CONFIG_INVALID');
        expect(err.message).toMatch(msg);
        expect(err.file).toBe('.warrant.yaml');
        expect(err.line).toBe(line);
      }
    });
  }
});

describe('applying suppressions', () => {
  const lines = [
    { text: 'Limitations', heading: 2 },
    { text: '<!-- warrant-disable-next-line vague-superlative -- approved marketing line -->' },
    { text: 'The model is state-of-the-art.', type: 'capability' as const, label: 'representation' as const, weak: true },
    { text: 'The model is best-in-class.', type: 'capability' as const, label: 'representation' as const, weak: true },
    { text: '<!-- warrant-disable-next-line vague-superlative -->' },
    { text: 'The model is unrivalled.', type: 'capability' as const, label: 'representation' as const, weak: true },
  ];

  it('marks a finding on the next line as suppressed with reason and source; it stays in the report', () => {
    // The comment lines are not sentences in a real Markdown reading: drop their claims.
    const b = textDoc('card.md', 'model-card', lines);
    b.judged.claims = b.judged.claims.filter((c) => !b.judged.sentences.find((s) => s.id === c.sentenceId)!.text.startsWith('<!--'));
    const fs = assessFindings({ documents: [b.judged], evidence: [], links: [], alignments: [] }, rules, 'procurement', { sources: { [b.judged.doc.id]: b.source } });
    expect(fs.map((f) => [f.ruleId, f.location.span?.kind === 'text' ? f.location.span.line : 0, f.suppressed?.reason ?? null])).toEqual([
      ['vague-superlative', 3, 'approved marketing line'],
      ['vague-superlative', 4, null],
      ['invalid-suppression', 5, null],
      ['vague-superlative', 6, null],
    ]);
    expect(fs[0]!.suppressed!.source).toBe('inline card.md:2');
    expect(fs[2]!.message).toContain('card.md:5: suppression ignored: no reason given');
  });

  it('applies config suppressions by rule, path and sentence text', () => {
    const b = textDoc('cards/card.md', 'model-card', lines.filter((l) => !l.text.startsWith('<!--')));
    const other = textDoc('other.md', 'model-card', [{ text: 'Limitations', heading: 2 }, { text: 'The model is best-in-class.', type: 'capability', label: 'representation', weak: true }]);
    const sup = parseSuppressionConfig('suppressions:\n  - rule: vague-superlative\n    path: cards/*.md\n    text: BEST-in-class\n    reason: accepted\n', '.warrant.yaml');
    const fs = assessFindings({ documents: [b.judged, other.judged], evidence: [], links: [], alignments: [] }, rules, 'procurement', { suppressions: sup });
    expect(fs.map((f) => `${f.location.docId === b.judged.doc.id ? 'card' : 'other'}:${f.suppressed ? f.suppressed.source : '-'}`)).toEqual([
      'card:-',
      'card:config .warrant.yaml:2',
      'card:-',
      'other:-',
    ]);
  });
});

describe('a suppression comment between Markdown table rows (issue 16)', () => {
  const card = [
    '# Kestrel',
    '',
    '## Evaluation',
    '',
    '| Benchmark | Score |',
    '|---|---|',
    '| MMLU (5-shot) | 68.4 |',
    '<!-- warrant-disable-next-line representation-without-evidence, number-without-methodology -- audited by the customer in 2026 -->',
    '| GSM8K | 41.2 |',
    '| ARC | 50.1 |',
    '',
    '## Limitations',
    '',
    'The model is not intended for medical advice.',
    '',
  ].join('\n');

  it('keeps the table whole and records the next row\'s findings as suppressed', async () => {
    const { analyze } = await import('../../src/analyze.ts');
    const { compiledShippedRules } = await import('../../src/rules/compile.ts');
    const report = await analyze([{ name: 'card.md', bytes: new TextEncoder().encode(card), role: 'model-card' }], { rules: compiledShippedRules(), profile: 'vendor-release' });
    // Every row is a row with its header, none became a paragraph.
    const rows = report.sentences.filter((s) => s.context.table);
    expect(rows.map((s) => [s.span.kind === 'text' ? s.span.line : 0, s.context.table?.cells])).toEqual([
      [7, ['MMLU (5-shot)', '68.4']],
      [9, ['GSM8K', '41.2']],
      [10, ['ARC', '50.1']],
    ]);
    expect(report.sentences.some((s) => s.text.includes('| GSM8K'))).toBe(false);
    const at = (line: number) => report.findings.filter((f) => f.location.span?.kind === 'text' && f.location.span.line === line);
    expect(at(9).map((f) => f.ruleId).sort()).toEqual(['number-without-methodology', 'representation-without-evidence']);
    for (const f of at(9)) expect(f.suppressed).toEqual({ reason: 'audited by the customer in 2026', source: 'inline card.md:8' });
    expect(at(10).length).toBeGreaterThan(0);
    expect(at(10).every((f) => !f.suppressed)).toBe(true);
    // The summary counts only the numbers nobody accepted.
    expect(report.findings.find((f) => f.ruleId === 'evidence-missing-summary')?.message).toMatch(/^card\.md: 2 numeric representation\(s\)/);
  });
});
