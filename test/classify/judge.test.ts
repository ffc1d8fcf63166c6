/**
 * The classifier on the guide's decided edge cases (GUIDE-representation.md), with sentences built
 * by hand so the test does not depend on ingestion or segmentation.
 */
import { describe, expect, it } from 'vitest';
import type { Document, Role, Sentence, SentenceContext } from '../../src/model/types.ts';
import { judgeSentences } from '../../src/classify/index.ts';
import { compiledShippedRules } from '../../src/rules/compile.ts';

const rules = compiledShippedRules();

function doc(role: Role, name = 'kestrel-model-card.md'): Document {
  return { id: 'doc1', name, role, mediaType: 'text/markdown', metadata: {}, blocks: [], diagnostics: [] };
}

function sentence(text: string, opts: { role?: Role; sectionPath?: string[]; context?: Partial<SentenceContext>; blockId?: string } = {}): Sentence {
  const role = opts.role ?? 'model-card';
  return {
    id: `s-${text.slice(0, 12)}`,
    docId: 'doc1',
    blockId: opts.blockId ?? `b-${text}`,
    index: 0,
    text,
    sectionPath: opts.sectionPath ?? [],
    span: { kind: 'text', line: 1, column: 1, endLine: 1, endColumn: text.length + 1, offset: 0, endOffset: text.length },
    blockOffset: 0,
    context: { role, blockKind: 'paragraph', ...opts.context },
  };
}

function judge(text: string, opts: Parameters<typeof sentence>[1] = {}) {
  const s = sentence(text, opts);
  const [claim] = judgeSentences(doc(opts.role ?? 'model-card'), [s], rules);
  return claim!;
}

