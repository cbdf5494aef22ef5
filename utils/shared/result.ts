/**
 * Results that cross contexts. Error objects do not survive structured cloning between the
 * content script, the background and extension pages, so every answer is a plain ok/error value:
 * a `code` for programs to act on, and an `error` in words for people.
 */

/** What went wrong, for callers to act on. Never parse `error`'s words: switch on this. */
export type ErrorCode =
  /** The request breaks a rule (sender, type or payload): sending it again would fail again. */
  | 'rejected'
  /** Storage failed (IndexedDB, a full disk): trying again later may work. */
  | 'storage'
  /** The other side could not be reached or did not answer (a stopping worker, a closed tab). */
  | 'unreachable'
  /** What the request names is not there (a deleted highlight). */
  | 'not-found'
  /** The page holds no article (the reader view cannot open). */
  | 'no-article'
  /** A file given to import is not one Clearmark can read. */
  | 'invalid-file';

export interface Failure {
  ok: false;
  code: ErrorCode;
  /** Words a person can act on, without stack traces. */
  error: string;
}

export type Result<T> = { ok: true; value: T } | Failure;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, error: string): Failure {
  return { ok: false, code, error };
}

/** An error thrown inside one context that knows its code (storage's "not found", say). */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A readable message for anything thrown, without stack traces. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Unexpected error';
}
