import { BLKIF_SEGMENTS_WORKLOAD } from './blkifSegmentsWorkload.js';
import { BLKIF_WORKLOAD } from './blkifWorkload.js';
import type { Workload } from './workload.js';

/** Every model with a cost workload; models without one get no cost columns. */
export const WORKLOADS: readonly Workload[] = [BLKIF_WORKLOAD, BLKIF_SEGMENTS_WORKLOAD];

export function workloadFor(modelId: string): Workload | null {
  return WORKLOADS.find((w) => w.model === modelId) ?? null;
}
