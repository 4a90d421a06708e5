import { COMPLETED } from '../../models/blkif/io.js';
import { GT_EFFECTS } from '../../models/xen/hypervisor/grantTable.js';
import { TLB_EFFECTS } from '../../models/xen/hypervisor/tlb.js';
import type { Workload } from './workload.js';

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
  ],
  submit: ['FrontSubmitReuse', 'FrontSubmitGrant'],
  close: ['FrontClose', 'BackClose', 'FrontClosed', 'BackDisconnect'],
  completed: COMPLETED,
  counted: [
    { effect: GT_EFFECTS.map, label: 'map hypercalls' },
    { effect: GT_EFFECTS.unmap, label: 'unmap hypercalls' },
    { effect: TLB_EFFECTS.flush, label: 'TLB flushes' },
    { effect: TLB_EFFECTS.ipi, label: 'flush IPIs' },
  ],
};
