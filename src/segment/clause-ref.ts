/**
 * Clause references for contract sentences from a block's section path:
 * ["Schedule B", "2", "2.1", "(a)"] → "Schedule B §2.1(a)".
 */

const CLAUSE_NUMBER = /^\d{1,3}(\.\d{1,3})*$/;
const SUB_CLAUSE = /^\([A-Za-z0-9]{1,6}\)$/;
const SCHEDULE = /^(schedule|exhibit|annex|appendix|attachment|addendum)\s+([A-Z]{1,2}|\d{1,3}|[IVX]{1,5})(?=$|[\s.:–—-])/i;

/** The clause reference a section path gives, or undefined when it names no clause. */
export function clauseRefOf(sectionPath: readonly string[]): string | undefined {
  let schedule: string | undefined;
  let number: string | undefined;
  let subs = '';
  for (const entry of sectionPath) {
    const m = SCHEDULE.exec(entry);
    if (m) {
      const word = m[1]!.toLowerCase();
      schedule = `${word[0]!.toUpperCase()}${word.slice(1)} ${m[2]!.toUpperCase()}`;
      number = undefined;
      subs = '';
    } else if (CLAUSE_NUMBER.test(entry)) {
      number = entry;
      subs = '';
    } else if (SUB_CLAUSE.test(entry)) subs += entry;
  }
  const clause = number ? `§${number}${subs}` : subs ? `§${subs}` : '';
  const ref = [schedule, clause].filter(Boolean).join(' ');
  return ref || undefined;
}
