/** Returned by {@link StateStore.insert} when the state was already present. */
export const SEEN = -1;

/**
 * The set of states seen so far. Ids are handed out densely in insertion order
 * (0, 1, 2, ...), which is what lets BFS use the store as its own queue.
 */
export interface StateStore {
  readonly kind: 'full' | 'fingerprint';
  /** Number of distinct states stored. */
  readonly count: number;
  /**
   * Adds the `words`-word state at `src[off]` if absent.
   * Returns the new state's id, or {@link SEEN}. Throws MemoryBoundReached when
   * growing would exceed the budget; the store is unchanged in that case.
   */
  insert(src: Uint32Array, off: number): number;
  /** Whether states can be read back by id (full mode only). */
  readonly readable: boolean;
  /** The buffer and offset holding state `id` (full mode only). */
  bufferOf(id: number): Uint32Array;
  offsetOf(id: number): number;
  /** The id of the state at `src[off]`, or {@link SEEN} when absent (full mode only). */
  lookup(src: Uint32Array, off: number): number;
  /** Bytes allocated by the store itself. */
  bytes(): number;
  /** Upper bound on the probability that hash compaction made the run miss a state (0 in full mode). */
  omissionProbability(): number;
}
