import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { instantiate, type ModelDefinition } from '../model/definition.js';
import { replayTrace } from '../trace/replay.js';
import { simulate } from './simulate.js';

/** The part of a spec file the simulation evidence reads. */
export interface ViolationSpec {
  readonly name: string;
  readonly model: string;
  readonly params: Record<string, unknown>;
  readonly variant?: string;
  /** Expected violations with their BFS-shortest lengths (null: a witness never reached). */
  readonly expect: { readonly violations: Record<string, number | null> };
}

/** The specs in `dir` for `model` that expect a violation, by file name. */
export function specsWithViolations(dir: string, model: string): ViolationSpec[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ViolationSpec)
    .filter((s) => s.model === model && Object.keys(s.expect.violations).length > 0);
}

/** What one simulation of a spec found, beside what the spec says BFS finds. */
export interface SpecEvidence {
  readonly property: string;
  /** The run (1-based) that violated it first. */
  readonly run: number;
  /** The shrunk counterexample's length. */
  readonly length: number;
  /** The spec's BFS-shortest length for that property; undefined if it expects none. */
  readonly bfs: number | null | undefined;
  /** Whether the shrunk trace replays on the model and violates the property at its end. */
  readonly replays: boolean;
}

/**
 * The evidence the issue asks for: the trace replays as a counterexample of a property
 * the spec expects, at least as long as BFS's shortest and at most twice as long.
 */
export function withinTwiceBfs(e: SpecEvidence): boolean {
  return e.replays && typeof e.bfs === 'number' && e.length >= e.bfs && e.length <= 2 * e.bfs;
}

/**
 * Simulates `spec` (N runs of depth D with `weights`, up to the model's action types)
 * and reports what the first violation was; throws when no run violated anything.
 */
export function simulateSpec(
  definition: ModelDefinition,
  spec: ViolationSpec,
  settings: { readonly runs: number; readonly depth: number; readonly seed: number; readonly weights?: Readonly<Record<string, number>> },
): SpecEvidence {
  const { model, origin } = instantiate(definition, spec.params, spec.variant ?? null);
  const types = model.actionTypes ?? [];
  const weights = Object.fromEntries(Object.entries(settings.weights ?? {}).filter(([t]) => types.includes(t)));
  const r = simulate(model, { runs: settings.runs, depth: settings.depth, seed: settings.seed, weights }, origin);
  if (r.status !== 'violation') throw new Error(`${spec.name}: no violation in ${settings.runs} runs`);
  const v = r.violation;
  const replay = replayTrace(model, v.trace);
  return {
    property: v.property,
    run: v.run,
    length: v.length,
    bfs: spec.expect.violations[v.property],
    replays: replay.ok && replay.propertyReproduced === true,
  };
}
