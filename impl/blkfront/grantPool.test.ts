import { describe, expect, it } from 'vitest';
import { GrantPool } from './grantPool.js';
import type { GrantEntry } from './grantPoolApi.js';
import { InMemoryGrantTable } from './inMemoryGrantTable.js';
import { grantPoolViolations } from './grantPoolInvariants.js';

function setup(persistent: boolean, pages = [100, 101, 102], grefs = 16) {
  const table = new InMemoryGrantTable(grefs);
  const pool = new GrantPool({ grantTable: table, persistent, pages });
  return { table, pool };
}

function takeOk(pool: GrantPool): GrantEntry {
  const r = pool.take();
  if (!r.ok) throw new Error(`take refused: ${r.error}`);
  return r.entry;
}

const view = (pool: GrantPool) => pool.freeEntries().map((e) => `${e.page}:${String(e.gref)}`);

describe('GrantPool construction', () => {
  it('starts with every entry gref-less, in reverse page order (fill_grant_buffer uses list_add)', () => {
    const { pool } = setup(true);
    expect(view(pool)).toEqual(['102:null', '101:null', '100:null']);
    expect([pool.persistentCount, pool.freeCount, pool.inFlightCount]).toEqual([0, 3, 0]);
  });
});

describe('GrantPool.take', () => {
  it('claims and grants a fresh gref for a gref-less head entry', () => {
    const { pool, table } = setup(true);
    const r = pool.take();
    expect(r).toEqual({ ok: true, entry: { gref: 0, page: 102 }, reused: false });
    expect(table.grantedPage(0)).toBe(102);
    expect([pool.freeCount, pool.inFlightCount]).toEqual([2, 1]);
  });

  it('reuses a persistent head entry without a grant-table call', () => {
    const { pool, table } = setup(true);
    const e = takeOk(pool);
    table.map(e.gref ?? -1); // the backend keeps it mapped
    pool.giveBack(e);
    const free = table.freeCount;
    expect(pool.take()).toEqual({ ok: true, entry: e, reused: true });
    expect(table.freeCount).toBe(free);
    expect(pool.persistentCount).toBe(0);
  });

  it('reports EMPTY when every entry is in flight', () => {
    const { pool } = setup(true, [1]);
    takeOk(pool);
    expect(pool.take()).toEqual({ ok: false, error: 'EMPTY' });
  });

  it('reports ENOSPC and changes nothing when the grant table is exhausted', () => {
    const { pool } = setup(true, [1, 2], 1);
    takeOk(pool);
    expect(pool.take()).toEqual({ ok: false, error: 'ENOSPC' });
    expect([pool.freeCount, pool.inFlightCount]).toEqual([1, 1]);
  });
});

describe('GrantPool.giveBack', () => {
  it('revoked: frees the gref and appends the entry to the tail', () => {
    const { pool, table } = setup(true);
    const e = takeOk(pool);
    expect(pool.giveBack(e)).toEqual({ ok: true, placed: 'tail' });
    expect(e.gref).toBeNull();
    expect(table.grantedPage(0)).toBeNull();
    expect(view(pool)).toEqual(['101:null', '100:null', '102:null']);
    expect(pool.persistentCount).toBe(0);
  });

  it('still mapped with persistent grants: keeps the gref, goes to the head, counts it', () => {
    const { pool, table } = setup(true);
    const e = takeOk(pool);
    table.map(0);
    expect(pool.giveBack(e)).toEqual({ ok: true, placed: 'head' });
    expect(view(pool)).toEqual(['102:0', '101:null', '100:null']);
    expect(pool.persistentCount).toBe(1);
  });

  it('still mapped without persistent grants: the protocol error, entry stays in flight', () => {
    const { pool, table } = setup(false);
    const e = takeOk(pool);
    table.map(0);
    expect(pool.giveBack(e)).toEqual({ ok: false, error: 'BACKEND_NOT_UNMAPPED', gref: 0 });
    expect([pool.inFlightCount, pool.persistentCount, e.gref]).toEqual([1, 0, 0]);
    expect(table.grantedPage(0)).toBe(102); // not freed: the backend still maps it
  });

  it('refuses an entry that is not in flight (double give-back)', () => {
    const { pool } = setup(true);
    const e = takeOk(pool);
    pool.giveBack(e);
    expect(pool.giveBack(e)).toEqual({ ok: false, error: 'NOT_IN_FLIGHT' });
    expect(pool.giveBack({ gref: 3, page: 9 })).toEqual({ ok: false, error: 'NOT_IN_FLIGHT' });
  });

  it('is LIFO for persistent entries: the last one returned is reused first', () => {
    const { pool, table } = setup(true);
    const a = takeOk(pool);
    const b = takeOk(pool);
    table.map(a.gref ?? -1);
    table.map(b.gref ?? -1);
    pool.giveBack(a);
    pool.giveBack(b);
    expect(pool.take()).toMatchObject({ entry: b, reused: true });
    expect(pool.take()).toMatchObject({ entry: a, reused: true });
  });
});

describe('GrantPool.purge', () => {
  it('demotes free entries the backend no longer maps, keeps the mapped ones, preserves order', () => {
    const { pool, table } = setup(true, [1, 2, 3, 4]);
    const es = [takeOk(pool), takeOk(pool), takeOk(pool)];
    for (const e of es) table.map(e.gref ?? -1);
    for (const e of es) pool.giveBack(e); // head: es[2], es[1], es[0]
    table.unmap(es[2]?.gref ?? -1);
    table.unmap(es[0]?.gref ?? -1);
    const r = pool.purge();
    expect(r.demoted).toEqual([es[2], es[0]]);
    expect(view(pool)).toEqual(['3:1', '1:null', '2:null', '4:null']);
    expect(pool.persistentCount).toBe(1);
    expect(grantPoolViolations(pool, table)).toEqual([]);
  });

  it('does nothing when no free entry holds a gref', () => {
    const { pool } = setup(true);
    takeOk(pool); // in flight, holds a gref, but is not on the free list
    expect(pool.purge()).toEqual({ demoted: [] });
  });
});

describe('GrantPool.teardown', () => {
  it('ends access on every entry, defers the still-mapped ones, and empties the pool', () => {
    const { pool, table } = setup(true, [1, 2, 3, 4]);
    const a = takeOk(pool);
    const b = takeOk(pool);
    const c = takeOk(pool); // stays in flight, mapped
    table.map(a.gref ?? -1);
    pool.giveBack(a); // persistent, mapped
    pool.giveBack(b); // revoked
    table.map(c.gref ?? -1);
    const gA = a.gref;
    const gC = c.gref;
    const r = pool.teardown();
    expect(r.released).toHaveLength(4);
    expect(r.deferred).toEqual([
      { gref: gA, page: a.page },
      { gref: gC, page: c.page },
    ]);
    expect(table.deferred).toEqual(r.deferred);
    expect([pool.freeCount, pool.inFlightCount, pool.persistentCount]).toEqual([0, 0, 0]);
  });

  it('defers nothing when the backend has unmapped everything', () => {
    const { pool, table } = setup(true);
    const a = takeOk(pool);
    table.map(a.gref ?? -1);
    pool.giveBack(a);
    table.unmap(0);
    expect(pool.teardown().deferred).toEqual([]);
    expect(table.freeCount).toBe(16);
  });
});
