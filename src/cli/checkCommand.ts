import { join } from 'node:path';
import { check } from '../explore/check.js';
import type { CheckOptions } from '../explore/options.js';
import type { CheckResult } from '../explore/result.js';
import { findDefinition, instantiate, type ModelDefinition } from '../model/definition.js';
import { parseAssignments } from '../model/params.js';
import { resultToJson } from '../report/resultJson.js';
import { slug, writeTextFile, writeTrace } from '../report/traceFiles.js';
import { renderJunit } from '../report/junit.js';
import { writeRunReports } from '../report/runReports.js';
import { runToJson, runVerdict } from '../report/specJson.js';
import { prepareSpec, runSpec, type SpecOutcome } from '../spec/evaluate.js';
import { loadSpecs } from '../spec/load.js';
import type { Spec } from '../spec/spec.js';
import { fail } from '../util/errors.js';
import { EXPLORE_OPTIONS, exploreOptions, parse } from './args.js';
import { stderrProgress } from './progress.js';
import { formatDuration, renderResultText } from './summary.js';

export const CHECK_USAGE = `usage:
  gntcheck check --model <id> [--set KEY=VALUE ...] [--variant <name>] [options]
  gntcheck check <spec file or folder>... [--tag <tag>] [options]

options:
  --strategy bfs|dfs|random   exploration order (bfs: shortest counterexamples)
  --store full|fingerprint    exact states, or 64-bit fingerprints only
  --symmetry                  reduce by the model's symmetry
  --no-deadlock               do not report states without successors
  --stop-at-first             stop at the first failing property
  --max-states N  --max-depth N  --timeout SECONDS  --max-memory SIZE
  --seed N  --walks N  --walk-depth N   (random walks)
  --workers N                 explore with N worker threads (bfs; counterexamples stay shortest; 1: this thread)
  --json                      one JSON object on stdout
  --out DIR                   write counterexamples (and, for specs, the reports) to DIR
  --junit FILE                (specs) write JUnit XML: one test case per spec and property
  --progress / --no-progress  progress on stderr (default: on a terminal, unless --json)

exit: 0 all properties hold, 1 violation (or a spec fails), 2 incomplete, 3 bad input`;

/** Exit code of a single run: 0 ok, 1 violation, 2 incomplete. */
export function exitCodeOf(result: CheckResult): number {
  return result.status === 'ok' ? 0 : result.status === 'violation' ? 1 : 2;
}