// The guide's "Edge cases, decided" table (sentences with the context a segmenter gives them).
const cases: Array<[string, 'representation' | 'narrative', Parameters<typeof sentence>[1]?]> = [
  ['Intended use: general question answering.', 'representation', { context: { blockKind: 'paragraph', keyValue: { key: 'Intended use', value: 'general question answering.' } } }],
  ['The model is intended for commercial and research use in English.', 'representation'],
  ['Use in languages other than English is out of scope.', 'representation'],
  ['The model may generate inaccurate or offensive output.', 'narrative'],
  ['The model does not retain prompts after 30 days.', 'representation'],
  ['We hope the model will be useful for research.', 'narrative'],
  ['Developers should perform safety testing before deployment.', 'narrative'],
  ['The model achieves state-of-the-art results on many benchmarks.', 'representation'],
  ['In our experiments, the model appeared to underperform on dialects.', 'narrative'],
  ['The model was evaluated on MMLU (5-shot), scoring 68.4.', 'representation'],
  ['Like other LLMs, it can hallucinate.', 'narrative'],
  ['Model date: Llama 2 was trained between January 2023 and July 2023.', 'representation', { context: { blockKind: 'paragraph', keyValue: { key: 'Model date', value: 'Llama 2 was trained between January 2023 and July 2023.' } } }],
  ['Last updated: September 2020.', 'narrative', { context: { blockKind: 'paragraph', keyValue: { key: 'Last updated', value: 'September 2020.' } } }],
  ['The model is intended for:', 'narrative'],
  ['The models exhibit disparate performance across languages, which may include a higher word error rate.', 'representation'],
  ['License: None', 'narrative', { context: { blockKind: 'paragraph', keyValue: { key: 'License', value: 'None' } } }],
  ['Carbon footprint: More information needed', 'narrative', { context: { blockKind: 'paragraph', keyValue: { key: 'Carbon footprint', value: 'More information needed' } } }],
  ['"Output" refers to the content the Model generates.', 'narrative', { role: 'contract' }],
  ['"Licensee" shall mean the person accepting this licence.', 'narrative', { role: 'contract' }],
  ['The Licensor does not give any express or implied warranties for the Model.', 'narrative', { role: 'contract' }],
  ['You assume all risks arising from your use of the Model.', 'narrative', { role: 'contract' }],
  ['Headings are for convenience only.', 'narrative', { role: 'contract' }],
  ['This Schedule forms part of the Agreement.', 'narrative', { role: 'contract' }],
  ['Vendor and Customer agree to calculate uptime as available minutes divided by total minutes in a month.', 'representation', { role: 'contract' }],
  ['The Model Card is incorporated herein by reference.', 'representation', { role: 'contract' }],
  ['Send questions to: contact@example.com', 'narrative', { context: { blockKind: 'paragraph', keyValue: { key: 'Send questions to', value: 'contact@example.com' } } }],
  ['The Vendor warrants that the Model will perform materially as described in the Documentation.', 'representation', { role: 'contract' }],
  ['You agree you will not use the model to generate malware.', 'narrative', { role: 'contract' }],
  ['Customer shall pay the fees within 30 days.', 'narrative', { role: 'contract' }],
  ['Licensor grants you a non-exclusive, worldwide licence to use the model.', 'representation', { role: 'contract' }],
  ['Usage Data may be used to develop and train models.', 'representation', { role: 'contract' }],
  ['The Service is provided "as is", without warranty of any kind.', 'narrative', { role: 'contract' }],
  ["In no event will Provider's liability exceed the fees paid.", 'narrative', { role: 'contract' }],
  ['Provider makes no representation as to the accuracy of outputs.', 'narrative', { role: 'contract' }],
  ['Provider will attempt to restore Customer Content within 45 days.', 'representation', { role: 'contract' }],
  ['Provider will try to inform Customer when practical.', 'narrative', { role: 'contract' }],
  ['Licensor reserves the right to restrict use of the model at any time.', 'narrative', { role: 'contract' }],
  ['Licensor claims no rights in the images you generate with the Model.', 'representation', { role: 'contract' }],
  ['As between the parties, Customer (a) retains all right, title and interest in its prompts and (b) owns the Output.', 'representation', { role: 'contract' }],
  ['Your licence to run and modify the Model shall be royalty-free and without charge.', 'representation', { role: 'contract' }],
  ['This Agreement is intended to allow research and commercial use of the Model free of charge.', 'narrative', { role: 'contract' }],
  // Deontic "may" with the vendor as subject, in a card's data page as in a contract: a data practice.
  ['Acme may store copies of the prompts you share with us for 30 days.', 'representation', { sectionPath: ['Data'] }],
  ['For projects that opted in, Kestrel Labs may review the requests sent to the service.', 'representation', { sectionPath: ['Data'] }],
  ['You can turn off model training in the privacy settings.', 'representation', { sectionPath: ['Data'] }],
  // "at any time" is the user's freedom here, not a vendor's reservation (which stays narrative).
  ['You can opt out of model training at any time in your privacy settings.', 'representation', { sectionPath: ['Data'] }],
  ['Kestrel Labs may suspend the service at any time.', 'narrative', { sectionPath: ['Data'] }],
  // Guide, second round: a caption fixing how the figures were obtained.
  ['5-shot performance.', 'representation', { sectionPath: ['Evaluation'] }],
  // "as is" is a disclaimer as the term of art, not where it qualifies a deployment.
  ['The model is not designed to be deployed as-is in clinical settings.', 'representation'],
  ['The Materials are provided "AS IS."', 'narrative', { role: 'contract' }],
  ['Trained on public data, these models are made available without any safety guarantees.', 'narrative'],
  // A hardware requirement is a checkable property of the product, even addressed to the reader.
  ['You will need at least 16GB of memory to run inference with the model.', 'representation', { sectionPath: ['Hardware'] }],
  ['The technical report contains additional details about the model family.', 'narrative'],
  // Guide, second round: a public benchmark's description; the document's talk about its own tables.
  ['GSM8K consists of 8,500 grade-school math problems written by human writers.', 'narrative', { sectionPath: ['Evaluation'] }],
  // ... but what the product's own data consists of is a fact about how it was built.
  ['SFT data consists of 1.5M samples written by contractors.', 'representation', { sectionPath: ['Training data'] }],
  ['Our fine-tuning mixture contains 2M prompts written by annotators.', 'representation', { sectionPath: ['Fine-tuning'] }],
  ['Key hyperparameters of the model are listed in Table 3.', 'narrative', { sectionPath: ['Architecture'] }],
];

