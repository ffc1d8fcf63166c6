/**
 * The one role guess for an input given none (guessInputRole): evidence by format, the document's
 * text by rules/roles.yaml, the file name (rules/roles.yaml `names`) when the text is not sent.
 * The web page asks for it through POST /api/roles/guess (test/api/roles-routes.test.ts); these
 * cases were the page's own guess (web/roles.js) before it asked the server.
 */
import { describe, expect, it } from 'vitest';
import { guessInputRole, roleFromName } from '../../src/ingest/index.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();
const utf8 = (s: string | undefined): Uint8Array => new TextEncoder().encode(s ?? '');

describe('guessInputRole', () => {
  it.each([
    ['kestrel-7b_lm-eval.json', undefined, 'evidence'],
    ['leaderboard.csv', undefined, 'evidence'],
    ['results.yaml', undefined, 'evidence'],
    ['Schedule-B.pdf', undefined, 'contract'],
    ['master-services-agreement.docx', undefined, 'contract'],
    ['community-license.txt', undefined, 'contract'],
    ['model-card.pdf', undefined, 'model-card'],
    ['README.md', undefined, 'model-card'],
    ['notes.md', 'The Provider hereby warrants and shall indemnify the Customer under this Agreement.', 'contract'],
    ['notes.md', '## Intended use\nThe model is intended for question answering. Evaluation on MMLU benchmark.', 'model-card'],
    ['kestrel.md', undefined, 'model-card'],
  ])('%s → %s', async (name, head, role) => {
    expect(await guessInputRole({ name, bytes: utf8(head) }, rules)).toBe(role);
  });

  it('says nothing from a neutral name', () => {
    expect(roleFromName('kestrel.md', rules)).toBeUndefined();
  });

  it('reads the text before the name, as an analysis does', async () => {
    expect(await guessInputRole({ name: 'contract-notes.md', bytes: utf8('# Model card\nIntended use: question answering. Evaluation on the MMLU benchmark; training data and limitations below.') }, rules)).toBe('model-card');
    expect(await guessInputRole({ name: 'schedule.json', bytes: utf8('{"results": {}}') }, rules)).toBe('evidence');
  });

  it('matches a multi-word name entry written together or with separators, and only whole words', () => {
    expect(roleFromName('kestrel_model_card.pdf', rules)).toBe('model-card');
    expect(roleFromName('Kestrel ModelCard.pdf', rules)).toBe('model-card');
    expect(roleFromName('scheduler-benchmarks.pdf', rules)).toBeUndefined();
  });

  it('reads a use policy as a contract: it binds the user as licence terms do', () => {
    expect(roleFromName('kestrel_use_policy.pdf', rules)).toBe('contract');
    expect(roleFromName('Kestrel-AUP.docx', rules)).toBe('contract');
    expect(roleFromName('policy-notes.pdf', rules)).toBeUndefined();
  });
});
