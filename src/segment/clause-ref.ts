/**
 * Clause references for contract sentences from a block's section path:
 * ["Schedule B", "2", "2.1", "(a)"] → "Schedule B §2.1(a)". The marker syntax is src/text/clause-markers.ts.
 */
import { ATTACHMENT_HEADING, attachmentName, formatClauseRef, isClauseNumberToken, isSubClauseToken } from '../text/clause-markers.ts';

/** The clause reference a section path gives, or undefined when it names no clause. */
export function clauseRefOf(sectionPath: readonly string[]): string | undefined {
  let schedule: string | undefined;
  let number: string | undefined;
  let subs: string[] = [];
  for (const entry of sectionPath) {
    const m = ATTACHMENT_HEADING.exec(entry);
    if (m) {
      schedule = attachmentName(m);
      number = undefined;
      subs = [];
    } else if (isClauseNumberToken(entry)) {
      number = entry;
      subs = [];
    } else if (isSubClauseToken(entry)) subs.push(entry.slice(1, -1));
  }
  return formatClauseRef(schedule, number, subs);
}
