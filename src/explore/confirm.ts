import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { replayTrace } from '../trace/replay.js';
import type { Trace } from '../trace/trace.js';
import { GntcheckError } from '../util/errors.js';

/**
 * Re-runs a trace the checker is about to report, through the model's plain interface
 * (what `gntcheck replay` does), and checks that its property fails (or, for a
 * witness, holds) at its end. The run samples only some states for determinism, and
 * a trace is rebuilt by replaying slot numbers, so a model that is nondeterministic
 * where it was not sampled could otherwise yield a trace that shows nothing, or that
 * ends somewhere else. Such a trace is never reported: it is an error naming the
 * property. Under symmetry reduction the same failure can instead mean that the
 * property does not respect the symmetry, and the message says so.
 */
export function confirmTrace<S, A extends Action>(model: Model<S, A>, trace: Trace, symmetric: boolean): Trace {
  const what = trace.kind === 'sometimes' ? 'witness for' : 'counterexample to';
  const replay = replayTrace(model, trace);
  if (!replay.ok) {
    throw new GntcheckError(
      'NONDETERMINISTIC_MODEL',
      `${model.name}: the ${what} ${trace.property} does not replay (${replay.message}): the model gave different actions or successors for the same state`,
    );
  }
  if (replay.propertyReproduced === false) {
    const shows = trace.kind === 'sometimes' ? 'reach' : trace.kind === 'deadlock' ? 'end in a deadlock' : `violate ${trace.property}`;
    const why = symmetric
      ? `${trace.property} may not respect the model's symmetry (run without --symmetry), or the model is nondeterministic`
      : 'the model gave different actions or successors for the same state';
    throw new GntcheckError(
      symmetric ? 'BAD_MODEL' : 'NONDETERMINISTIC_MODEL',
      `${model.name}: the ${what} ${trace.property} replays but does not ${shows}${trace.kind === 'sometimes' ? ` ${trace.property}` : ''} at its end: ${why}`,
    );
  }
  return trace;
}