export function runCheck(registry: readonly ModelDefinition[], argv: readonly string[]): number {
  const { values, positionals } = parse(argv, {
    ...EXPLORE_OPTIONS,
    model: { type: 'string' },
    set: { type: 'string', multiple: true },
    variant: { type: 'string' },
    tag: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    junit: { type: 'string' },
    progress: { type: 'boolean' },
    'no-progress': { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values['help']) {
    process.stdout.write(CHECK_USAGE + '\n');
    return 0;
  }
  const json = values['json'] === true;
  const wantProgress = values['progress'] === true || (!json && values['no-progress'] !== true && process.stderr.isTTY === true);
  const options = exploreOptions(values);
  const out = values['out'] as string | undefined;
  const junit = values['junit'] as string | undefined;
  const modelId = values['model'] as string | undefined;
  if (modelId !== undefined) {
    if (positionals.length > 0) fail('BAD_OPTION', `give either --model or a spec path, not both (got ${positionals.join(' ')})`);
    if (junit !== undefined) fail('BAD_OPTION', '--junit goes with spec runs: a spec says which properties are expected to fail');
    const sets = parseAssignments((values['set'] as string[] | undefined) ?? []);
    const variant = (values['variant'] as string | undefined) ?? null;
    return checkModel(registry, modelId, sets, variant, options, { json, wantProgress, out });
  }
  if (values['set'] || values['variant']) fail('BAD_OPTION', '--set and --variant go with --model; a spec names its own');
  if (positionals.length === 0) fail('BAD_OPTION', 'check needs --model <id> or spec files or folders (gntcheck check --help)');
  return checkSpecs(registry, positionals, (values['tag'] as string | undefined) ?? null, options, { json, wantProgress, out, junit });
}

export interface OutputOptions {
  readonly json: boolean;
  readonly wantProgress: boolean;
  readonly out: string | undefined;
  /** Spec runs: where to write JUnit XML. */
  readonly junit?: string | undefined;
}

function withProgress<T>(label: string, want: boolean, options: Partial<CheckOptions>, f: (o: Partial<CheckOptions>) => T): T {
  if (!want) return f(options);
  const p = stderrProgress(label);
  try {
    return f({ ...options, onProgress: p.onProgress });
  } finally {
    p.done();
  }
}

function checkModel(
  registry: readonly ModelDefinition[],
  id: string,
  sets: Record<string, string>,
  variant: string | null,
  options: Partial<CheckOptions>,
  io: OutputOptions,
): number {
  const { model, origin } = instantiate(findDefinition(registry, id), sets, variant);
  const result = withProgress(model.name, io.wantProgress, options, (o) => check(model, o, origin));
  const written: string[] = [];
  if (io.out !== undefined && result.status === 'violation') {
    const dir = join(io.out, slug(`${id}${variant ? '-' + variant : ''}`));
    for (const v of result.violations) if (v.trace) written.push(writeTrace(dir, v.trace).json);
  }
  if (io.json) process.stdout.write(JSON.stringify(resultToJson(result, origin)) + '\n');
  else {
    process.stdout.write(renderResultText(result) + '\n');
    for (const f of written) process.stdout.write(`wrote ${f}\n`);
  }
  return exitCodeOf(result);
}

/** The specs under each path, in order; a file named twice is run once, two specs with one name are an error. */
export function loadSpecPaths(paths: readonly string[]): Spec[] {
  const byName = new Map<string, Spec>();
  for (const spec of paths.flatMap(loadSpecs)) {
    const other = byName.get(spec.name);
    if (other && other.file !== spec.file) fail('BAD_SPEC', `two specs are named ${spec.name}: ${other.file} and ${spec.file}`);
    byName.set(spec.name, spec);
  }
  return [...byName.values()];
}

/** Runs every spec under `paths` (all but `large` ones, or those tagged `tag`), prints, and writes what `io` asks for. */
export function checkSpecs(
  registry: readonly ModelDefinition[],
  paths: readonly string[],
  tag: string | null,
  options: Partial<CheckOptions>,
  io: OutputOptions,
): number {
  const all = loadSpecPaths(paths);
  const specs = all.filter((s) => (tag === null ? !s.tags.includes('large') : s.tags.includes(tag)));
  if (specs.length === 0) fail('BAD_SPEC', `${paths.join(', ')}: no spec${tag ? ` tagged ${tag}` : ''} to run`);
  // Every spec is resolved before any runs: a bad one is reported at once, not after the others ran.
  const instances = specs.map((spec) => prepareSpec(registry, spec));
  const outcomes: SpecOutcome[] = [];
  for (const [i, spec] of specs.entries()) {
    const outcome = withProgress(spec.name, io.wantProgress, options, (o) => runSpec(registry, spec, o, instances[i]));
    outcomes.push(outcome);
    if (!io.json) {
      const r = outcome.result;
      process.stdout.write(
        `${outcome.passed ? 'PASS' : 'FAIL'}  ${spec.name}  (${r.stats.states.toLocaleString('en-US')} states, ${formatDuration(r.stats.durationMs)})\n`,
      );
      for (const p of outcome.problems) process.stdout.write(`      ${p}\n`);
    }
  }
  const verdict = runVerdict(outcomes);
  const written = io.out !== undefined ? writeRunReports(io.out, outcomes, registry) : [];
  if (io.junit !== undefined) {
    writeTextFile(io.junit, renderJunit(outcomes));
    written.push(io.junit);
  }
  if (io.json) {
    process.stdout.write(JSON.stringify(runToJson(outcomes)) + '\n');
  } else {
    process.stdout.write(`\n${verdict.passed} passed, ${verdict.failed} failed\n`);
    for (const f of written) process.stdout.write(`wrote ${f}\n`);
  }
  return verdict.code;
}
