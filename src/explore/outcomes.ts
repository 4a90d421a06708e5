import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { DEADLOCK, discoveryIsFailure, type PropertyKind } from '../model/property.js';
import type { Trace } from '../trace/trace.js';
import { confirmTrace } from './confirm.js';
import type { Discovery } from './propertyTracker.js';
import type { CheckResult, IncompleteReason, PropertyOutcome, Stats, Violation } from './result.js';

/**
 * How a run's findings become its result, shared by the explorer on this thread
 * (check.ts) and the parallel one (src/parallel), so both decide and word the same.
 */

export interface DecidedProperties {
  readonly violations: Violation[];
  readonly witnesses: Trace[];
  readonly outcomes: PropertyOutcome[];
}

/**
 * Decides every property the run checked (the model's, in declaration order, then
 * deadlock freedom when checked) from its first discoveries. `traceOf` rebuilds a
 * discovery's trace; it is called once per discovery, in that order, and each trace is
 * confirmed on the model before it is reported (see confirm.ts; `symmetric` says
 * whether the run was reduced by symmetry).
 */
export function decideProperties<S, A extends Action>(
  model: Model<S, A>,
  deadlock: boolean,
  discoveries: ReadonlyMap<string, Discovery>,
  complete: boolean,
  traceOf: (d: Discovery) => Trace,
  symmetric: boolean,
): DecidedProperties {
  const violations: Violation[] = [];
  const witnesses: Trace[] = [];
  const outcomes: PropertyOutcome[] = [];
  const declared: { name: string; kind: PropertyKind; doc: string | null }[] = model.properties.map((p) => ({
    name: p.name,
    kind: p.kind,
    doc: p.doc ?? null,
  }));
  if (deadlock) declared.push({ name: DEADLOCK, kind: 'deadlock', doc: 'every reachable state has a successor' });
  for (const p of declared) {
    const d = discoveries.get(p.name);
    if (d) {
      const trace = confirmTrace(model, traceOf(d), symmetric);
      const length = trace.steps.length - 1;
      if (discoveryIsFailure(d.kind)) {
        violations.push({ property: p.name, kind: d.kind, length, trace, message: `${p.name} violated after ${length} steps` });
        outcomes.push({ name: p.name, kind: p.kind, status: 'violated', length, doc: p.doc });
      } else {
        witnesses.push(trace);
        outcomes.push({ name: p.name, kind: p.kind, status: 'reached', length, doc: p.doc });
      }
    } else if (p.kind === 'sometimes' && complete) {
      violations.push({ property: p.name, kind: 'sometimes', length: null, trace: null, message: `${p.name} is never reached` });
      outcomes.push({ name: p.name, kind: p.kind, status: 'not-reached', length: null, doc: p.doc });
    } else {
      outcomes.push({ name: p.name, kind: p.kind, status: complete && p.kind !== 'sometimes' ? 'held' : 'unknown', length: null, doc: p.doc });
    }
  }
  return { violations, witnesses, outcomes };
}

/** The warning naming the action types that never fired, or null when all did. */
function neverFiredWarning(fired: Readonly<Record<string, number>>, complete: boolean): string | null {
  const never = Object.keys(fired).filter((f) => fired[f] === 0);
  return never.length > 0 ? `actions that never fired${complete ? '' : ' (run incomplete)'}: ${never.join(', ')}` : null;
}

export function noSymmetryWarning(modelName: string): string {
  return `${modelName} declares no symmetry; --symmetry has no effect`;
}

function omissionWarning(probability: number): string {
  return `fingerprint store: probability that a state was missed <= ${probability.toExponential(2)}`;
}

export function memoryWarning(limitBytes: number): string {
  return `stopped at the memory bound of ${limitBytes} bytes`;
}

/** Stats from a run's raw counts; the rates are derived here. */
export function statsFrom(raw: Omit<Stats, 'statesPerSecond' | 'bytesPerState'>): Stats {
  return {
    states: raw.states,
    initialStates: raw.initialStates,
    transitions: raw.transitions,
    depth: raw.depth,
    durationMs: raw.durationMs,
    statesPerSecond: raw.durationMs > 0 ? (raw.states / raw.durationMs) * 1000 : 0,
    storeBytes: raw.storeBytes,
    bytesPerState: raw.states > 0 ? raw.storeBytes / raw.states : 0,
    fired: raw.fired,
    store: raw.store,
    omissionProbability: raw.omissionProbability,
  };
}

type ResultBase = Omit<Extract<CheckResult, { status: 'ok' }>, 'status'>;

/**
 * The result's status: a violation wins over a bound, a bound over success. Also adds
 * the warnings every run ends with, read from its stats: actions that never fired (a
 * vacuity hint) and, for a fingerprint store, the chance a state was missed.
 */
export function resultOf(given: ResultBase, violations: readonly Violation[], stopReason: IncompleteReason | null): CheckResult {
  const closing: string[] = [];
  const never = neverFiredWarning(given.stats.fired, given.complete);
  if (never !== null) closing.push(never);
  if (given.stats.store === 'fingerprint') closing.push(omissionWarning(given.stats.omissionProbability));
  const base = { ...given, warnings: [...given.warnings, ...closing] };
  if (violations.length > 0) return { ...base, status: 'violation', violations, incompleteReason: stopReason };
  if (stopReason !== null) return { ...base, status: 'incomplete', incompleteReason: stopReason };
  return { ...base, status: 'ok' };
}
