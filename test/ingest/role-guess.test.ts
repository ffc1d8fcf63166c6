import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { guessDocumentRole } from '../../src/ingest/role-guess.ts';
import { ingest } from '../../src/ingest/index.ts';
import { ofKind } from '../../src/rules/load.ts';
import type { Block } from '../../src/model/types.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));

const para = (text: string): Block => ({ id: 'b', kind: 'paragraph', sectionPath: [], text, runs: [], span: { kind: 'docx', paragraph: 0, endParagraph: 0 } });

describe('role guessing (rules/roles.yaml)', () => {
  const examples = ofKind(rules, 'roles').at(-1)!.data.examples;
  it.each([...examples.contract.map((t) => ['contract', t] as const), ...examples['model-card'].map((t) => ['model-card', t] as const)])(
    'rule example is a %s: %s',
    (role, text) => {
      expect(guessDocumentRole({ blocks: [para(text)], metadata: {} }, rules)).toBe(role);
    },
  );

  it('front matter of a Hugging Face card decides', () => {
    expect(guessDocumentRole({ blocks: [para('The parties agree that Customer shall pay.')], metadata: { 'model-index': [] } }, rules)).toBe('model-card');
  });

  const dirs: Array<[string, 'model-card' | 'contract']> = [
    [join(SAMPLES, 'cards'), 'model-card'],
    [join(SAMPLES, 'contracts'), 'contract'],
    // our genre documents: data, privacy and security pages and transparency notes are a service's documentation (cards/);
    // usage policies, codes of conduct, terms and licences bind the user (contracts/)
    [join(SAMPLES, 'training', 'cards'), 'model-card'],
    [join(SAMPLES, 'training', 'contracts'), 'contract'],
    [join(CORPUS, 'cards'), 'model-card'],
    [join(CORPUS, 'contracts'), 'contract'],
  ];
  for (const [dir, role] of dirs) {
    it.skipIf(!existsSync(dir))(`every document in ${dir.replace(/.*\/(shared|samples)\//, '$1/')} is guessed ${role}`, async () => {
      for (const name of readdirSync(dir)) {
        const doc = await ingest({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });
        expect(guessDocumentRole(doc, rules), name).toBe(role);
      }
    });
  }
});
