import { kernelFor } from '../kernel/kernelFor.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { MemoryBoundReached, MemoryBudget } from '../store/budget.js';
import { FingerprintStore } from '../store/fingerprintStore.js';
import { FullStateStore } from '../store/fullStore.js';
import type { StateStore } from '../store/store.js';
import { TraceLog } from '../store/traceLog.js';
import { checkParallel } from '../parallel/checkParallel.js';
import { registryRecipe } from '../parallel/recipe.js';
import { rebuildSteps } from '../trace/rebuild.js';
import type { Trace, TraceOrigin } from '../trace/trace.js';
import { bfs } from './bfs.js';
import { dfs } from './dfs.js';
import { resolveOptions, type CheckOptions } from './options.js';
import { PropertyTracker, type Discovery } from './propertyTracker.js';
import { randomWalks } from './random.js';
import {
  decideProperties,
  memoryWarning,
  noSymmetryWarning,
  resultOf,
  statsFrom,
} from './outcomes.js';
import type { CheckResult, Stats } from './result.js';
import { Search } from './search.js';

/**
 * Explores `model` and decides each of its properties. Never throws for a bound:
 * hitting states, depth, time or memory returns what was found, marked incomplete.
 * Throws GntcheckError for bad input (malformed model, a property or model function
 * that throws, a nondeterministic model).
 *
 * With `workers` > 1 the run is handed to the parallel explorer (src/parallel), whose
 * threads rebuild the model from `origin`, which must then name a registry instance
 * (models/index.ts) that builds a model of the same name.
 */
export function check<S, A extends Action>(
  model: Model<S, A>,
  given: Partial<CheckOptions> = {},
  origin: TraceOrigin = { model: model.name, params: {}, variant: null },
): CheckResult {
  const options = resolveOptions(given);
  // Models are code: each worker thread rebuilds this one from its origin (registry id, parameters, variant).
  if (options.workers > 1) return checkParallel(registryRecipe(origin), given, model.name);
  const warnings: string[] = [];
  const symmetric = options.symmetry && model.packed?.canonicalize !== undefined;
  if (options.symmetry && !symmetric) warnings.push(noSymmetryWarning(model.name));
  const kernel = kernelFor(model, symmetric);
  const budget = new MemoryBudget(options.maxMemoryBytes);
  const store: StateStore =
    options.store === 'full' ? new FullStateStore(kernel.words, budget) : new FingerprintStore(kernel.words, budget);
  const log = new TraceLog(budget);
  const tracker = new PropertyTracker(model, options.deadlock, options.stopAtFirst);
  const search = new Search(kernel, store, log, tracker, options);
  try {
    switch (options.strategy) {
      case 'bfs':
        bfs(search, budget);
        break;
      case 'dfs':
        dfs(search, budget);
        break;
      case 'random':
        randomWalks(search);
        if (search.stopReason === null) search.stopReason = 'sampled';
        break;
    }
  } catch (err) {
    if (!(err instanceof MemoryBoundReached)) throw err;
    search.stopReason = 'memory';
    warnings.push(memoryWarning(options.maxMemoryBytes));
  }
  const durationMs = search.elapsedMs();
  const complete = search.stopReason === null;

  const traceOf = (d: Discovery): Trace => {
    const path = log.pathTo(d.stateId);
    if (d.slot >= 0) path.push(d.slot);
    const expected = d.slot < 0 && store.readable ? { buffer: store.bufferOf(d.stateId), offset: store.offsetOf(d.stateId) } : null;
    const steps = rebuildSteps(kernel, path, symmetric, expected);
    return { origin, property: d.name, kind: d.kind, steps, path: path.join('/') };
  };

  const { violations, witnesses, outcomes } = decideProperties(model, options.deadlock, tracker.discoveries, complete, traceOf, symmetric);
  const stats = statsOf(search, store, log, kernel, durationMs);

  const base = {
    model: model.name,
    strategy: options.strategy,
    stats,
    properties: outcomes,
    witnesses,
    warnings,
    complete,
  };
  return resultOf(base, violations, search.stopReason);
}

function statsOf<S, A extends Action>(
  search: Search<S, A>,
  store: StateStore,
  log: TraceLog,
  kernel: Kernel<S, A>,
  durationMs: number,
): Stats {
  const fired: Record<string, number> = {};
  kernel.families.forEach((f, i) => (fired[f] = search.fired[i]!));
  return statsFrom({
    states: store.count,
    initialStates: search.initialStates,
    transitions: search.transitions,
    depth: search.maxDepth,
    durationMs,
    storeBytes: store.bytes() + log.bytes() + kernel.bytes(),
    fired,
    store: store.kind,
    omissionProbability: store.omissionProbability(),
  });
}
