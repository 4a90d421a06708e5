import { fail } from '../util/errors.js';

export type Strategy = 'bfs' | 'dfs' | 'random';
export type StoreMode = 'full' | 'fingerprint';

export interface CheckOptions {
  /** `bfs` (default) gives every violated property its shortest counterexample. */
  readonly strategy: Strategy;
  /** `full` stores every state exactly; `fingerprint` keeps 64-bit hashes only (TLC-style hash compaction). */
  readonly store: StoreMode;
  /** Check that every reachable state has a successor. */
  readonly deadlock: boolean;
  /** Stop at the first failing property instead of finding one counterexample per property. */
  readonly stopAtFirst: boolean;
  /** Reduce states by the model's symmetry (packed models that declare `canonicalize`). */
  readonly symmetry: boolean;
  /** Bounds; reaching one returns a partial result marked incomplete. */
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly timeoutMs: number;
  readonly maxMemoryBytes: number;
  /** Random walks: seed, number of walks, and steps per walk. */
  readonly seed: number;
  readonly walks: number;
  readonly walkDepth: number;
  /**
   * Worker threads for a level-synchronous, hash-partitioned BFS (src/parallel); 1
   * explores on the calling thread. Counterexamples stay shortest; BFS only.
   */
  readonly workers: number;
  /** Re-expand a sample of states to catch nondeterministic models (`off` skips it). */
  readonly determinism: 'sample' | 'off';
  /** Called about every `progressIntervalMs` with the search's counters. */
  readonly onProgress: ((p: Progress) => void) | undefined;
  readonly progressIntervalMs: number;
}

export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly queue: number;
  readonly elapsedMs: number;
}

/** Most worker threads a run may use (a state's global id packs its worker into 32 bits). */
export const MAX_WORKERS = 16;

export const DEFAULT_OPTIONS: CheckOptions = {
  strategy: 'bfs',
  store: 'full',
  deadlock: true,
  stopAtFirst: false,
  symmetry: false,
  maxStates: Number.POSITIVE_INFINITY,
  maxDepth: Number.POSITIVE_INFINITY,
  timeoutMs: Number.POSITIVE_INFINITY,
  maxMemoryBytes: 8 * 1024 ** 3,
  seed: 1,
  walks: 100,
  walkDepth: 1000,
  determinism: 'sample',
  workers: 1,
  onProgress: undefined,
  progressIntervalMs: 1000,
};

export function resolveOptions(given: Partial<CheckOptions>): CheckOptions {
  const o: CheckOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(given) };
  const positive = (name: keyof CheckOptions, v: number): void => {
    if (!(v > 0) || (Number.isFinite(v) && !Number.isInteger(v) && name !== 'timeoutMs')) {
      fail('BAD_OPTION', `${name} must be a positive number, got ${v}`);
    }
  };
  positive('maxStates', o.maxStates);
  positive('timeoutMs', o.timeoutMs);
  positive('maxMemoryBytes', o.maxMemoryBytes);
  positive('walks', o.walks);
  positive('walkDepth', o.walkDepth);
  if (!(o.maxDepth >= 0)) fail('BAD_OPTION', `maxDepth must be >= 0, got ${o.maxDepth}`);
  if (!Number.isInteger(o.seed)) fail('BAD_OPTION', `seed must be an integer, got ${o.seed}`);
  if (!['bfs', 'dfs', 'random'].includes(o.strategy)) fail('BAD_OPTION', `unknown strategy ${String(o.strategy)}`);
  if (!['full', 'fingerprint'].includes(o.store)) fail('BAD_OPTION', `unknown store ${String(o.store)}`);
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > MAX_WORKERS) {
    fail('BAD_OPTION', `workers must be an integer from 1 to ${MAX_WORKERS}, got ${o.workers}`);
  }
  if (o.workers > 1 && o.strategy !== 'bfs') {
    fail('BAD_OPTION', `workers > 1 explores breadth-first only (it keeps counterexamples shortest); got strategy ${o.strategy}`);
  }
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
