import type { PropertyOutcome } from '../explore/result.js';
import type { PropertyKind } from '../model/property.js';
import type { Trace, TraceOrigin } from '../trace/trace.js';

/** The first property a simulation found violated, with its shrunk counterexample. */
export interface SimulatedViolation {
  readonly property: string;
  readonly kind: PropertyKind;
  /** Actions in the shrunk counterexample. */
  readonly length: number;
  readonly trace: Trace;
  readonly message: string;
  /** Actions in the run that first violated the property, before shrinking. */
  readonly foundLength: number;
  /** Actions after fast-check's shrinking of the choices, before dropping unneeded actions. */
  readonly choiceShrunkLength: number;
  /** Which drawn run (1-based) violated it first: the runs it took to find. */
  readonly run: number;
  /** Shrinking steps fast-check took from that run to `trace`. */
  readonly shrinks: number;
  /** fast-check's path to the shrunk counterexample: with the same seed, depth and weights, `--path` reproduces it. */
  readonly counterexamplePath: string;
  /** True when the run was reproduced from a given `--path` rather than found and shrunk here. */
  readonly fromPath: boolean;
}

/** What a reproduction needs besides the model instance. */
export interface Reproduction {
  readonly seed: number;
  readonly depth: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly deadlock: boolean;
  /** Null when nothing failed. */
  readonly path: string | null;
}

interface SimulationBase {
  readonly model: string;
  readonly origin: TraceOrigin;
  readonly runs: number;
  readonly depth: number;
  readonly seed: number;
  /** Drawn runs executed (fast-check's own shrinking runs not counted). */
  readonly runsExecuted: number;
  /** Actions taken over the drawn runs. */
  readonly steps: number;
  readonly durationMs: number;
  /**
   * Per property: `violated` (the one found), `reached` (a `sometimes` with a witness),
   * or `unknown` (not violated, or not reached, in the runs drawn: sampling proves nothing).
   */
  readonly properties: readonly PropertyOutcome[];
  /** The first witness drawn for each `sometimes` property reached (not shrunk). */
  readonly witnesses: readonly Trace[];
  /** How often each action type fired over the drawn runs. */
  readonly fired: Readonly<Record<string, number>>;
  readonly warnings: readonly string[];
  readonly reproduction: Reproduction;
}

export type SimulationResult =
  | (SimulationBase & { readonly status: 'ok' })
  | (SimulationBase & { readonly status: 'violation'; readonly violation: SimulatedViolation });
