import { BLKBACK_DEFAULTS } from './persistentGrant.js';

/**
 * `num_clean` as computed by `purge_persistent_gnt` (blkback.c, current
 * mainline): how many idle nodes pass 2 of the purge must remove at least.
 *
 * Zero unless the tree is over the limit, or exactly at it after an `add` was
 * refused (`overflow`). Otherwise 5 % of the limit (integer division first, as
 * in C: `(max / 100) * LRU_PERCENT_CLEAN`) plus the excess over the limit,
 * capped at the node count. For the default 1056 that is 50 + excess.
 *
 * The excess term matters because `max_persistent_grants` is writable at run
 * time (sysfs 0644), so `count > maxGrants` is possible (invariant 8 note).
 */
export function purgeNumClean(count: number, maxGrants: number, overflow: boolean): number {
  if (count < maxGrants || (count === maxGrants && !overflow)) return 0;
  const percent = Math.floor(maxGrants / 100) * BLKBACK_DEFAULTS.lruPercentClean;
  return Math.min(count, count - maxGrants + percent);
}

/**
 * `persistent_gnt_timeout`: an idle node times out once `now - lastUsed >=
 * unusedSeconds`; `unusedSeconds === 0` disables the timeout. A node never
 * put (`lastUsed === null`) has no age and never times out.
 */
export function isTimedOut(lastUsed: number | null, now: number, unusedSeconds: number): boolean {
  return unusedSeconds !== 0 && lastUsed !== null && now - lastUsed >= unusedSeconds;
}
