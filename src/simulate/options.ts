import { fail } from '../util/errors.js';

/** How `simulate` explores: fast-check runs of random action choices. */
export interface SimulateOptions {
  /** Random runs (fast-check's numRuns). */
  readonly runs: number;
  /** The most actions one run takes. Part of the arbitrary: a reproduction must use the same depth. */
  readonly depth: number;
  /** fast-check's seed (a 32-bit integer). */
  readonly seed: number;
  /**
   * A fast-check counterexample path (`12:0:3`) from an earlier run with the same seed,
   * depth and weights: reproduces that counterexample exactly instead of searching.
   */
  readonly path: string | null;
  /** Report a state without any enabled action as a deadlock. */
  readonly deadlock: boolean;
  /**
   * Relative weight of each action type when choosing the next step (default 1 each).
   * Part of how a choice is read: a reproduction must use the same weights.
   */
  readonly weights: Readonly<Record<string, number>>;
  /** Shrink a failing run to a short trace (default true). */
  readonly shrink: boolean;
}

export const DEFAULT_SIMULATE_OPTIONS: Omit<SimulateOptions, 'seed'> = {
  runs: 100,
  depth: 100,
  path: null,
  deadlock: true,
  weights: {},
  shrink: true,
};

/**
 * fast-check draws a run's whole choice list before the run starts, so the depth bounds
 * memory: three blkif runs at depth 10^6 took 0.4 GB; at 10^8 the heap ran out.
 */
export const MAX_DEPTH = 1_000_000;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Defaults overlaid with `given`; BAD_OPTION for a value out of range. A missing seed is drawn at random. */
export function resolveSimulateOptions(given: Partial<SimulateOptions>): SimulateOptions {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<SimulateOptions>;
  const o: SimulateOptions = { ...DEFAULT_SIMULATE_OPTIONS, seed: freshSeed(), ...defined };
  if (!Number.isSafeInteger(o.runs) || o.runs < 1) fail('BAD_OPTION', `runs must be a positive integer, got ${o.runs}`);
  if (!Number.isSafeInteger(o.depth) || o.depth < 1) fail('BAD_OPTION', `depth must be a positive integer, got ${o.depth}`);
  if (o.depth > MAX_DEPTH) fail('BAD_OPTION', `depth must be at most ${MAX_DEPTH} (a run's choices are drawn before it starts), got ${o.depth}`);
  if (!Number.isInteger(o.seed) || o.seed < INT32_MIN || o.seed > INT32_MAX) {
    fail('BAD_OPTION', `seed must be an integer in ${INT32_MIN}..${INT32_MAX}, got ${o.seed}`);
  }
  if (o.path !== null && !/^\d+(:\d+)*$/.test(o.path)) {
    fail('BAD_OPTION', `path must be a fast-check path such as 12:0:3, got ${JSON.stringify(o.path)}`);
  }
  for (const [type, w] of Object.entries(o.weights)) {
    if (!Number.isSafeInteger(w) || w < 1) fail('BAD_OPTION', `weight of ${type} must be a positive integer, got ${w}`);
  }
  return o;
}

/** A seed for a run the user did not seed; printed with every result so the run can be repeated. */
function freshSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;
}
