/**
 * The blkif model seen through the lifecycle chart: a model state projects to its two
 * XenBus states, everything else (grants, ring, tree, TLBs) is invisible to the chart.
 */
import type { BlkifState } from '../../blkif/state.js';
import { XB, type XenbusState } from '../xenbus.js';
import { blkLifecycleChart } from './blkLifecycle.js';
import { LifecycleConformance } from './conformance.js';
import type { ChartValue } from './splitDriverChart.js';

function xenbusName(x: number): XenbusState {
  const name = XB.names[x];
  if (name === undefined) throw new Error(`not a XenBus state: ${x}`);
  return name;
}

export function blkifChartValue(s: BlkifState): ChartValue {
  return { front: xenbusName(s.fe), back: xenbusName(s.be) };
}

/** The blkif model's steps judged against the block driver's lifecycle chart. */
export function blkifConformance(): LifecycleConformance<BlkifState> {
  return new LifecycleConformance(blkLifecycleChart, blkifChartValue);
}
