import fc from 'fast-check';
import type { Action } from '../model/action.js';
import type { Choices } from './choices.js';
import type { Violated } from './dropActions.js';
import type { ChoiceRunner, RunObserver } from './runChoices.js';

/** fast-check's part of a simulation: where to start (seed, or a path to replay) and how many runs. */
export interface FastCheckSettings {
  readonly seed: number;
  readonly runs: number;
  readonly path: string | null;
}

/** A failing run as fast-check identifies it: the value and its path under the seed. */
export interface FailingRun<A extends Action> {
  readonly choices: Choices;
  readonly path: string;
  readonly outcome: Violated<A>;
}

export interface SearchResult<A extends Action> {
  readonly failing: FailingRun<A> | null;
  readonly runsExecuted: number;
  readonly steps: number;
}

/**
 * Calls `f` for fast-check and turns a model that throws into an error thrown after
 * `fc.check` returns: fast-check would take it for a failure and shrink it.
 */
class Guard {
  thrown: unknown = null;
  run(f: () => boolean): boolean {
    if (this.thrown !== null) return false;
    try {
      return f();
    } catch (err) {
      this.thrown = err;
      return false;
    }
  }
  rethrow(): void {
    if (this.thrown !== null) throw this.thrown;
  }
}

/**
 * Draws runs until one violates a property (`endOnFailure`: no shrinking yet), or
 * replays the run at `settings.path`. `observer` sees the drawn runs only.
 */
export function searchRuns<S, A extends Action>(
  runner: ChoiceRunner<S, A>,
  arb: fc.Arbitrary<Choices>,
  settings: FastCheckSettings,
  observer: RunObserver,
): SearchResult<A> {
  const guard = new Guard();
  let runsExecuted = 0;
  let steps = 0;
  const out = fc.check(
    fc.property(arb, (c) =>
      guard.run(() => {
        runsExecuted++;
        const outcome = runner.run(c, observer);
        steps += outcome.kind === 'clean' ? outcome.steps : outcome.path.length - 1;
        return outcome.kind === 'clean';
      }),
    ),
    { seed: settings.seed, numRuns: settings.runs, endOnFailure: true, ...(settings.path !== null ? { path: settings.path } : {}) },
  );
  guard.rethrow();
  if (!out.failed || out.counterexample === null || out.counterexamplePath === null) return { failing: null, runsExecuted, steps };
  const [choices] = out.counterexample;
  return { failing: { choices, path: out.counterexamplePath, outcome: runner.run(choices) as Violated<A> }, runsExecuted, steps };
}

/**
 * fast-check's shrinking of a failing run, restarted from its path. A candidate counts
 * as failing only when its *first* violation is the same property, so the final path
 * names a run that `searchRuns` replays to the same counterexample. And only when it is
 * no longer than the best so far: shrinking then never trades a smaller choice list for
 * a longer trace, and a candidate that no longer fails is cut off early instead of
 * running to its full length.
 */
export function shrinkRun<S, A extends Action>(
  runner: ChoiceRunner<S, A>,
  arb: fc.Arbitrary<Choices>,
  settings: FastCheckSettings,
  found: FailingRun<A>,
): FailingRun<A> {
  const guard = new Guard();
  const property = found.outcome.property;
  let best = found.outcome.path.length - 1;
  const out = fc.check(
    fc.property(arb, (c) =>
      guard.run(() => {
        const o = runner.run(c, undefined, best);
        if (!(o.kind === 'violation' && o.property === property)) return true;
        best = o.path.length - 1;
        return false;
      }),
    ),
    { seed: settings.seed, numRuns: settings.runs, path: found.path },
  );
  guard.rethrow();
  if (!out.failed || out.counterexample === null || out.counterexamplePath === null) return found;
  const [choices] = out.counterexample;
  return { choices, path: out.counterexamplePath, outcome: runner.run(choices) as Violated<A> };
}
