import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageId } from '../common/ids.js';
import { BrokenIgnoresFailedRevokePool } from './brokenPools.js';
import { GrantPool } from './grantPool.js';
import type { GrantPoolApi } from './grantPoolApi.js';
import type { InMemoryGrantTable } from './inMemoryGrantTable.js';
import { poolModelCommands, runPoolModel, type PoolModelConfig } from './poolModelCommands.js';

type Make = (table: InMemoryGrantTable, persistent: boolean, pages: readonly PageId[]) => GrantPoolApi;
const real: Make = (grantTable, persistent, pages) => new GrantPool({ grantTable, persistent, pages });
const broken: Make = (grantTable, persistent, pages) => new BrokenIgnoresFailedRevokePool({ grantTable, persistent, pages });

// Three entries, and either fewer grefs than entries (ENOSPC) or one spare.
const configs = fc.record({ persistent: fc.boolean(), pages: fc.constant([100, 101, 102]), grefs: fc.constantFrom(2, 4) });
const agreesWithReference = (make: Make) =>
  fc.property(configs, poolModelCommands(), (config: PoolModelConfig, cmds) => runPoolModel(make, cmds, config));

describe('grant pools against the blkif reference frontend (fc.commands)', () => {
  it('GrantPool agrees with the reference after every command, persistent or not', () => {
    fc.assert(agreesWithReference(real), { numRuns: 300 });
  });

  it('the broken pool is caught, with a shrunk command sequence', () => {
    const out = fc.check(agreesWithReference(broken), { numRuns: 300, seed: 20240611 });
    expect(out.failed).toBe(true);
    const [config, cmds] = out.counterexample!;
    // fast-check appends /*replayPath=...*/ to the commands it ran.
    expect([config.persistent, String(cmds).replace(/ \/\*replayPath=.*$/, '')]).toEqual([false, 'FrontSubmit,BackMap(0),FrontComplete(0)']);
  });
});
