import type { Action } from './action.js';
import type { EffectSink } from './effects.js';
import type { Property } from './property.js';
import type { Layout } from '../layout/layout.js';
import type { JsonValue } from '../util/json.js';

/**
 * The one interface everything in gntcheck is built on: a transition system with
 * named properties.
 *
 * Determinism contract: for the same state, `initStates`, `actions` and `nextState` must
 * return the same values in the same order on every call, and must not mutate their
 * arguments. Counterexamples are stored as action indices and rebuilt by replay, so a
 * model that breaks this (iterating a Set built in a different order, `Math.random`,
 * mutable module state) is detected and reported as NONDETERMINISTIC_MODEL.
 */
export interface Model<S, A extends Action = Action> {
  /** Human-readable instance name, e.g. `two-phase RM=3`. */
  readonly name: string;
  initStates(): readonly S[];
  /** The actions enabled in `state`, as plain data. */
  actions(state: S): readonly A[];
  /** The successor of `state` under an enabled `action`. A result equal to `state` is a self-loop. */
  nextState(state: S, action: A): S;
  readonly properties: readonly Property<S, A>[];
  /** Every action type the model can fire, so that one that never fired can be reported. */
  readonly actionTypes?: readonly string[];
  /** Trace label for an action; defaults to `Type(k=v, ...)`. */
  formatAction?(action: A): string;
  /** A JSON snapshot of a state, for traces and diffs; defaults to the state itself. */
  snapshot?(state: S): JsonValue;
  /** Which party performs an action (a lane in sequence diagrams): `frontend`, `backend`, ... */
  actorOf?(action: A): string;
  /** Side effects of a transition (hypercalls, flushes) for cost measurements. */
  effects?(state: S, action: A, sink: EffectSink): void;
  /** Present when the model declares its state's shape: enables the packed, allocation-free engine. */
  readonly packed?: PackedForm<S, A>;
}

/**
 * A guarded command: one ground action (`BackMap(s=1)`) with its guard and its effect.
 * `apply` mutates a copy of the pre-state that the checker made; it must write only
 * through the view and report side effects to `fx`.
 */
export interface Command<V, A extends Action> {
  readonly action: A;
  readonly guard: (v: V) => boolean;
  readonly apply: (v: V, fx: EffectSink) => void;
  /**
   * Optional: the guard as a conjunction of tests, outermost first; `guard(v)` must
   * equal "every test holds". Commands listed next to each other that share a prefix
   * of test closures (the same function objects) let the checker evaluate that prefix
   * once and skip all of them when it fails. {@link family} builds these from guards
   * given per parameter level.
   */
  readonly tests?: readonly GuardTest<V>[];
}

/** One conjunct of a command's guard. */
export type GuardTest<V> = (v: V) => boolean;

/**
 * The packed form of a model: its state is a fixed number of 32-bit words described
 * by `layout`, and its transitions are the fixed list `commands`. The checker binds
 * reusable views to packed words instead of allocating a state per successor.
 */
export interface PackedForm<V, A extends Action> {
  readonly layout: Layout<V>;
  readonly commands: readonly Command<V, A>[];
  /** Each function writes one initial state into a zeroed view. */
  readonly inits: readonly ((v: V) => void)[];
  /**
   * Optional symmetry reduction: rewrite the view in place into the representative of
   * its symmetry class. Must map every member of a class to the same representative.
   */
  readonly canonicalize?: (v: V) => void;
}

/** Any model, for code that does not care about the state and action types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any, Action>;
