/**
 * Whether one model transition (pre-state, action, post-state) agrees with a lifecycle
 * chart. An action whose type is a chart event is a lifecycle step: the chart must have
 * that event from the projected pre-state, leading to the projected post-state (a step
 * that leaves both ends where they are is no exception: the chart must allow it too).
 * Any other action is internal to the model (I/O, grant bookkeeping) and must leave
 * both ends' XenBus states unchanged.
 */
import type { Action } from '../../../src/model/action.js';
import type { AnyStateMachine } from 'xstate';
import { formatEdge, type ChartEdge } from './chartEdge.js';
import { chartEvents, chartStep, chartValuesEqual, formatChartValue, type ChartValue } from './splitDriverChart.js';

export type StepVerdict =
  /** Not a chart event, and neither end moved. */
  | { readonly kind: 'internal' }
  /** A chart event and the chart has exactly this step. */
  | { readonly kind: 'lifecycle'; readonly edge: ChartEdge }
  /** Not a chart event, yet an end's XenBus state changed. */
  | { readonly kind: 'internal-moved'; readonly action: string; readonly from: ChartValue; readonly to: ChartValue }
  /** A chart event the chart does not allow here: `chartTo` is where the chart goes instead, null if nowhere. */
  | { readonly kind: 'not-in-chart'; readonly edge: ChartEdge; readonly chartTo: ChartValue | null };

export function conforms(v: StepVerdict): boolean {
  switch (v.kind) {
    case 'internal':
    case 'lifecycle':
      return true;
    case 'internal-moved':
    case 'not-in-chart':
      return false;
  }
}

export function formatVerdict(v: StepVerdict): string {
  switch (v.kind) {
    case 'internal':
      return 'internal step';
    case 'lifecycle':
      return `chart step ${formatEdge(v.edge)}`;
    case 'internal-moved':
      return `${v.action} is not a chart event but moves ${formatChartValue(v.from)} to ${formatChartValue(v.to)}`;
    case 'not-in-chart':
      return (
        `${formatEdge(v.edge)} is not a chart step; ` +
        (v.chartTo === null ? 'the chart has no such step from there' : `the chart goes to ${formatChartValue(v.chartTo)}`)
      );
  }
}

/** Judges model steps against `chart`, through `project` (model state to chart configuration). */
export class LifecycleConformance<S> {
  readonly events: ReadonlySet<string>;
  /** Chart lookups by `front/back/event`: exploration asks the same few questions millions of times. */
  private readonly steps = new Map<string, ChartValue | null>();

  constructor(
    readonly chart: AnyStateMachine,
    readonly project: (s: S) => ChartValue,
  ) {
    this.events = chartEvents(chart);
  }

  isLifecycle(action: Action): boolean {
    return this.events.has(action.type);
  }

  /** Where the chart goes from `from` on `event`, or null if it has no such step. */
  chartTo(from: ChartValue, event: string): ChartValue | null {
    const key = `${from.front}/${from.back}/${event}`;
    let to = this.steps.get(key);
    if (to === undefined) {
      to = chartStep(this.chart, from, event);
      this.steps.set(key, to);
    }
    return to;
  }

  verdict(pre: S, action: Action, post: S): StepVerdict {
    const from = this.project(pre);
    const to = this.project(post);
    if (!this.isLifecycle(action)) {
      return chartValuesEqual(from, to) ? { kind: 'internal' } : { kind: 'internal-moved', action: action.type, from, to };
    }
    const edge: ChartEdge = { from, event: action.type, to };
    const chartTo = this.chartTo(from, action.type);
    if (chartTo !== null && chartValuesEqual(chartTo, to)) return { kind: 'lifecycle', edge };
    return { kind: 'not-in-chart', edge, chartTo };
  }
}
