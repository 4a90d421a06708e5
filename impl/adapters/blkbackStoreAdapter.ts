import type { AdapterFactory, AdapterStep, ImplementationAdapter } from '../../src/conformance/adapter.js';
import type { Action } from '../../src/model/action.js';
import type { TraceOrigin } from '../../src/trace/trace.js';
import type { JsonValue } from '../../src/util/json.js';
import type { PersistentGrant } from '../blkback/persistentGrant.js';
import { PersistentGrantStore } from '../blkback/persistentGrantStore.js';
import type { PersistentGrantStoreApi } from '../blkback/persistentGrantStoreApi.js';
import { blkifSnapshot, intParam } from './blkifSnapshot.js';
import { CHOSEN_PURGE_UNSUPPORTED, modelNodes, storeNodes, teardownCall } from './treeNodes.js';

/**
 * Replays blkif traces on a {@link PersistentGrantStoreApi}: the backend's tree.
 *
 * - `BackMap(s)` with persistent grants in use: `get(g)` for the request's gref; when
 *   that fails, and the map succeeds (the grant table permits g), `add(g, handle, frame)`
 *   as blkback does after a fresh map. The store decides (limit, duplicate).
 * - `BackRespond(s)`: `put` of the node the request got, if it got one (time = step).
 * - `BackDisconnect`: `teardown()` (the store refuses it while a node is in use).
 * - `LruPurge(g)` is unsupported: the store purges by its own rules and cannot be told
 *   to drop one given node.
 * Every other action is another party's.
 *
 * Observed: each node's gref, state (Idle/Active) and page, the size and the in-use
 * count. The model's: `tree[g]`, `treeFrame[g]`, and the Active nodes.
 */
export class BlkbackStoreAdapter implements ImplementationAdapter {
  private store: PersistentGrantStoreApi | null = null;
  private readonly nodeOfSlot = new Map<number, PersistentGrant>();
  private handles = 0;
  private steps = 0;

  constructor(private readonly make: (maxGrants: number) => PersistentGrantStoreApi = (maxGrants) => new PersistentGrantStore({ maxGrants, unusedSeconds: 0 })) {}

  start(origin: TraceOrigin): void {
    this.store = this.make(intParam(origin.params, 'MAXP'));
    this.nodeOfSlot.clear();
    this.handles = 0;
    this.steps = 0;
  }

  step(action: Action, pre: JsonValue): AdapterStep {
    const store = this.store!;
    const m = blkifSnapshot(pre);
    this.steps++;
    switch (action.type) {
      case 'BackMap': {
        if (!m.bePers) return { kind: 'ignored' };
        const s = action['s'] as number;
        const g = m.slotGref[s]!;
        const got = store.get(g);
        const calls = [`store.get(${g}) -> ${got.ok ? 'ok' : got.error}`];
        if (got.ok) {
          this.nodeOfSlot.set(s, got.node);
        } else if (m.gtPermit[g]) {
          const added = store.add(g, this.handles++, m.gtFrame[g]!);
          calls.push(`store.add(${g}, page ${m.gtFrame[g]}) -> ${added.ok ? 'ok' : added.error}`);
          if (added.ok) this.nodeOfSlot.set(s, added.node);
        }
        return { kind: 'applied', calls };
      }
      case 'BackRespond': {
        const s = action['s'] as number;
        const node = this.nodeOfSlot.get(s);
        if (node === undefined) return { kind: 'ignored' };
        this.nodeOfSlot.delete(s);
        const r = store.put(node, this.steps);
        return { kind: 'applied', calls: [`store.put(${node.gref}) -> ${r.ok ? 'ok' : r.error}`] };
      }
      case 'BackDisconnect': {
        const r = store.teardown();
        return { kind: 'applied', calls: [teardownCall(r)] };
      }
      case 'LruPurge':
        return { kind: 'unsupported', reason: CHOSEN_PURGE_UNSUPPORTED };
      default:
        return { kind: 'ignored' };
    }
  }

  observe(): JsonValue {
    const store = this.store!;
    const nodes = storeNodes(store);
    return { nodes, size: store.size, inUse: store.inUse };
  }

  expected(state: JsonValue): JsonValue {
    const m = blkifSnapshot(state);
    const nodes = modelNodes(m.tree, m.treeFrame);
    return { nodes, size: nodes.length, inUse: nodes.filter((n) => n.state === 'Active').length };
  }
}

export const blkbackStore: AdapterFactory = {
  name: 'blkback-store',
  description: "blkback's persistent grant store (impl/blkback/persistentGrantStore.ts) for the backend's tree",
  models: ['blkif'],
  create: () => new BlkbackStoreAdapter(),
};
