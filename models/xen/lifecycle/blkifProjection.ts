/**
 * The blkif models seen through the lifecycle chart: a model state projects to its two
 * XenBus states, everything else (grants, ring, tree, TLBs) is invisible to the chart.
 * Any model with the reference's `fe` and `be` fields projects the same way
 * (blkif-segments does).
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

type XenbusEnds = Pick<BlkifState, 'fe' | 'be'>;

export function blkifChartValue(s: XenbusEnds): ChartValue {
  return { front: xenbusName(s.fe), back: xenbusName(s.be) };
}

/** A blkif model's steps judged against the block driver's lifecycle chart. */
export function blkifConformance<S extends XenbusEnds = BlkifState>(): LifecycleConformance<S> {
  return new LifecycleConformance<S>(blkLifecycleChart, blkifChartValue);
}
