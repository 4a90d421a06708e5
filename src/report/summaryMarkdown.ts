import { protocolInstanceText } from './costSection.js';
import type { Counterexample } from './counterexamples.js';
import { effectsText } from './effectsText.js';
import { mdCell } from './escape.js';
import { countText, paramsText, perRequestText, secondsText, STATUS_LEGEND, STATUS_WORD, statusSymbol } from './format.js';
import type { RunReport, SpecSection } from './runReport.js';
import { breakText, initialStateLines } from './steps.js';
import type { ComparisonTable } from './comparison.js';

/** File names the summary links to, relative to it. */
export interface SummaryLinks {
  readonly html: string;
  readonly json: string;
  /** The throughput plot, when the report has one. */
  readonly plot: string | null;
}

function specTable(report: RunReport): string[] {
  const lines = [
    '| spec | model | parameters | variant | result | distinct states | transitions | depth | time (s) | actions never fired |',
    '|---|---|---|---|---|---:|---:|---:|---:|---|',
  ];
  for (const { outcome: o, neverFired } of report.specs) {
    const s = o.result.stats;
    lines.push(
      `| [${o.spec.name}](#${anchor(o.spec.name)}) | ${o.origin.model} | ${paramsText(o.origin.params)} | ${o.origin.variant ?? '-'} | ` +
        `${o.passed ? 'pass' : '**FAIL**'} | ${countText(s.states)} | ${countText(s.transitions)} | ${s.depth} | ${secondsText(s.durationMs)} | ` +
        `${neverFired.length ? `⚠ ${mdCell(neverFired.join(', '))}` : 'none'} |`,
    );
  }
  return lines;
}

