import { describe, expect, it } from 'vitest';
import { PersistentGrantStore } from './persistentGrantStore.js';
import type { PersistentGrant } from './persistentGrant.js';
import { purgeNumClean, isTimedOut } from './purgeArithmetic.js';

/** Adds `gref` (handle = 1000 + gref, page = 2000 + gref) and returns the node. */
function addOk(s: PersistentGrantStore, gref: number): PersistentGrant {
  const r = s.add(gref, 1000 + gref, 2000 + gref);
  if (!r.ok) throw new Error(`add(${gref}) refused: ${r.error}`);
  return r.node;
}

/** Adds then puts `gref` at time `t`, leaving an idle node last used at `t`. */
function addIdle(s: PersistentGrantStore, gref: number, t: number): PersistentGrant {
  const n = addOk(s, gref);
  expect(s.put(n, t)).toEqual({ ok: true, alreadyUnused: false });
  return n;
}

describe('PersistentGrantStore.add', () => {
  it('creates an active node and counts it in size and inUse', () => {
    const s = new PersistentGrantStore();
    const r = s.add(5, 77, 900);
    expect(r).toEqual({
      ok: true,
      node: { gref: 5, handle: 77, page: 900, active: true, lastUsed: null },
    });
    expect([s.size, s.inUse, s.isActive(5), s.has(5)]).toEqual([1, 1, true, true]);
  });

  it('refuses a duplicate gref with EINVAL and changes nothing', () => {
    const s = new PersistentGrantStore();
    const first = addOk(s, 5);
    expect(s.add(5, 1, 2)).toEqual({ ok: false, error: 'EINVAL' });
    expect([s.size, s.inUse, s.overflow]).toEqual([1, 1, false]);
    expect(s.peek(5)).toBe(first);
  });

  it('refuses at the limit with EBUSY and sets overflow', () => {
    const s = new PersistentGrantStore({ maxGrants: 2 });
    addOk(s, 1);
    addOk(s, 2);
    expect(s.add(3, 0, 0)).toEqual({ ok: false, error: 'EBUSY' });
    expect([s.size, s.inUse, s.overflow, s.has(3)]).toEqual([2, 2, true, false]);
  });

  it('checks the limit before the duplicate, as Linux does', () => {
    const s = new PersistentGrantStore({ maxGrants: 1 });
    addOk(s, 1);
    expect(s.add(1, 0, 0)).toEqual({ ok: false, error: 'EBUSY' });
  });
});

describe('PersistentGrantStore.get and put', () => {
  it('get activates an idle node and counts it', () => {
    const s = new PersistentGrantStore();
    const n = addIdle(s, 9, 0);
    expect(s.inUse).toBe(0);
    const r = s.get(9);
    expect(r).toEqual({ ok: true, node: n });
    expect([s.inUse, s.isActive(9)]).toEqual([1, true]);
  });

  it('get refuses an active node (same gref twice in flight) without counting it', () => {
    const s = new PersistentGrantStore();
    addOk(s, 9);
    expect(s.get(9)).toEqual({ ok: false, error: 'ALREADY_IN_USE' });
    expect(s.inUse).toBe(1);
  });

  it('get reports NOT_FOUND for an absent gref', () => {
    expect(new PersistentGrantStore().get(1)).toEqual({ ok: false, error: 'NOT_FOUND' });
  });

  it('put clears active, stamps lastUsed and decrements inUse', () => {
    const s = new PersistentGrantStore();
    const n = addOk(s, 4);
    expect(s.put(n, 42)).toEqual({ ok: true, alreadyUnused: false });
    expect(s.peek(4)).toMatchObject({ active: false, lastUsed: 42 });
    expect(s.inUse).toBe(0);
  });

  it('a double put is reported and, like Linux, still decrements inUse', () => {
    const s = new PersistentGrantStore();
    const n = addOk(s, 4);
    s.put(n, 1);
    expect(s.put(n, 2)).toEqual({ ok: true, alreadyUnused: true });
    expect(s.inUse).toBe(-1); // the counter drift a checker of invariant 7 must flag
  });

  it('put of a node that is no longer in the store is ESTALE and changes nothing', () => {
    const s = new PersistentGrantStore({ unusedSeconds: 10 });
    const n = addIdle(s, 4, 0);
    s.purge(100);
    expect(s.put(n, 101)).toEqual({ ok: false, error: 'ESTALE' });
    expect(s.inUse).toBe(0);
  });
});

describe('purge arithmetic', () => {
  it('num_clean is 0 below the limit, and at it without overflow', () => {
    expect(purgeNumClean(1055, 1056, true)).toBe(0);
    expect(purgeNumClean(1056, 1056, false)).toBe(0);
  });

  it('num_clean is 5% of the limit (integer division first) plus the excess', () => {
    expect(purgeNumClean(1056, 1056, true)).toBe(50);
    expect(purgeNumClean(1060, 1056, false)).toBe(54);
    expect(purgeNumClean(250, 199, false)).toBe(51 + 5); // floor(199/100) = 1 -> 5
    expect(purgeNumClean(20, 20, true)).toBe(0); // floor(20/100) = 0
    expect(purgeNumClean(3, 1, false)).toBe(2); // min(c, excess + 0)
  });

  it('timeout is >=, and 0 disables it', () => {
    expect(isTimedOut(0, 60, 60)).toBe(true);
    expect(isTimedOut(0, 59, 60)).toBe(false);
    expect(isTimedOut(0, 1e9, 0)).toBe(false);
    expect(isTimedOut(null, 1e9, 60)).toBe(false);
  });
});

