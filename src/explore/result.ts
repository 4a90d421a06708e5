import type { PropertyKind } from '../model/property.js';
import type { Trace } from '../trace/trace.js';

/** Why a run stopped before covering the whole reachable space. */
export type IncompleteReason = 'states' | 'depth' | 'time' | 'memory' | 'stopped' | 'sampled';

export type PropertyStatus =
  /** Checked on every reachable state (or transition) and never failed. */
  | 'held'
  | 'violated'
  /** A `sometimes` property with a witness. */
  | 'reached'
  /** A `sometimes` property with no witness after a complete run. */
  | 'not-reached'
  /** Not failed so far, but the run was incomplete. */
  | 'unknown';

export interface PropertyOutcome {
  readonly name: string;
  readonly kind: PropertyKind;
  readonly status: PropertyStatus;
  /** Length of the counterexample or witness, when there is one. */
  readonly length: number | null;
  readonly doc: string | null;
}

/** A failing property: its shortest counterexample under BFS, or a `sometimes` never reached (no trace). */
export interface Violation {
  readonly property: string;
  readonly kind: PropertyKind;
  readonly length: number | null;
  readonly trace: Trace | null;
  readonly message: string;
}

export interface Stats {
  readonly states: number;
  readonly initialStates: number;
  readonly transitions: number;
  readonly depth: number;
  readonly durationMs: number;
  readonly statesPerSecond: number;
  /** Bytes held by the seen-set, the trace log and the kernel. */
  readonly storeBytes: number;
  readonly bytesPerState: number;
  /** How often each action type fired (self-loops included). */
  readonly fired: Readonly<Record<string, number>>;
  readonly store: 'full' | 'fingerprint';
  readonly omissionProbability: number;
}

interface ResultBase {
  readonly model: string;
  readonly strategy: string;
  readonly stats: Stats;
  readonly properties: readonly PropertyOutcome[];
  readonly witnesses: readonly Trace[];
  readonly warnings: readonly string[];
  /** True when every reachable state was explored (BFS/DFS with no bound hit). */
  readonly complete: boolean;
  /** Present when the run was split over worker threads (src/parallel); absent on one thread. */
  readonly parallel?: ParallelRun;
}

/**
 * How a parallel run explored: `shortestGuaranteed` says whether every counterexample
 * and witness is still a shortest one (true for the level-synchronous BFS, the only mode).
 */
export interface ParallelRun {
  readonly workers: number;
  readonly shortestGuaranteed: boolean;
}

export type CheckResult =
  | (ResultBase & { readonly status: 'ok' })
  | (ResultBase & { readonly status: 'violation'; readonly violations: readonly Violation[]; readonly incompleteReason: IncompleteReason | null })
  | (ResultBase & { readonly status: 'incomplete'; readonly incompleteReason: IncompleteReason });

export function violationsOf(result: CheckResult): readonly Violation[] {
  return result.status === 'violation' ? result.violations : [];
}
