import { kernelFor } from '../kernel/kernelFor.js';
import {
  decideProperties,
  memoryWarning,
  noSymmetryWarning,
  resultOf,
  statsFrom,
} from '../explore/outcomes.js';
import type { Discovery } from '../explore/propertyTracker.js';
import type { CheckResult, IncompleteReason } from '../explore/result.js';
import { rebuildSteps } from '../trace/rebuild.js';
import type { Trace } from '../trace/trace.js';
import { fail, GntcheckError } from '../util/errors.js';
import { startExplorers } from './explorers.js';
import { exploreLevels } from './levels.js';
import type { CoordinatorData } from './messages.js';
import { buildRecipe } from './recipe.js';
import { SharedRun } from './shared.js';
import { Tally } from './tally.js';
import { storedPath, type StoredPath } from './tracePaths.js';

/**
 * A parallel run, on the coordinator thread: builds the model (for its properties and
 * to rebuild traces), starts the explorers, drives the levels, fetches the stored path
 * of each kept discovery and rebuilds its trace with a kernel of its own, exactly as
 * the sequential checker does; then decides the properties with the same code. The
 * explorers are always terminated, whatever happens.
 */
export async function coordinate(data: CoordinatorData): Promise<CheckResult> {
  const started = performance.now();
  const options = data.options;
  const workers = options.workers;
  const deadline = Date.now() + options.timeoutMs;
  const { model, origin } = await buildRecipe(data.recipe).catch((err: unknown) => {
    if (data.expectName === null || !(err instanceof GntcheckError) || err.code !== 'UNKNOWN_MODEL') throw err;
    return fail('BAD_OPTION', `workers > 1 rebuilds the model in each thread from its origin, which names no registered model: ${err.message}`);
  });
  if (data.expectName !== null && model.name !== data.expectName) {
    fail('BAD_OPTION', `workers rebuild the model from its origin (${origin.model}), which builds ${model.name}, not ${data.expectName}`);
  }
  if (!model.packed) fail('BAD_OPTION', `${model.name} has no packed form; parallel exploration sends states between workers as packed words`);
  const warnings: string[] = [];
  const symmetric = options.symmetry && model.packed.canonicalize !== undefined;
  if (options.symmetry && !symmetric) warnings.push(noSymmetryWarning(model.name));
  const kernel = kernelFor(model, symmetric);
  const shared = new SharedRun(data.shared, workers);
  const tally = new Tally();

  const pool = startExplorers(workers, { recipe: data.recipe, options, workers, shared: data.shared, deadline });
  let stopReason: IncompleteReason | null = null;
  let durationMs = 0;
  const paths = new Map<string, StoredPath>();
  try {
    stopReason = await exploreLevels(pool, shared, tally, options, started);
    durationMs = performance.now() - started;
    if (options.stopAtFirst) tally.keepShortestFailures();
    for (const d of tally.discoveries.values()) paths.set(d.name, await storedPath(pool, d));
  } finally {
    await pool.close();
  }
  if (stopReason === 'memory') warnings.push(memoryWarning(options.maxMemoryBytes));
  const complete = stopReason === null;

  const traceOf = (d: Discovery): Trace => {
    const { path, expected } = paths.get(d.name)!;
    const steps = rebuildSteps(kernel, path, symmetric, expected === null ? null : { buffer: expected, offset: 0 });
    return { origin, property: d.name, kind: d.kind, steps, path: path.join('/') };
  };
  const { violations, witnesses, outcomes } = decideProperties(model, options.deadlock, tally.discoveries, complete, traceOf, symmetric);
  const stats = statsFrom({
    states: tally.states,
    initialStates: tally.initialStates,
    transitions: tally.transitions,
    depth: tally.depth,
    durationMs,
    storeBytes: tally.storeBytes + kernel.bytes(),
    fired: tally.fired(kernel.families),
    store: options.store,
    omissionProbability: options.store === 'full' ? 0 : tally.omissionProbability(),
  });

  const base = {
    model: model.name,
    strategy: options.strategy,
    stats,
    properties: outcomes,
    witnesses,
    warnings,
    complete,
    parallel: { workers, shortestGuaranteed: true },
  };
  return resultOf(base, violations, stopReason);
}