describe('judgeSentences: the guide edge cases', () => {
  for (const [text, label, opts] of cases) {
    it(`${label}: ${text}`, () => {
      const claim = judge(text, opts);
      expect(claim.label, JSON.stringify(claim.cues.map((c) => [c.id, c.weight]))).toBe(label);
      expect(claim.score).toBeGreaterThanOrEqual(0);
      expect(claim.score).toBeLessThanOrEqual(1);
    });
  }
});

describe('judgeSentences: explanation', () => {
  it('gives one claim per sentence with the sentence id, in order', () => {
    const ss = [sentence('The model is intended for research use.'), sentence('We hope it helps.')];
    ss[1]!.id = 'second';
    const claims = judgeSentences(doc('model-card'), ss, rules);
    expect(claims.map((c) => c.id)).toEqual([ss[0]!.id, 'second']);
    expect(claims.every((c) => c.sentenceId === c.id && c.docId === 'doc1')).toBe(true);
  });

  it('every sentence cue carries its matched text and offsets', () => {
    const text = 'The model may generate inaccurate or offensive output.';
    const claim = judge(text);
    const hedge = claim.cues.find((c) => c.id === 'hedge.may');
    expect(hedge).toBeDefined();
    expect(hedge!.direction).toBe('narrative');
    expect(hedge!.weight).toBeGreaterThan(0);
    expect(text.slice(hedge!.start, hedge!.end)).toBe('may generate');
    expect(hedge!.text).toBe('may generate');
    expect(hedge!.why).toBeTruthy();
    expect(claim.modality).toBe('hedged');
  });

  it('deontic "may" (a grant) overrides the hedge "may"', () => {
    const claim = judge('Provider may collect and analyze Usage Data.', { role: 'contract' });
    expect(claim.cues.map((c) => c.id)).toContain('grant.vendor-may');
    expect(claim.cues.map((c) => c.id)).not.toContain('hedge.may');
    expect(claim.modality).toBe('permission');
  });

  it('a hedge in a trailing elaboration counts less than one in the main clause', () => {
    const main = judge('The models may exhibit disparate performance across languages.');
    const elab = judge('The models exhibit disparate performance across languages, which may include a higher word error rate.');
    expect(elab.score).toBeGreaterThan(main.score);
    const cue = elab.cues.find((c) => c.id === 'hedge.may')!;
    expect(cue.why).toMatch(/elaboration/);
  });

  it('an empty value is told from a value (context.empty-value)', () => {
    const kv = (key: string, value: string) => judge(`${key}: ${value}`, { context: { blockKind: 'paragraph', keyValue: { key, value } } });
    for (const value of ['None', 'TBD', 'More information needed', '-', 'Unknown.']) expect(kv('Training data', value).cues.map((c) => c.id), value).toContain('context.empty-value');
    for (const value of ['None of the customer data', 'Apache 2.0', 'Not applicable']) expect(kv('License', value).cues.map((c) => c.id), value).not.toContain('context.empty-value');
  });

  it('a row of a glossary table defines a word (context.glossary-row), a row of another table does not', () => {
    const row = (headers: string[], cells: string[]) =>
      judge(cells.join(' | '), { context: { blockKind: 'table', table: { headers, cells, rowIndex: 1 } } });
    const glossary = row(['Term', 'Definition'], ['Confidence score', 'A number between 0 and 1 that the service returns with each field.']);
    expect(glossary.cues.map((c) => c.id)).toContain('context.glossary-row');
    // a row that defines a general word reads as the definition it is
    const general = row(['Term', 'Definition'], ['Thread', 'A conversation between a user and an agent, stored as a list of messages.']);
    expect(general.cues.map((c) => c.id)).toContain('context.glossary-row');
    expect([general.label, general.type]).toEqual(['narrative', 'none']);
    for (const headers of [['Model', 'Description'], ['Long-term memory', 'Supported'], ['Terms of use', 'Link']]) {
      expect(row(headers, ['Kestrel-7B', 'A 7B chat model.']).cues.map((c) => c.id), headers[0]).not.toContain('context.glossary-row');
    }
  });

  it('an item under a lead-in that binds the reader is the reader\'s obligation (context.list-lead-reader)', () => {
    const item = (lead: string, text: string) => judge(text, { role: 'contract', context: { blockKind: 'list-item', listLead: lead } });
    const banned = item('You agree not to use the Model or its outputs:', 'To generate unsolicited bulk messages;');
    expect(banned.cues.map((c) => c.id)).toContain('context.list-lead-reader');
    expect(banned.label).toBe('narrative');
    expect(item('Provider agrees to:', 'encrypt Customer Content at rest.').cues.map((c) => c.id)).not.toContain('context.list-lead-reader');
  });

  it('an item of a nested list continues the clause of the lead-in above its own subjectless lead-in', () => {
    const nested = (text: string, outer?: string[]) =>
      judge(text, { role: 'contract', context: { blockKind: 'list-item', listLead: 'Intentionally mislead others, including by:', ...(outer ? { outerListLeads: outer } : {}) } });
    const under = nested('Impersonating another person without their consent', ['You agree you will not use the Model to:']);
    expect(under.cues.map((c) => c.id)).toContain('context.list-lead-reader');
    expect(under.label).toBe('narrative');
    // Without the outer lead-in there is no reader to bind.
    expect(nested('Impersonating another person without their consent').cues.map((c) => c.id)).not.toContain('context.list-lead-reader');
    // A nested lead-in with a subject of its own keeps it.
    const own = judge('encrypt Customer Content at rest', { role: 'contract', context: { blockKind: 'list-item', listLead: 'Provider agrees to:', outerListLeads: ['You agree you will not use the Model to:'] } });
    expect(own.cues.map((c) => c.id)).not.toContain('context.list-lead-reader');
  });

  it('flags vague superlatives as weak and negation as negated', () => {
    expect(judge('The model achieves state-of-the-art results on many benchmarks.').weak).toBe(true);
    expect(judge('The model does not retain prompts after 30 days.').negated).toBe(true);
    expect(judge('The model retains prompts for 30 days.').negated).toBeFalsy();
  });

  it('reads the subject of the main clause after an introductory phrase', () => {
    expect(judge('In our experiments, the model appeared to underperform on dialects.').subject).toBe('the model');
    expect(judge('Developers should perform safety testing before deployment.').subject).toBe('Developers');
  });

  it('after a complement verb ("acknowledges that", "Note that") the subject is the that-clause\'s', () => {
    expect(judge('Customer acknowledges that Provider is audited every year by an independent firm.', { role: 'contract' }).subject).toBe('Provider');
    expect(judge('YOU ACKNOWLEDGE AND AGREE THAT KESTREL AI IS NOT IN SCOPE FOR SOC 2 AUDITS.', { role: 'contract' }).subject).toBe('KESTREL AI');
    expect(judge('Note that rating a response sends your data to our servers.').subject).toBe('rating a response');
    // the reader stays the subject when the clause is about the reader; a verb without "that" changes nothing
    expect(judge('You acknowledge that you are responsible for your outputs.', { role: 'contract' }).subject).toBe('you');
    expect(judge('Customer agrees to the terms of this Addendum.', { role: 'contract' }).subject).toBe('Customer');
  });

  it('a third-person verb the tagger took for a plural noun is the verb, not a verbless caption', () => {
    const outperforms = judge('Kestrel-2 outperforms Kestrel-1 on MMLU.');
    expect(outperforms.subject).toBe('Kestrel-2');
    expect(outperforms.cues.map((c) => c.id)).not.toContain('context.verbless');
    expect(judge('The Licensor hereby grants you a non-exclusive licence.', { role: 'contract' }).cues.map((c) => c.id)).not.toContain('context.verbless');
    // a caption with plural nouns and no object stays verbless
    expect(judge('Token counts for the pretraining data').cues.map((c) => c.id)).toContain('context.verbless');
  });

  it('a bare verb with nothing after it, or before "and" another noun and a verb, is not an instruction', () => {
    const ids = (text: string, context?: Partial<SentenceContext>) => judge(text, context ? { context } : {}).cues.map((c) => c.id);
    expect(ids('Input Type: Text', { blockKind: 'paragraph', keyValue: { key: 'Input Type', value: 'Text' } })).not.toContain('context.imperative');
    expect(ids('Model input and output is not used to train models.')).not.toContain('context.imperative');
    expect(ids('Monitor the outputs and report issues.')).toContain('context.imperative');
  });

  it('list items inherit the modality of their lead-in', () => {
    const hedged = judge('Writing assistance: grammar assistance and autocompletion.', {
      context: { blockKind: 'list-item', listLead: 'Here are some secondary use cases we believe are likely:', keyValue: { key: 'Writing assistance', value: 'grammar assistance and autocompletion.' } },
    });
    const definite = judge('Writing assistance: grammar assistance and autocompletion.', {
      context: { blockKind: 'list-item', listLead: 'The model is intended for:', keyValue: { key: 'Writing assistance', value: 'grammar assistance and autocompletion.' } },
    });
    expect(hedged.label).toBe('narrative');
    expect(definite.label).toBe('representation');
    expect(hedged.cues.map((c) => c.id)).toContain('context.list-lead-hedged');
  });

  it('a pronoun subject is what the paragraph\'s previous sentence was about (referringSubjects)', () => {
    const about = (first: string, second: string, blockId = 'p1') => {
      const a = sentence(first, { blockId });
      const b = { ...sentence(second, { blockId: 'p1' }), id: 's-second' };
      const claims = judgeSentences(doc('model-card'), [a, b], rules);
      return claims[1]!.cues.map((c) => c.id);
    };
    const pronoun = 'It provides an optimized training loop and easy checkpointing.';
    // After a sentence about the product, "It" is the product; after one about another library, it is not.
    expect(about('The model is trained on 2T tokens of public text.', pronoun)).toContain('context.subject-product');
    expect(about('Forge is our core library for large-scale training.', pronoun)).not.toContain('context.subject-product');
    // Only within a paragraph: a pronoun opening a paragraph keeps its own reading.
    expect(about('Forge is our core library for large-scale training.', pronoun, 'p0')).toContain('context.subject-product');
  });

  it('a negated guarantee is a refusal to promise, not a warranty (disclaimer.no-promise over commit.warrant)', () => {
    for (const text of ["Beta features aren't guaranteed to remain available.", 'We cannot guarantee that outputs are accurate.']) {
      const c = judge(text, { role: 'contract' });
      expect(c.label, text).toBe('narrative');
      expect(c.cues.map((q) => q.id), text).toContain('disclaimer.no-promise');
      expect(c.cues.map((q) => q.id), text).not.toContain('commit.warrant');
    }
    expect(judge('The Vendor warrants that the Model will perform as described.', { role: 'contract' }).cues.map((q) => q.id)).toContain('commit.warrant');
  });

  it('a probability adverb inside a noun phrase hedges nothing (hedge.likely unless)', () => {
    const filter = judge('The Kestrel content filter blocks potentially harmful prompts before they reach the model.');
    expect(filter.cues.map((c) => c.id)).not.toContain('hedge.likely');
    expect(filter.label).toBe('representation');
    const hedged = judge('The Kestrel model could potentially produce harmful content.');
    expect(hedged.cues.map((c) => c.id)).toContain('hedge.likely');
    expect(hedged.label).toBe('narrative');
  });

  it('a pointer to more information elsewhere, and what the document itself describes, assert nothing', () => {
    for (const text of ['Learn more about how fine-tuning works.', 'To learn more about content filtering, see the filtering overview.', 'For more details, please refer to our repository.', 'This article describes how the data you provide to Kestrel is processed.']) {
      const c = judge(text);
      expect(c.label, text).toBe('narrative');
      expect(c.cues.map((q) => q.id).some((id) => id.startsWith('pointer.')), text).toBe(true);
    }
    expect(judge('This repository contains the 7B Kestrel model.').cues.map((q) => q.id)).not.toContain('pointer.document-purpose');
  });

  it('a heading that links to the code is not a how-to section; a code snippets section is', () => {
    const text = 'It can support more than 100 working languages.';
    expect(judge(text, { sectionPath: ['Kestrel (paper, code)'] }).cues.map((q) => q.id)).not.toContain('context.section-howto');
    expect(judge('Install the package first.', { sectionPath: ['Code snippets'] }).cues.map((q) => q.id)).toContain('context.section-howto');
  });

  it('advice to the reader: items of an advice lead-in, imperatives, recommendation sections', () => {
    const ids = (c: { cues: Array<{ id: string }> }) => c.cues.map((q) => q.id);
    const item = (lead: string, text: string) => judge(text, { context: { blockKind: 'list-item', listLead: lead } });
    // Items of "We recommend:" and "Do:" are recommendations; items of "The model can:" are properties.
    for (const lead of ['To get the best results, we recommend:', 'Do:']) {
      const c = item(lead, 'Monitor the error rate of the Kestrel filter regularly.');
      expect(ids(c), lead).toContain('context.list-lead-hedged');
      expect(c.label, lead).toBe('narrative');
    }
    const capability = item('The Kestrel model can:', 'Summarize long documents.');
    expect(ids(capability)).not.toContain('context.imperative');
    expect(capability.label).toBe('representation');
    // A sentence that opens with a bare verb instructs the reader, after a run-in title too.
    expect(ids(judge('Monitor the error rate of the Kestrel filter regularly.'))).toContain('context.imperative');
    const titled = 'Evaluate filter performance: Evaluate the Kestrel filter for how well it identifies harmful requests.';
    const kv = judge(titled, { context: { blockKind: 'list-item', keyValue: { key: 'Evaluate filter performance', value: 'Evaluate the Kestrel filter for how well it identifies harmful requests.' } } });
    expect(ids(kv)).toContain('context.imperative');
    expect(kv.subject).toBeUndefined();
    const fact = judge('Output: Generates text in 20 languages.', { context: { blockKind: 'list-item', keyValue: { key: 'Output', value: 'Generates text in 20 languages.' } } });
    expect(ids(fact)).not.toContain('context.imperative');
    // A section of recommendations advises the reader.
    expect(ids(judge('Keep the severity threshold at its default for children.', { sectionPath: ['Recommendations'] }))).toContain('context.section-advice');
    // A negation or "please" before the verb, or an opening condition, still leaves an instruction.
    for (const text of ['Never rely on the Kestrel model for medical decisions.', 'If you fine-tune the Kestrel model, please run your own safety evaluation.']) {
      expect(ids(judge(text)), text).toContain('context.imperative');
    }
    expect(ids(judge('Never has the Kestrel model stored a prompt.'))).not.toContain('context.imperative');
  });

  it('in a card too, the items of a lead-in whose subject is the reader are options for the reader', () => {
    const item = (lead: string, text: string) => judge(text, { context: { blockKind: 'list-item', listLead: lead } });
    const option = item('If you are short of GPU memory, you can:', 'lower the maximum image resolution.');
    expect(option.cues.map((c) => c.id)).toContain('context.list-lead-reader');
    expect(option.label).toBe('narrative');
    expect(item('The Kestrel model can:', 'describe images in 12 languages.').cues.map((c) => c.id)).not.toContain('context.list-lead-reader');
  });

  it('"your" before a product word is the product\'s data, not the reader', () => {
    const ids = (text: string) => judge(text).cues.map((c) => c.id);
    expect(ids('Your prompts are not used to train the Kestrel models.')).toContain('context.subject-product');
    expect(ids('Your use of the Kestrel model is subject to this licence.')).toContain('context.subject-reader');
    expect(ids('You are responsible for your outputs.')).toContain('context.subject-reader');
  });

  it('a citation in parentheses credits a method; a pointer to a paper is narrative', () => {
    const cited = judge('The Kestrel models use grouped-query attention (Ainslie et al., 2023) in every layer.');
    expect(cited.cues.map((c) => c.id)).not.toContain('pointer.elsewhere');
    expect(cited.label).toBe('representation');
    expect(judge('Emissions are estimated with the calculator presented in Lacoste et al. (2019).').cues.map((c) => c.id)).toContain('pointer.elsewhere');
  });

  it('a personal pronoun subject is followed by its verb even where the tagger reads a compound as an adjective', () => {
    // compromise tags "open-source", "up-sampled" and "fine-tuned" as adjectives: the sentence is not verbless.
    for (const text of ['We open-source the distilled Kestrel models.', 'During training, we up-sampled high-quality code.', 'They fine-tuned it on dialogue data.']) {
      const cues = judge(text).cues.map((c) => c.id);
      expect(cues, text).not.toContain('context.verbless');
    }
    // A caption with no pronoun subject is still verbless.
    expect(judge('Open-source checkpoints and evaluation code.').cues.map((c) => c.id)).toContain('context.verbless');
  });

  it('the folders a document sits in do not name its product (only the file name does)', () => {
    const text = 'Any Derivative Work must carry a notice of its changes.';
    const at = (name: string) => judgeSentences(doc('contract', name), [sentence(text, { role: 'contract' })], rules)[0]!;
    expect(at('/home/work/licences/acme-licence.md')).toEqual(at('acme-licence.md'));
    expect(at('/home/work/licences/acme-licence.md').cues.map((c) => c.id)).not.toContain('context.product-name');
    // The file name still does.
    expect(at('derivative-licence.md').cues.map((c) => c.id)).toContain('context.product-name');
  });

  it('a table row with a number is a representation without a compromise parse', () => {
    const s = sentence('MMLU | 5-shot | 68.4', { context: { blockKind: 'table', table: { headers: ['Benchmark', 'Shots', 'Score'], cells: ['MMLU', '5-shot', '68.4'], rowIndex: 0 } } });
    s.blockOffset = -1;
    const [claim] = judgeSentences(doc('model-card'), [s], rules);
    expect(claim!.label).toBe('representation');
    expect(claim!.cues.map((c) => c.id)).toContain('context.table-row-number');
  });
});

