/** One lifecycle step as the chart sees it: a configuration, an event, the configuration it leads to. */
import { chartValuesEqual, formatChartValue, type ChartValue } from './splitDriverChart.js';

export interface ChartEdge {
  readonly from: ChartValue;
  readonly event: string;
  readonly to: ChartValue;
}

/** `(Connected, Closing) -FrontClosed-> (Closed, Closing)`: also the key edges are compared by. */
export function formatEdge(e: ChartEdge): string {
  return `${formatChartValue(e.from)} -${e.event}-> ${formatChartValue(e.to)}`;
}

export function edgesEqual(a: ChartEdge, b: ChartEdge): boolean {
  return a.event === b.event && chartValuesEqual(a.from, b.from) && chartValuesEqual(a.to, b.to);
}
