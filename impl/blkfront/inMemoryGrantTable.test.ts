import { describe, expect, it } from 'vitest';
import { GrantTableMisuseError, InMemoryGrantTable } from './inMemoryGrantTable.js';

describe('InMemoryGrantTable', () => {
  it('claims grefs in ascending order and reuses freed ones first (LIFO)', () => {
    const t = new InMemoryGrantTable(3);
    expect([t.claimGref(), t.claimGref()]).toEqual([0, 1]);
    t.grantAccess(0, 50);
    expect(t.tryEndForeignAccess(0)).toBe(true);
    expect(t.claimGref()).toBe(0);
    expect(t.claimGref()).toBe(2);
    expect(t.claimGref()).toBeNull();
  });

  it('refuses to revoke while the backend maps the gref, and allows it after unmap', () => {
    const t = new InMemoryGrantTable(1);
    const g = t.claimGref() ?? -1;
    t.grantAccess(g, 7);
    expect(t.map(g)).toEqual({ ok: true, page: 7 });
    expect(t.pinCount(g)).toBe(1);
    expect(t.tryEndForeignAccess(g)).toBe(false);
    expect(t.grantedPage(g)).toBe(7); // v1: a failed revoke changes nothing
    t.unmap(g);
    expect(t.tryEndForeignAccess(g)).toBe(true);
    expect(t.grantedPage(g)).toBeNull();
    expect(t.map(g)).toEqual({ ok: false, error: 'GNTST_general_error' });
  });

  it('deferred release waits for the last unmap, then frees the gref', () => {
    const t = new InMemoryGrantTable(1);
    const g = t.claimGref() ?? -1;
    t.grantAccess(g, 7);
    t.map(g);
    t.endForeignAccessDeferred(g, 7);
    expect(t.deferred).toEqual([{ gref: g, page: 7 }]);
    expect(t.processDeferred()).toEqual([]);
    t.unmap(g);
    expect(t.processDeferred()).toEqual([g]);
    expect([t.deferred.length, t.freeCount]).toEqual([0, 1]);
  });

  it('throws on protocol misuse', () => {
    const t = new InMemoryGrantTable(2);
    expect(() => t.grantAccess(0, 1)).toThrow(GrantTableMisuseError);
    expect(() => t.tryEndForeignAccess(1)).toThrow(/NOT_GRANTED/);
    const g = t.claimGref() ?? -1;
    t.grantAccess(g, 1);
    expect(() => t.unmap(g)).toThrow(/NOT_MAPPED/);
    t.map(g);
    t.endForeignAccessDeferred(g, 1);
    expect(() => t.tryEndForeignAccess(g)).toThrow(/ALREADY_DEFERRED/);
  });
});
