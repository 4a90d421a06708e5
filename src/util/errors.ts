/**
 * Stable codes for everything the user can get wrong. The CLI prints
 * `gntcheck: <code>: <message>` and exits 3 for any of them; tests assert codes, not wording.
 */
export type ErrorCode =
  /** `--model` names no registered model. */
  | 'UNKNOWN_MODEL'
  /** A `--set` key the model does not have, a value of the wrong type or out of range. */
  | 'BAD_PARAMETER'
  /** `--variant` names no variant of the model. */
  | 'UNKNOWN_VARIANT'
  /** A command-line option is malformed or out of range. */
  | 'BAD_OPTION'
  /** A spec file is not valid JSON or does not follow the spec format. */
  | 'BAD_SPEC'
  /** A trace file is not a gntcheck trace or names an unknown model. */
  | 'BAD_TRACE'
  /** The model is malformed (duplicate property names, a field set out of range, no initial state). */
  | 'BAD_MODEL'
  /** A property's check threw. */
  | 'PROPERTY_THREW'
  /** The model's own code (initial states, actions, next state) threw. */
  | 'MODEL_THREW'
  /** The same state gave different actions or successors on two calls. */
  | 'NONDETERMINISTIC_MODEL'
  /** A file could not be read or written. */
  | 'IO';

export class GntcheckError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'GntcheckError';
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new GntcheckError(code, message);
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