describe('judgeSentences: claim types', () => {
  const typed: Array<[string, string, Parameters<typeof sentence>[1]?]> = [
    ['The model is intended for commercial and research use in English.', 'intended-use'],
    ['Use in languages other than English is out of scope.', 'out-of-scope'],
    ['The model may generate inaccurate or offensive output.', 'limitation'],
    ['Provider will delete Customer Content within 60 days.', 'data-handling', { role: 'contract' }],
    ['The model was pretrained on 2 trillion tokens of data from publicly available sources.', 'training'],
    ['Developers should perform safety testing before deployment.', 'safety'],
    ['It scores 68.4 on MMLU (5-shot).', 'performance'],
    ['More information can be found in the paper.', 'none'],
    // Section context decides when the sentence itself is neutral.
    ['We used a cluster of 512 accelerators.', 'training', { sectionPath: ['Model Card', 'Training Hardware'] }],
    ['Use in any manner that violates applicable laws.', 'out-of-scope', { sectionPath: ['Model Card', 'Out-of-scope Uses'] }],
    ['License: Apache 2.0', 'compliance', { context: { blockKind: 'paragraph', keyValue: { key: 'License', value: 'Apache 2.0' } } }],
  ];
  for (const [text, type, opts] of typed) {
    it(`${type}: ${text}`, () => expect(judge(text, opts).type).toBe(type));
  }
});

