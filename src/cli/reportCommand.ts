import { join } from 'node:path';
import type { ModelDefinition } from '../model/definition.js';
import { REPORT_FILES } from '../report/runReports.js';
import { EXPLORE_OPTIONS, exploreOptions, parse } from './args.js';
import { checkSpecs } from './checkCommand.js';

export const REPORT_USAGE = `usage:
  gntcheck report [<spec file or folder>...] [--out DIR] [--junit FILE] [--tag <tag>] [options]

Runs the specs (default: specs/) and writes the design-review report to DIR
(default: reports/): summary.md, report.html (self-contained), summary.json,
${REPORT_FILES.plot} and the counterexamples under traces/. Takes the exploration
options of check, plus:
  --junit FILE                write JUnit XML: one test case per spec and property
  --json                      print check --json's run summary on stdout
  --progress / --no-progress  progress on stderr

exit: 0 every spec passes, 1 a spec fails, 2 incomplete, 3 bad input`;

/** `gntcheck report`: `check <specs> --out reports`, with the report as the point. */
export function runReport(registry: readonly ModelDefinition[], argv: readonly string[]): number {
  const { values, positionals } = parse(argv, {
    ...EXPLORE_OPTIONS,
    out: { type: 'string' },
    junit: { type: 'string' },
    tag: { type: 'string' },
    json: { type: 'boolean' },
    progress: { type: 'boolean' },
    'no-progress': { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values['help']) {
    process.stdout.write(REPORT_USAGE + '\n');
    return 0;
  }
  const json = values['json'] === true;
  const out = (values['out'] as string | undefined) ?? 'reports';
  const code = checkSpecs(registry, positionals.length ? positionals : ['specs'], (values['tag'] as string | undefined) ?? null, exploreOptions(values), {
    json,
    wantProgress: values['progress'] === true || (!json && values['no-progress'] !== true && process.stderr.isTTY === true),
    out,
    junit: values['junit'] as string | undefined,
  });
  if (!json) process.stdout.write(`report: ${join(out, REPORT_FILES.html)} (open in a browser), ${join(out, REPORT_FILES.markdown)}\n`);
  return code;
}
