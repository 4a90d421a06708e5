/**
 * How a cost measurement drives a model: it brings the connection up with a fixed
 * sequence of action types, submits a fixed number of requests while choosing
 * uniformly at random (seeded) among the enabled steady-state actions, drains the
 * requests in flight without submitting new ones, and closes with a fixed sequence.
 * A workload names action types and effects only; the model's `effects` hook does the
 * counting.
 */
import type { CostOptions } from './measure.js';

export interface Workload {
  /** The model id the workload drives. */
  readonly model: string;
  /** Action types fired in this order to bring the connection up (the first enabled action of each type). */
  readonly connect: readonly string[];
  /** Action types never chosen by the random phases: the connection lifecycle. */
  readonly lifecycle: readonly string[];
  /** Action types that submit a new request; each one fired counts one submission. */
  readonly submit: readonly string[];
  /** Action types fired in this order after draining, to close the connection. */
  readonly close: readonly string[];
  /**
   * Action types named above that only some instances have (a parameter or variant adds
   * them, e.g. a hostile front's raw requests); every other name must be an action type
   * of the instance measured, so that a misspelt name is an error, not a silent no-op.
   */
  readonly optional: readonly string[];
  /** The effect that counts one completed request: the denominator of every per-request cost. */
  readonly completed: string;
  /** The effects reported per completed request, in table order. */
  readonly counted: readonly CountedEffect[];
  /** How many walks of how many requests measure an instance, unless the caller says otherwise. */
  readonly options: CostOptions;
  /** What the report says about this model's walks, beyond the method every workload shares. */
  readonly notes: readonly string[];
}

export interface CountedEffect {
  readonly effect: string;
  /** Column heading, e.g. `map hypercalls`. */
  readonly label: string;
}
