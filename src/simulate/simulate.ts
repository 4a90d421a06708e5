import type { PropertyOutcome } from '../explore/result.js';
import type { Kernel } from '../kernel/kernel.js';
import { kernelFor } from '../kernel/kernelFor.js';
import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { DEADLOCK, type PropertyKind } from '../model/property.js';
import { rebuildSteps } from '../trace/rebuild.js';
import type { Trace, TraceOrigin } from '../trace/trace.js';
import { choicesArb } from './choices.js';
import { dropUnneededActions } from './dropActions.js';
import { searchRuns, shrinkRun } from './fastCheckRuns.js';
import { resolveSimulateOptions, type SimulateOptions } from './options.js';
import type { SimulatedViolation, SimulationResult } from './result.js';
import { ChoiceRunner, type RunObserver } from './runChoices.js';
import { stepperFor } from './stepper.js';

/**
 * Random exploration with fast-check: up to `runs` runs of up to `depth` random
 * actions, every property checked along each. The first run that violates a property
 * is shrunk to a short run whose first violation is the same property (fast-check's
 * shrinking of the choices, then dropping actions the violation does not need) and
 * returned as a trace exactly like the checker's: the same slot path, so `gntcheck
 * replay` replays it, and the same text and ITF renderings.
 *
 * Reproducible: the same seed, depth and weights draw the same runs, and `path` (the
 * returned `counterexamplePath`) replays the shrunk run, which the deterministic
 * dropping pass then turns into the same trace. Throws GntcheckError for bad options
 * or a model or property that throws.
 */
export function simulate<S, A extends Action>(
  model: Model<S, A>,
  given: Partial<SimulateOptions> = {},
  origin: TraceOrigin = { model: model.name, params: {}, variant: null },
): SimulationResult {
  const options = resolveSimulateOptions(given);
  const started = performance.now();
  const stepper = stepperFor(model);
  const runner = new ChoiceRunner(stepper, options.weights, options.deadlock);
  const arb = choicesArb(options.depth);
  const settings = { seed: options.seed, runs: options.runs, path: options.path };

  const witnessPaths = new Map<string, readonly number[]>();
  const fired: number[] = [];
  const observer: RunObserver = {
    fired: (f) => (fired[f] = (fired[f] ?? 0) + 1),
    wantsWitness: (name) => !witnessPaths.has(name),
    witness: (name, path) => witnessPaths.set(name, path),
  };
  const search = searchRuns(runner, arb, settings, observer);

  let kernel: Kernel<S, A> | null = null;
  /** The checker's trace for a slot path: states rebuilt by replay, as `check` builds its own. */
  const traceOf = (property: string, kind: PropertyKind, path: readonly number[]): Trace => {
    kernel ??= kernelFor(model, false);
    return { origin, property, kind, steps: rebuildSteps(kernel, path, false, null), path: path.join('/') };
  };

  const warnings: string[] = [];
  if (options.path !== null && search.failing === null) {
    warnings.push(
      `the run at --path ${options.path} violates nothing with these options ` +
        '(reproduce with the seed, --depth and --weight of the original run)',
    );
  }
  let violation: SimulatedViolation | null = null;
  if (search.failing !== null) {
    const found = search.failing;
    const shrunk = options.shrink && options.path === null ? shrinkRun(runner, arb, settings, found) : found;
    if (options.path !== null && found.path !== options.path) {
      warnings.push(
        `the run at --path ${options.path} violates nothing with these options; reporting the next failing run, ${found.path} ` +
          '(reproduce with the seed, --depth and --weight of the original run)',
      );
    }
    const final = options.shrink ? dropUnneededActions(runner, shrunk.outcome) : shrunk.outcome;
    const trace = traceOf(final.property, final.propertyKind, final.path);
    const length = trace.steps.length - 1;
    const segments = shrunk.path.split(':');
    const run = Number(segments[0]) + 1;
    const foundLength = found.outcome.path.length - 1;
    const how = options.path !== null ? `reproduced from path ${shrunk.path}` : `run ${run}, shrunk from ${foundLength} steps`;
    violation = {
      property: final.property,
      kind: final.propertyKind,
      length,
      trace,
      message: `${final.property} violated after ${length} steps (simulation ${how})`,
      foundLength,
      choiceShrunkLength: shrunk.outcome.path.length - 1,
      run,
      shrinks: segments.length - 1,
      counterexamplePath: shrunk.path,
      fromPath: options.path !== null,
    };
  }

  const families = stepper.families;
  const firedByType: Record<string, number> = {};
  families.forEach((f, i) => (firedByType[f] = fired[i] ?? 0));
  const never = families.filter((_, i) => fired[i] === undefined);
  if (never.length > 0 && options.path === null) {
    warnings.push(`actions that never fired in ${search.runsExecuted} runs: ${never.join(', ')}`);
  }

  const witnesses: Trace[] = [];
  const properties: PropertyOutcome[] = [];
  const declared: { name: string; kind: PropertyKind; doc: string | null }[] = model.properties.map((p) => ({
    name: p.name,
    kind: p.kind,
    doc: p.doc ?? null,
  }));
  if (options.deadlock) declared.push({ name: DEADLOCK, kind: 'deadlock', doc: 'every reachable state has a successor' });
  for (const p of declared) {
    const witness = witnessPaths.get(p.name);
    if (violation !== null && violation.property === p.name) {
      properties.push({ name: p.name, kind: p.kind, status: 'violated', length: violation.length, doc: p.doc });
    } else if (witness !== undefined) {
      const trace = traceOf(p.name, 'sometimes', witness);
      witnesses.push(trace);
      properties.push({ name: p.name, kind: p.kind, status: 'reached', length: trace.steps.length - 1, doc: p.doc });
    } else {
      properties.push({ name: p.name, kind: p.kind, status: 'unknown', length: null, doc: p.doc });
    }
  }

  const base = {
    model: model.name,
    origin,
    runs: options.runs,
    depth: options.depth,
    seed: options.seed,
    runsExecuted: search.runsExecuted,
    steps: search.steps,
    durationMs: performance.now() - started,
    properties,
    witnesses,
    fired: firedByType,
    warnings,
    reproduction: {
      seed: options.seed,
      depth: options.depth,
      weights: { ...options.weights },
      deadlock: options.deadlock,
      path: violation?.counterexamplePath ?? null,
    },
  };
  return violation === null ? { ...base, status: 'ok' } : { ...base, status: 'violation', violation };
}
