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

// The deliberately broken stores are NOT re-exported here: import them from
// './blkback/brokenStores.js' explicitly, so using one is always visible.
