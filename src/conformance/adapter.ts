import type { Action } from '../model/action.js';
import type { TraceOrigin } from '../trace/trace.js';
import type { JsonValue } from '../util/json.js';

/** What an adapter did with one action of a trace. */
export type AdapterStep =
  /** It called the implementation; `calls` says how, for reports (`store.get(0) -> NOT_FOUND`). */
  | { readonly kind: 'applied'; readonly calls: readonly string[] }
  /** The action does not involve this implementation (another party's step). */
  | { readonly kind: 'ignored' }
  /** The action involves the implementation, but it has no operation that does it. */
  | { readonly kind: 'unsupported'; readonly reason: string };

/**
 * Plugs an implementation into trace replay: it maps a model's actions onto calls to
 * the implementation and says what of the implementation's state the model determines.
 *
 * Contract:
 * - `start` makes a fresh implementation for a trace of `origin` (model parameters
 *   such as limits come from there) whose first state is `initial`.
 * - `step` performs `action`, taken in model state `pre`. The adapter may read `pre`
 *   for what the environment answers (the frame a map returns, whether the backend
 *   still maps a gref), never the state after the action: that is what is checked.
 * - `observe` and `expected` return the same shape: the implementation's observable
 *   state, and what it must be when the model is in `state`. Replay compares them
 *   after every step (and before the first) as canonical JSON.
 */
export interface ImplementationAdapter {
  start(origin: TraceOrigin, initial: JsonValue): void;
  step(action: Action, pre: JsonValue): AdapterStep;
  observe(): JsonValue;
  expected(state: JsonValue): JsonValue;
}

/** A named way to build an adapter, as `gntcheck conform --impl <name>` lists them. */
export interface AdapterFactory {
  readonly name: string;
  readonly description: string;
  /** Model ids whose traces the adapter reads. */
  readonly models: readonly string[];
  create(): ImplementationAdapter;
}
