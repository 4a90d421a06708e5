import { EffectCounter } from '../model/effects.js';
import type { Action } from '../model/action.js';
import type { Model } from '../model/model.js';
import { fail } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { Workload } from './workload.js';

export interface CostOptions {
  /** Independent connections, each from the initial state. */
  readonly walks: number;
  /** Requests submitted on each connection before it drains and closes. */
  readonly requestsPerWalk: number;
  readonly seed: number;
}

/** The blkif workload's walks; a workload states its own ({@link Workload.options}). */
export const DEFAULT_COST_OPTIONS: CostOptions = { walks: 4, requestsPerWalk: 500, seed: 1 };

/** What a measurement counted, over all walks. */
export interface CostMeasurement {
  readonly model: string;
  readonly options: CostOptions;
  readonly submitted: number;
  readonly completed: number;
  readonly steps: number;
  /** Effect name -> total count. */
  readonly totals: Readonly<Record<string, number>>;
  /** Effect name -> total / completed requests (0 when nothing completed). */
  readonly perRequest: Readonly<Record<string, number>>;
  /** Walks that reached a state with no I/O action enabled before all their requests were submitted and drained. */
  readonly stalledWalks: number;
}

/** A walk that takes more steps than this per request is treated as stalled (a livelock in the I/O half). */
const MAX_STEPS_PER_REQUEST = 200;

/**
 * Drives `model` through `workload` (see {@link Workload}) on `walks` connections and
 * counts the effects its transitions report. Deterministic: the same model, workload
 * and options give the same counts. Throws BAD_MODEL when the model reports no effects,
 * lacks an action type the workload names, or a connect/close step is not enabled.
 */
export function measureCost<S, A extends Action>(
  model: Model<S, A>,
  workload: Workload,
  options: CostOptions = workload.options,
): CostMeasurement {
  const effectsOf = model.effects?.bind(model);
  if (!effectsOf) return fail('BAD_MODEL', `${model.name} reports no effects: cannot measure costs`);
  const known = new Set(model.actionTypes ?? []);
  const optional = new Set(workload.optional);
  for (const t of [...workload.connect, ...workload.lifecycle, ...workload.submit, ...workload.close]) {
    if (!known.has(t) && !optional.has(t)) fail('BAD_MODEL', `${model.name} has no action ${t}, which the ${workload.model} cost workload names`);
  }
  const lifecycle = new Set(workload.lifecycle);
  const submit = new Set(workload.submit);
  const counter = new EffectCounter();
  const rng = new Rng(options.seed);
  let steps = 0;
  let submitted = 0;
  let stalledWalks = 0;

  for (let w = 0; w < options.walks; w++) {
    const inits = model.initStates();
    if (inits.length === 0) fail('BAD_MODEL', `${model.name} has no initial state`);
    let state: S = inits[rng.below(inits.length)] as S;
    const take = (a: A): void => {
      effectsOf(state, a, counter);
      state = model.nextState(state, a);
      steps++;
    };
    const fireFixed = (phase: string, type: string): void => {
      const a = model.actions(state).find((x) => x.type === type);
      if (!a) fail('BAD_MODEL', `${model.name}: the cost workload's ${phase} step ${type} is not enabled`);
      take(a);
    };
    /** Random steps among the allowed actions until `done` holds, no allowed action is enabled, or the budget runs out. */
    const randomPhase = (allowed: (a: A) => boolean, done: () => boolean, budget: number): 'done' | 'stuck' | 'budget' => {
      for (let i = 0; i < budget; i++) {
        if (done()) return 'done';
        const enabled = model.actions(state).filter(allowed);
        if (enabled.length === 0) return 'stuck';
        const a = enabled[rng.below(enabled.length)]!;
        if (submit.has(a.type)) submitted++;
        take(a);
      }
      return done() ? 'done' : 'budget';
    };

    for (const t of workload.connect) fireFixed('connect', t);
    const target = submitted + options.requestsPerWalk;
    const budget = options.requestsPerWalk * MAX_STEPS_PER_REQUEST;
    const io = (a: A): boolean => !lifecycle.has(a.type);
    // Submit the walk's requests, then drain: run the I/O actions other than submissions until none is enabled.
    const ran = randomPhase(io, () => submitted >= target, budget) === 'done';
    if (!ran || randomPhase((a) => io(a) && !submit.has(a.type), () => false, budget) !== 'stuck') {
      stalledWalks++;
      continue;
    }
    for (const t of workload.close) fireFixed('close', t);
    // Let what the close left pending (a deferred flush) happen too.
    randomPhase((a) => io(a) && !submit.has(a.type), () => false, budget);
  }

  const totals: Record<string, number> = Object.fromEntries([...counter.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  const completed = counter.get(workload.completed);
  const perRequest: Record<string, number> = {};
  for (const [k, v] of Object.entries(totals)) perRequest[k] = completed > 0 ? v / completed : 0;
  return { model: model.name, options, submitted, completed, steps, totals, perRequest, stalledWalks };
}
