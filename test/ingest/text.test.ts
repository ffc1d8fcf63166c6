import { describe, expect, it } from 'vitest';
import { readText } from '../../src/ingest/text.ts';
import { ClausePath, isCapsHeading, isDivisionHeading, isTitle, runInTitle, scheduleName } from '../../src/ingest/clauses.ts';
import { ingest, withRole } from '../../src/ingest/index.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import { isBareDate } from '../../src/segment/dates.ts';
import { monthNamesOf } from '../../src/segment/abbreviations.ts';
import type { TextSpan } from '../../src/model/types.ts';

describe('clause markers', () => {
  const leads: Array<[string, string | undefined, string | undefined]> = [
    ['1. Definitions', '1.', '1'],
    ['2.1 The Provider will', '2.1', '2.1'],
    ['2.1. The Provider will', '2.1.', '2.1'],
    ['3.4.5 Notices', '3.4.5', '3.4.5'],
    ['(a) access the Service', '(a)', '(a)'],
    ['(iv) copy the Product', '(iv)', '(iv)'],
    ['b. Redistribution', 'b.', '(b)'],
    ['(2) the second case', '(2)', '(2)'],
    ['2019 was a good year', undefined, undefined],
    ['1.5 billion parameters', undefined, undefined],
    ['86.12 on MMLU', undefined, undefined],
    ['The Provider will', undefined, undefined],
  ];
  it.each(leads)('%j has marker %j', (text, marker, token) => {
    const lead = new ClausePath().lead(text);
    expect(lead?.marker.trim()).toBe(marker);
    expect(lead?.token).toBe(token);
  });

  it('reads (i) as roman under a letter and as a letter after (h)', () => {
    const p = new ClausePath();
    p.enter('1', 0);
    const a = p.lead('(a) first')!;
    p.enter(a.token, a.level);
    const i = p.lead('(i) sub')!;
    expect(i.level).toBeGreaterThan(a.level);
    const q = new ClausePath();
    const h = q.lead('(h) eighth')!;
    q.enter(h.token, h.level);
    expect(q.lead('(i) ninth')!.level).toBe(h.level);
  });

  const titles: Array<[string, [number, number] | undefined]> = [
    ['Grant of Licence. The Licensor grants you a licence.', [16, 18]],
    ['Disclaimer of Warranty. UNLESS REQUIRED BY LAW', [22, 24]],
    ['Restrictions & Obligations.', [26, 27]],
    ['The Licensor grants you a licence. You may use it.', undefined],
    ['Fees. all fees are due', undefined],
  ];
  it.each(titles)('run-in title of %j', (body, expected) => {
    expect(runInTitle(body)).toEqual(expected);
  });

  it.each([
    ['Automatic renewal. Paid plans renew monthly.', [17, 19]],
    ['Human review. We review flagged content.', [12, 14]],
    ['It works. The model is fine.', undefined],
    ['We agree. The terms apply.', undefined],
  ] as Array<[string, [number, number] | undefined]>)('after a clause number, a short title in sentence case but not a short clause: %j', (body, expected) => {
    expect(runInTitle(body, true)).toEqual(expected);
  });

  it.each([
    ['LIMITATION OF LIABILITY', true],
    ['LLAMA 3.1 COMMUNITY LICENSE AGREEMENT', true],
    ['UNLESS REQUIRED BY APPLICABLE LAW, THE MATERIALS ARE PROVIDED AS IS, WITHOUT WARRANTIES OF ANY KIND, AND META DISCLAIMS ALL.', false],
    ['Limitation of Liability', false],
    ['AI', false],
  ])('caps heading %j → %s', (line, yes) => expect(isCapsHeading(line)).toBe(yes));

  it.each([
    ['SCHEDULE B', 'Schedule B'],
    ['Schedule B – Service Levels', 'Schedule B'],
    ['Exhibit A', 'Exhibit A'],
    ['ANNEX 1: Data Processing', 'Annex 1'],
    ['Schedule B sets out the service levels.', undefined],
  ])('schedule heading %j → %j', (line, name) => expect(scheduleName(line)).toBe(name));

  it('recognises titles by capitalisation', () => {
    expect(isTitle('Grant of Rights')).toBe(true);
    expect(isTitle('The model is good')).toBe(false);
  });
});

