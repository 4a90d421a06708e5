import { check } from '../explore/check.js';
import type { CheckOptions } from '../explore/options.js';
import { violationsOf, type CheckResult } from '../explore/result.js';
import { findDefinition, instantiate, type ModelDefinition } from '../model/definition.js';
import type { Spec } from './spec.js';
import type { TraceOrigin } from '../trace/trace.js';

export interface SpecOutcome {
  readonly spec: Spec;
  /** The model instance the spec resolved to (parameters with defaults filled in). */
  readonly origin: TraceOrigin;
  readonly result: CheckResult;
  readonly passed: boolean;
  /** Why the spec failed, one line each; empty when it passed. */
  readonly problems: readonly string[];
}

/** Compares a run's result with what the spec expects. */
export function judge(spec: Spec, result: CheckResult): string[] {
  const problems: string[] = [];
  const found = new Map(violationsOf(result).map((v) => [v.property, v]));
  for (const [prop, len] of Object.entries(spec.expectViolations)) {
    const v = found.get(prop);
    if (!v) problems.push(`expected a counterexample to ${prop}, none found`);
    else if (len !== null && v.length !== len) problems.push(`${prop}: expected a shortest counterexample of ${len} steps, found ${v.length}`);
  }
  // A property expected to hold that fails is reported below as unexpected; here, one the model lacks.
  const declared = new Set(result.properties.map((p) => p.name));
  for (const prop of spec.expectHolds) if (!declared.has(prop)) problems.push(`expected ${prop} to hold, but the model has no such property`);
  for (const v of found.values()) {
    if (!(v.property in spec.expectViolations)) {
      problems.push(v.length === null ? `unexpected: ${v.message}` : `unexpected counterexample to ${v.property} (${v.length} steps)`);
    }
  }
  if (result.status === 'incomplete' || (result.status === 'violation' && !result.complete && result.incompleteReason !== null)) {
    problems.push(`run incomplete (${result.status === 'incomplete' ? result.incompleteReason : result.incompleteReason}): cannot conclude`);
  }
  if (spec.expectStates !== null && result.complete && result.stats.states !== spec.expectStates) {
    problems.push(`expected ${spec.expectStates} distinct states, explored ${result.stats.states}`);
  }
  return problems;
}

/** Runs one spec against the registry; `overrides` (from the command line) win over the spec's options. */
export function runSpec(registry: readonly ModelDefinition[], spec: Spec, overrides: Partial<CheckOptions> = {}): SpecOutcome {
  const { model, origin } = instantiate(findDefinition(registry, spec.model), spec.params, spec.variant);
  const result = check(model, { ...spec.options, ...overrides }, origin);
  const problems = judge(spec, result);
  return { spec, origin, result, passed: problems.length === 0, problems };
}
