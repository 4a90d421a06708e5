import type { JsonValue } from '../util/json.js';
import { diffStates, formatValue } from './diff.js';
import type { Trace } from './trace.js';

function describeOrigin(trace: Trace): string {
  const params = Object.entries(trace.origin.params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return `${trace.origin.model}${params ? ' ' + params : ''}${trace.origin.variant ? ` variant=${trace.origin.variant}` : ''}`;
}

function headline(trace: Trace): string {
  const n = trace.steps.length - 1;
  const steps = `${n} step${n === 1 ? '' : 's'}`;
  switch (trace.kind) {
    case 'always':
      return `Counterexample: invariant ${trace.property} fails after ${steps}`;
    case 'action':
      return `Counterexample: action property ${trace.property} fails at step ${n}`;
    case 'deadlock':
      return `Counterexample: deadlock (no action enabled) after ${steps}`;
    case 'sometimes':
      return `Witness: ${trace.property} reached after ${steps}`;
  }
}

/** Top-level fields of a state, one per line, arrays inline. */
function stateLines(state: JsonValue, indent: string): string[] {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return [`${indent}${JSON.stringify(state)}`];
  return Object.entries(state).map(([k, v]) => `${indent}${k} = ${formatValue(v)}`);
}

/**
 * The trace as numbered steps: the initial state in full, then for each step who
 * took which action and only the fields it changed. The step where the property
 * breaks is marked.
 */
export function renderTraceText(trace: Trace, replayHint?: string): string {
  const lines: string[] = [headline(trace), `  model: ${describeOrigin(trace)}`];
  const width = String(trace.steps.length - 1).length;
  const last = trace.steps.length - 1;
  trace.steps.forEach((step, i) => {
    const no = String(i).padStart(width);
    if (i === 0) {
      lines.push(`  ${no}  initial state`);
      lines.push(...stateLines(step.state, ' '.repeat(width + 6)));
      return;
    }
    const who = step.actor ? `[${step.actor}] ` : '';
    const mark = i === last && trace.kind !== 'sometimes' ? `   <-- ${trace.property} ${trace.kind === 'deadlock' ? 'reached' : 'fails'} here` : '';
    lines.push(`  ${no}  ${who}${step.label ?? ''}${mark}`);
    const changes = diffStates(trace.steps[i - 1]!.state, step.state);
    if (changes.length === 0) lines.push(`${' '.repeat(width + 6)}(no change: a self-loop)`);
    for (const c of changes) lines.push(`${' '.repeat(width + 6)}${c.path}: ${formatValue(c.before)} -> ${formatValue(c.after)}`);
  });
  lines.push(`  path: ${trace.path}`);
  if (replayHint) lines.push(`  replay: ${replayHint}`);
  return lines.join('\n');
}
