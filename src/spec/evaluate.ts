import { check } from '../explore/check.js';
import type { CheckOptions } from '../explore/options.js';
import { violationsOf, type CheckResult } from '../explore/result.js';
import { findDefinition, instantiate, type Instance, type ModelDefinition } from '../model/definition.js';
import { DEADLOCK } from '../model/property.js';
import type { Spec } from './spec.js';
import type { TraceOrigin } from '../trace/trace.js';
import { fail, GntcheckError } from '../util/errors.js';

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

/**
 * Resolves a spec against the registry without exploring: its model, parameters and
 * variant must exist, and every property it expects to fail or to hold must be one
 * the model checks. Errors keep their code and name the spec file, so that a typo in one spec
 * is bad input (exit 3) before any spec runs, not a failing spec.
 */
export function prepareSpec(registry: readonly ModelDefinition[], spec: Spec): Instance {
  let instance: Instance;
  try {
    instance = instantiate(findDefinition(registry, spec.model), spec.params, spec.variant);
  } catch (err) {
    if (err instanceof GntcheckError) throw new GntcheckError(err.code, `${spec.file}: ${err.message}`);
    throw err;
  }
  const known = [...instance.model.properties.map((p) => p.name), DEADLOCK];
  const named: [string, readonly string[]][] = [
    ['expect.violations', Object.keys(spec.expectViolations)],
    ['expect.holds', spec.expectHolds],
  ];
  for (const [where, names] of named) {
    for (const name of names) {
      if (!known.includes(name)) {
        fail('BAD_SPEC', `${spec.file}: ${where} names ${JSON.stringify(name)}, which ${instance.model.name} does not check (known: ${known.join(', ')})`);
      }
    }
  }
  if (DEADLOCK in spec.expectViolations && spec.options.deadlock === false) {
    fail('BAD_SPEC', `${spec.file}: expects a deadlock but sets options.deadlock to false`);
  }
  return instance;
}

/**
 * Runs one spec against the registry; `overrides` (from the command line) win over the
 * spec's options. `instance` is the spec's {@link prepareSpec}, when already made.
 */
export function runSpec(
  registry: readonly ModelDefinition[],
  spec: Spec,
  overrides: Partial<CheckOptions> = {},
  instance: Instance = prepareSpec(registry, spec),
): SpecOutcome {
  const { model, origin } = instance;
  const result = check(model, { ...spec.options, ...overrides }, origin);
  const problems = judge(spec, result);
  return { spec, origin, result, passed: problems.length === 0, problems };
}
