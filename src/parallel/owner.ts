import { WordHasher } from '../state/hash.js';
import { ROOT } from '../store/traceLog.js';
import { fail } from '../util/errors.js';

/**
 * Which worker owns a state: the top 16 bits of the high lane of its WordHasher hash,
 * scaled to [0, workers). The stores index by other bits: FullStateStore takes its slot
 * and tag from the low lane and its recent-state cache from the low bits of the high
 * lane; FingerprintStore mixes the low lane into its slot (so the slot stays uniform).
 * A worker's share of the states therefore still spreads evenly over its own tables.
 */
export class Partitioner {
  private readonly hasher = new WordHasher();

  constructor(
    private readonly words: number,
    readonly workers: number,
  ) {}

  ownerOf(src: Uint32Array, off: number): number {
    this.hasher.hash(src, off, this.words);
    return ((this.hasher.hi >>> 16) * this.workers) >>> 16;
  }

  /** The low lane of the last hash: a key for caches of recently seen states. */
  get lastKey(): number {
    return this.hasher.lo;
  }
}

/**
 * A state's run-wide id: its id in its owner's store, times the number of workers, plus
 * the owner. Fits the trace log's 32-bit parent field, whose all-ones value is ROOT.
 */
export function globalId(local: number, worker: number, workers: number): number {
  const gid = local * workers + worker;
  if (gid >= ROOT) {
    fail('BAD_OPTION', `worker ${worker} stored more than ${Math.floor(ROOT / workers)} states, too many to number for ${workers} workers; use fewer workers`);
  }
  return gid;
}

export function workerOf(gid: number, workers: number): number {
  return gid % workers;
}

export function localOf(gid: number, workers: number): number {
  return Math.floor(gid / workers);
}
