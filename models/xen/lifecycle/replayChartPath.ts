/**
 * Replays a chart path (from xstate/graph) on a model: for each chart event, the model
 * takes its enabled action of that type, and the projected model state must be the
 * chart's configuration after the step.
 *
 * The chart sees only XenBus states, so a chart event can be enabled where the model's
 * action still waits on internal state: the blkif model's BackDisconnect waits for I/O
 * to complete, FrontReinit for the pool to be freed (FrontFree). Where the action is not
 * enabled, the replay inserts the fewest internal steps (actions that are not chart
 * events) that enable it, found breadth-first; it never inserts a lifecycle step, and
 * every inserted step must leave both XenBus states unchanged. A caller may also push
 * the model somewhere before each chart event (`between`, e.g. "keep I/O in flight"),
 * under the same rules.
 */
import type { Action } from '../../../src/model/action.js';
import type { Model } from '../../../src/model/model.js';
import { canonicalJson } from '../../../src/util/json.js';
import type { StateValue } from 'xstate';
import type { LifecycleConformance } from './conformance.js';
import { chartValueOf, chartValuesEqual, formatChartValue, type ChartValue } from './splitDriverChart.js';

/** What replay reads of an xstate/graph path: `steps[0]` is `xstate.init` with the initial snapshot. */
export interface ChartPath {
  readonly steps: readonly { readonly event: { readonly type: string }; readonly state: { readonly value: StateValue } }[];
}

export interface ReplayOptions<S, A extends Action> {
  /** Called before each chart event until it returns null: an internal action to take first. */
  readonly between?: (state: S, enabled: readonly A[]) => A | null;
  /** Bound on `between` steps before one chart event. */
  readonly maxBetween?: number;
  /** Bound on states visited when looking for internal steps that enable a chart event. */
  readonly maxSearchStates?: number;
}

/** Why a model step was taken: a chart event, an internal step the replay inserted, or the caller's `between`. */
export type StepOrigin = 'chart' | 'inserted' | 'between';

export interface ReplayedStep<A extends Action> {
  readonly origin: StepOrigin;
  readonly action: A;
  /** The projected configuration after the step. */
  readonly at: ChartValue;
}

export type ReplayFailure =
  | { readonly kind: 'start'; readonly expected: ChartValue; readonly actual: ChartValue }
  /** No enabled model action of this type, even after internal steps (`searched` states visited). */
  | {
      readonly kind: 'no-model-step';
      readonly index: number;
      readonly event: string;
      readonly from: ChartValue;
      readonly searched: number;
    }
  | {
      readonly kind: 'wrong-target';
      readonly index: number;
      readonly event: string;
      readonly expected: ChartValue;
      readonly actual: ChartValue;
    }
  /** An internal step (inserted or `between`) moved an end. */
  | {
      readonly kind: 'internal-moved';
      readonly index: number;
      readonly action: string;
      readonly from: ChartValue;
      readonly to: ChartValue;
    }
  | { readonly kind: 'between-is-lifecycle'; readonly index: number; readonly action: string }
  | { readonly kind: 'between-unbounded'; readonly index: number };

export type ReplayResult<A extends Action> =
  | { readonly ok: true; readonly steps: readonly ReplayedStep<A>[] }
  | { readonly ok: false; readonly steps: readonly ReplayedStep<A>[]; readonly failure: ReplayFailure };

export function formatReplayFailure(f: ReplayFailure): string {
  switch (f.kind) {
    case 'start':
      return `the model starts at ${formatChartValue(f.actual)}, the chart at ${formatChartValue(f.expected)}`;
    case 'no-model-step':
      return (
        `step ${f.index}: no model action ${f.event} can be enabled from ${formatChartValue(f.from)} ` +
        `by internal steps (${f.searched} states searched)`
      );
    case 'wrong-target':
      return `step ${f.index}: ${f.event} leads the model to ${formatChartValue(f.actual)}, the chart to ${formatChartValue(f.expected)}`;
    case 'internal-moved':
      return `step ${f.index}: internal ${f.action} moved ${formatChartValue(f.from)} to ${formatChartValue(f.to)}`;
    case 'between-is-lifecycle':
      return `step ${f.index}: between chose ${f.action}, a chart event`;
    case 'between-unbounded':
      return `step ${f.index}: between did not stop`;
  }
}

