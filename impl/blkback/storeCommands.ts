import fc from 'fast-check';
import type { PersistentGrant } from './persistentGrant.js';
import type { PersistentGrantStoreApi } from './persistentGrantStoreApi.js';

/**
 * Command sequences for model-based tests of any {@link PersistentGrantStoreApi}.
 *
 * Commands are plain data so a failing sequence prints and replays. Nodes are
 * named by position (`pick`) in the runner's own list of nodes the caller
 * holds, so the same sequence drives two implementations whose node objects
 * differ.
 */
export type StoreCommand =
  | { readonly kind: 'add'; readonly gref: number }
  | { readonly kind: 'get'; readonly gref: number }
  /** Put a node the caller holds (from a successful add/get). */
  | { readonly kind: 'put'; readonly pick: number }
  /** Misuse: put a node already put once (double put, or stale after a purge). */
  | { readonly kind: 'putReleased'; readonly pick: number }
  | { readonly kind: 'tick'; readonly by: number }
  /** Change `max_persistent_grants` at run time. */
  | { readonly kind: 'setMax'; readonly max: number }
  | { readonly kind: 'purge' }
  | { readonly kind: 'teardown' };

export interface StoreCommandOptions {
  /** Grefs are drawn from 0..grefs-1 (small, so duplicates and reuse happen). */
  readonly grefs: number;
  /** Include `putReleased`, which makes `inUse` drift from the active count. */
  readonly includeMisuse: boolean;
  /** Limits drawn for `setMax` commands; none are generated when absent. */
  readonly maxGrantsRange?: { readonly min: number; readonly max: number };
  readonly maxLength?: number;
}

export function storeCommandsArb(opts: StoreCommandOptions): fc.Arbitrary<StoreCommand[]> {
  const gref = fc.integer({ min: 0, max: opts.grefs - 1 });
  const pick = fc.nat({ max: 31 });
  const weighted: Array<fc.WeightedArbitrary<StoreCommand>> = [
    { weight: 4, arbitrary: gref.map((g) => ({ kind: 'add' as const, gref: g })) },
    { weight: 3, arbitrary: gref.map((g) => ({ kind: 'get' as const, gref: g })) },
    { weight: 4, arbitrary: pick.map((p) => ({ kind: 'put' as const, pick: p })) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 70 }).map((by) => ({ kind: 'tick' as const, by })) },
    { weight: 2, arbitrary: fc.constant({ kind: 'purge' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'teardown' as const }) },
  ];
  if (opts.maxGrantsRange !== undefined) {
    const m = fc.integer(opts.maxGrantsRange).map((max) => ({ kind: 'setMax' as const, max }));
    weighted.push({ weight: 1, arbitrary: m });
  }
  if (opts.includeMisuse) {
    weighted.push({ weight: 1, arbitrary: pick.map((p) => ({ kind: 'putReleased' as const, pick: p })) });
  }
  // size 'max': lengths spread over the whole range; fast-check's default bias
  // towards short arrays almost never reaches the limit, the LRU pass or a timeout.
  return fc.array(fc.oneof(...weighted), { maxLength: opts.maxLength ?? 80, size: 'max' });
}

/** What one command returned and what the store looked like afterwards. */
export interface StoreObservation {
  readonly command: StoreCommand;
  readonly result: unknown;
  readonly size: number;
  readonly inUse: number;
  readonly overflow: boolean;
  readonly grefs: readonly number[];
  readonly active: readonly number[];
}

const describeNode = (n: PersistentGrant): string =>
  `${n.gref}/h${n.handle}/p${n.page}/${n.active ? 'active' : 'idle'}/t${String(n.lastUsed)}`;

/**
 * Runs `commands` against `store` and returns one observation per command.
 * `afterEach` (optional) sees the store and the nodes the caller currently
 * holds, e.g. to check invariants.
 */
export function runStoreCommands(
  store: PersistentGrantStoreApi,
  commands: readonly StoreCommand[],
  afterEach?: (store: PersistentGrantStoreApi, held: readonly PersistentGrant[]) => void,
): StoreObservation[] {
  const held: PersistentGrant[] = [];
  const released: PersistentGrant[] = [];
  let now = 0;
  const out: StoreObservation[] = [];
  commands.forEach((command, step) => {
    let result: unknown;
    switch (command.kind) {
      case 'add': {
        // Handle and page differ per step so a wrongly accepted duplicate shows.
        const r = store.add(command.gref, step, 10_000 + step);
        if (r.ok) held.push(r.node);
        result = r.ok ? { ok: true, node: describeNode(r.node) } : r;
        break;
      }
      case 'get': {
        const r = store.get(command.gref);
        if (r.ok) held.push(r.node);
        result = r.ok ? { ok: true, node: describeNode(r.node) } : r;
        break;
      }
      case 'put':
      case 'putReleased': {
        const from = command.kind === 'put' ? held : released;
        if (from.length === 0) {
          result = 'nothing to put';
          break;
        }
        const [node] = from.splice(command.pick % from.length, 1);
        if (node === undefined) break;
        result = store.put(node, now);
        released.push(node);
        break;
      }
      case 'tick':
        now += command.by;
        result = now;
        break;
      case 'setMax':
        store.setMaxGrants(command.max);
        result = command.max;
        break;
      case 'purge': {
        const r = store.purge(now);
        result = { numClean: r.numClean, timedOut: r.timedOut, removed: r.removed.map(describeNode) };
        break;
      }
      case 'teardown': {
        const r = store.teardown();
        result = r.ok ? { ok: true, removed: r.removed.map(describeNode) } : r;
        break;
      }
      default: {
        const unreachable: never = command;
        throw new Error(`unknown command ${JSON.stringify(unreachable)}`);
      }
    }
    const grefs = [...store.grefs()];
    out.push({
      command,
      result,
      size: store.size,
      inUse: store.inUse,
      overflow: store.overflow,
      grefs,
      active: grefs.filter((g) => store.isActive(g)),
    });
    afterEach?.(store, held);
  });
  return out;
}

/**
 * The store invariants that hold whenever callers only put nodes they hold
 * (no `putReleased`): returns every violation, empty when all hold.
 * - `size` equals the number of grefs (it may exceed `maxGrants` after the
 *   limit was lowered, so that is not checked here);
 * - `inUse` equals the number of active nodes (invariant 7);
 * - every held node is in the store, is the store's own object, and is active
 *   (so nothing in use was purged or torn down: invariants 9, 10).
 */
export function storeInvariantViolations(
  store: PersistentGrantStoreApi,
  held: readonly PersistentGrant[],
): string[] {
  const problems: string[] = [];
  const grefs = store.grefs();
  const active = grefs.filter((g) => store.isActive(g)).length;
  if (store.size !== grefs.length) problems.push(`size ${store.size} != ${grefs.length} grefs`);
  if (store.inUse !== active) problems.push(`inUse ${store.inUse} != ${active} active nodes`);
  for (const n of held) {
    if (store.peek(n.gref) !== n) problems.push(`held node ${n.gref} is no longer in the store`);
    else if (!n.active) problems.push(`held node ${n.gref} is not active`);
  }
  return problems;
}
