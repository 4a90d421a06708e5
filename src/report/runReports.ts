import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SpecOutcome } from '../spec/evaluate.js';
import { resultToJson } from './resultJson.js';
import { slug, writeTrace } from './traceFiles.js';
import { renderSummaryMarkdown } from './summaryMarkdown.js';

/**
 * Writes what a run of specs produced into `dir`: `summary.md` (for people),
 * `summary.json` (for tools: `check --json`'s fields per spec) and, per spec, each
 * counterexample as replayable ITF JSON and as text. Returns the files written.
 */
export function writeRunReports(dir: string, outcomes: readonly SpecOutcome[]): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const traceLinks = new Map<string, { property: string; json: string; text: string }[]>();
  for (const o of outcomes) {
    if (o.result.status !== 'violation') continue;
    const links = [];
    for (const v of o.result.violations) {
      if (!v.trace) continue;
      const w = writeTrace(join(dir, 'traces', slug(o.spec.name)), v.trace);
      links.push({ property: v.property, json: relative(dir, w.json), text: relative(dir, w.text) });
      written.push(w.json, w.text);
    }
    traceLinks.set(o.spec.name, links);
  }
  const summaryJson = join(dir, 'summary.json');
  const passed = outcomes.filter((o) => o.passed).length;
  writeFileSync(
    summaryJson,
    JSON.stringify(
      {
        passed,
        failed: outcomes.length - passed,
        specs: outcomes.map((o) => ({
          spec: o.spec.name,
          file: o.spec.file,
          passed: o.passed,
          problems: [...o.problems],
          ...resultToJson(o.result, o.origin),
        })),
      },
      null,
      1,
    ) + '\n',
  );
  const summaryMd = join(dir, 'summary.md');
  writeFileSync(summaryMd, renderSummaryMarkdown(outcomes, traceLinks));
  written.unshift(summaryMd, summaryJson);
  return written;
}
