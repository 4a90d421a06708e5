import { fail } from '../../src/util/errors.js';
import type { JsonValue } from '../../src/util/json.js';

/**
 * The fields of a blkif model state (as traces print it) that the adapters read.
 * "none" is the model's empty gref/slot.
 */
export interface BlkifSnapshot {
  readonly bePers: boolean;
  readonly pool: boolean;
  readonly gtPermit: readonly boolean[];
  readonly gtFrame: readonly number[];
  readonly pin: readonly number[];
  readonly entGref: readonly (number | 'none')[];
  readonly entSlot: readonly (number | 'none')[];
  readonly frameSt: readonly string[];
  readonly slotGref: readonly number[];
  readonly tree: readonly string[];
  readonly treeFrame: readonly number[];
}

const FIELDS: readonly (keyof BlkifSnapshot)[] = [
  'bePers',
  'pool',
  'gtPermit',
  'gtFrame',
  'pin',
  'entGref',
  'entSlot',
  'frameSt',
  'slotGref',
  'tree',
  'treeFrame',
];

/** Reads a blkif state; BAD_TRACE naming the first missing field. */
export function blkifSnapshot(state: JsonValue): BlkifSnapshot {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return fail('BAD_TRACE', 'a blkif state must be an object');
  for (const f of FIELDS) if (!(f in state)) fail('BAD_TRACE', `the state has no field ${f}: not a blkif trace`);
  return state as unknown as BlkifSnapshot;
}

/** A model parameter of the trace's origin, as a number. */
export function intParam(params: Readonly<Record<string, number | boolean>>, key: string): number {
  const v = params[key];
  if (typeof v !== 'number') fail('BAD_TRACE', `the trace's model has no integer parameter ${key}`);
  return v;
}
