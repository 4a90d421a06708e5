import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GrantPool } from './grantPool.js';
import type { GrantEntry } from './grantPoolApi.js';
import { InMemoryGrantTable } from './inMemoryGrantTable.js';
import { grantPoolViolations } from './grantPoolInvariants.js';

/**
 * Front and a simulated backend interleaved at random: the backend maps grefs
 * of in-flight entries and unmaps them whenever it likes (a persistent
 * backend keeps them across completion; an LRU or timeout purge drops them
 * later). Entries and mappings are named by position (`pick`).
 */
type Cmd =
  | { kind: 'take' }
  | { kind: 'giveBack'; pick: number }
  | { kind: 'map'; pick: number }
  | { kind: 'unmap'; pick: number }
  | { kind: 'purge' };

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'take' as const }) },
  { weight: 4, arbitrary: fc.nat(31).map((pick) => ({ kind: 'giveBack' as const, pick })) },
  { weight: 3, arbitrary: fc.nat(31).map((pick) => ({ kind: 'map' as const, pick })) },
  { weight: 3, arbitrary: fc.nat(31).map((pick) => ({ kind: 'unmap' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'purge' as const }) },
);
const runArb = fc.record({
  persistent: fc.boolean(),
  pages: fc.integer({ min: 1, max: 6 }),
  cmds: fc.array(cmdArb, { maxLength: 80, size: 'max' }),
});

const at = <T,>(xs: readonly T[], pick: number): T | undefined =>
  xs.length === 0 ? undefined : xs[pick % xs.length];

describe('GrantPool properties', () => {
  it('bookkeeping stays exact, revokes follow the mappings, and teardown leaks no gref', () => {
    fc.assert(
      fc.property(runArb, ({ persistent, pages, cmds }) => {
        const table = new InMemoryGrantTable(8);
        const pool = new GrantPool({
          grantTable: table,
          persistent,
          pages: Array.from({ length: pages }, (_, i) => 100 + i),
        });
        const mappings: number[] = []; // the backend's live mappings (grefs, with repeats)
        const broken = new Set<GrantEntry>(); // entries that hit BACKEND_NOT_UNMAPPED

        for (const cmd of cmds) {
          switch (cmd.kind) {
            case 'take': {
              const before = pool.persistentCount;
              const r = pool.take();
              if (r.ok) expect(r.reused).toBe(before > 0);
              break;
            }
            case 'giveBack': {
              // Linux stops completing a request after the error; so does this caller.
              const e = at(pool.inFlightEntries().filter((x) => !broken.has(x)), cmd.pick);
              if (e === undefined || e.gref === null) break;
              const mapped = table.pinCount(e.gref) > 0;
              const r = pool.giveBack(e);
              if (!mapped) expect(r).toEqual({ ok: true, placed: 'tail' });
              else if (persistent) expect(r).toEqual({ ok: true, placed: 'head' });
              else {
                expect(r).toMatchObject({ ok: false, error: 'BACKEND_NOT_UNMAPPED' });
                broken.add(e);
              }
              break;
            }
            case 'map': {
              const e = at(pool.inFlightEntries(), cmd.pick);
              if (e === undefined || e.gref === null) break;
              expect(table.map(e.gref)).toEqual({ ok: true, page: e.page });
              mappings.push(e.gref);
              break;
            }
            case 'unmap': {
              if (mappings.length === 0) break;
              const [g] = mappings.splice(cmd.pick % mappings.length, 1);
              if (g !== undefined) table.unmap(g);
              break;
            }
            case 'purge': {
              const r = pool.purge();
              for (const e of r.demoted) expect(e.gref).toBeNull();
              break;
            }
          }
          expect(grantPoolViolations(pool, table)).toEqual([]);
          expect(pool.freeCount + pool.inFlightCount).toBe(pages);
          if (!persistent) expect(pool.persistentCount).toBe(0);
          // Every gref the backend maps is still granted and still owned by an entry.
          const held = new Set([...pool.freeEntries(), ...pool.inFlightEntries()].map((e) => e.gref));
          for (const g of mappings) expect(held.has(g)).toBe(true);
        }

        // Teardown defers exactly the grefs the backend still maps ...
        const stillMapped = new Set(mappings);
        const td = pool.teardown();
        expect(td.released).toHaveLength(pages);
        expect(new Set(td.deferred.map((d) => d.gref))).toEqual(stillMapped);
        expect([pool.freeCount, pool.inFlightCount, pool.persistentCount]).toEqual([0, 0, 0]);
        // ... and once the backend lets go, every gref is back in the table.
        for (const g of mappings) table.unmap(g);
        table.processDeferred();
        expect(table.freeCount).toBe(table.size);
      }),
      { numRuns: 400 },
    );
  });
});