const CONTRACT = `MASTER SERVICES AGREEMENT

This Agreement is made between Provider and Customer.

1. Services. The Provider will supply the Service.
1.1 Availability. The Service will be available 99.5% of each month.
   (a) Planned maintenance is excluded.
   (b) Emergency maintenance counts as downtime.
2. Fees. Customer shall pay the fees
within 30 days of invoice.

SCHEDULE B – SERVICE LEVELS

1. Response Times. The Provider will respond to urgent tickets within 4 hours.

Exhibit A

The Provider warrants that the Model performs as described.
`;

describe('plain-text contracts', () => {
  const doc = readText(CONTRACT);
  const find = (t: string) => doc.blocks.find((b) => b.text.startsWith(t))!;

  it('turns ALL-CAPS and schedule lines into headings', () => {
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['MASTER SERVICES AGREEMENT', 'SCHEDULE B – SERVICE LEVELS', 'Exhibit A']);
  });

  it('gives clause paths, markers and run-in titles', () => {
    const rows = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => [b.marker, b.clauseTitle, b.sectionPath, b.text]);
    expect(rows).toEqual([
      [undefined, undefined, ['MASTER SERVICES AGREEMENT'], 'This Agreement is made between Provider and Customer.'],
      ['1.', 'Services', ['MASTER SERVICES AGREEMENT', '1'], 'The Provider will supply the Service.'],
      ['1.1', 'Availability', ['MASTER SERVICES AGREEMENT', '1', '1.1'], 'The Service will be available 99.5% of each month.'],
      ['(a)', undefined, ['MASTER SERVICES AGREEMENT', '1', '1.1', '(a)'], 'Planned maintenance is excluded.'],
      ['(b)', undefined, ['MASTER SERVICES AGREEMENT', '1', '1.1', '(b)'], 'Emergency maintenance counts as downtime.'],
      ['2.', 'Fees', ['MASTER SERVICES AGREEMENT', '2'], 'Customer shall pay the fees within 30 days of invoice.'],
      ['1.', 'Response Times', ['Schedule B', '1'], 'The Provider will respond to urgent tickets within 4 hours.'],
      [undefined, undefined, ['Exhibit A'], 'The Provider warrants that the Model performs as described.'],
    ]);
  });

  it('maps clause text back to the source across wrapped lines', () => {
    const b = find('Customer shall pay');
    const first = b.runs[0]!;
    const last = b.runs[b.runs.length - 1]!;
    expect(CONTRACT.slice(first.sourceOffset!, first.sourceOffset! + 8)).toBe('Customer');
    expect(CONTRACT.slice(last.sourceOffset!, last.sourceOffset! + (last.end - last.start))).toBe('within 30 days of invoice.');
  });

  it('gives contract sentences clause references', async () => {
    const d = await ingest({ name: 'msa.txt', bytes: new TextEncoder().encode(CONTRACT), role: 'contract' });
    expect(d.mediaType).toBe('text/plain');
    const s = segmentDocument(d);
    const ref = (t: string) => s.find((x) => x.text.startsWith(t))!.context.clauseRef;
    expect(ref('Planned maintenance')).toBe('§1.1(a)');
    expect(ref('The Provider will respond')).toBe('Schedule B §1');
    expect(ref('The Provider warrants')).toBe('Exhibit A');
    for (const x of s) {
      const span = x.span as TextSpan;
      const words = x.text.split(/\W+/).filter(Boolean);
      const slice = CONTRACT.slice(span.offset, span.endOffset);
      for (const w of words) expect(slice).toContain(w);
    }
  });
});

