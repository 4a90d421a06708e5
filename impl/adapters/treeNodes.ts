import type { PersistentGrantStoreApi, TeardownResult } from '../blkback/persistentGrantStoreApi.js';

/** One node of the backend tree as the store adapters compare it: gref, state, page (a JSON object). */
export type TreeNode = { readonly gref: number; readonly state: 'Idle' | 'Active'; readonly page: number };

/** The store's nodes, in gref order. */
export function storeNodes(store: PersistentGrantStoreApi): TreeNode[] {
  return store.grefs().map((gref) => {
    const n = store.peek(gref)!;
    return { gref, state: n.active ? 'Active' : 'Idle', page: n.page };
  });
}

/** The model's nodes (`tree[g]` not Absent, mapped into `treeFrame[g]`), in gref order. */
export function modelNodes(tree: readonly string[], treeFrame: readonly number[]): TreeNode[] {
  return tree.flatMap((t, gref) => (t === 'Absent' ? [] : [{ gref, state: t as TreeNode['state'], page: treeFrame[gref]! }]));
}

/** How a teardown call reads in a replay report. */
export function teardownCall(r: TeardownResult): string {
  return `store.teardown() -> ${r.ok ? `ok, removed ${r.removed.length}` : r.error}`;
}

/** Why a model's purge of one chosen node (LruPurge, BackPurge) has no store operation. */
export const CHOSEN_PURGE_UNSUPPORTED = 'the store purges by its own rules (timeouts, num_clean); it cannot be told to drop one node';