describe('judgeSentences in the real pipeline', () => {
  it('maps cue offsets back to source lines and columns', async () => {
    const { readFileSync } = await import('node:fs');
    const { judgeInput } = await import('../../src/analyze.ts');
    const path = new URL('../../samples/cards/kestrel-7b.md', import.meta.url);
    const source = readFileSync(path, 'utf8');
    const j = await judgeInput({ name: 'kestrel-7b.md', bytes: new TextEncoder().encode(source), role: 'model-card' }, rules);
    const i = j.sentences.findIndex((s) => s.text.startsWith('The model may generate'));
    expect(i).toBeGreaterThanOrEqual(0);
    const cue = j.claims[i]!.cues.find((c) => c.id === 'hedge.may')!;
    expect(cue.span?.kind).toBe('text');
    if (cue.span?.kind !== 'text') return;
    expect(source.slice(cue.span.offset, cue.span.endOffset)).toBe(cue.text);
    const line = source.split('\n')[cue.span.line - 1]!;
    expect(line.slice(cue.span.column - 1, cue.span.endColumn - 1)).toBe(cue.text);
  });

  it('judges every sentence of a document exactly once, deterministically', async () => {
    const { readFileSync } = await import('node:fs');
    const { judgeInput } = await import('../../src/analyze.ts');
    const bytes = readFileSync(new URL('../../samples/cards/heron-asr.md', import.meta.url));
    const a = await judgeInput({ name: 'heron-asr.md', bytes, role: 'model-card' }, rules);
    const b = await judgeInput({ name: 'heron-asr.md', bytes, role: 'model-card' }, rules);
    expect(a.claims.map((c) => c.id)).toEqual(a.sentences.map((s) => s.id));
    expect(JSON.stringify(a.claims)).toBe(JSON.stringify(b.claims));
  });
});
