/**
 * The name scanner finds exactly what its plain alternation, scanned globally, finds: same starts,
 * same words, same order. Checked on the shipped benchmark and metric scanners over every corpus card
 * and contract (../shared/corpus, skipped where absent), on hand-written edge cases (case, longer names
 * at the same place, word edges, '+' and '@', Unicode case folding, surrogates) and on random text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileNameScanner, scanNames, type NameScanner } from '../../src/extract/name-scanner.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const rules = compiledShippedRules();

/** The plain reading: the whole alternation with its look-behind, global, as matchAll runs it. */
function plainScan(text: string, scanner: NameScanner): Array<[number, string]> {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${scanner.all.source}`, scanner.all.flags.replace('y', 'g'));
  return [...text.matchAll(re)].map((m) => [m.index!, m[0]]);
}

function fastScan(text: string, scanner: NameScanner): Array<[number, string]> {
  return scanNames(text, scanner).map((m) => [m.index, m[0]]);
}

const shippedScanners: Array<[string, NameScanner]> = [
  ...rules.benchmarks.benchmarkScanners.map((s, i) => [`benchmarks ${i}`, s] as [string, NameScanner]),
  ...rules.benchmarks.metricScanners.map((s, i) => [`metrics ${i}`, s] as [string, NameScanner]),
];

describe('scanNames on the shipped vocabulary', () => {
  it('has scanners with and without case folding', () => {
    expect(shippedScanners.map(([, s]) => s.all.flags).sort()).toEqual(['iuy', 'iuy', 'uy', 'uy']);
  });

  const dirs = ['cards', 'contracts'].map((d) => join(CORPUS, d)).filter((d) => existsSync(d));
  it.skipIf(dirs.length === 0)('finds what the plain alternation finds in every corpus card and contract', () => {
    let files = 0;
    let found = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((x) => /\.(md|txt)$/.test(x))) {
        const text = readFileSync(join(dir, f), 'utf8');
        files++;
        for (const [name, scanner] of shippedScanners) {
          const plain = plainScan(text, scanner);
          expect(fastScan(text, scanner), `${f} (${name})`).toEqual(plain);
          found += plain.length;
        }
      }
    }
    expect(files).toBeGreaterThan(20);
    expect(found).toBeGreaterThan(500);
  });

  it('finds "MMLU-Pro" over "MMLU", in any case, at word edges only', () => {
    const [, scanner] = shippedScanners[0]!;
    const text = 'MMLU-Pro, mmlu pro and MMLU; xMMLU MMLU2 2MMLU (MMLU)';
    expect(fastScan(text, scanner)).toEqual(plainScan(text, scanner));
    expect(fastScan(text, scanner).map(([, t]) => t)).toEqual(['MMLU-Pro', 'mmlu pro', 'MMLU', 'MMLU']);
  });
});

describe('scanNames on hand-written names', () => {
  it('tries a regex only where a first part may start, unless a first part could match ASCII through case folding', () => {
    expect(shippedScanners.every(([, s]) => s.firstParts !== undefined)).toBe(true);
    expect(compileNameScanner(['Español', 'MMLU'], 'i')!.firstParts).toBeDefined();
    expect(compileNameScanner(['\u212Aey', 'MMLU'], 'i')!.firstParts).toBeUndefined();
    expect(compileNameScanner(['\u212Aey', 'MMLU'], '')!.firstParts).toBeDefined();
  });

  const names = ['MMLU', 'MMLU-Pro', 'MMLU Pro+', 'pass@1', 'pass@10', 'C++', '+plus', '@home', 'Kelvin', 'sample', 'ſtrange', '\u212Aey', 'ARC', 'ARC-Challenge', 'GSM8K', '2Wiki', 'α-NLI', 'École', '𝐀stral', 'x'];
  const texts = [
    '',
    'x',
    'MMLU',
    'MMLU-Pro and MMLU Pro+ and mmlu_pro and MMLU--Pro and MMLUPro',
    'mmlu-PRO+ MMLU Pro+x MMLU Pro++',
    'xMMLU MMLU2 2MMLU _MMLU MMLU_ -MMLU- éMMLU MMLUé',
    'pass@1 pass@10 pass@100 Pass@1: PASS@1x',
    'C++ and C+++ and C++x, +plus, a+plus, @home, a@home',
    'KELVIN kelvin \u212Aelvin \u212AELVIN key KEY \u212Aey',
    'sample SAMPLE ſample ſAMPLE strange STRANGE ſtrange',
    'ARC ARC-Challenge ARC  -  Challenge arc_challenge ARC/challenge ARC.Challenge ARCChallenge',
    'GSM8K gsm8k GSM8Kx 2Wiki 2wiki 12Wiki',
    'α-NLI Α-nli αNLI ΑNLI',
    'École école ÉCOLE ecole',
    '😀MMLU MMLU😀 😀 x😀x \uD800MMLU \uDC00MMLU \uD83D\uDE00x \uD83Dx',
    'ñMMLU MMLUñ 中MMLU MMLU中 𝐀MMLU 𝟏MMLU \uD835MMLU',
    'Español ESPAÑOL espanol Espa ñol Ελληνικά ελληνικά Ωmega ωMEGA ab abc abc-d abcd ABC_D arcx ARCX-1 Arc',
    '𝐀stral 𝐀STRAL x𝐀stral 😀𝐀stral \uDC00𝐀stral',
  ];
  // With a name whose first part can match ASCII by case folding (no first-part trie under 'i'), and without.
  const noFolding = names.filter((n) => n !== '\u212Aey' && n !== 'ſtrange').concat(['Español', 'Ελληνικά', 'Ωmega', 'ab', 'abc-d', 'ArcX']);
  for (const [flags, list] of [['', names], ['i', names], ['', noFolding], ['i', noFolding]] as const) {
    const scanner = compileNameScanner([...list], flags)!;
    for (const text of texts) {
      it(`${flags || 'exact'}${list === names ? '' : ' (trie)'}: ${JSON.stringify(text)}`, () => {
        expect(fastScan(text, scanner)).toEqual(plainScan(text, scanner));
      });
    }
    it(`${flags || 'exact'}${list === names ? '' : ' (trie)'}: random text over the names' letters`, () => {
      const pieces = [...list, ...'aAkKsSxX+@-_ .éÉñ中😀\u212A\u017F\uD800\uDC00αΑ0129'.split(''), 'MMLU', 'mmlu', 'Pro', '\uD83D\uDE00', '𝐀'];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
          const text = parts.join('');
          expect(fastScan(text, scanner)).toEqual(plainScan(text, scanner));
        }),
        { numRuns: 400 },
      );
    });
  }

  it('finds the names case-insensitively with "i", as written without', () => {
    expect(fastScan('mmlu MMLU', compileNameScanner(['MMLU'], 'i')!)).toEqual([[0, 'mmlu'], [5, 'MMLU']]);
    expect(fastScan('mmlu MMLU', compileNameScanner(['MMLU'], '')!)).toEqual([[5, 'MMLU']]);
  });

  it('compiles nothing from names without letters or digits', () => {
    expect(compileNameScanner([], 'i')).toBeUndefined();
    expect(compileNameScanner(['--', ' '], 'i')).toBeUndefined();
  });
});