describe('Markdown contracts', () => {
  it('number nested list items as clauses and split lazy "a." lines', async () => {
    const md = '# Terms\n\n1. Service\n    1. Access. Customer may use the Service.\n        a. Only for internal purposes.\n        b. Not for resale.\n2. Fees\n    1. Customer will pay monthly.\n';
    const doc = await ingest({ name: 'terms.md', bytes: new TextEncoder().encode(md), role: 'contract' });
    const rows = doc.blocks.filter((b) => b.kind !== 'heading').map((b) => [b.clauseTitle, b.sectionPath.slice(1).join(' '), b.text]);
    expect(rows).toEqual([
      ['Service', '1', ''],
      ['Access', '1 1.1', 'Customer may use the Service.'],
      [undefined, '1 1.1 (a)', 'Only for internal purposes.'],
      [undefined, '1 1.1 (b)', 'Not for resale.'],
      ['Fees', '2', ''],
      [undefined, '2 2.1', 'Customer will pay monthly.'],
    ]);
    const refs = segmentDocument(doc).map((s) => s.context.clauseRef);
    expect(refs).toEqual(['§1.1', '§1.1(a)', '§1.1(b)', '§2.1']);
  });
});

describe('escaped numbers in Markdown', () => {
  it('moves an escaped list marker to Block.marker and into the clause path of a contract', async () => {
    const md = '# Terms\n\n1\\. Customer may use the Service.\n\n2\\. Provider will support it.\n';
    const doc = await ingest({ name: 't.md', bytes: new TextEncoder().encode(md), role: 'contract' });
    const paras = doc.blocks.filter((b) => b.kind === 'paragraph');
    expect(paras.map((b) => [b.marker, b.text, b.sectionPath])).toEqual([
      ['1.', 'Customer may use the Service.', ['Terms', '1']],
      ['2.', 'Provider will support it.', ['Terms', '2']],
    ]);
  });
});

