/**
 * A stated cost model of dom0 block I/O throughput against the number of guests. It
 * turns the per-request map, unmap and flush counts measured on the model into dom0
 * CPU time per request and takes the lower of what the guests offer and what dom0's
 * vCPUs can serve. The numbers in {@link COST_ASSUMPTIONS} are round-number
 * assumptions, not measurements and not fitted to the 2012 figures: the report sets
 * the curves beside those figures so that the gap shows.
 */

/** Measured on the model, per completed request. */
export interface PerRequestCounts {
  readonly maps: number;
  readonly unmaps: number;
  readonly flushes: number;
}

export interface CostAssumptions {
  /** dom0 vCPUs serving the backends: the capacity is this many CPU-seconds per second. */
  readonly dom0Vcpus: number;
  /** Requests per second one guest offers when dom0 keeps up. */
  readonly guestOfferedIops: number;
  /** dom0 CPU time per request without any grant-table work (ring, block layer, ramdisk copy). */
  readonly baseUsPerRequest: number;
  /** dom0 CPU time per map or unmap hypercall op. */
  readonly hypercallOpUs: number;
  /** Initiator CPU time per flush IPI target (send, wait for the acknowledgement). */
  readonly ipiInitiatorUs: number;
  /** CPU time a flush IPI takes from each target vCPU (interrupt, flush, TLB refill). */
  readonly ipiTargetUs: number;
  /** dom0 vCPUs each active guest's backend leaves in dom0's dirty mask. */
  readonly dirtyVcpusPerGuest: number;
}

export const COST_ASSUMPTIONS: CostAssumptions = {
  dom0Vcpus: 24,
  guestOfferedIops: 100_000,
  baseUsPerRequest: 15,
  hypercallOpUs: 1,
  ipiInitiatorUs: 1,
  ipiTargetUs: 2,
  dirtyVcpusPerGuest: 1,
};

/** One line per assumption, as the report states them beside the plot. */
export function describeAssumptions(a: CostAssumptions): readonly string[] {
  return [
    `dom0 has ${a.dom0Vcpus} vCPUs, all serving backends: ${a.dom0Vcpus} CPU-seconds per second (the 2012 set-up, digest §5).`,
    `Each guest offers ${a.guestOfferedIops.toLocaleString('en-US')} requests per second when dom0 keeps up (assumed).`,
    `A request costs dom0 ${a.baseUsPerRequest} µs of CPU without grant-table work: ring, block layer, ramdisk copy (assumed).`,
    `Each map or unmap hypercall op costs ${a.hypercallOpUs} µs (assumed).`,
    `A TLB flush sends one IPI per target vCPU (the model's rule: a flush sends C IPIs; digest §1.7). ` +
      `Each target loses ${a.ipiTargetUs} µs and the initiator spends ${a.ipiInitiatorUs} µs per target sending and waiting (assumed).`,
    `The targets of a flush are the vCPUs in dom0's dirty mask: ${a.dirtyVcpusPerGuest} per active guest's backend, at most all ${a.dom0Vcpus} ` +
      `(assumed; so the model's C becomes min(${a.dom0Vcpus}, ${a.dirtyVcpusPerGuest} × guests)).`,
    `Throughput = min(guests × offered rate, dom0 CPU capacity / dom0 CPU per request). Queueing, lock contention and ` +
      `the frontend's copy into persistent pages (guest CPU, not dom0) are left out.`,
  ];
}

export interface ThroughputPoint {
  readonly guests: number;
  readonly iops: number;
  /** IPI targets of each flush. */
  readonly flushTargets: number;
  readonly dom0UsPerRequest: number;
  /** What bounds the throughput: the guests' offered load or dom0's CPU. */
  readonly limitedBy: 'guests' | 'dom0';
}

export function throughputAt(a: CostAssumptions, counts: PerRequestCounts, guests: number): ThroughputPoint {
  const flushTargets = Math.min(a.dom0Vcpus, guests * a.dirtyVcpusPerGuest);
  const dom0UsPerRequest =
    a.baseUsPerRequest +
    a.hypercallOpUs * (counts.maps + counts.unmaps) +
    counts.flushes * flushTargets * (a.ipiInitiatorUs + a.ipiTargetUs);
  const capacity = (a.dom0Vcpus * 1e6) / dom0UsPerRequest;
  const offered = guests * a.guestOfferedIops;
  return {
    guests,
    iops: Math.min(offered, capacity),
    flushTargets,
    dom0UsPerRequest,
    limitedBy: offered <= capacity ? 'guests' : 'dom0',
  };
}

/** Throughput for 1..maxGuests guests. */
export function throughputCurve(a: CostAssumptions, counts: PerRequestCounts, maxGuests: number): ThroughputPoint[] {
  return Array.from({ length: maxGuests }, (_, i) => throughputAt(a, counts, i + 1));
}

/** The 2012 measurement of the protocol without persistent grants (digest §5, the RFC of Oct 2012). */
export const MEASURED_2012 = {
  protocol: 'pre-2012 (no persistent grants)',
  dom0Vcpus: 24,
  points: [
    { guests: 5, iops: 650_000 },
    { guests: 10, iops: 400_000 },
  ],
  source: '"[PATCH RFC] Persistent grant maps for xen blk drivers", Oct 2012 (digest §5)',
} as const;
