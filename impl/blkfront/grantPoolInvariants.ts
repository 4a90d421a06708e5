import type { Gref } from '../common/ids.js';
import type { GrantPoolApi } from './grantPoolApi.js';

/** What the checker needs from a grant table to cross-check the pool (optional). */
export interface GrantTableView {
  /** The page `gref` currently grants, or null. */
  grantedPage(gref: Gref): number | null;
}

/**
 * Checks a grant pool's bookkeeping and returns every violation (empty when
 * all hold):
 * - `persistentCount` equals the free entries that hold a gref (Linux's
 *   BUG_ON at teardown checks the same count);
 * - the free list is partitioned: no gref-holding entry after a gref-less one
 *   (head = persistent, tail = revoked, section 1.4);
 * - every in-flight entry holds a gref;
 * - no entry is both free and in flight, and no gref is held by two entries;
 * - with a table: every held gref grants exactly its entry's page, the
 *   front half of "no gref aliasing" (invariant 13).
 */
export function grantPoolViolations(pool: GrantPoolApi, table?: GrantTableView): string[] {
  const problems: string[] = [];
  const free = pool.freeEntries();
  const inFlight = pool.inFlightEntries();

  const holding = free.filter((e) => e.gref !== null).length;
  if (pool.persistentCount !== holding) {
    problems.push(`persistentCount ${pool.persistentCount} != ${holding} free entries holding a gref`);
  }
  const firstBare = free.findIndex((e) => e.gref === null);
  if (firstBare >= 0 && free.slice(firstBare).some((e) => e.gref !== null)) {
    problems.push('a gref-holding entry sits behind a revoked one on the free list');
  }
  for (const e of inFlight) if (e.gref === null) problems.push(`in-flight entry (page ${e.page}) holds no gref`);

  const all = [...free, ...inFlight];
  if (new Set(all).size !== all.length) problems.push('an entry is listed twice');
  const grefs = new Map<Gref, number>();
  for (const e of all) {
    if (e.gref === null) continue;
    grefs.set(e.gref, (grefs.get(e.gref) ?? 0) + 1);
    if (table !== undefined && table.grantedPage(e.gref) !== e.page) {
      problems.push(`gref ${e.gref} does not grant its entry's page ${e.page}`);
    }
  }
  for (const [g, n] of grefs) if (n > 1) problems.push(`gref ${g} is held by ${n} entries`);
  return problems;
}
