import { BLKIF_COUNTED, BLKIF_WORKLOAD } from './blkifWorkload.js';
import type { Workload } from './workload.js';

/**
 * The blkif-segments I/O workload: the same connection lifecycle as blkif, with the
 * multi-segment requests of FrontSubmit (and, under HOSTILE, the hostile front's raw
 * requests) as submissions, and everything else of the I/O half (map, I/O, respond,
 * complete, the NOMEM faults, BackPurge) competing on equal terms.
 */
export const BLKIF_SEGMENTS_WORKLOAD: Workload = {
  model: 'blkif-segments',
  connect: BLKIF_WORKLOAD.connect,
  lifecycle: BLKIF_WORKLOAD.lifecycle,
  submit: ['FrontSubmit', 'FrontSubmitRaw'],
  close: BLKIF_WORKLOAD.close,
  optional: ['FrontSubmitRaw', ...BLKIF_WORKLOAD.optional],
  completed: BLKIF_WORKLOAD.completed,
  counted: BLKIF_COUNTED,
  // Fewer requests than blkif's 500: enumerating the actions of a three-segment state is slow on the plain model.
  options: { walks: 4, requestsPerWalk: 100, seed: 1 },
  notes: [
    'A request has 1 to S segments: each FrontSubmit instance enabled (a choice of entries and grefs) is as likely as any other action, so the mix of request sizes is the model\'s, not a real disk\'s.',
    'Under HOSTILE the hostile front\'s raw requests (FrontSubmitRaw) count as submissions and compete with the honest ones; under NOMEM the out-of-memory faults ' +
      '(BackMapNoPage, BackMapP2mNoMem) and under PURGE the purge of an idle grant (BackPurge) fire as often as any other enabled action, far more often than in a real backend.',
  ],
};
