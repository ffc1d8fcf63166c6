/** The WarrantError code a promise rejects with, or 'resolved'; any other error is rethrown. */
import { isWarrantError, type ErrorCode } from '../../src/model/errors.ts';

export async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'resolved'> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    if (isWarrantError(e)) return e.code;
    throw e;
  }
}
