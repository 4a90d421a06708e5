import { fail } from '../../src/util/errors.js';
import type { JsonValue } from '../../src/util/json.js';

/**
 * The fields of a blkif-segments model state (as traces print it) that the store
 * adapter reads. "none" marks an unused segment (used segments are a prefix of a slot's).
 */
export interface SegmentsSnapshot {
  readonly bePers: boolean;
  readonly gtPermit: readonly boolean[];
  readonly gtFrame: readonly number[];
  readonly segGref: readonly (readonly (number | 'none')[])[];
  /** What each segment holds: a tree node, a mapping of its own, or nothing. */
  readonly segKind: readonly (readonly ('None' | 'Node' | 'Handle')[])[];
  readonly tree: readonly string[];
  readonly treeFrame: readonly number[];
  /** `persistent_gnt_in_use`; -1 stands for any underflow. */
  readonly inUse: number;
  /** The backend hit a BUG()/BUG_ON or touched a freed node. */
  readonly bug: boolean;
}

const FIELDS: readonly (keyof SegmentsSnapshot)[] = ['bePers', 'gtPermit', 'gtFrame', 'segGref', 'segKind', 'tree', 'treeFrame', 'inUse', 'bug'];

/** Reads a blkif-segments state; BAD_TRACE naming the first missing field. */
export function segmentsSnapshot(state: JsonValue): SegmentsSnapshot {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return fail('BAD_TRACE', 'a blkif-segments state must be an object');
  for (const f of FIELDS) if (!(f in state)) fail('BAD_TRACE', `the state has no field ${f}: not a blkif-segments trace`);
  return state as unknown as SegmentsSnapshot;
}

/** The grefs slot s's request names, in segment order. */
export function requestGrefs(m: SegmentsSnapshot, s: number): number[] {
  const out: number[] = [];
  for (const g of m.segGref[s] ?? []) {
    if (g === 'none') break;
    out.push(g);
  }
  return out;
}
