import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/segment/split.ts';
import { defaultAbbreviations } from '../../src/segment/abbreviations.ts';

const split = (text: string): string[] => splitSentences(text, defaultAbbreviations()).map(([s, e]) => text.slice(s, e));

describe('splitSentences', () => {
  const cases: Array<[string, string[]]> = [
    ['One sentence.', ['One sentence.']],
    ['First one. Second one.', ['First one.', 'Second one.']],
    ['It scores 86.1 on MMLU. Next.', ['It scores 86.1 on MMLU.', 'Next.']],
    ['Use v3.1 or gpt-3.5-turbo here. Done.', ['Use v3.1 or gpt-3.5-turbo here.', 'Done.']],
    ['See https://example.org/a.b?c=d. Then stop.', ['See https://example.org/a.b?c=d.', 'Then stop.']],
    ['Tasks, e.g. QA, i.e. questions. Next.', ['Tasks, e.g. QA, i.e. questions.', 'Next.']],
    ['Meta Platforms, Inc. and others. Next.', ['Meta Platforms, Inc. and others.', 'Next.']],
    ['Llama 3 vs. Llama 2 on approx. 5 tasks.', ['Llama 3 vs. Llama 2 on approx. 5 tasks.']],
    ['As in Fig. 2 and Mitchell et al. Model cards help.', ['As in Fig. 2 and Mitchell et al. Model cards help.']],
    ['Code, prose, etc. and more.', ['Code, prose, etc. and more.']],
    ['Code, prose, etc. The end.', ['Code, prose, etc.', 'The end.']],
    ['He said "it works." Then left.', ['He said "it works."', 'Then left.']],
    ['It works (mostly.) Then more.', ['It works (mostly.)', 'Then more.']],
    ['Wait... then go. Next!', ['Wait... then go.', 'Next!']],
    ['Wait... Then go.', ['Wait...', 'Then go.']],
    ['Really? yes, really.', ['Really?', 'yes, really.']],
    ['What works better? using ratings?', ['What works better?', 'using ratings?']],
    ['Scores (see Table 2. for details) are high. Next.', ['Scores (see Table 2. for details) are high.', 'Next.']],
    ['line one\u2028line two', ['line one', 'line two']],
    ['Items (a. b. c.) here. Next (x.) too. End.', ['Items (a. b. c.) here.', 'Next (x.) too.', 'End.']],
    ['a soft\nwrap stays one.', ['a soft\nwrap stays one.']],
    ['Price is $5. €6 elsewhere.', ['Price is $5.', '€6 elsewhere.']],
    ['Ends with 2.', ['Ends with 2.']],
    ['2. Grant. The rest.', ['2. Grant.', 'The rest.']],
    ['No. 5 is listed.', ['No. 5 is listed.']],
    ['Is it used? No. Passages are embedded as they are.', ['Is it used?', 'No.', 'Passages are embedded as they are.']],
    ['See Nos. 3 and 4. Then stop.', ['See Nos. 3 and 4.', 'Then stop.']],
    ['[1] A. Okafor, L. Brandt, and S. Mehra. Measuring refusals. arXiv preprint, 2024.', ['[1] A. Okafor, L. Brandt, and S. Mehra.', 'Measuring refusals. arXiv preprint, 2024.']],
    ['[3] R. Haldane and T. Quist. Hidden instructions.', ['[3] R. Haldane and T. Quist.', 'Hidden instructions.']],
    ['Fedus, W., Zoph, B. and Shazeer, N. (2022). Switch models.', ['Fedus, W., Zoph, B. and Shazeer, N. (2022).', 'Switch models.']],
    ['The grade was A. Models improved.', ['The grade was A.', 'Models improved.']],
    ['Das Modell ist gut. Über 80% korrekt.', ['Das Modell ist gut.', 'Über 80% korrekt.']],
    ['النموذج جيد. ويعمل بسرعة.', ['النموذج جيد.', 'ويعمل بسرعة.']],
    ['Модель хороша. Она быстрая.', ['Модель хороша.', 'Она быстрая.']],
    ['  \n ', []],
    ['...', []],
    ['Text. .', ['Text. .']],
    ['模型很好。它很快。 Next one.', ['模型很好。', '它很快。', 'Next one.']],
    // a period inside a quotation that closes soon belongs to the quotation
    ['Keep this notice: "Licensed by Acme Corp. All rights reserved."; and more. Next.', ['Keep this notice: "Licensed by Acme Corp. All rights reserved."; and more.', 'Next.']],
    ['It says “Stop. Go.” Then we left.', ['It says “Stop. Go.”', 'Then we left.']],
    // a lower-case product identifier opens a sentence; a plain lower-case word does not
    ['It is small. tern-2b is fast. Also quick.', ['It is small.', 'tern-2b is fast.', 'Also quick.']],
    ['Serve it with a server. sGLX handles it. Done.', ['Serve it with a server.', 'sGLX handles it.', 'Done.']],
    ['A study of models. arXiv preprint 2401.1, 2024.', ['A study of models. arXiv preprint 2401.1, 2024.']],
    // a colon that ends a line ends its lead-in unless a quotation continues the sentence
    ['See the table below:\nFor details, read the paper.', ['See the table below:', 'For details, read the paper.']],
    ['Trained as described in the papers:\n"Paper One" and "Paper Two".', ['Trained as described in the papers:\n"Paper One" and "Paper Two".']],
    ['Ratios: 3:1 and 2:1 here.', ['Ratios: 3:1 and 2:1 here.']],
    // an initial in a list of names does not end a sentence; a capital letter after a word or a number does
    ['[1] J. Doe, K. Roe, and B. Poe, "A study of models," 2024. Next.', ['[1] J. Doe, K. Roe, and B. Poe, "A study of models," 2024.', 'Next.']],
    ['It beats models such as Tern 62B. Overall, it is small.', ['It beats models such as Tern 62B.', 'Overall, it is small.']],
    ['The limits are in Appendix A. Overall, it is small.', ['The limits are in Appendix A.', 'Overall, it is small.']],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });
});

describe('line-ending colons in contracts', () => {
  it('end the lead-in before a prescribed quotation', () => {
    const text = 'You shall include the following statement:\n“[Name] is built with Tern.”';
    const parts = splitSentences(text, defaultAbbreviations(), { lineColon: 'always' }).map(([a, b]) => text.slice(a, b));
    expect(parts).toEqual(['You shall include the following statement:', '“[Name] is built with Tern.”']);
  });
});
