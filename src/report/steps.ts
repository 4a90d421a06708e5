import type { StepEffects } from '../cost/traceEffects.js';
import { diffStates, formatValue } from '../trace/diff.js';
import type { Trace } from '../trace/trace.js';

/** One numbered step of a counterexample as the reports show it. */
export interface StepRow {
  /** 1 for the first action; the initial state is not a row. */
  readonly index: number;
  readonly actor: string | null;
  readonly label: string;
  /** Top-level state field -> `path: before → after`, in the order the state lists its fields. */
  readonly changes: readonly { readonly field: string; readonly text: string }[];
  /** Effect name -> count, when the model reports effects. */
  readonly effects: StepEffects;
  /** The property breaks at this step (the last step of a counterexample). */
  readonly breaks: boolean;
}

/** `slots[0].gref` -> `slots`, `tlb[1][0]` -> `tlb`. */
export function topField(path: string): string {
  const m = /^[^.[]*/.exec(path);
  return m ? m[0] : path;
}

/** The steps of a trace with what each changed; `effects` is per step (index 0 unused), or null. */
export function stepRows(trace: Trace, effects: readonly StepEffects[] | null): StepRow[] {
  const last = trace.steps.length - 1;
  return trace.steps.slice(1).map((step, k) => {
    const i = k + 1;
    const changes = diffStates(trace.steps[i - 1]!.state, step.state).map((c) => ({
      field: topField(c.path),
      text: `${c.path}: ${formatValue(c.before)} → ${formatValue(c.after)}`,
    }));
    return {
      index: i,
      actor: step.actor,
      label: step.label ?? step.action?.type ?? '',
      changes,
      effects: effects?.[i] ?? {},
      breaks: i === last && trace.kind !== 'sometimes',
    };
  });
}

/** What the report says happens at the breaking step. */
export function breakText(trace: Trace): string {
  switch (trace.kind) {
    case 'always':
      return `invariant ${trace.property} fails here`;
    case 'action':
      return `action property ${trace.property} fails at this step`;
    case 'deadlock':
      return 'deadlock: no action is enabled after this step';
    case 'sometimes':
      return `${trace.property} is reached here`;
  }
}

/** The initial state, one top-level field a line: `fe = Initialising`, `pin = [0,0,0]`. */
export function initialStateLines(trace: Trace): string[] {
  const state = trace.steps[0]!.state;
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return [JSON.stringify(state)];
  return Object.entries(state).map(([k, v]) => `${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`);
}
