import type { MessagePort } from 'node:worker_threads';
import type { CheckOptions } from '../explore/options.js';
import type { Discovery } from '../explore/propertyTracker.js';
import type { CheckResult } from '../explore/result.js';
import type { ModelRecipe } from './recipe.js';
import type { StopReason } from './shared.js';
import type { WireError } from './wire.js';

/**
 * What the threads of a parallel run say to each other. The calling thread starts one
 * coordinator thread, which starts the explorer workers, drives them level by level
 * and answers once; explorers send each other the states they reached but do not own.
 */

/** Options without the progress callback (functions cannot cross threads; progress is read from shared memory). */
export type WireOptions = Omit<CheckOptions, 'onProgress'> & { readonly onProgress: undefined };

export interface CoordinatorData {
  readonly recipe: ModelRecipe;
  readonly options: WireOptions;
  /** When set, the model the recipe builds must bear this name (check() hands over its model's). */
  readonly expectName: string | null;
  readonly shared: SharedArrayBuffer;
  /** Where the coordinator posts its one {@link FromCoordinator} answer. */
  readonly reply: MessagePort;
}

export type FromCoordinator = { readonly type: 'result'; readonly result: CheckResult } | { readonly type: 'error'; readonly error: WireError };

export interface WorkerData {
  readonly recipe: ModelRecipe;
  readonly options: WireOptions;
  readonly index: number;
  readonly workers: number;
  readonly shared: SharedArrayBuffer;
  /** `peers[j]` talks to worker j; null at this worker's own index. */
  readonly peers: readonly (MessagePort | null)[];
  /** Date.now() after which workers stop with 'time'. */
  readonly deadline: number;
}

export type ToWorker =
  /** Store and check the initial states this worker owns. */
  | { readonly type: 'seed' }
  /** Expand every stored state of `depth`, trade successors with the peers, store and check the received ones. */
  | { readonly type: 'expand'; readonly depth: number }
  /** Walk the parent links from global id `gid` while they stay in this worker. */
  | { readonly type: 'path'; readonly gid: number; readonly words: boolean };

/** A worker's running totals after a level (cumulative, except `discoveries`). */
export interface LevelReport {
  readonly states: number;
  readonly initialStates: number;
  readonly transitions: number;
  readonly maxDepth: number;
  /** States stored but not expanded (the next level, plus what a stop left of this one). */
  readonly queue: number;
  /** Set when this worker hit its share of the memory bound. */
  readonly stop: StopReason | null;
  /** First discoveries not reported before, with global state ids. */
  readonly discoveries: readonly Discovery[];
  readonly families: readonly string[];
  readonly fired: readonly number[];
  readonly storeBytes: number;
}

export interface PathSegment {
  /** Action slots from `gid` back towards the root (the last is an initial-state index when `next` is ROOT). */
  readonly actions: readonly number[];
  /** The global id the walk continues at, in another worker, or ROOT. */
  readonly next: number;
  /** The stored words of `gid`, when asked for and the store keeps them. */
  readonly words: Uint32Array | null;
}

export type FromWorker =
  | { readonly type: 'level'; readonly report: LevelReport }
  | { readonly type: 'path'; readonly segment: PathSegment }
  | { readonly type: 'error'; readonly error: WireError };

/** Worker to worker, once per level and peer (possibly empty): entries of words, parent local id, slot. */
export interface Batch {
  readonly type: 'batch';
  readonly depth: number;
  readonly from: number;
  readonly buffer: ArrayBuffer;
  readonly count: number;
}
