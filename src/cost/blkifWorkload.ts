import { COMPLETED } from '../../models/blkif/io.js';
import { GT_EFFECTS } from '../../models/xen/hypervisor/grantTable.js';
import { TLB_EFFECTS } from '../../models/xen/hypervisor/tlb.js';
import { DEFAULT_COST_OPTIONS } from './measure.js';
import type { CountedEffect, Workload } from './workload.js';

/** The per-request columns of both blkif models: the grant-table hypercalls, the flushes and their IPIs. */
export const BLKIF_COUNTED: readonly CountedEffect[] = [
  { effect: GT_EFFECTS.map, label: 'map hypercalls' },
  { effect: GT_EFFECTS.unmap, label: 'unmap hypercalls' },
  { effect: TLB_EFFECTS.flush, label: 'TLB flushes' },
  { effect: TLB_EFFECTS.ipi, label: 'flush IPIs' },
];

/**
 * The blkif I/O workload: connect (BackProbe, FrontInit, BackConnect, FrontConnect),
 * then every action of the I/O half of the protocol (submit, map, I/O on a backend
 * vCPU, respond, complete, and whatever I/O actions a variant adds, such as LruPurge)
 * competes on equal terms, then a clean close (FrontClose, BackClose, FrontClosed,
 * BackDisconnect) so that the unmaps and the flush of persistent grants at
 * disconnect are counted too.
 */
export const BLKIF_WORKLOAD: Workload = {
  model: 'blkif',
  connect: ['BackProbe', 'FrontInit', 'BackConnect', 'FrontConnect'],
  lifecycle: [
    'BackProbe',
    'FrontInit',
    'BackConnect',
    'FrontConnect',
    'FrontClose',
    'BackClose',
    'FrontClosed',
    'BackDisconnect',
    'FrontFree',
    'DeferredRelease',
    'FrontReinit',
    'BackReprobe',
    // param-change, stale-persistent: the administrator's parameter writes, enabled while a
    // side is Closed (after the close they would otherwise keep the last phase from ending).
    'FrontSetParam',
    'BackSetParam',
  ],
  submit: ['FrontSubmitReuse', 'FrontSubmitGrant'],
  close: ['FrontClose', 'BackClose', 'FrontClosed', 'BackDisconnect'],
  optional: ['FrontSetParam', 'BackSetParam'],
  completed: COMPLETED,
  counted: BLKIF_COUNTED,
  options: DEFAULT_COST_OPTIONS,
  notes: [
    'One segment per request (the reference model\'s abstraction).',
    'Actions a variant adds to the I/O half (LruPurge, BackRogueMap, HvFlush) compete on equal terms with the others: ' +
      "the lru row purges an idle grant as often as any other action fires, far more eagerly than Linux's 100 ms LRU scan or 60 s timeout.",
  ],
};