/** GitHub's heading anchors: lower case, spaces to dashes, punctuation dropped. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

function comparisonTable(t: ComparisonTable): string[] {
  const head = ['spec', 'variant', 'parameters', 'result', ...t.properties, ...t.costColumns.map((c) => `${c.label} / request`)];
  const lines = [
    `### ${t.model}: ${t.title}`,
    '',
    `| ${head.map(mdCell).join(' | ')} |`,
    `|${head.map((_, i) => (i >= 4 + t.properties.length ? '---:' : i >= 4 ? ':---:' : '---')).join('|')}|`,
  ];
  for (const r of t.rows) {
    const cells = [
      r.spec,
      r.variant ?? 'none',
      r.params,
      r.passed ? 'pass' : '**FAIL**',
      ...t.properties.map((p) => statusSymbol(r.outcomes.get(p))),
      ...t.costColumns.map((c) => (r.cost ? perRequestText(r.cost.measurement.perRequest[c.effect] ?? 0) : '–')),
    ];
    lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  lines.push('', STATUS_LEGEND);
  if (t.method.length) lines.push('', 'How the per-request costs are measured:', '', ...t.method.map((m) => `- ${m}`));
  const stalled = t.rows.filter((r) => (r.cost?.measurement.stalledWalks ?? 0) > 0);
  for (const r of stalled) lines.push('', `> ${r.spec}: ${r.cost!.measurement.stalledWalks} cost walks stalled (no I/O action enabled, or no progress); its costs count the walks up to there.`);
  return lines;
}

function costLines(report: RunReport, plot: string | null): string[] {
  const c = report.cost;
  if (!c) return [];
  const lines = ['## Cost model: throughput against guests', ''];
  if (plot) lines.push(`![Modelled I/O throughput against guests, persistent grants and the pre-2012 protocol, with the 2012 measurements](${plot})`, '');
  lines.push(
    'Per completed request, measured on the model (see the method below the side-by-side table):',
    '',
    '| protocol | model instance | map hypercalls | unmap hypercalls | TLB flushes | flush IPIs (C = ' + c.vcpusInModel + ') |',
    '|---|---|---:|---:|---:|---:|',
  );
  for (const p of c.protocols) {
    lines.push(
      `| ${p.label} | ${protocolInstanceText(p)} | ${perRequestText(p.counts.maps)} | ${perRequestText(p.counts.unmaps)} | ` +
        `${perRequestText(p.counts.flushes)} | ${perRequestText(p.ipisPerRequest)} |`,
    );
  }
  lines.push(
    '',
    `IPIs per flush measured on the model: ${c.ipisPerFlush ?? 'no flush'} (= C, the model's backend vCPUs). ` +
      'The plot keeps the measured map, unmap and flush counts per request and replaces C by the IPI targets of the assumptions below.',
    '',
    '**Assumptions of the cost model** (stated, not fitted to the measurements):',
    '',
    ...c.assumptionLines.map((l) => `- ${l}`),
    '',
    '**Beside the 2012 measurement** (pre-2012 protocol, 24 dom0 vCPUs, guests doing I/O to a ramdisk; digest §5):',
    '',
    '| guests | measured 2012 (IOPS) | model, pre-2012 | model, persistent grants |',
    '|---:|---:|---:|---:|',
    ...c.checks.map((k) => `| ${k.guests} | ${countText(k.measured)} | ${countText(k.pre2012)} | ${countText(k.persistent)} |`),
    '',
    'The curves come from the assumptions and the measured counts alone; where they miss the two points, the difference is ' +
      'what the model leaves out (queueing, lock contention, the real batch sizes), not something to tune away.',
  );
  return lines;
}

function counterexampleLines(cx: Counterexample): string[] {
  const t = cx.trace;
  const n = t.steps.length - 1;
  const lines = [
    `### ${cx.spec}: ${t.property}`,
    '',
    `${t.kind === 'action' ? 'Action property' : t.kind === 'deadlock' ? 'Deadlock' : 'Invariant'}, ${n} step${n === 1 ? '' : 's'}; ` +
      `${cx.expected ? 'the spec expects it (a rediscovered bug)' : '**not expected by the spec**'}. Model: \`${cx.modelName}\`.`,
  ];
  if (cx.links) lines.push(`Files: [text](${cx.links.text}), [ITF JSON](${cx.links.json}); replay with \`gntcheck replay <the ITF file>\`.`);
  lines.push('', '```mermaid', cx.diagram.trimEnd(), '```', '');
  const effects = cx.withEffects;
  lines.push(effects ? '| step | actor | action | what changed | effects |' : '| step | actor | action | what changed |');
  lines.push(effects ? '|---:|---|---|---|---|' : '|---:|---|---|---|');
  for (const r of cx.rows) {
    const changes = r.changes.length ? r.changes.map((c) => `\`${c.text}\``).join('<br>') : '(no change: a self-loop)';
    const label = r.breaks ? `**${r.label}** ✗ ${breakText(t)}` : r.label;
    const cells = [String(r.index), r.actor ?? '', label, changes];
    if (effects) cells.push(effectsText(t.origin.model, r.effects));
    lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  lines.push('', '<details><summary>Initial state</summary>', '', '```', ...initialStateLines(t), '```', '', '</details>');
  return lines;
}

function specDetail(s: SpecSection, report: RunReport): string[] {
  const o = s.outcome;
  const lines = ['', `### ${o.spec.name}`, ''];
  if (o.spec.description) lines.push(o.spec.description, '');
  lines.push(
    `\`${o.result.model}\` (${o.spec.file}): ${o.passed ? 'pass' : '**FAIL**'}, ${countText(o.result.stats.states)} distinct states, ` +
      `${countText(o.result.stats.transitions)} transitions, depth ${o.result.stats.depth}, ${secondsText(o.result.stats.durationMs)} s.`,
    '',
  );
  for (const p of o.problems) lines.push(`- **problem:** ${p}`);
  if (o.problems.length) lines.push('');
  lines.push('| property | kind | status | steps | expected |', '|---|---|---|---:|---|');
  const cx = new Set(report.counterexamples.filter((c) => c.spec === o.spec.name).map((c) => c.trace.property));
  for (const v of s.verdicts) {
    const status = v.status === 'absent' ? 'absent' : STATUS_WORD[v.status];
    const name = cx.has(v.property) ? `[${v.property}](#${anchor(`${o.spec.name}: ${v.property}`)})` : v.property;
    const expected = v.expectFailure ? `to fail${v.expectedLength !== null ? ` in ${v.expectedLength} steps` : ''}` : 'to hold';
    lines.push(`| ${name} | ${v.kind ?? '-'} | ${v.pass ? status : `**${status}**`} | ${v.length ?? ''} | ${expected}${v.pass ? '' : ' ✗'} |`);
  }
  lines.push(
    '',
    s.neverFired.length
      ? `> ⚠ vacuity warning: these actions never fired, so no property was tested against them: ${s.neverFired.join(', ')}`
      : 'Every action fired at least once.',
  );
  for (const w of s.warnings) lines.push('', `> warning: ${w}`);
  return lines;
}

/** The design-review summary: specs, variants side by side with costs, the cost model, each counterexample, each spec. */
export function renderSummaryMarkdown(report: RunReport, links: SummaryLinks): string {
  const v = report.verdict;
  const lines = [
    '# gntcheck: design review',
    '',
    `**${v.passed} of ${v.passed + v.failed} specs pass.** The same report with rendered diagrams: [${links.html}](${links.html}) ` +
      `(self-contained; open it in a browser). Machine-readable: [${links.json}](${links.json}).`,
    '',
    '## Specs',
    '',
    ...specTable(report),
    '',
    '## Protocol variants side by side',
    '',
    ...report.comparisons.flatMap((t) => [...comparisonTable(t), '']),
  ];
  if (report.cost) lines.push(...costLines(report, links.plot), '');
  lines.push('## Counterexamples', '');
  if (report.counterexamples.length === 0) lines.push('None: every property holds in every spec.', '');
  for (const cx of report.counterexamples) lines.push(...counterexampleLines(cx), '');
  lines.push('## Spec details');
  for (const s of report.specs) lines.push(...specDetail(s, report));
  return lines.join('\n') + '\n';
}
