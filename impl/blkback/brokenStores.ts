/**
 * Deliberately broken persistent-grant stores.
 *
 * They exist only to prove that the model-based tests (and later the model
 * checker) catch real bugs: a check that passes on {@link PersistentGrantStore}
 * must fail on each of these. Never use them for anything else.
 *
 * Each one re-creates a class of historical blkback bug from the digest.
 */
import type { PersistentGrant, MutablePersistentGrant } from './persistentGrant.js';
import { PersistentGrantStore } from './persistentGrantStore.js';

/**
 * Accepts a duplicate gref in `add` (breaks invariant 6; 3.8 BUG()ed here,
 * today's Linux returns -EINVAL). The new node silently replaces the old one,
 * so the old mapping is forgotten: it is never purged, never torn down, and
 * `put` on it reports ESTALE: the leaked mapping of XSA-371 by another route.
 */
export class BrokenAcceptsDuplicateStore extends PersistentGrantStore {
  protected override insertNode(node: MutablePersistentGrant): boolean {
    this.tree.delete(node.gref);
    return super.insertNode(node);
  }
}

/**
 * Lets the purge take active nodes (breaks invariant 9): an in-flight segment
 * keeps using a page the caller is about to unmap, and `inUse` keeps counting
 * nodes that are no longer in the tree.
 */
export class BrokenPurgesActiveStore extends PersistentGrantStore {
  protected override mayPurge(_node: PersistentGrant): boolean {
    return true;
  }
}

/**
 * Never refuses an `add` for the limit (breaks invariant 8, `treeBounded`): the tree
 * grows past `max_persistent_grants`, and the mappings it should have kept ordinary
 * (and unmapped after the request) stay mapped.
 */
export class BrokenIgnoresLimitStore extends PersistentGrantStore {
  protected override atLimit(): boolean {
    return false;
  }
}
