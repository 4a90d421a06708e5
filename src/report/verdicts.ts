import type { PropertyKind } from '../model/property.js';
import type { PropertyStatus } from '../explore/result.js';
import type { SpecOutcome } from '../spec/evaluate.js';
import type { Trace } from '../trace/trace.js';

/** One property of one spec judged against the spec's expectation: a JUnit test case, a cell in the comparison. */
export interface PropertyVerdict {
  readonly spec: string;
  readonly property: string;
  /** Null when the spec names (to fail or to hold) a property the model does not have. */
  readonly kind: PropertyKind | null;
  readonly status: PropertyStatus | 'absent';
  /** Counterexample or witness length, when there is one. */
  readonly length: number | null;
  /** Whether the spec expects this property to fail, and with which shortest length (null: any). */
  readonly expectFailure: boolean;
  readonly expectedLength: number | null;
  readonly pass: boolean;
  /** Why it failed (empty when it passed), or what the expected failure was. */
  readonly message: string;
  /** The counterexample, when the property failed with one. */
  readonly trace: Trace | null;
}

/** Every property of a spec's run, plus any the spec names (to fail or to hold) that the model does not declare. */
export function propertyVerdicts(o: SpecOutcome): PropertyVerdict[] {
  const traces = new Map((o.result.status === 'violation' ? o.result.violations : []).map((v) => [v.property, v.trace]));
  const expected = o.spec.expectViolations;
  const out: PropertyVerdict[] = o.result.properties.map((p) => {
    const expectFailure = p.name in expected;
    const expectedLength = expected[p.name] ?? null;
    const failed = p.status === 'violated' || p.status === 'not-reached';
    const base = { spec: o.spec.name, property: p.name, kind: p.kind, status: p.status, length: p.length, expectFailure, expectedLength };
    const trace = traces.get(p.name) ?? null;
    const what = p.status === 'not-reached' ? 'never reached' : `violated (${p.length} steps)`;
    if (p.status === 'unknown') return { ...base, pass: false, message: `${p.name} is undecided: ${runProblem(o)}`, trace };
    if (expectFailure && !failed) {
      return { ...base, pass: false, message: `expected a counterexample to ${p.name}, none found (${p.status})`, trace };
    }
    if (expectFailure && expectedLength !== null && p.length !== expectedLength) {
      return { ...base, pass: false, message: `${p.name}: expected a shortest counterexample of ${expectedLength} steps, found ${p.length}`, trace };
    }
    if (!expectFailure && failed) return { ...base, pass: false, message: `unexpected: ${p.name} ${what}`, trace };
    return { ...base, pass: true, message: expectFailure ? `${p.name} ${what}, as the spec expects` : '', trace };
  });
  // Properties the spec names (to fail, or to hold) that the model does not declare.
  const declared = new Set(o.result.properties.map((p) => p.name));
  const absent = (property: string, expectedLength: number | null | undefined, what: string): PropertyVerdict => ({
    spec: o.spec.name,
    property,
    kind: null,
    status: 'absent',
    length: null,
    expectFailure: expectedLength !== undefined,
    expectedLength: expectedLength ?? null,
    pass: false,
    message: `expected ${what}, but ${o.origin.model} has no such property`,
    trace: null,
  });
  for (const [name, len] of Object.entries(expected)) if (!declared.has(name)) out.push(absent(name, len, `a counterexample to ${name}`));
  for (const name of o.spec.expectHolds) if (!declared.has(name)) out.push(absent(name, undefined, `${name} to hold`));
  return out;
}

/**
 * What is wrong with the run as a whole, apart from its properties: it stopped at a
 * bound, or it explored a different number of states than the spec pins. Null when
 * neither.
 */
export function runProblem(o: SpecOutcome): string | null {
  const r = o.result;
  const reason = r.status === 'ok' ? null : r.incompleteReason;
  if (r.status === 'incomplete' || reason !== null) return `the run was incomplete (${reason}): cannot conclude`;
  if (o.spec.expectStates !== null && r.complete && r.stats.states !== o.spec.expectStates) {
    return `expected ${o.spec.expectStates} distinct states, explored ${r.stats.states}`;
  }
  return null;
}
