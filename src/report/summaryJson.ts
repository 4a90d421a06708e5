import type { SpecOutcome } from '../spec/evaluate.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import type { RunReport } from './runReport.js';
import { runToJson } from './specJson.js';

/**
 * `summary.json`: exactly what `check <specs> --json` prints (status, passed, failed,
 * and per spec the same fields), plus the cost measurements per spec and the
 * throughput cost model with its assumptions.
 */
export function runSummaryJson(outcomes: readonly SpecOutcome[], report: RunReport): JsonObject {
  const costs: JsonValue[] = report.comparisons.flatMap((t) =>
    t.rows.flatMap((r) =>
      r.cost
        ? [
            {
              spec: r.spec,
              model: { id: r.cost.origin.model, params: { ...r.cost.origin.params }, variant: r.cost.origin.variant },
              walks: r.cost.measurement.options.walks,
              requestsPerWalk: r.cost.measurement.options.requestsPerWalk,
              seed: r.cost.measurement.options.seed,
              completed: r.cost.measurement.completed,
              stalledWalks: r.cost.measurement.stalledWalks,
              totals: { ...r.cost.measurement.totals },
              perRequest: { ...r.cost.measurement.perRequest },
            },
          ]
        : [],
    ),
  );
  const c = report.cost;
  const costModel: JsonValue = c
    ? {
        assumptions: { ...c.assumptions },
        statements: [...c.assumptionLines],
        curves: c.curves.map((k) => ({
          protocol: k.key,
          label: k.label,
          points: k.points.map((p) => ({ guests: p.guests, iops: Math.round(p.iops), limitedBy: p.limitedBy, flushTargets: p.flushTargets })),
        })),
        measured2012: c.checks.map((k) => ({ guests: k.guests, iops: k.measured })),
      }
    : null;
  return { ...runToJson(outcomes), costs, costModel };
}
