import type { Action } from './action.js';

/**
 * A state property.
 * - `always`: an invariant; a reachable state where `check` is false is a counterexample.
 * - `sometimes`: a reachability witness; a reachable state where `check` is true is an
 *   example. A complete run that never reaches one fails, so a passing `always` cannot be
 *   vacuous about the part of the space the witness names.
 *
 * `check` must be pure and must not keep the state: the checker hands it views that it
 * reuses after the call returns.
 */
export interface StateProperty<S> {
  readonly kind: 'always' | 'sometimes';
  readonly name: string;
  readonly doc?: string;
  readonly check: (state: S) => boolean;
}

/** An action property: holds of every transition (pre-state, action, post-state), self-loops included. */
export interface ActionProperty<S, A extends Action> {
  readonly kind: 'action';
  readonly name: string;
  readonly doc?: string;
  readonly check: (pre: S, action: A, post: S) => boolean;
  /**
   * Optional, for speed: a promise that `check` holds on every transition from a state
   * where `from` is false. The explorer then evaluates `from` once per state and skips
   * `check` on the transitions of the states it excludes. It tests the promise on the
   * states it samples for determinism: a broken one is a BAD_MODEL error.
   */
  readonly from?: (pre: S) => boolean;
}

export type Property<S, A extends Action = Action> = StateProperty<S> | ActionProperty<S, A>;

/** Every kind of property a run reports on; deadlock freedom is built in, not declared. */
export type PropertyKind = 'always' | 'sometimes' | 'action' | 'deadlock';

/** The name under which the built-in "every reachable state has a successor" is reported. */
export const DEADLOCK = 'deadlock';

export function always<S>(name: string, check: (state: S) => boolean, doc?: string): StateProperty<S> {
  return doc === undefined ? { kind: 'always', name, check } : { kind: 'always', name, check, doc };
}

export function sometimes<S>(name: string, check: (state: S) => boolean, doc?: string): StateProperty<S> {
  return doc === undefined ? { kind: 'sometimes', name, check } : { kind: 'sometimes', name, check, doc };
}

export function actionProperty<S, A extends Action>(
  name: string,
  check: (pre: S, action: A, post: S) => boolean,
  doc?: string,
  from?: (pre: S) => boolean,
): ActionProperty<S, A> {
  return { kind: 'action', name, check, ...(doc === undefined ? {} : { doc }), ...(from === undefined ? {} : { from }) };
}

/** For `always`, `action` and `deadlock` a discovery is a failure; for `sometimes` it is the goal. */
export function discoveryIsFailure(kind: PropertyKind): boolean {
  switch (kind) {
    case 'always':
    case 'action':
    case 'deadlock':
      return true;
    case 'sometimes':
      return false;
  }
}
