import type { SpecOutcome } from '../spec/evaluate.js';
import type { JsonObject } from '../util/json.js';
import { resultToJson } from './resultJson.js';

/** One spec's run as `check --json` prints it and `summary.json` repeats it: the run's fields plus the verdict. */
export function specOutcomeToJson(o: SpecOutcome): JsonObject {
  return {
    spec: o.spec.name,
    file: o.spec.file,
    passed: o.passed,
    problems: [...o.problems],
    expected: { violations: { ...o.spec.expectViolations }, holds: [...o.spec.expectHolds], states: o.spec.expectStates },
    ...resultToJson(o.result, o.origin),
  };
}

export interface RunVerdict {
  /** Exit code: 0 every spec passes, 1 some spec fails, 2 the only failures are incomplete runs. */
  readonly code: 0 | 1 | 2;
  readonly status: 'ok' | 'violation' | 'incomplete';
  readonly passed: number;
  readonly failed: number;
}

export function runVerdict(outcomes: readonly SpecOutcome[]): RunVerdict {
  const failed = outcomes.filter((o) => !o.passed);
  const onlyIncomplete = failed.every((o) => o.result.status === 'incomplete' && o.problems.every((p) => p.startsWith('run incomplete')));
  const code = failed.length === 0 ? 0 : onlyIncomplete ? 2 : 1;
  const status = code === 0 ? 'ok' : code === 1 ? 'violation' : 'incomplete';
  return { code, status, passed: outcomes.length - failed.length, failed: failed.length };
}

/** A whole run of specs: what `check <specs> --json` prints and the core of `summary.json`. */
export function runToJson(outcomes: readonly SpecOutcome[]): JsonObject {
  const v = runVerdict(outcomes);
  return { status: v.status, passed: v.passed, failed: v.failed, specs: outcomes.map(specOutcomeToJson) };
}
