import { describe, expect, it } from 'vitest';
import { alignContract } from '../../src/align/index.ts';
import { judged } from './helpers.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

/** A card whose lines 2-4 are list items under the lead-in on line 1. */
function listCard() {
  const lead = 'The pipeline is loosely modelled on the Orion design, with the following changes:';
  const card = judged('acme.md', 'model-card', `# Acme-2\n${lead}\nTokenizer: byte-level BPE with 64k merges;\nNormalisation: RMSNorm before every block;\nActivation: SwiGLU in the feed-forward layers.\nAcme-2 is released under the Apache 2.0 licence.`);
  for (const s of card.sentences.slice(1, 4)) s.context = { ...s.context, blockKind: 'list-item', listLead: lead };
  return card;
}

function sourceOf(text: string): string | null {
  const card = listCard();
  const contract = judged('s.md', 'contract', `"Model" means the Acme-2 model.\n${text}`);
  const a = alignContract(contract, [card], [], rules)[1]!;
  return a.cardSentenceId ? card.sentences.find((s) => s.id === a.cardSentenceId)!.text : null;
}

describe('a clause that sums up a list', () => {
  it('takes the lead-in as its source when it carries two or more items', () => {
    expect(sourceOf('The pipeline of the Model is modelled on the Orion design, with a byte-level BPE tokenizer, RMSNorm normalisation and SwiGLU activations.')).toMatch(/^The pipeline is loosely modelled/);
  });
  it('takes the item when it quotes one item', () => {
    expect(sourceOf('The Model uses RMSNorm normalisation before every block.')).toMatch(/^Normalisation: RMSNorm/);
  });
});
