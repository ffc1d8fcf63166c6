/**
 * Clause markers have one home (src/text/clause-markers.ts): the syntax ingestion reads, the
 * section-path tokens segmentation turns into a reference, and the reference format the contract
 * stage writes are the same.
 */
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_HEADING,
  DOTTED_LETTER_MARKER,
  NUMBER_MARKER,
  PAREN_MARKER,
  attachmentName,
  formatClauseRef,
  isClauseNumberToken,
  isSubClauseToken,
  leadingMarker,
  parseMarker,
} from '../../src/text/clause-markers.ts';
import { clauseRefOf } from '../../src/segment/clause-ref.ts';
import { ClausePath } from '../../src/ingest/clauses.ts';

describe('clause markers', () => {
  it.each([
    ['2.1 The Provider', '2.1'],
    ['Section 3. Fees', '3'],
    ['§ 4 Term', '4'],
    ['12) Notices', '12'],
  ])('reads the clause number of %j', (text, num) => {
    expect(NUMBER_MARKER.exec(text)?.[1]).toBe(num);
  });

  it('reads sub-clause markers and leaves prose alone', () => {
    expect(PAREN_MARKER.exec('(iv) the Customer')?.[1]).toBe('iv');
    expect(DOTTED_LETTER_MARKER.exec('b. Use of the Service')?.[1]).toBe('b');
    expect(PAREN_MARKER.exec('(see below)')).toBeNull();
    expect(DOTTED_LETTER_MARKER.exec('e.g. a model')).toBeNull();
  });

  it('names an attachment heading, and only at the start', () => {
    const m = ATTACHMENT_HEADING.exec('SCHEDULE b – Model Performance');
    expect(m && attachmentName(m)).toBe('Schedule B');
    expect(ATTACHMENT_HEADING.exec('See Schedule B')).toBeNull();
  });

  it('knows section-path tokens', () => {
    expect(['2', '2.1', '10.3.4'].every(isClauseNumberToken)).toBe(true);
    expect(['(a)', '(iv)', '(3)'].every(isSubClauseToken)).toBe(true);
    expect(['Fees', '2019a', '(see'].some((t) => isClauseNumberToken(t) || isSubClauseToken(t))).toBe(false);
  });

  it('formats one clause reference for the segmenter and the contract stage alike', () => {
    expect(formatClauseRef('Schedule B', '2.1', ['a', 'ii'])).toBe('Schedule B §2.1(a)(ii)');
    expect(formatClauseRef(undefined, undefined, ['c'])).toBe('§(c)');
    expect(formatClauseRef('Exhibit 2', undefined, [])).toBe('Exhibit 2');
    expect(formatClauseRef(undefined, undefined, [])).toBeUndefined();
    expect(clauseRefOf(['Schedule B – Model Performance', '2', '2.1', '(a)', '(ii)'])).toBe('Schedule B §2.1(a)(ii)');
  });

  it('gives ingestion the tokens the segmenter reads back', () => {
    const path = new ClausePath();
    const tokens: string[] = [];
    for (const line of ['2. Service', '2.1 Access. The Provider', '(a) the Customer', '(ii) its users']) {
      const lead = path.lead(line)!;
      tokens.splice(0, tokens.length, ...path.enter(lead.token, lead.level));
    }
    expect(tokens).toEqual(['2', '2.1', '(a)', '(ii)']);
    expect(clauseRefOf(['Schedule C', ...tokens])).toBe('Schedule C §2.1(a)(ii)');
  });

  it('parses a marker left on a block, as the contract stage reads it', () => {
    expect(parseMarker('2.1.')).toEqual({ kind: 'number', label: '2.1' });
    expect(parseMarker('(i)', 'h')).toEqual({ kind: 'alpha', label: 'i' });
    expect(parseMarker('(iv)')).toEqual({ kind: 'roman', label: 'iv' });
    expect(leadingMarker('2026 revenue grew')).toBeUndefined();
    expect(leadingMarker('3.2 Fees are due')).toBe('3.2');
  });
});