export function replayChartPath<S, A extends Action>(
  model: Model<S, A>,
  conformance: LifecycleConformance<S>,
  path: ChartPath,
  options: ReplayOptions<S, A> = {},
): ReplayResult<A> {
  const maxBetween = options.maxBetween ?? 64;
  const maxSearch = options.maxSearchStates ?? 100_000;
  const project = conformance.project;
  const key = (s: S): string => canonicalJson(model.snapshot ? model.snapshot(s) : s);
  const inits = model.initStates();
  if (inits.length !== 1) throw new Error(`${model.name}: replay needs exactly one initial state, got ${inits.length}`);
  let s: S = inits[0]!;
  const steps: ReplayedStep<A>[] = [];
  const failed = (failure: ReplayFailure): ReplayResult<A> => ({ ok: false, steps, failure });

  const start = chartValueOf(path.steps[0]!.state.value);
  if (!chartValuesEqual(project(s), start)) return failed({ kind: 'start', expected: start, actual: project(s) });

  /** Takes an internal step, or returns why it may not be taken. */
  const internal = (index: number, a: A, origin: 'inserted' | 'between'): ReplayFailure | null => {
    if (conformance.isLifecycle(a)) return { kind: 'between-is-lifecycle', index, action: a.type };
    const from = project(s);
    const next = model.nextState(s, a);
    const to = project(next);
    if (!chartValuesEqual(from, to)) return { kind: 'internal-moved', index, action: a.type, from, to };
    s = next;
    steps.push({ origin, action: a, at: to });
    return null;
  };

  for (let i = 1; i < path.steps.length; i++) {
    const step = path.steps[i]!;
    const event = step.event.type;
    const expected = chartValueOf(step.state.value);

    if (options.between) {
      let taken = 0;
      for (let a = options.between(s, model.actions(s)); a !== null; a = options.between(s, model.actions(s))) {
        if (++taken > maxBetween) return failed({ kind: 'between-unbounded', index: i });
        const why = internal(i, a, 'between');
        if (why) return failed(why);
      }
    }

    const route = internalRoute(model, conformance, s, event, maxSearch, key);
    if (route.actions === null) {
      return failed({ kind: 'no-model-step', index: i, event, from: project(s), searched: route.searched });
    }
    for (const a of route.actions) {
      const why = internal(i, a, 'inserted');
      if (why) return failed(why);
    }

    const candidates = model.actions(s).filter((a) => a.type === event);
    for (const a of candidates) {
      const actual = project(model.nextState(s, a));
      if (!chartValuesEqual(actual, expected)) return failed({ kind: 'wrong-target', index: i, event, expected, actual });
    }
    s = model.nextState(s, candidates[0]!);
    steps.push({ origin: 'chart', action: candidates[0]!, at: expected });
  }
  return { ok: true, steps };
}

/**
 * The shortest sequence of internal actions from `from` to a state where an action of
 * type `event` is enabled (empty if it already is), or null within `maxStates`.
 */
function internalRoute<S, A extends Action>(
  model: Model<S, A>,
  conformance: LifecycleConformance<S>,
  from: S,
  event: string,
  maxStates: number,
  key: (s: S) => string,
): { actions: A[] | null; searched: number } {
  const seen = new Set<string>([key(from)]);
  let frontier: { state: S; route: A[] }[] = [{ state: from, route: [] }];
  while (frontier.length > 0) {
    const next: { state: S; route: A[] }[] = [];
    for (const { state, route } of frontier) {
      const enabled = model.actions(state);
      if (enabled.some((a) => a.type === event)) return { actions: route, searched: seen.size };
      for (const a of enabled) {
        if (conformance.isLifecycle(a)) continue;
        const succ = model.nextState(state, a);
        const k = key(succ);
        if (seen.has(k)) continue;
        if (seen.size >= maxStates) return { actions: null, searched: seen.size };
        seen.add(k);
        next.push({ state: succ, route: [...route, a] });
      }
    }
    frontier = next;
  }
  return { actions: null, searched: seen.size };
}
