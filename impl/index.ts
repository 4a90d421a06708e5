/**
 * Public surface of the implementation code the gntcheck models check:
 * blkback's persistent-grant store and blkfront's grant pool, with the
 * interfaces a user implements to substitute their own.
 */
export type { Gref, GrantHandle, PageId } from './common/ids.js';

export type { PersistentGrant } from './blkback/persistentGrant.js';
export { BLKBACK_DEFAULTS } from './blkback/persistentGrant.js';
export type {
  AddResult,
  GetResult,
  PersistentGrantStoreApi,
  PurgeResult,
  PutResult,
  TeardownResult,
} from './blkback/persistentGrantStoreApi.js';
export { PersistentGrantStore } from './blkback/persistentGrantStore.js';
export type { PersistentGrantStoreOptions } from './blkback/persistentGrantStore.js';
export { isTimedOut, purgeNumClean } from './blkback/purgeArithmetic.js';
export { RbTree, compareNumbers } from './blkback/rbtree.js';
export type { RbNodeView } from './blkback/rbtree.js';
export { rbTreeViolations } from './blkback/rbtreeInvariants.js';
export { SimpleStoreModel } from './blkback/simpleStoreModel.js';
export { runStoreCommands, storeCommandsArb, storeInvariantViolations } from './blkback/storeCommands.js';
export type { StoreCommand, StoreObservation } from './blkback/storeCommands.js';
export { ReferenceTree } from './blkback/referenceTree.js';
export type { ReferenceNode } from './blkback/referenceTree.js';
export { referenceView, runStoreModel, storeModelCommands, storeView } from './blkback/storeModelCommands.js';
export type { StoreModelOptions, StoreModelState, StoreUnderTest, StoreView } from './blkback/storeModelCommands.js';

export type { GrantTable } from './blkfront/grantTable.js';
export { InMemoryGrantTable, GrantTableMisuseError } from './blkfront/inMemoryGrantTable.js';
export type {
  FrontPurgeResult,
  FrontTeardownResult,
  GiveBackResult,
  GrantEntry,
  GrantPoolApi,
  TakeResult,
} from './blkfront/grantPoolApi.js';
export { GrantPool } from './blkfront/grantPool.js';
export type { GrantPoolOptions } from './blkfront/grantPool.js';
export { grantPoolViolations } from './blkfront/grantPoolInvariants.js';
export { ReferencePool } from './blkfront/referencePool.js';
export { poolModelCommands, poolView, referencePoolView, runPoolModel } from './blkfront/poolModelCommands.js';
export type { PoolModelConfig, PoolModelState, PoolUnderTest, PoolView } from './blkfront/poolModelCommands.js';

export {
  ADAPTERS,
  BlkbackStoreAdapter,
  BlkfrontPoolAdapter,
  BlkifAdapter,
  BlkifSegmentsStoreAdapter,
  TraceGrantTable,
  xenBlkbkMap,
} from './adapters/index.js';
export type { PoolFactory } from './adapters/index.js';

// The deliberately broken stores and pool are NOT re-exported here: import them from
// './blkback/brokenStores.js' or './blkfront/brokenPools.js' explicitly, so using one
// is always visible.
