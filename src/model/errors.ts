/**
 * Typed errors for broken input, rules or config (STYLE.md principle 4: content problems
 * become findings; broken input throws). Surfaces turn these into problem+json or one CLI line.
 */

/** Error codes, stable across releases; documented in README. */
export type ErrorCode =
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'INVALID_UTF8'
  | 'UNSUPPORTED_FORMAT'
  | 'EXTENSION_MISMATCH'
  | 'TOO_LARGE'
  | 'TOO_MANY_FILES'
  | 'TOO_MANY_PAGES'
  | 'PDF_ENCRYPTED'
  | 'PDF_CORRUPT'
  | 'PARSE_TIMEOUT'
  | 'PARSE_OUT_OF_MEMORY'
  | 'DOCX_CORRUPT'
  | 'ZIP_BOMB'
  | 'EVIDENCE_UNKNOWN_FORMAT'
  | 'EVIDENCE_MALFORMED'
  /** Several inputs and none of them could be read (issue 16); `details.files` names each with its code. */
  | 'NO_READABLE_INPUT'
  | 'GOLD_MALFORMED'
  | 'RULES_INVALID'
  | 'CONFIG_INVALID'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'INTERNAL'
  // Bounded work (issue 17)
  | 'ANALYSIS_TIMEOUT'
  | 'TOO_MANY_RECORDS'
  | 'BUSY'
  | 'CANCELLED'
  | 'STORAGE_FULL'
  | 'STORAGE_UNAVAILABLE';

/**
 * Codes that mean "this one input could not be read": the input is empty, binary, corrupt, encrypted,
 * in a format we cannot read, or over a per-file bound. An analysis that may skip unreadable inputs
 * (issue 16) skips an input on these and on no other (rules, config, timeouts of the whole analysis, ...).
 */
export const UNREADABLE_INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'EMPTY_INPUT',
  'BINARY_INPUT',
  'INVALID_UTF8',
  'UNSUPPORTED_FORMAT',
  'EXTENSION_MISMATCH',
  'TOO_LARGE',
  'TOO_MANY_PAGES',
  'PDF_ENCRYPTED',
  'PDF_CORRUPT',
  'PARSE_TIMEOUT',
  'PARSE_OUT_OF_MEMORY',
  'DOCX_CORRUPT',
  'ZIP_BOMB',
  'EVIDENCE_UNKNOWN_FORMAT',
  'EVIDENCE_MALFORMED',
  'TOO_MANY_RECORDS',
]);

/** An error a user can act on: a stable code, a message in words, and where. */
export class WarrantError extends Error {
  readonly code: ErrorCode;
  /** File (input name or rule file) the error is about. */
  readonly file?: string;
  /** 1-based line and column in that file, when known. */
  readonly line?: number;
  readonly column?: number;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    where: { file?: string; line?: number; column?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, where.cause === undefined ? undefined : { cause: where.cause });
    this.name = 'WarrantError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.details = where.details;
  }

  /** "file:line:column: message" as a CLI prints it. */
  describe(): string {
    const place = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    return place ? `${place}: ${this.message} [${this.code}]` : `${this.message} [${this.code}]`;
  }
}

/** True when `e` is a WarrantError. */
export function isWarrantError(e: unknown): e is WarrantError {
  return e instanceof WarrantError;
}

/** True when `e` says one input could not be read (see UNREADABLE_INPUT_CODES). */
export function isUnreadableInputError(e: unknown): e is WarrantError {
  return e instanceof WarrantError && UNREADABLE_INPUT_CODES.has(e.code);
}
