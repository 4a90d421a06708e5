import type { Action } from '../model/action.js';
import { diffStates, type FieldChange } from '../trace/diff.js';
import type { Trace } from '../trace/trace.js';
import { describeError } from '../util/errors.js';
import { canonicalJson, type JsonValue } from '../util/json.js';
import type { ImplementationAdapter } from './adapter.js';

export type ConformanceOutcome =
  | {
      readonly ok: true;
      readonly steps: number;
      /** Steps that called the implementation (the rest were other parties' actions). */
      readonly applied: number;
      readonly message: string;
    }
  | {
      readonly ok: false;
      /** The first step (0 = the initial state) where the implementation and the model disagree. */
      readonly step: number;
      readonly action: Action | null;
      readonly label: string | null;
      /**
       * `differs`: the implementation's state is not the model's; `unsupported`: the
       * implementation has no operation for the action; `threw`: the implementation
       * (or the adapter) threw.
       */
      readonly reason: 'differs' | 'unsupported' | 'threw';
      readonly message: string;
      /** The model's projection and the implementation's state after the step (null when not reached). */
      readonly expected: JsonValue;
      readonly actual: JsonValue;
      /** Fields that differ, `before` the model's and `after` the implementation's value. */
      readonly changes: readonly FieldChange[];
      /** What the adapter called at this step. */
      readonly calls: readonly string[];
    };

/**
 * Replays a trace the checker wrote on an implementation, step by step: before the first
 * action and after each one, the implementation's observable state must equal the
 * projection of the trace's model state. Reports the first step where they differ.
 * The trace's states are taken as given; check it against its model first (`replayTrace`).
 */
export function replayOnImplementation(trace: Trace, adapter: ImplementationAdapter): ConformanceOutcome {
  const steps = trace.steps;
  let applied = 0;
  const failure = (
    step: number,
    reason: 'differs' | 'unsupported' | 'threw',
    message: string,
    calls: readonly string[],
    expected: JsonValue = null,
    actual: JsonValue = null,
  ): ConformanceOutcome => {
    const s = steps[step]!;
    return {
      ok: false,
      step,
      action: s.action,
      label: s.label,
      reason,
      message,
      expected,
      actual,
      changes: reason === 'differs' ? diffStates(expected, actual) : [],
      calls,
    };
  };
  const compare = (step: number, calls: readonly string[]): ConformanceOutcome | null => {
    let expected: JsonValue;
    let actual: JsonValue;
    try {
      expected = adapter.expected(steps[step]!.state);
      actual = adapter.observe();
    } catch (err) {
      return failure(step, 'threw', `step ${step}: reading the states threw: ${describeError(err)}`, calls);
    }
    if (canonicalJson(expected) === canonicalJson(actual)) return null;
    const what = step === 0 ? 'the initial state' : `after ${steps[step]!.label ?? steps[step]!.action?.type}`;
    return failure(step, 'differs', `step ${step}: ${what}, the implementation's state differs from the model's`, calls, expected, actual);
  };

  try {
    adapter.start(trace.origin, steps[0]!.state);
  } catch (err) {
    return failure(0, 'threw', `setting up the implementation threw: ${describeError(err)}`, []);
  }
  const initial = compare(0, []);
  if (initial) return initial;
  for (let i = 1; i < steps.length; i++) {
    const action = steps[i]!.action!;
    const label = steps[i]!.label ?? action.type;
    let result;
    try {
      result = adapter.step(action, steps[i - 1]!.state);
    } catch (err) {
      return failure(i, 'threw', `step ${i}: ${label} threw in the implementation: ${describeError(err)}`, []);
    }
    switch (result.kind) {
      case 'unsupported':
        return failure(i, 'unsupported', `step ${i}: ${label} cannot be done on the implementation: ${result.reason}`, []);
      case 'ignored': {
        const differs = compare(i, []);
        if (differs) return differs;
        break;
      }
      case 'applied': {
        applied++;
        const differs = compare(i, result.calls);
        if (differs) return differs;
        break;
      }
    }
  }
  return { ok: true, steps: steps.length - 1, applied, message: `conforms: ${steps.length - 1} steps, ${applied} of them on the implementation` };
}
