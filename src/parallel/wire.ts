import { GntcheckError, type ErrorCode } from '../util/errors.js';

/** An error as it crosses threads: GntcheckErrors keep their code, others their name. */
export interface WireError {
  readonly code: ErrorCode | null;
  readonly name: string;
  readonly message: string;
  readonly stack: string | null;
}

export function toWire(err: unknown): WireError {
  if (err instanceof GntcheckError) return { code: err.code, name: err.name, message: err.message, stack: err.stack ?? null };
  if (err instanceof Error) return { code: null, name: err.name, message: err.message, stack: err.stack ?? null };
  return { code: null, name: 'Error', message: String(err), stack: null };
}

/**
 * The error to throw on the calling thread: the same GntcheckError (code and message) the
 * sequential checker throws, or an Error of the same name (a RangeError stays one, which
 * the CLI reports as running out of memory).
 */
export function fromWire(w: WireError): Error {
  if (w.code !== null) return new GntcheckError(w.code, w.message);
  const err = w.name === 'RangeError' ? new RangeError(w.message) : new Error(w.message);
  if (w.name !== err.name) err.name = w.name;
  if (w.stack !== null) err.stack = w.stack;
  return err;
}
