import type { InstanceCosts } from '../cost/instanceCosts.js';
import { ipisPerFlush, measurePlottedProtocols, type ProtocolCost } from '../cost/protocolComparison.js';
import {
  COST_ASSUMPTIONS,
  describeAssumptions,
  MEASURED_2012,
  throughputAt,
  throughputCurve,
  type CostAssumptions,
  type ThroughputPoint,
} from '../cost/throughput.js';
import type { Workload } from '../cost/workload.js';
import { paramsText } from './format.js';
import { renderThroughputSvg } from './throughputSvg.js';

/** Guests on the plot's x axis. */
export const PLOT_MAX_GUESTS = 16;
/** The plot's file name beside the Markdown summary. */
export const PLOT_FILE = 'cost-throughput.svg';

export interface CostSection {
  readonly protocols: readonly ProtocolCost[];
  /** IPIs per flush measured on the model (the flushing protocol's), and the model's C. */
  readonly ipisPerFlush: number | null;
  readonly vcpusInModel: number;
  readonly assumptions: CostAssumptions;
  readonly assumptionLines: readonly string[];
  readonly curves: readonly { readonly key: string; readonly label: string; readonly points: readonly ThroughputPoint[] }[];
  /** The model beside the 2012 measurement at the measured guest counts. */
  readonly checks: readonly { readonly guests: number; readonly measured: number; readonly persistent: number; readonly pre2012: number }[];
  readonly svg: string;
}

/** How a workload's walks go, for the report. */
export function describeMethod(w: Workload, costs: InstanceCosts): string[] {
  const o = costs.optionsFor(w);
  return [
    `Measured on the model, not assumed: ${o.walks} seeded random walks (seed ${o.seed}) per configuration, each one connection.`,
    `Each walk connects (${w.connect.join(', ')}), submits ${o.requestsPerWalk} requests while choosing uniformly at random among the ` +
      `enabled I/O actions (everything but ${w.lifecycle.length} lifecycle actions), drains the requests in flight, ` +
      `then closes (${w.close.join(', ')}).`,
    `The model's effects hook counts each map and unmap hypercall op, each TLB flush and its IPIs (C per flush, one per backend vCPU); ` +
      `every count is divided by the ${w.completed} the walks finished.`,
    `So the first map of each gref and the unmaps at disconnect are included, spread over ${o.requestsPerWalk} requests per connection.`,
    ...w.notes,
  ];
}

export function buildCostSection(costs: InstanceCosts): CostSection {
  const protocols = measurePlottedProtocols(costs);
  const a = COST_ASSUMPTIONS;
  const curves = protocols.map((p) => ({ key: p.key, label: p.label, points: throughputCurve(a, p.counts, PLOT_MAX_GUESTS) }));
  const [persistent, pre2012] = protocols;
  const checks = MEASURED_2012.points.map((m) => ({
    guests: m.guests,
    measured: m.iops,
    persistent: throughputAt(a, persistent!.counts, m.guests).iops,
    pre2012: throughputAt(a, pre2012!.counts, m.guests).iops,
  }));
  const flushing = protocols.find((p) => ipisPerFlush(p.cost) !== null);
  return {
    protocols,
    ipisPerFlush: flushing ? ipisPerFlush(flushing.cost) : null,
    vcpusInModel: Number(protocols[0]!.cost.origin.params['C']),
    assumptions: a,
    assumptionLines: describeAssumptions(a),
    curves,
    checks,
    svg: renderThroughputSvg(curves, MEASURED_2012),
  };
}

/** `blkif P=2 ... FP=true BP=true` for a plotted protocol. */
export function protocolInstanceText(p: ProtocolCost): string {
  return `${p.cost.origin.model} ${paramsText(p.cost.origin.params)}`;
}