describe('heading-like clauses', () => {
  /** Kind and text of each block the reader makes of these lines. */
  const blocksOf = (lines: string[]) => readText(lines.join('\n')).blocks.map((b) => [b.kind, b.text]);

  it('a title line set without blank lines around it heads what follows; a title-block key line stands alone', () => {
    const lines = [
      'KESTREL COMMUNITY LICENCE',
      '',
      'Kestrel Version Release Date: May 2, 2026',
      '"Licensee" means the person accepting this licence.',
      '',
      'Kestrel Acceptable Use Policy',
      'Kestrel Labs wants the model used safely. The latest copy is at https://example.com/kestrel/policy',
      'Prohibited Uses',
      'You will not use the Kestrel model to deceive people.',
      'The Licensee Grants Its Affiliates',
      'no rights beyond those in this licence.',
    ];
    expect(blocksOf(lines)).toEqual([
      ['heading', 'KESTREL COMMUNITY LICENCE'],
      ['paragraph', 'Kestrel Version Release Date: May 2, 2026'],
      ['paragraph', '"Licensee" means the person accepting this licence.'],
      ['heading', 'Kestrel Acceptable Use Policy'],
      ['paragraph', 'Kestrel Labs wants the model used safely. The latest copy is at https://example.com/kestrel/policy'],
      ['heading', 'Prohibited Uses'],
      // a title-case line that does not follow a sentence end is a wrapped line, not a heading
      ['paragraph', 'You will not use the Kestrel model to deceive people. The Licensee Grants Its Affiliates no rights beyond those in this licence.'],
    ]);
  });

  it('a dash inside a wrapped sentence is not a bullet; a definition after a sentence end opens a block', () => {
    const lines = [
      'Versions of the Kestrel model released under other terms will always have to keep - at',
      '- the least - the use restrictions of this licence.',
      '"Use" includes running the model in any end-use application, e.g. chat, search, etc.',
      '"Third Parties" means anyone other than You and Kestrel Labs.',
      '',
      'Kestrel may not be used for:',
      '- surveillance',
      '- spam',
    ];
    expect(blocksOf(lines)).toEqual([
      ['paragraph', 'Versions of the Kestrel model released under other terms will always have to keep - at - the least - the use restrictions of this licence. "Use" includes running the model in any end-use application, e.g. chat, search, etc.'],
      ['paragraph', '"Third Parties" means anyone other than You and Kestrel Labs.'],
      ['paragraph', 'Kestrel may not be used for:'],
      ['list-item', 'surveillance'],
      ['list-item', 'spam'],
    ]);
  });

  it('lines that are all "Key: value" lines are blocks of their own', () => {
    const src = 'Kestrel terms apply.\n\nModel card: More information needed\nLicence questions: licensing@kestrel.example\n';
    expect(readText(src).blocks.map((b) => b.text)).toEqual(['Kestrel terms apply.', 'Model card: More information needed', 'Licence questions: licensing@kestrel.example']);
  });

  it('keeps a hard-wrapped ALL-CAPS disclaimer in one paragraph; a caps heading after a sentence still heads', () => {
    const lines = [
      '7. Warranty Disclaimer. EXCEPT AS STATED IN SECTION 6, THE',
      'KESTREL MODEL AND ALL OUTPUT GENERATED BY IT ARE',
      'PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,',
      'EXPRESS OR IMPLIED. YOU ALONE ARE RESPONSIBLE',
      'FOR CHECKING WHETHER THE OUTPUT SUITS YOUR PURPOSE.',
      '',
      'Provider will answer support requests within two days.',
      'LIMITATION OF LIABILITY',
      'Neither party is liable for indirect damages.',
    ];
    expect(blocksOf(lines)).toEqual([
      ['paragraph', 'EXCEPT AS STATED IN SECTION 6, THE KESTREL MODEL AND ALL OUTPUT GENERATED BY IT ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED. YOU ALONE ARE RESPONSIBLE FOR CHECKING WHETHER THE OUTPUT SUITS YOUR PURPOSE.'],
      ['paragraph', 'Provider will answer support requests within two days.'],
      ['heading', 'LIMITATION OF LIABILITY'],
      ['paragraph', 'Neither party is liable for indirect damages.'],
    ]);
  });

  it('reads "1. DEFINITIONS" on its own line as a clause title and "Section 2.1" as a clause number', () => {
    const src = '1. DEFINITIONS\n"Service" means the hosted model.\n\nSection 2.1 Licence. Provider grants Customer a licence.\n\n2. Payment Terms\n\n2.1 Customer pays monthly.\n';
    const doc = readText(src);
    expect(doc.blocks.map((b) => [b.marker, b.clauseTitle, b.sectionPath, b.text])).toEqual([
      ['1.', 'DEFINITIONS', ['1'], ''],
      [undefined, undefined, ['1'], '"Service" means the hosted model.'],
      ['Section 2.1', 'Licence', ['1', '2.1'], 'Provider grants Customer a licence.'],
      ['2.', 'Payment Terms', ['2'], ''],
      ['2.1', undefined, ['2', '2.1'], 'Customer pays monthly.'],
    ]);
  });
});

describe('roman numerals without a letter level', () => {
  it('keeps (i), (ii), (iii) siblings', () => {
    const doc = readText('1. Customer will not:\n(i) copy the model;\n(ii) resell it; or\n(iii) reverse engineer it.\n');
    expect(doc.blocks.map((b) => b.sectionPath)).toEqual([['1'], ['1', '(i)'], ['1', '(ii)'], ['1', '(iii)']]);
  });
});

describe('withRole', () => {
  it('structures a Markdown document as a contract when the role is decided after ingestion', async () => {
    const md = '# Terms\n\n1. Service\n    1. Access. Customer may use the Service.\n';
    const asCard = await ingest({ name: 't.md', bytes: new TextEncoder().encode(md), role: 'model-card' });
    const contract = withRole(asCard, 'contract');
    expect(contract.role).toBe('contract');
    const direct = await ingest({ name: 't.md', bytes: new TextEncoder().encode(md), role: 'contract' });
    expect(contract.blocks).toEqual(direct.blocks);
    expect(asCard.blocks.find((b) => b.text.includes('Customer'))!.clauseTitle).toBeUndefined();
    expect(withRole(contract, 'contract')).toBe(contract);
  });
});

