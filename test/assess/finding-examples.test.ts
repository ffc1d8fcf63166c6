/**
 * Every finding's `examples` (rules/findings.yaml) run through the whole pipeline: each flagged input raises
 * the finding, each not-flagged input does not. The inputs are ours (short Markdown cards, contracts and
 * evidence files written for the purpose), never text from the corpus.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.ts';
import { findingCatalogue } from '../../src/assess/catalogue.ts';
import { DETECTORS } from '../../src/assess/index.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';
import { FINDING_IDS, FINDING_PLACEHOLDERS, type FindingExample, type FindingId } from '../../src/rules/kinds/findings.ts';
import { findingParams } from '../../src/report/messages.ts';
import type { InputFile, Report } from '../../src/model/types.ts';
import { buildDocx, type DocxBody } from '../fixtures/docx/build-docx.ts';

const rules = compiledShippedRules();
const catalogue = findingCatalogue(rules);
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A DOCX from Markdown-ish lines: "# " a heading, "![...](...)" an inline picture after the line's text. */
function docxOf(markdown: string): Uint8Array {
  const body: DocxBody = markdown
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const heading = /^#+\s+(.*)$/.exec(l);
      if (heading) return { text: heading[1]!, style: 'Heading1' };
      const picture = /!\[[^\]]*\]\([^)]*\)/;
      return picture.test(l) ? { text: l.replace(picture, '').trim(), image: true } : { text: l };
    });
  return buildDocx(body, 'Model card');
}

/** The inputs of an example: the card, the contract and the evidence files, each with its role. */
function inputsOf(ex: FindingExample): InputFile[] {
  const card: InputFile =
    ex.cardFormat === 'docx' ? { name: 'card.docx', bytes: docxOf(ex.card), role: 'model-card' } : { name: 'card.md', bytes: encode(ex.card), role: 'model-card' };
  return [
    card,
    ...(ex.contract ? [{ name: 'contract.md', bytes: encode(ex.contract), role: 'contract' as const }] : []),
    ...(ex.evidence ?? []).map((e) => ({ name: e.name, bytes: encode(e.text), role: 'evidence' as const })),
  ];
}

/** The findings of `id` an example's analysis raises (under vendor-release, where every finding is on). */
async function raised(ex: FindingExample, id: FindingId): Promise<Report['findings']> {
  const report = await analyze(inputsOf(ex), { rules, profile: 'vendor-release' });
  return report.findings.filter((f) => f.ruleId === id);
}

const rows = FINDING_IDS.flatMap((id) => {
  const examples = catalogue.get(id)?.examples;
  return [
    ...(examples?.flagged ?? []).map((ex, i) => ({ id, kind: 'flagged' as const, n: String(i + 1), ex })),
    ...(examples?.notFlagged ?? []).map((ex, i) => ({ id, kind: 'notFlagged' as const, n: String(i + 1), ex })),
  ];
});

describe('finding examples', () => {
  it('every finding has a detector and at least one flagged and one not-flagged example', () => {
    expect(Object.keys(DETECTORS).sort()).toEqual([...FINDING_IDS].sort());
    for (const id of FINDING_IDS) {
      const examples = catalogue.get(id)?.examples;
      expect(examples?.flagged.length ?? 0, id).toBeGreaterThan(0);
      expect(examples?.notFlagged.length ?? 0, id).toBeGreaterThan(0);
    }
  });

  it.each(rows)('$id, $kind example $n', async ({ id, kind, ex }) => {
    const found = await raised(ex, id);
    if (kind === 'notFlagged') {
      expect(found.map((f) => f.message), `${id} raised on a not-flagged example`).toEqual([]);
    } else if (ex.gap !== undefined) {
      // A known gap: the finding is not raised yet. When it is, drop `gap` from the example.
      expect(found.map((f) => f.message), `${id} is raised now: remove the example's gap (${ex.gap})`).toEqual([]);
    } else {
      expect(found.length, `${id} not raised on its flagged example`).toBeGreaterThan(0);
      // Typed arguments, worded by the catalogue: every placeholder a template may use has a value.
      for (const f of found) {
        expect(f.args, id).toBeDefined();
        expect(f.message, id).not.toMatch(/\{[A-Za-z]+\}/);
        expect(Object.keys(findingParams(f)), id).toEqual(expect.arrayContaining([...FINDING_PLACEHOLDERS[id]]));
      }
    }
  });
});
