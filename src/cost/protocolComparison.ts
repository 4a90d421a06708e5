import { fail } from '../util/errors.js';
import { GT_EFFECTS } from '../../models/xen/hypervisor/grantTable.js';
import { TLB_EFFECTS } from '../../models/xen/hypervisor/tlb.js';
import type { InstanceCost, InstanceCosts } from './instanceCosts.js';
import type { PerRequestCounts } from './throughput.js';

/**
 * The two blkif configurations the throughput plot compares, at the model's default
 * sizes: both ends with `feature_persistent`, and neither (the protocol before 2012).
 */
export const PLOTTED_PROTOCOLS = [
  { key: 'persistent', label: 'persistent grants (FP = BP = true)', params: { FP: true, BP: true } },
  { key: 'pre-2012', label: 'pre-2012, no persistent grants (FP = BP = false)', params: { FP: false, BP: false } },
] as const;

export interface ProtocolCost {
  readonly key: (typeof PLOTTED_PROTOCOLS)[number]['key'];
  readonly label: string;
  readonly cost: InstanceCost;
  readonly counts: PerRequestCounts;
  /** Flush IPIs per completed request at the model's C. */
  readonly ipisPerRequest: number;
}

export function countsOf(cost: InstanceCost): PerRequestCounts {
  const per = cost.measurement.perRequest;
  return { maps: per[GT_EFFECTS.map] ?? 0, unmaps: per[GT_EFFECTS.unmap] ?? 0, flushes: per[TLB_EFFECTS.flush] ?? 0 };
}

/** IPIs per flush measured on the model (its rule is C, the backend vCPUs); null when nothing flushed. */
export function ipisPerFlush(cost: InstanceCost): number | null {
  const flushes = cost.measurement.totals[TLB_EFFECTS.flush] ?? 0;
  return flushes > 0 ? (cost.measurement.totals[TLB_EFFECTS.ipi] ?? 0) / flushes : null;
}

/** Measures the plotted protocols on the blkif model. */
export function measurePlottedProtocols(costs: InstanceCosts): ProtocolCost[] {
  return PLOTTED_PROTOCOLS.map((p) => {
    const cost = costs.costOf('blkif', p.params, null);
    if (!cost) return fail('BAD_MODEL', 'the blkif model has no cost workload');
    return { key: p.key, label: p.label, cost, counts: countsOf(cost), ipisPerRequest: cost.measurement.perRequest[TLB_EFFECTS.ipi] ?? 0 };
  });
}