describe('a one-sentence clause is a statement, not a run-in title', () => {
  it.each([
    ['3.1 The Model scores 70 on MMLU.', 'The Model scores 70 on MMLU.'],
    ['4. Definitions.\n\n4.1 "Model" means the hosted model.', '"Model" means the hosted model.'],
  ])('%s', async (source, sentence) => {
    const doc = await ingest({ name: 'c.txt', bytes: new TextEncoder().encode(source), role: 'contract' });
    expect(segmentDocument(doc).map((s) => s.text)).toContain(sentence);
  });
});

describe('division headings, title blocks and dates', () => {
  it.each([
    ['Section I: PREAMBLE', true],
    ['Section IV: OTHER PROVISIONS', true],
    ['ARTICLE 2 – GRANT OF RIGHTS', true],
    ['Part B. Service Levels', true],
    ['Section 2.1 Licence. Provider grants a licence.', false],
    ['Section 3 applies to all uses.', false],
    ['Part of the model is open.', false],
  ])('division heading %j → %s', (line, yes) => expect(isDivisionHeading(line)).toBe(yes));

  it.each([
    ['dated November 24, 2022', true],
    ['September 2023', true],
    ['2024-01-31', true],
    ['3 March 2021', true],
    ['Last updated: May 2024', false],
    ['Version 2.1', false],
    ['The model was released in 2023.', false],
    ['Copyright 2024 Acme', false],
    ['Tern 2 Release 2031', false],
  ])('date line %j → %s', (line, yes) => expect(isBareDate(line, monthNamesOf(undefined))).toBe(yes));

  const LICENCE = [
    'Copyright (c) 2031 Tern Labs and contributors',
    '',
    'Tern Open Model Licence',
    'dated March 3, 2031',
    '',
    'Section I: PREAMBLE',
    '',
    'This licence governs the use of the model.',
    '',
    'NOW THEREFORE, You and Licensor agree as follows:',
    '',
    '1. Definitions',
    '',
    '- "Model" means the released weights.',
    '- "Output" means what the Model generates. Output is not the Model.',
    '',
    'Section II: RIGHTS',
    '',
    '2. Grant of Licence. Licensor grants You a worldwide licence.',
    '3. Use-based restrictions. You shall not misuse the Model.',
    '4. You must:',
    'keep this notice;',
    'mark your changes; and',
    'share this licence.',
    '',
    'Attachment A',
    '',
    'Use Restrictions',
    '',
    'You agree not to use the Model:',
    '- To harm minors;',
    '- To defame others.',
    '',
  ].join('\n');

  it('reads bullets as list items, division headings and title blocks as headings, short run-in titles as titles', async () => {
    const doc = readText(LICENCE);
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      'Tern Open Model Licence',
      'Section I: PREAMBLE',
      'Section II: RIGHTS',
      'Attachment A',
      'Use Restrictions',
    ]);
    const items = doc.blocks.filter((b) => b.kind === 'list-item');
    expect(items.map((b) => [b.marker, b.text])).toEqual([
      ['-', '"Model" means the released weights.'],
      ['-', '"Output" means what the Model generates. Output is not the Model.'],
      ['-', 'To harm minors;'],
      ['-', 'To defame others.'],
    ]);
    // bullets stay in the clause they sit in and take the lead-in above them
    expect(items[0]!.sectionPath.at(-1)).toBe('1');
    const lead = doc.blocks.find((b) => b.text === 'You agree not to use the Model:')!;
    expect(items[2]!.leadBlockId).toBe(lead.id);
    expect(doc.blocks.find((b) => b.marker === '3.')!.clauseTitle).toBe('Use-based restrictions');

    const d = await ingest({ name: 'licence.txt', bytes: new TextEncoder().encode(LICENCE), role: 'contract' });
    const texts = segmentDocument(d).map((x) => x.text);
    expect(texts).toEqual([
      'Copyright (c) 2031 Tern Labs and contributors',
      'This licence governs the use of the model.',
      'NOW THEREFORE, You and Licensor agree as follows:',
      '"Model" means the released weights.',
      '"Output" means what the Model generates.',
      'Output is not the Model.',
      'Licensor grants You a worldwide licence.',
      'You shall not misuse the Model.',
      'You must:',
      'keep this notice;',
      'mark your changes; and',
      'share this licence.',
      'You agree not to use the Model:',
      'To harm minors;',
      'To defame others.',
    ]);
    for (const x of segmentDocument(d)) {
      const span = x.span as TextSpan;
      expect(LICENCE.slice(span.offset, span.endOffset).replace(/\s+/g, ' ')).toContain(x.text.split(' ')[0]!.replace(/^- /, ''));
    }
  });

  it('keeps key-value lines of a title block as sentences', async () => {
    const src = '        Tern Model Licence Agreement\n                Version: 2.1\n      Date of Release: March 3, 2031\n\n1. Definitions\n\n"Model" means the weights.\n';
    const d = await ingest({ name: 'l.txt', bytes: new TextEncoder().encode(src), role: 'contract' });
    expect(segmentDocument(d).map((x) => x.text)).toEqual(['Version: 2.1', 'Date of Release: March 3, 2031', '"Model" means the weights.']);
  });
});

