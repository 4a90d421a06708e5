import type { SpecOutcome } from '../spec/evaluate.js';

function paramsText(params: Readonly<Record<string, number | boolean>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

const STATUS_WORD = {
  held: 'holds',
  reached: 'reached',
  violated: 'violated',
  'not-reached': 'not reached',
  unknown: 'unknown',
} as const;

/** The run summary for people: one row per spec, then each spec's properties and counterexamples. */
export function renderSummaryMarkdown(
  outcomes: readonly SpecOutcome[],
  traces: ReadonlyMap<string, readonly { property: string; json: string; text: string }[]>,
): string {
  const passed = outcomes.filter((o) => o.passed).length;
  const lines = [
    '# gntcheck: spec results',
    '',
    `${passed} of ${outcomes.length} specs pass.`,
    '',
    '| spec | model | parameters | variant | result | distinct states | transitions | depth | time (s) |',
    '|---|---|---|---|---|---:|---:|---:|---:|',
  ];
  for (const o of outcomes) {
    const s = o.result.stats;
    lines.push(
      `| ${o.spec.name} | ${o.origin.model} | ${paramsText(o.origin.params)} | ${o.origin.variant ?? '-'} | ${o.passed ? 'pass' : '**FAIL**'} | ` +
        `${s.states.toLocaleString('en-US')} | ${s.transitions.toLocaleString('en-US')} | ${s.depth} | ${(s.durationMs / 1000).toFixed(2)} |`,
    );
  }
  for (const o of outcomes) {
    lines.push('', `## ${o.spec.name}`, '');
    if (o.spec.description) lines.push(o.spec.description, '');
    for (const p of o.problems) lines.push(`- **problem:** ${p}`);
    if (o.problems.length) lines.push('');
    lines.push('| property | kind | status | steps |', '|---|---|---|---:|');
    for (const p of o.result.properties) lines.push(`| ${p.name} | ${p.kind} | ${STATUS_WORD[p.status]} | ${p.length ?? ''} |`);
    const links = traces.get(o.spec.name) ?? [];
    if (links.length) {
      lines.push('', 'Counterexamples:');
      for (const l of links) lines.push(`- ${l.property}: [text](${l.text}), [ITF JSON](${l.json})`);
    }
    for (const w of o.result.warnings) lines.push('', `> warning: ${w}`);
  }
  return lines.join('\n') + '\n';
}
