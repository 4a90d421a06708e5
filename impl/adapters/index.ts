/**
 * Implementations that traces can be replayed on (`gntcheck conform --impl <name>`).
 * Add a factory here to make your own adapter available to the CLI.
 */
import type { AdapterFactory } from '../../src/conformance/adapter.js';
import { blkbackStore } from './blkbackStoreAdapter.js';
import { blkfrontPool } from './blkfrontPoolAdapter.js';
import { blkifBothEnds } from './blkifAdapter.js';
import { blkifSegmentsStore } from './blkifSegmentsStoreAdapter.js';

export const ADAPTERS: readonly AdapterFactory[] = [blkifBothEnds, blkbackStore, blkfrontPool, blkifSegmentsStore];

export { BlkbackStoreAdapter } from './blkbackStoreAdapter.js';
export { BlkfrontPoolAdapter, type PoolFactory } from './blkfrontPoolAdapter.js';
export { BlkifAdapter } from './blkifAdapter.js';
export { BlkifSegmentsStoreAdapter } from './blkifSegmentsStoreAdapter.js';
export { xenBlkbkMap, type MapFault, type MapOp, type MapRun } from './xenBlkbkMap.js';
export { TraceGrantTable } from './traceGrantTable.js';
