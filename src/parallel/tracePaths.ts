import type { Discovery } from '../explore/propertyTracker.js';
import { ROOT } from '../store/traceLog.js';
import type { WorkerPool } from './pool.js';
import { workerOf } from './owner.js';

/** A discovery's stored path (initial-state index, then slots) and, for a state discovery, the words stored for its last state. */
export interface StoredPath {
  readonly path: number[];
  readonly expected: Uint32Array | null;
}

/**
 * Walks a discovery's parent links back to its initial state across the workers that
 * own its states, one request per run of consecutive states in one worker. The result
 * is the same kind of slot path the sequential trace log gives, for rebuildSteps.
 */
export async function storedPath(pool: WorkerPool, d: Discovery): Promise<StoredPath> {
  const reversed: number[] = [];
  let expected: Uint32Array | null = null;
  let gid = d.stateId;
  let first = true;
  while (gid !== ROOT) {
    const m = await pool.request(workerOf(gid, pool.size), { type: 'path', gid, words: first && d.slot < 0 });
    if (m.type !== 'path') throw new Error(`parallel explorer: expected a path segment, got ${m.type}`);
    if (first) expected = m.segment.words;
    first = false;
    reversed.push(...m.segment.actions);
    gid = m.segment.next;
  }
  const path = reversed.reverse();
  if (d.slot >= 0) path.push(d.slot);
  return { path, expected };
}
