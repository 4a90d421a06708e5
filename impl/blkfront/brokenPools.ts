/**
 * A deliberately broken grant pool. It exists only to prove that the model-based tests
 * and trace replay catch a real bug: a check that passes on {@link GrantPool} must fail
 * on it. Never use it for anything else.
 */
import type { GrantPoolOptions } from './grantPool.js';
import { GrantPool } from './grantPool.js';

/**
 * Takes a failed revoke for a successful one, as blkfront did before the XSA-396 fixes
 * (it queried "in use?", then ended access and ignored the failure; CVE-2022-23036).
 * A grant the backend still maps is dropped at completion instead of kept as a
 * persistent grant, demoted by the purge, and at teardown its page is released instead
 * of deferred (CVE-2022-23041): the backend keeps access to a page the guest reuses.
 */
export class BrokenIgnoresFailedRevokePool extends GrantPool {
  constructor(options: GrantPoolOptions) {
    const table = options.grantTable;
    super({
      ...options,
      grantTable: {
        claimGref: () => table.claimGref(),
        grantAccess: (gref, page) => table.grantAccess(gref, page),
        tryEndForeignAccess: (gref) => {
          table.tryEndForeignAccess(gref);
          return true;
        },
        endForeignAccessDeferred: (gref, page) => table.endForeignAccessDeferred(gref, page),
      },
    });
  }
}
