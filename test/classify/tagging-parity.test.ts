/**
 * parseSentence and matchPatterns take shortcuts through compromise (indexed post-tagger sweep, no
 * chunker, matches not run where they cannot start): they must give exactly what nlp(text) and
 * compromise's own sweep give, term by term and tag by tag, on our samples and (when present) the corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compiledShippedRules } from '../../src/rules/compile.ts';
import { ingest } from '../../src/ingest/index.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import { checkPattern, matchPatterns, parseSentence, referenceParse, type Token } from '../../src/text/compromise.ts';
import type { Role } from '../../src/model/types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, '../shared/corpus');
const rules = compiledShippedRules();
const net = rules.classifier.net;

function view(tokens: readonly Token[]): unknown[] {
  return tokens.map((t) => [t.text, t.normal, t.implicit, t.start, t.end, t.post, [...t.tags].sort()]);
}

/** Differences between our parse and compromise's own, for `text` (empty when they agree). */
function differences(text: string): string[] {
  const ref = referenceParse(text, net);
  const ours = parseSentence(text);
  const out: string[] = [];
  if (JSON.stringify(view(ours.tokens)) !== JSON.stringify(view(ref.tokens))) out.push(`tags differ: ${text}`);
  const matches = matchPatterns(ours, net).map((m) => ({ id: m.id, start: m.start, end: m.end }));
  if (JSON.stringify(matches) !== JSON.stringify(ref.matches)) out.push(`matches differ: ${text}`);
  return out;
}

async function sentencesIn(dir: string, role: Role): Promise<string[]> {
  const texts = new Set<string>();
  for (const f of readdirSync(dir).sort()) {
    const doc = await ingest({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))), role });
    for (const s of segmentDocument(doc, { rules })) {
      texts.add(s.text);
      if (s.context.listLead) texts.add(s.context.listLead);
    }
  }
  return [...texts];
}

const WRITTEN = [
  "We don't guarantee it, but we'll try to keep latency under 200 ms.",
  'Kestrel-7B scores 71.2% on MMLU (5-shot); it is not intended for medical advice.',
  'U.S. customers can opt out at any time.',
  'The hosted API will be available 99.9% of the time, measured monthly.',
  'Fine-tuned models may produce inaccurate or offensive outputs.',
  'Provider shall notify Customer without undue delay, and in any event within 72 hours.',
  "It's trained on 2T tokens; we haven't evaluated it on non-English text.",
  '“Quoted” text — with a dash, and/or slashes.',
  // What compromise's contractions hook splits (a whole word, an apostrophe, a number range, a number with a unit)
  // and sentences it leaves alone, where it is not run.
  'You cannot and we gonna, wanna or dunno: there\'s been l\'amour, y\'know.',
  'It runs 4km in 5-9pm windows on 2-4 GPUs, rated 3rd of 10.',
  'The model is trained on public data and evaluated by the team.',
  'Plain words only, with no figures at all; o’er the hills.',
  '',
  '   ',
];

describe('parseSentence and matchPatterns agree with compromise', () => {
  it('on written sentences', () => {
    expect(WRITTEN.flatMap(differences)).toEqual([]);
  });

  it('on every sentence of the samples', async () => {
    const texts = [...(await sentencesIn(join(ROOT, 'samples/cards'), 'model-card')), ...(await sentencesIn(join(ROOT, 'samples/contracts'), 'contract'))];
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.flatMap(differences)).toEqual([]);
  });

  it.skipIf(!existsSync(CORPUS))('on every sentence of the corpus cards and contracts', async () => {
    const texts = [...(await sentencesIn(join(CORPUS, 'cards'), 'model-card')), ...(await sentencesIn(join(CORPUS, 'contracts'), 'contract'))];
    expect(texts.length).toBeGreaterThan(1000);
    expect(texts.flatMap(differences)).toEqual([]);
  }, 60_000);

  it('on arbitrary word sequences', () => {
    const word = fc.constantFrom('we', 'will', 'not', 'the', 'model', 'may', 'is', 'trained', 'on', "don't", 'Kestrel', '7B', '95%', ',', 'and', 'data', 'shall', 'be', 'available', 'Customer');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 14 }), (words) => {
        expect(differences(`${words.join(' ')}.`)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses chunk patterns, since sentences are tagged without chunking', () => {
    expect(checkPattern('<Noun> will')).toMatch(/chunk/);
    expect(checkPattern('we will')).toBeUndefined();
  });
});
