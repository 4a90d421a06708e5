import { join, relative } from 'node:path';
import type { CostOptions } from '../cost/measure.js';
import type { ModelDefinition } from '../model/definition.js';
import type { SpecOutcome } from '../spec/evaluate.js';
import type { TraceLinks } from './counterexamples.js';
import { PLOT_FILE } from './costSection.js';
import { renderHtmlReport } from './htmlReport.js';
import { mermaidBundle } from './mermaidBundle.js';
import { buildRunReport } from './runReport.js';
import { runSummaryJson } from './summaryJson.js';
import { renderSummaryMarkdown } from './summaryMarkdown.js';
import { slug, writeTextFile, writeTrace } from './traceFiles.js';

export const REPORT_FILES = { markdown: 'summary.md', json: 'summary.json', html: 'report.html', plot: PLOT_FILE } as const;

/**
 * Writes what a run of specs produced into `dir`: `summary.md` (the design review, for
 * people and GitHub), `report.html` (the same, self-contained, diagrams rendered),
 * `summary.json` (for tools: `check --json`'s fields per spec, plus the cost
 * measurements), the throughput plot as SVG, and per spec each counterexample as
 * replayable ITF JSON and as text. Returns the files written.
 */
export function writeRunReports(
  dir: string,
  outcomes: readonly SpecOutcome[],
  registry: readonly ModelDefinition[],
  costOptions?: CostOptions,
): string[] {
  const written: string[] = [];
  const traceLinks = new Map<string, TraceLinks>();
  for (const o of outcomes) {
    if (o.result.status !== 'violation') continue;
    for (const v of o.result.violations) {
      if (!v.trace) continue;
      const w = writeTrace(join(dir, 'traces', slug(o.spec.name)), v.trace);
      traceLinks.set(`${o.spec.name}\u0000${v.property}`, { json: relative(dir, w.json), text: relative(dir, w.text) });
      written.push(w.json, w.text);
    }
  }
  const report = buildRunReport(registry, outcomes, (spec, property) => traceLinks.get(`${spec}\u0000${property}`) ?? null, costOptions);
  const files: string[] = [];
  const write = (name: string, text: string): void => {
    const path = join(dir, name);
    writeTextFile(path, text);
    files.push(path);
  };
  write(REPORT_FILES.markdown, renderSummaryMarkdown(report, { html: REPORT_FILES.html, json: REPORT_FILES.json, plot: report.cost ? REPORT_FILES.plot : null }));
  write(REPORT_FILES.html, renderHtmlReport(report, { mermaid: mermaidBundle() }));
  write(REPORT_FILES.json, JSON.stringify(runSummaryJson(outcomes, report), null, 1) + '\n');
  if (report.cost) write(REPORT_FILES.plot, report.cost.svg);
  return [...files, ...written];
}
