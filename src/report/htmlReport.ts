import type { PropertyOutcome } from '../explore/result.js';
import type { ComparisonTable } from './comparison.js';
import { protocolInstanceText } from './costSection.js';
import type { Counterexample } from './counterexamples.js';
import { effectsText } from './effectsText.js';
import { escapeHtml as h } from './escape.js';
import { countText, paramsText, perRequestText, secondsText, STATUS_LEGEND, STATUS_WORD, statusSymbol } from './format.js';
import { HTML_STYLE } from './htmlStyle.js';
import type { RunReport, SpecSection } from './runReport.js';
import { breakText, initialStateLines } from './steps.js';

export interface HtmlScripts {
  /** Mermaid's browser bundle, already safe to inline ({@link mermaidBundle}). */
  readonly mermaid: string;
}

function specAnchor(spec: string): string {
  return `spec-${spec.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase()}`;
}

function table(head: readonly string[], rows: readonly string[], cls = ''): string {
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

function specsSection(report: RunReport): string {
  const rows = report.specs.map(({ outcome: o, neverFired }) => {
    const s = o.result.stats;
    return (
      `<tr><td class="name"><a href="#${specAnchor(o.spec.name)}">${h(o.spec.name)}</a></td><td class="name">${h(o.origin.model)}</td>` +
      `<td class="params"><code>${h(paramsText(o.origin.params))}</code></td><td class="name">${h(o.origin.variant ?? '-')}</td>` +
      `<td class="${o.passed ? 'pass' : 'fail'}">${o.passed ? 'pass' : 'FAIL'}</td><td class="num">${countText(s.states)}</td>` +
      `<td class="num">${countText(s.transitions)}</td><td class="num">${s.depth}</td><td class="num">${secondsText(s.durationMs)}</td>` +
      `<td${neverFired.length ? ' class="unknown"' : ''}>${neverFired.length ? `⚠ ${h(neverFired.join(', '))}` : 'none'}</td></tr>`
    );
  });
  const head = ['spec', 'model', 'parameters', 'variant', 'result', 'distinct states', 'transitions', 'depth', 'time (s)', 'actions never fired'];
  return `<section id="specs"><h2>Specs</h2>${table(head.map((x) => `<th>${x}</th>`), rows)}</section>`;
}

function cell(p: PropertyOutcome | undefined): string {
  const cls = p ? p.status : 'none';
  const title = p ? `${p.name}: ${STATUS_WORD[p.status]}${p.length !== null ? ` (${p.length} steps)` : ''}` : 'not a property of this instance';
  return `<td class="sym ${cls}" title="${h(title)}">${h(statusSymbol(p))}</td>`;
}

function comparisonHtml(t: ComparisonTable): string {
  const head = [
    '<th>spec</th>',
    '<th>variant</th>',
    '<th>parameters</th>',
    '<th>result</th>',
    ...t.properties.map((p) => `<th class="rot">${h(p)}</th>`),
    ...t.costColumns.map((c) => `<th class="rot">${h(c.label)} / request</th>`),
  ];
  const rows = t.rows.map(
    (r) =>
      `<tr><td><a href="#${specAnchor(r.spec)}">${h(r.spec)}</a></td><td>${h(r.variant ?? 'none')}</td><td class="params"><code>${h(r.params)}</code></td>` +
      `<td class="${r.passed ? 'pass' : 'fail'}">${r.passed ? 'pass' : 'FAIL'}</td>` +
      t.properties.map((p) => cell(r.outcomes.get(p))).join('') +
      t.costColumns.map((c) => `<td class="num">${r.cost ? perRequestText(r.cost.measurement.perRequest[c.effect] ?? 0) : '–'}</td>`).join('') +
      '</tr>',
  );
  const stalled = t.rows
    .filter((r) => (r.cost?.measurement.stalledWalks ?? 0) > 0)
    .map((r) => `<div class="warning">${h(r.spec)}: ${r.cost!.measurement.stalledWalks} cost walks stalled (no I/O action enabled, or no progress); its costs count the walks up to there.</div>`)
    .join('');
  const how = t.method.length ? `<p>How the per-request costs are measured:</p><ul>${t.method.map((m) => `<li>${h(m)}</li>`).join('')}</ul>` : '';
  return `<h3>${h(t.model)}: ${h(t.title)}</h3>${table(head, rows, 'comparison')}<p class="legend">${h(STATUS_LEGEND)}</p>${stalled}${how}`;
}

function comparisonSection(report: RunReport): string {
  return `<section id="variants"><h2>Protocol variants side by side</h2>${report.comparisons.map(comparisonHtml).join('\n')}</section>`;
}

function costSection(report: RunReport): string {
  const c = report.cost;
  if (!c) return '';
  const measured = c.protocols.map((p) => {
    return (
      `<tr><td>${h(p.label)}</td><td><code>${h(protocolInstanceText(p))}</code></td><td class="num">${perRequestText(p.counts.maps)}</td>` +
      `<td class="num">${perRequestText(p.counts.unmaps)}</td><td class="num">${perRequestText(p.counts.flushes)}</td>` +
      `<td class="num">${perRequestText(p.ipisPerRequest)}</td></tr>`
    );
  });
  const checks = c.checks.map(
    (k) => `<tr><td class="num">${k.guests}</td><td class="num">${countText(k.measured)}</td><td class="num">${countText(k.pre2012)}</td><td class="num">${countText(k.persistent)}</td></tr>`,
  );
  return `<section id="cost"><h2>Cost model: throughput against guests</h2>
<div class="plot-row"><figure id="throughput-plot">${c.svg}</figure>
<aside><h3>Assumptions (stated, not fitted to the measurements)</h3><ul>${c.assumptionLines.map((l) => `<li>${h(l)}</li>`).join('')}</ul>
<h3>Beside the 2012 measurement</h3>
<p class="muted">pre-2012 protocol, 24 dom0 vCPUs, guests doing I/O to a ramdisk (digest §5)</p>
${table(['<th>guests</th>', '<th>measured 2012</th>', '<th>model, pre-2012</th>', '<th>model, persistent</th>'], checks)}
<p>The curves come from the assumptions and the measured counts alone; where they miss the two points, the difference is what the model leaves out (queueing, lock contention, the real batch sizes), not something to tune away.</p></aside></div>
<h3>Measured per completed request</h3>
${table(['<th>protocol</th>', '<th>model instance</th>', '<th>map hypercalls</th>', '<th>unmap hypercalls</th>', '<th>TLB flushes</th>', `<th>flush IPIs (C = ${c.vcpusInModel})</th>`], measured)}
<p>IPIs per flush measured on the model: ${c.ipisPerFlush ?? 'no flush'} (= C, the model's backend vCPUs). The plot keeps the measured map, unmap and flush counts per request and replaces C by the IPI targets of the assumptions.</p>
</section>`;
}

function counterexampleHtml(cx: Counterexample): string {
  const t = cx.trace;
  const n = t.steps.length - 1;
  const kind = t.kind === 'action' ? 'action property' : t.kind === 'deadlock' ? 'deadlock' : 'invariant';
  const badge = cx.expected ? '<span class="badge expected">expected by the spec: a rediscovered bug</span>' : '<span class="badge regression">not expected by the spec</span>';
  const links = cx.links ? ` Files: <a href="${h(cx.links.text)}">text</a>, <a href="${h(cx.links.json)}">ITF JSON</a> (replay with <code>gntcheck replay</code>).` : '';
  const rows = cx.rows.map((r) => {
    const changes = r.changes.length ? r.changes.map((c) => `<div>${h(c.text)}</div>`).join('') : '<div>(no change: a self-loop)</div>';
    const label = r.breaks ? `${h(r.label)}<br>✗ ${h(breakText(t))}` : h(r.label);
    const fx = cx.withEffects ? `<td>${h(effectsText(t.origin.model, r.effects))}</td>` : '';
    return `<tr${r.breaks ? ' class="breaks"' : ''}><td class="num">${r.index}</td><td>${h(r.actor ?? '')}</td><td class="label">${label}</td><td class="changes">${changes}</td>${fx}</tr>`;
  });
  const head = ['<th>step</th>', '<th>actor</th>', '<th>action</th>', '<th>what changed</th>', ...(cx.withEffects ? ['<th>effects</th>'] : [])];
  return `<article class="counterexample" id="${cx.id}" data-spec="${h(cx.spec)}" data-property="${h(t.property)}">
<h3>${h(cx.spec)}: ${h(t.property)} ${badge}</h3>
<p>${kind}, ${n} step${n === 1 ? '' : 's'}. Model: <code>${h(cx.modelName)}</code>.${links}</p>
<div class="diagram"><pre class="mermaid">${h(cx.diagram)}</pre></div>
${table(head, rows, 'steps')}
<details><summary>Initial state</summary><pre>${h(initialStateLines(t).join('\n'))}</pre></details>
</article>`;
}

function counterexamplesSection(report: RunReport): string {
  const body = report.counterexamples.length ? report.counterexamples.map(counterexampleHtml).join('\n') : '<p>None: every property holds in every spec.</p>';
  return `<section id="counterexamples"><h2>Counterexamples</h2>${body}</section>`;
}

function specDetail(s: SpecSection, report: RunReport): string {
  const o = s.outcome;
  const cx = new Map(report.counterexamples.filter((c) => c.spec === o.spec.name).map((c) => [c.trace.property, c.id]));
  const rows = s.verdicts.map((v) => {
    const status = v.status === 'absent' ? 'absent' : STATUS_WORD[v.status];
    const link = cx.get(v.property);
    const name = link ? `<a href="#${link}">${h(v.property)}</a>` : h(v.property);
    const expected = v.expectFailure ? `to fail${v.expectedLength !== null ? ` in ${v.expectedLength} steps` : ''}` : 'to hold';
    return (
      `<tr><td>${name}</td><td>${h(v.kind ?? '-')}</td><td class="${v.status}">${h(status)}</td><td class="num">${v.length ?? ''}</td>` +
      `<td class="${v.pass ? 'pass' : 'fail'}">${h(expected)}${v.pass ? '' : ' ✗'}</td></tr>`
    );
  });
  const problems = o.problems.map((p) => `<div class="problem">${h(p)}</div>`).join('');
  const vacuity = s.neverFired.length
    ? `<div class="warning">⚠ vacuity warning: these actions never fired, so no property was tested against them: ${h(s.neverFired.join(', '))}</div>`
    : '<p class="muted">Every action fired at least once.</p>';
  const warnings = s.warnings.map((w) => `<div class="warning">${h(w)}</div>`).join('');
  const st = o.result.stats;
  return `<article id="${specAnchor(o.spec.name)}"><h3>${h(o.spec.name)} <span class="badge ${o.passed ? 'expected' : 'regression'}">${o.passed ? 'pass' : 'FAIL'}</span></h3>
${o.spec.description ? `<p>${h(o.spec.description)}</p>` : ''}
<p><code>${h(o.result.model)}</code> (${h(o.spec.file)}): ${countText(st.states)} distinct states, ${countText(st.transitions)} transitions, depth ${st.depth}, ${secondsText(st.durationMs)} s.</p>
${problems}${table(['<th>property</th>', '<th>kind</th>', '<th>status</th>', '<th>steps</th>', '<th>expected</th>'], rows)}${vacuity}${warnings}</article>`;
}

/**
 * The design-review report as one self-contained HTML page: inline style, the
 * throughput plot as inline SVG, and Mermaid inlined to render the sequence diagrams
 * in the browser. When rendering ends the page sets `data-diagrams` on its root
 * element to `rendered` or `failed`.
 */
export function renderHtmlReport(report: RunReport, scripts: HtmlScripts): string {
  const v = report.verdict;
  const nav = [
    ['#specs', 'Specs'],
    ['#variants', 'Variants side by side'],
    ...(report.cost ? [['#cost', 'Cost model']] : []),
    ['#counterexamples', `Counterexamples (${report.counterexamples.length})`],
    ['#details', 'Spec details'],
  ];
  return `<!doctype html>
<html lang="en" data-diagrams="pending">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gntcheck design review</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><h1>gntcheck: design review</h1><div class="verdict${v.failed ? ' fail' : ''}">${v.passed} of ${v.passed + v.failed} specs pass</div></header>
<nav>${nav.map(([href, text]) => `<a href="${href}">${h(text!)}</a>`).join('')}</nav>
<main>
${specsSection(report)}
${comparisonSection(report)}
${costSection(report)}
${counterexamplesSection(report)}
<section id="details"><h2>Spec details</h2>${report.specs.map((s) => specDetail(s, report)).join('\n')}</section>
</main>
<script>${scripts.mermaid}</script>
<script>
(function () {
  var root = document.documentElement;
  if (typeof mermaid === 'undefined') { root.dataset.diagrams = 'failed'; return; }
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', sequence: { noteAlign: 'left', mirrorActors: true } });
  mermaid.run({ querySelector: 'pre.mermaid' }).then(
    function () { root.dataset.diagrams = 'rendered'; },
    function (err) { root.dataset.diagrams = 'failed'; console.error(err); }
  );
})();
</script>
</body>
</html>
`;
}