describe('Markdown contract structure', () => {
  it('reads tab-indented numbered clauses as clauses, not code', async () => {
    const md = '# Licence\n\n### 2. Grant of Licence.\n\n\t2.1.\tLicensor grants You a licence to use the Model.\n\t2.2.\tThe licence is free of charge.\n\t(a)\tYou must keep this notice; and\n\n```python\nprint("hello")\n```\n';
    const doc = await ingest({ name: 'l.md', bytes: new TextEncoder().encode(md), role: 'contract' });
    const s = segmentDocument(doc);
    expect(s.map((x) => [x.context.clauseRef, x.text])).toEqual([
      ['§2.1', 'Licensor grants You a licence to use the Model.'],
      ['§2.2', 'The licence is free of charge.'],
      ['§2.2(a)', 'You must keep this notice; and'],
    ]);
    for (const x of s) {
      const span = x.span as TextSpan;
      expect(md.slice(span.offset, span.endOffset)).toContain(x.text.slice(0, 12));
    }
    // the same text in a model card stays code
    const card = await ingest({ name: 'l.md', bytes: new TextEncoder().encode(md), role: 'model-card' });
    expect(segmentDocument(card)).toEqual([]);
  });

  it('keeps bulleted title-only items as sentences; a numbered title-only item heads its clause', async () => {
    const md = '# Stages\n\nModels belong to one of these stages:\n\n- Preview\n- Generally available\n- Retired\n\n1. Service\n    1. Customer may use the Service.\n\n- Fees\n    - Customer pays monthly.\n';
    const doc = await ingest({ name: 's.md', bytes: new TextEncoder().encode(md), role: 'contract' });
    expect(segmentDocument(doc).map((x) => x.text)).toEqual(['Models belong to one of these stages:', 'Preview', 'Generally available', 'Retired', 'Customer may use the Service.', 'Customer pays monthly.']);
    expect(doc.blocks.find((b) => b.clauseTitle === 'Fees')).toBeDefined();
  });

  it('reads a division heading set as a plain paragraph as a heading', async () => {
    const md = '# Licence\n\nSection I: PREAMBLE\n\nThis licence governs the model.\n\nSection II: GRANT\n\n1. Licensor grants You a licence.\n';
    const doc = await ingest({ name: 'l.md', bytes: new TextEncoder().encode(md), role: 'contract' });
    expect(segmentDocument(doc).map((x) => x.text)).toEqual(['This licence governs the model.', 'Licensor grants You a licence.']);
  });

  it('reads a malformed link as its text', async () => {
    const md = 'Read more in this [blogpost]((https://example.org/post). Then stop.\n';
    const doc = await ingest({ name: 'c.md', bytes: new TextEncoder().encode(md), role: 'model-card' });
    const s = segmentDocument(doc);
    expect(s.map((x) => x.text)).toEqual(['Read more in this blogpost.', 'Then stop.']);
    const span = s[0]!.span as TextSpan;
    expect(md.slice(span.offset, span.endOffset)).toBe('Read more in this [blogpost]((https://example.org/post).');
  });
});
