/**
 * What every Xen split-driver lifecycle chart in this folder shares: a parallel xstate
 * machine with two regions, `front` and `back`, whose child states are XenBus states
 * (io/xenbus.h). Each end writes only its own `state` node and reacts to the other's
 * (digest §1.1), so a transition of one region may depend on the other region's state;
 * `peerIn` writes that dependency as a `stateIn` guard.
 *
 * A chart of this shape is a statement about pairs (front state, back state): the
 * conformance check, chart graph and replay in this folder work on any such chart, so
 * another split driver needs only its own chart and a projection of its model's state.
 * The handshakes differ, so the charts do: netfront, for one, goes from Initialising
 * straight to Connected when the back reaches InitWait (netback_changed), where blkfront
 * passes through Initialised (./blkLifecycle.ts).
 */
import {
  or,
  stateIn,
  transition,
  type AnyStateMachine,
  type EventObject,
  type GuardPredicate,
  type MachineContext,
  type StateValue,
} from 'xstate';
import { XB, type XenbusState } from '../xenbus.js';

export type Side = 'front' | 'back';

/** A chart configuration: one XenBus state per end. */
export interface ChartValue {
  readonly front: XenbusState;
  readonly back: XenbusState;
}

/**
 * Guard: the peer's region is in one of `states` (in the pre-state of the step). The
 * event type is inferred from where the guard is used.
 */
export function peerIn<TEvent extends EventObject>(
  peer: Side,
  ...states: readonly XenbusState[]
): GuardPredicate<MachineContext, TEvent, undefined, never> {
  const each = states.map((s) => stateIn<MachineContext, TEvent, unknown>({ [peer]: s }));
  const anyOf = or<MachineContext, TEvent, unknown[]>(each);
  // stateIn's type leaves the named-guard parameter open (`any`); these charts name no guards.
  return anyOf as GuardPredicate<MachineContext, TEvent, undefined, never>;
}

function isXenbusState(x: unknown): x is XenbusState {
  return typeof x === 'string' && (XB.names as readonly string[]).includes(x);
}

/** The configuration of a chart snapshot's value; throws if the chart is not front/back over XenBus states. */
export function chartValueOf(value: StateValue): ChartValue {
  if (typeof value === 'object' && isXenbusState(value['front']) && isXenbusState(value['back'])) {
    return { front: value['front'], back: value['back'] };
  }
  throw new Error(`not a split-driver chart value: ${JSON.stringify(value)}`);
}

export function chartValuesEqual(a: ChartValue, b: ChartValue): boolean {
  return a.front === b.front && a.back === b.back;
}

/** `(Connected, Closing)`: front first. */
export function formatChartValue(v: ChartValue): string {
  return `(${v.front}, ${v.back})`;
}

/** Every event type some state of the chart reacts to: the lifecycle steps it speaks about. */
export function chartEvents(chart: AnyStateMachine): ReadonlySet<string> {
  return new Set(chart.root.events.filter((e: string) => !e.startsWith('xstate.')));
}

/**
 * The configuration `event` leads to from `from`, or null when no transition of the
 * chart is enabled there (unknown event, wrong source state, or a peer guard false).
 */
export function chartStep(chart: AnyStateMachine, from: ChartValue, event: string): ChartValue | null {
  const snapshot = chart.resolveState({ value: { front: from.front, back: from.back }, context: {} });
  if (!snapshot.can({ type: event })) return null;
  const [next] = transition(chart, snapshot, { type: event });
  return chartValueOf(next.value);
}
