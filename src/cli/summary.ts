import type { CheckResult, PropertyOutcome } from '../explore/result.js';
import { renderTraceText } from '../trace/text.js';

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const MARK: Record<PropertyOutcome['status'], string> = {
  held: 'ok  ',
  reached: 'ok  ',
  violated: 'FAIL',
  'not-reached': 'FAIL',
  unknown: '??  ',
};

function outcomeLine(p: PropertyOutcome): string {
  const what =
    p.status === 'held'
      ? 'holds'
      : p.status === 'reached'
        ? `reached in ${p.length} steps`
        : p.status === 'violated'
          ? `violated (shortest counterexample: ${p.length} steps)`
          : p.status === 'not-reached'
            ? 'never reached'
            : p.kind === 'sometimes'
              ? 'not reached so far (run incomplete)'
              : 'not violated so far (run incomplete)';
  return `  ${MARK[p.status]} ${p.name} (${p.kind}): ${what}`;
}

/** One run as a human reads it: a headline, each property, warnings, then each counterexample. */
export function renderResultText(result: CheckResult, withTraces = true): string {
  const s = result.stats;
  const status =
    result.status === 'ok' ? 'all properties hold' : result.status === 'violation' ? 'VIOLATION' : `INCOMPLETE (${result.incompleteReason})`;
  const lines = [
    `${result.model}: ${status}`,
    `  ${formatCount(s.states)} distinct states, ${formatCount(s.transitions)} transitions, depth ${s.depth}, ` +
      `${formatDuration(s.durationMs)} (${formatCount(s.statesPerSecond)} states/s, ${s.bytesPerState.toFixed(1)} bytes/state, ${result.strategy}${result.parallel ? `, ${result.parallel.workers} workers` : ''})`,
    ...result.properties.map(outcomeLine),
  ];
  for (const w of result.warnings) lines.push(`  warning: ${w}`);
  if (withTraces && result.status === 'violation') {
    for (const v of result.violations) if (v.trace) lines.push('', renderTraceText(v.trace));
  }
  return lines.join('\n');
}
