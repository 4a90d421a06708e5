import { kernelFor } from '../kernel/kernelFor.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { DEADLOCK, discoveryIsFailure, type PropertyKind } from '../model/property.js';
import { MemoryBoundReached, MemoryBudget } from '../store/budget.js';
import { FingerprintStore } from '../store/fingerprintStore.js';
import { FullStateStore } from '../store/fullStore.js';
import type { StateStore } from '../store/store.js';
import { TraceLog } from '../store/traceLog.js';
import { rebuildSteps } from '../trace/rebuild.js';
import type { Trace, TraceOrigin } from '../trace/trace.js';
import { bfs } from './bfs.js';
import { dfs } from './dfs.js';
import { resolveOptions, type CheckOptions } from './options.js';
import { PropertyTracker, type Discovery } from './propertyTracker.js';
import { randomWalks } from './random.js';
import type { CheckResult, PropertyOutcome, Stats, Violation } from './result.js';
import { Search } from './search.js';

/**
 * Explores `model` and decides each of its properties. Never throws for a bound:
 * hitting states, depth, time or memory returns what was found, marked incomplete.
 * Throws GntcheckError for bad input (malformed model, a property or model function
 * that throws, a nondeterministic model).
 */
export function check<S, A extends Action>(
  model: Model<S, A>,
  given: Partial<CheckOptions> = {},
  origin: TraceOrigin = { model: model.name, params: {}, variant: null },
): CheckResult {
  const options = resolveOptions(given);
  const warnings: string[] = [];
  const symmetric = options.symmetry && model.packed?.canonicalize !== undefined;
  if (options.symmetry && !symmetric) warnings.push(`${model.name} declares no symmetry; --symmetry has no effect`);
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
    warnings.push(`stopped at the memory bound of ${options.maxMemoryBytes} bytes`);
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

  const violations: Violation[] = [];
  const witnesses: Trace[] = [];
  const outcomes: PropertyOutcome[] = [];
  const declared: { name: string; kind: PropertyKind; doc: string | null }[] = model.properties.map((p) => ({
    name: p.name,
    kind: p.kind,
    doc: p.doc ?? null,
  }));
  if (options.deadlock) declared.push({ name: DEADLOCK, kind: 'deadlock', doc: 'every reachable state has a successor' });
  for (const p of declared) {
    const d = tracker.discoveries.get(p.name);
    if (d) {
      const trace = traceOf(d);
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

  const never = kernel.families.filter((_, i) => search.fired[i] === 0);
  if (never.length > 0) {
    warnings.push(`actions that never fired${complete ? '' : ' (run incomplete)'}: ${never.join(', ')}`);
  }
  if (store.kind === 'fingerprint') {
    warnings.push(`fingerprint store: probability that a state was missed <= ${store.omissionProbability().toExponential(2)}`);
  }

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
  if (violations.length > 0) return { ...base, status: 'violation', violations, incompleteReason: search.stopReason };
  if (search.stopReason !== null) return { ...base, status: 'incomplete', incompleteReason: search.stopReason };
  return { ...base, status: 'ok' };
}

function statsOf<S, A extends Action>(
  search: Search<S, A>,
  store: StateStore,
  log: TraceLog,
  kernel: Kernel<S, A>,
  durationMs: number,
): Stats {
  const states = store.count;
  const storeBytes = store.bytes() + log.bytes() + kernel.bytes();
  const fired: Record<string, number> = {};
  kernel.families.forEach((f, i) => (fired[f] = search.fired[i]!));
  return {
    states,
    initialStates: search.initialStates,
    transitions: search.transitions,
    depth: search.maxDepth,
    durationMs,
    statesPerSecond: durationMs > 0 ? (states / durationMs) * 1000 : 0,
    storeBytes,
    bytesPerState: states > 0 ? storeBytes / states : 0,
    fired,
    store: store.kind,
    omissionProbability: store.omissionProbability(),
  };
}
