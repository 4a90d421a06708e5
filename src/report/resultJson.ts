import type { CheckResult } from '../explore/result.js';
import type { TraceOrigin } from '../trace/trace.js';
import { toItf } from '../trace/itf.js';
import type { JsonObject } from '../util/json.js';

/**
 * The machine-readable form of one run, as `check --json` prints it and the run
 * summary repeats per spec. Field names are a contract other tools depend on.
 */
export function resultToJson(result: CheckResult, origin: TraceOrigin): JsonObject {
  const violations = result.status === 'violation' ? result.violations : [];
  return {
    status: result.status,
    model: { id: origin.model, params: { ...origin.params }, variant: origin.variant, name: result.model },
    strategy: result.strategy,
    parallel: result.parallel ? { workers: result.parallel.workers, shortestGuaranteed: result.parallel.shortestGuaranteed } : null,
    complete: result.complete,
    incompleteReason: result.status === 'ok' ? null : result.incompleteReason,
    states: result.stats.states,
    transitions: result.stats.transitions,
    depth: result.stats.depth,
    durationMs: Math.round(result.stats.durationMs * 10) / 10,
    statesPerSecond: Math.round(result.stats.statesPerSecond),
    bytesPerState: Math.round(result.stats.bytesPerState * 10) / 10,
    store: result.stats.store,
    omissionProbability: result.stats.omissionProbability,
    properties: result.properties.map((p) => ({ name: p.name, kind: p.kind, status: p.status, length: p.length })),
    violations: violations.map((v) => ({
      property: v.property,
      kind: v.kind,
      length: v.length,
      message: v.message,
      trace: v.trace ? toItf(v.trace) : null,
    })),
    witnesses: result.witnesses.map((w) => ({ property: w.property, length: w.steps.length - 1, trace: toItf(w) })),
    fired: { ...result.stats.fired },
    warnings: [...result.warnings],
  };
}
