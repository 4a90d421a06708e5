import type { AdapterFactory, AdapterStep, ImplementationAdapter } from '../../src/conformance/adapter.js';
import type { Action } from '../../src/model/action.js';
import type { TraceOrigin } from '../../src/trace/trace.js';
import type { JsonValue } from '../../src/util/json.js';
import type { PersistentGrant } from '../blkback/persistentGrant.js';
import { PersistentGrantStore } from '../blkback/persistentGrantStore.js';
import type { PersistentGrantStoreApi } from '../blkback/persistentGrantStoreApi.js';
import { intParam } from './blkifSnapshot.js';
import { requestGrefs, segmentsSnapshot, type SegmentsSnapshot } from './segmentsSnapshot.js';
import { xenBlkbkMap, type MapFault } from './xenBlkbkMap.js';
import { CHOSEN_PURGE_UNSUPPORTED, modelNodes, storeNodes, teardownCall } from './treeNodes.js';

/**
 * Replays blkif-segments traces on a {@link PersistentGrantStoreApi}, driven the way
 * today's blkback drives its tree (the model's variants put back historical code; this
 * adapter does not, so a variant's trace parts from the store where the old code did
 * something today's does not).
 *
 * - `BackMap(s)`, `BackMapNoPage(s, i)`, `BackMapP2mNoMem(s, i)`: `xen_blkbk_map` over
 *   the request's segments ({@link xenBlkbkMap}: `get`, then `add` after each fresh
 *   map, in batches of B), the map ops answered from the trace's grant table (a permit
 *   maps its frame) and the fault the action names. On an error, `fail_flush` puts
 *   every node the request holds at once; otherwise they stay with the slot.
 * - `BackRespond(s)`: `put` of each node the request holds, in segment order.
 * - `BackDisconnect`: `teardown()`. Linux frees the tree and then BUG_ONs a non-zero
 *   in-use count; the store refuses instead, keeping its nodes.
 * - `BackPurge(g)` is unsupported: the store purges by its own rules and cannot be told
 *   to drop one given node.
 * Every other action is another party's.
 *
 * Observed: each node's gref, state and page; the size; the in-use count (below 0 shown
 * as -1, as the model keeps it); which segment of which slot holds which node (what
 * `get`/`add` handed out); and whether the backend hit a BUG: a `put` the store refused
 * as stale (Linux would write to freed memory) or a refused teardown (Linux BUG_ONs).
 * The model's: `tree`, `treeFrame`, `inUse`, the segments whose `segKind` is Node, `bug`.
 */
export class BlkifSegmentsStoreAdapter implements ImplementationAdapter {
  private store: PersistentGrantStoreApi | null = null;
  /** Per slot and segment, the node the request holds (its `persistent_gnt`). */
  private nodesOfSlot: (PersistentGrant | null)[][] = [];
  private batch = 11;
  private handles = 0;
  private steps = 0;
  private bug = false;

  constructor(
    private readonly make: (maxGrants: number) => PersistentGrantStoreApi = (maxGrants) => new PersistentGrantStore({ maxGrants, unusedSeconds: 0 }),
  ) {}

  start(origin: TraceOrigin): void {
    this.store = this.make(intParam(origin.params, 'MAXP'));
    this.batch = intParam(origin.params, 'B');
    this.nodesOfSlot = this.noNodes(intParam(origin.params, 'R'), intParam(origin.params, 'S'));
    this.handles = 0;
    this.steps = 0;
    this.bug = false;
  }

  step(action: Action, pre: JsonValue): AdapterStep {
    const m = segmentsSnapshot(pre);
    this.steps++;
    const s = action['s'] as number;
    switch (action.type) {
      case 'BackMap':
        return this.dispatch(m, s, { kind: 'none' });
      case 'BackMapNoPage':
        return this.dispatch(m, s, { kind: 'noPage', seg: action['i'] as number });
      case 'BackMapP2mNoMem':
        return this.dispatch(m, s, { kind: 'p2m', seg: action['i'] as number });
      case 'BackRespond': {
        const nodes = this.release(s);
        return nodes.length === 0 ? { kind: 'ignored' } : { kind: 'applied', calls: nodes.map((n) => this.put(n)) };
      }
      case 'BackDisconnect': {
        const r = this.store!.teardown();
        if (!r.ok) this.bug = true;
        return { kind: 'applied', calls: [teardownCall(r)] };
      }
      case 'BackPurge':
        return { kind: 'unsupported', reason: CHOSEN_PURGE_UNSUPPORTED };
      default:
        return { kind: 'ignored' };
    }
  }

  observe(): JsonValue {
    const store = this.store!;
    const nodes = storeNodes(store);
    const held = this.nodesOfSlot.map((segs) => segs.map((n) => n?.gref ?? null));
    return { nodes, size: store.size, inUse: Math.max(-1, store.inUse), bug: this.bug, held };
  }

  expected(state: JsonValue): JsonValue {
    const m = segmentsSnapshot(state);
    const nodes = modelNodes(m.tree, m.treeFrame);
    const held = m.segKind.map((segs, s) => segs.map((k, i) => (k === 'Node' ? (m.segGref[s]![i] as number) : null)));
    return { nodes, size: nodes.length, inUse: m.inUse, bug: m.bug, held };
  }

  private dispatch(m: SegmentsSnapshot, s: number, fault: MapFault): AdapterStep {
    const run = xenBlkbkMap(
      this.store!,
      requestGrefs(m, s),
      m.bePers,
      this.batch,
      (g) => (m.gtPermit[g] ? m.gtFrame[g]! : null),
      fault,
      () => this.handles++,
    );
    const calls = [...run.calls];
    run.nodes.forEach((n, i) => (this.nodesOfSlot[s]![i] = n));
    if (!run.ok) calls.push(...this.release(s).map((n) => `fail_flush: ${this.put(n)}`));
    return calls.length === 0 ? { kind: 'ignored' } : { kind: 'applied', calls };
  }

  /** The nodes slot s's request holds, in segment order; it holds none afterwards. */
  private release(s: number): PersistentGrant[] {
    const segs = this.nodesOfSlot[s]!;
    const nodes = segs.filter((n): n is PersistentGrant => n !== null);
    segs.fill(null);
    return nodes;
  }

  private noNodes(slots: number, segments: number): (PersistentGrant | null)[][] {
    return Array.from({ length: slots }, () => Array.from({ length: segments }, () => null));
  }

  private put(node: PersistentGrant): string {
    const r = this.store!.put(node, this.steps);
    if (!r.ok) this.bug = true;
    return `store.put(${node.gref}) -> ${r.ok ? (r.alreadyUnused ? 'ok, already unused' : 'ok') : r.error}`;
  }
}

export const blkifSegmentsStore: AdapterFactory = {
  name: 'blkif-segments-store',
  description: "blkback's persistent grant store (impl/blkback/persistentGrantStore.ts) driven by today's xen_blkbk_map",
  models: ['blkif-segments'],
  create: () => new BlkifSegmentsStoreAdapter(),
};
