import type { SpecOutcome } from '../spec/evaluate.js';
import { renderTraceText } from '../trace/text.js';
import { escapeXml as x } from './escape.js';
import { propertyVerdicts, runProblem, type PropertyVerdict } from './verdicts.js';

/** The test case that stands for the run itself (completeness, state count), beside one per property. */
export const RUN_CASE = '(run)';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function propertyCase(v: PropertyVerdict): string {
  const open = `    <testcase classname="${x(v.spec)}" name="${x(v.property)}" time="0">`;
  const trace = v.trace ? renderTraceText(v.trace) : '';
  if (!v.pass) {
    const type = v.status === 'unknown' ? 'incomplete' : v.expectFailure ? 'expected-violation' : 'unexpected-violation';
    const body = trace ? `${v.message}\n\n${trace}` : v.message;
    return `${open}\n      <failure message="${x(v.message)}" type="${type}">${x(body)}</failure>\n    </testcase>`;
  }
  if (trace) return `${open}\n      <system-out>${x(`${v.message}\n\n${trace}`)}</system-out>\n    </testcase>`;
  return `${open}</testcase>`;
}

function runCase(o: SpecOutcome): string {
  const open = `    <testcase classname="${x(o.spec.name)}" name="${RUN_CASE}" time="${seconds(o.result.stats.durationMs)}">`;
  const problem = runProblem(o);
  if (problem === null) return `${open}</testcase>`;
  return `${open}\n      <failure message="${x(problem)}" type="run">${x(problem)}</failure>\n    </testcase>`;
}

/**
 * A run of specs as JUnit XML: one `<testsuite>` per spec holding one `<testcase>` per
 * property (judged against what the spec expects, so an expected counterexample
 * passes) and one for the run itself. A failure carries the counterexample as text;
 * a passing expected counterexample is kept in `<system-out>`.
 */
export function renderJunit(outcomes: readonly SpecOutcome[]): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let totalMs = 0;
  for (const o of outcomes) {
    const verdicts = propertyVerdicts(o);
    const runFails = runProblem(o) !== null;
    const suiteFailures = verdicts.filter((v) => !v.pass).length + (runFails ? 1 : 0);
    const suiteTests = verdicts.length + 1;
    tests += suiteTests;
    failures += suiteFailures;
    totalMs += o.result.stats.durationMs;
    suites.push(
      [
        `  <testsuite name="${x(o.spec.name)}" tests="${suiteTests}" failures="${suiteFailures}" errors="0" skipped="0" ` +
          `time="${seconds(o.result.stats.durationMs)}" file="${x(o.spec.file)}">`,
        '    <properties>',
        `      <property name="model" value="${x(o.result.model)}"/>`,
        `      <property name="states" value="${o.result.stats.states}"/>`,
        `      <property name="transitions" value="${o.result.stats.transitions}"/>`,
        '    </properties>',
        ...verdicts.map(propertyCase),
        runCase(o),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gntcheck" tests="${tests}" failures="${failures}" errors="0" time="${seconds(totalMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
