import type { PropertyOutcome } from '../explore/result.js';
import { toItf } from '../trace/itf.js';
import { renderTraceText } from '../trace/text.js';
import type { TraceOrigin } from '../trace/trace.js';
import type { JsonObject } from '../util/json.js';
import type { Reproduction, SimulationResult } from './result.js';

/**
 * The command that reproduces a simulation's counterexample: the same model instance,
 * seed, depth, weights and deadlock setting, plus the counterexample's `--path`.
 * `sets` are the `--set` values as the user gave them (default: every parameter).
 */
export function reproduceCommand(origin: TraceOrigin, r: Reproduction, sets?: Readonly<Record<string, string>>): string {
  const parts = ['gntcheck simulate', `--model ${origin.model}`];
  const given = sets ?? Object.fromEntries(Object.entries(origin.params).map(([k, v]) => [k, String(v)]));
  for (const [k, v] of Object.entries(given)) parts.push(`--set ${k}=${v}`);
  if (origin.variant !== null) parts.push(`--variant ${origin.variant}`);
  parts.push(`--depth ${r.depth}`, `--seed ${r.seed}`);
  for (const [type, w] of Object.entries(r.weights)) parts.push(`--weight ${type}=${w}`);
  if (!r.deadlock) parts.push('--no-deadlock');
  if (r.path !== null) parts.push(`--path ${r.path}`);
  return parts.join(' ');
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function outcomeLine(p: PropertyOutcome, runs: number, result: SimulationResult): string {
  const sample = `in ${runs} run${runs === 1 ? '' : 's'}`;
  switch (p.status) {
    case 'violated': {
      const v = result.status === 'violation' ? result.violation : null;
      const how = v === null ? '' : v.fromPath ? ` (reproduced from --path ${v.counterexamplePath})` : ` in run ${v.run}; shrunk from ${v.foundLength} to ${v.length} steps (${v.choiceShrunkLength} after fast-check's shrinking)`;
      return `  FAIL ${p.name} (${p.kind}): violated${how}`;
    }
    case 'reached':
      return `  ok   ${p.name} (${p.kind}): reached in ${p.length} steps`;
    default:
      return `       ${p.name} (${p.kind}): ${p.kind === 'sometimes' ? 'not reached' : 'not violated'} ${sample}`;
  }
}

/**
 * A simulation as a human reads it: a headline, each property, warnings, then the
 * shrunk counterexample exactly as `check` prints one, and how to reproduce it.
 * `replayHint` is the `gntcheck replay` command when the trace was written to a file.
 */
export function renderSimulationText(result: SimulationResult, reproduce: string | null, replayHint?: string): string {
  const status = result.status === 'ok' ? 'no violation found' : 'VIOLATION';
  const lines = [
    `${result.model}: ${status} (simulation)`,
    `  ${result.runsExecuted} run${result.runsExecuted === 1 ? '' : 's'} of up to ${result.depth} steps, seed ${result.seed}: ` +
      `${result.steps.toLocaleString('en-US')} steps, ${formatMs(result.durationMs)}`,
    ...result.properties.map((p) => outcomeLine(p, result.runsExecuted, result)),
  ];
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  if (result.status === 'violation') {
    lines.push('', renderTraceText(result.violation.trace, replayHint));
    if (reproduce !== null) lines.push(`  reproduce: ${reproduce}`);
  }
  return lines.join('\n');
}

/**
 * The machine-readable form of a simulation. Shares `check --json`'s field names
 * (`status`, `model`, `properties`, `violations` with `property`, `kind`, `length`,
 * `message` and an ITF `trace`, `witnesses`, `fired`, `warnings`) and adds what is
 * particular to sampling: runs, depth, seed, and for the violation the run that found
 * it, its length before shrinking and the fast-check path that reproduces it.
 */
export function simulationToJson(result: SimulationResult, reproduce: string | null): JsonObject {
  const v = result.status === 'violation' ? result.violation : null;
  return {
    status: result.status,
    model: { id: result.origin.model, params: { ...result.origin.params }, variant: result.origin.variant, name: result.model },
    strategy: 'simulate',
    runs: result.runs,
    runsExecuted: result.runsExecuted,
    depth: result.depth,
    seed: result.seed,
    steps: result.steps,
    durationMs: Math.round(result.durationMs * 10) / 10,
    properties: result.properties.map((p) => ({ name: p.name, kind: p.kind, status: p.status, length: p.length })),
    violations: v
      ? [
          {
            property: v.property,
            kind: v.kind,
            length: v.length,
            message: v.message,
            run: v.run,
            foundLength: v.foundLength,
            choiceShrunkLength: v.choiceShrunkLength,
            shrinks: v.shrinks,
            path: v.counterexamplePath,
            trace: toItf(v.trace),
          },
        ]
      : [],
    witnesses: result.witnesses.map((w) => ({ property: w.property, length: w.steps.length - 1, trace: toItf(w) })),
    fired: { ...result.fired },
    warnings: [...result.warnings],
    reproduce,
  };
}