describe('PersistentGrantStore.purge', () => {
  it('pass 1 removes every idle node unused for >= unusedSeconds, even when num_clean is 0', () => {
    const s = new PersistentGrantStore({ unusedSeconds: 60 });
    addIdle(s, 3, 0);
    addIdle(s, 1, 40);
    addIdle(s, 2, 0);
    const r = s.purge(60);
    expect(r.numClean).toBe(0);
    expect(r.timedOut).toBe(2);
    expect(r.removed.map((n) => n.gref)).toEqual([2, 3]);
    expect(s.grefs()).toEqual([1]);
    expect(s.size).toBe(1);
  });

  it('never removes an active node, however old and however many are needed', () => {
    const s = new PersistentGrantStore({ maxGrants: 4, unusedSeconds: 10 });
    const old = addIdle(s, 1, 0);
    expect(s.get(1)).toEqual({ ok: true, node: old }); // active again, lastUsed still 0
    addOk(s, 2);
    addOk(s, 3);
    addOk(s, 4);
    s.setMaxGrants(1); // num_clean = min(4, 3 + 0) = 3
    const r = s.purge(1000);
    expect(r.numClean).toBe(3);
    expect(r.removed).toEqual([]);
    expect([s.size, s.inUse]).toEqual([4, 4]);
  });

  it('pass 2 takes idle nodes in gref order after the timed-out ones, up to num_clean', () => {
    // 100 nodes at a limit of 100 with overflow: num_clean = 5.
    const s = new PersistentGrantStore({ maxGrants: 100, unusedSeconds: 60 });
    for (let g = 0; g < 100; g++) addIdle(s, g, g === 50 || g === 70 ? 0 : 30);
    s.get(1); // active: skipped by pass 2
    expect(s.add(500, 0, 0)).toEqual({ ok: false, error: 'EBUSY' });
    expect(s.overflow).toBe(true);

    const r = s.purge(60);
    expect(r.numClean).toBe(5);
    expect(r.timedOut).toBe(2);
    expect(r.removed.map((n) => n.gref)).toEqual([50, 70, 0, 2, 3]);
    expect(s.size).toBe(95);
    expect(s.overflow).toBe(false);
    expect(s.has(1)).toBe(true);
  });

  it('removes nothing and keeps overflow when there is nothing idle to remove', () => {
    const s = new PersistentGrantStore({ maxGrants: 100 });
    for (let g = 0; g < 100; g++) addOk(s, g); // all active
    s.add(100, 0, 0); // EBUSY -> overflow
    const r = s.purge(0);
    expect(r).toEqual({ numClean: 5, timedOut: 0, removed: [] });
    expect(s.overflow).toBe(true); // Linux clears it only when total > 0
  });

  it('below a limit of 100 the LRU quota at the limit is 0, even with overflow', () => {
    const s = new PersistentGrantStore({ maxGrants: 2 });
    addIdle(s, 1, 0);
    addIdle(s, 2, 0);
    s.add(3, 0, 0); // overflow; num_clean = min(2, 0 + floor(2/100)*5) = 0
    expect(s.purge(1)).toEqual({ numClean: 0, timedOut: 0, removed: [] });
    expect(s.overflow).toBe(true);
  });

  it('with unusedSeconds = 0 nothing times out; only the LRU quota is removed', () => {
    const s = new PersistentGrantStore({ maxGrants: 2, unusedSeconds: 0 });
    addIdle(s, 8, 0);
    addIdle(s, 9, 0);
    s.add(10, 0, 0); // overflow; num_clean = min(2, 0 + 0) = 0
    expect(s.purge(1e9).removed).toEqual([]);
    s.setMaxGrants(1); // num_clean = min(2, 1 + 0) = 1
    expect(s.purge(1e9).removed.map((n) => n.gref)).toEqual([8]);
  });
});

describe('PersistentGrantStore.teardown', () => {
  it('is refused with EBUSY while a node is in use, and changes nothing', () => {
    const s = new PersistentGrantStore();
    addIdle(s, 1, 0);
    addOk(s, 2);
    expect(s.teardown()).toEqual({ ok: false, error: 'EBUSY' });
    expect([s.size, s.inUse]).toEqual([2, 1]);
  });

  it('removes and returns every node in gref order once nothing is in use', () => {
    const s = new PersistentGrantStore();
    const b = addIdle(s, 2, 0);
    const a = addIdle(s, 1, 0);
    const r = s.teardown();
    expect(r).toEqual({ ok: true, removed: [a, b] });
    expect([s.size, s.inUse, s.grefs()]).toEqual([0, 0, []]);
  });
});
