/**
 * `npm run bench`: gntcheck, SPIN and Rumur side by side on the same models, each tool
 * and mode in its own process, measured from outside (GNU time: wall clock, peak RSS).
 * Checks that every tool reports the same distinct-state count before comparing speed.
 *
 *   node dist/bench/run.js [--repeat N] [--case ID ...] [--tool gntcheck|spin|rumur ...] [--json FILE] [--quick]
 *
 * Figures are medians over `--repeat` runs (default 3). The machine may be shared:
 * quote ratios, not absolute rates, and rerun when in doubt.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CASES, type BenchCase } from './cases.js';
import { GNTCHECK_MODES, runGntcheck } from './tools/gntcheck.js';
import type { Measurement, Outcome } from './tools/measure.js';
import { runRumur } from './tools/rumur.js';
import { runSpin, runSpinMulticore } from './tools/spin.js';
import { medianOf, rate, renderTable } from './table.js';

interface CaseResult {
  readonly case: BenchCase;
  readonly outcomes: Outcome[];
  readonly mismatches: string[];
}

function repeat(n: number, run: () => Outcome): Outcome {
  const runs: Measurement[] = [];
  for (let i = 0; i < n; i++) {
    const o = run();
    if (o.kind === 'skipped') return o;
    runs.push(o.m);
  }
  return { kind: 'measured', m: medianOf(runs) };
}

const TOOLS = ['gntcheck', 'spin', 'rumur'] as const;
type Tool = (typeof TOOLS)[number];

function benchCase(c: BenchCase, repeats: number, cwd: string, tools: readonly Tool[]): CaseResult {
  const dir = mkdtempSync(join(tmpdir(), `gntcheck-bench-${c.id}-`));
  const cores = Math.min(2, availableParallelism());
  try {
    const all: [Tool, () => Outcome][] = [
      ...GNTCHECK_MODES.map((g): [Tool, () => Outcome] => ['gntcheck', () => runGntcheck(c, g.mode, g.flags, cwd)]),
      ['spin', () => runSpin(c, dir)],
      ['rumur', () => runRumur(c, dir, 1)],
      ['spin', () => runSpinMulticore(c, dir, cores)],
      ['rumur', () => runRumur(c, dir, cores)],
    ];
    const plan = all.filter(([tool]) => tools.includes(tool)).map(([, run]) => run);
    const outcomes: Outcome[] = [];
    for (const step of plan) {
      const o = repeat(repeats, step);
      outcomes.push(o);
      const label = o.kind === 'measured' ? `${o.m.tool} (${o.m.mode}): ${o.m.states} states, ${o.m.wallSeconds.toFixed(2)} s` : `${o.s.tool} (${o.s.mode}): skipped`;
      process.stderr.write(`  ${c.id}: ${label}\n`);
    }
    const mismatches = outcomes.flatMap((o) =>
      o.kind === 'measured' && o.m.states !== c.expectedStates ? [`${o.m.tool} (${o.m.mode}) found ${o.m.states} states, expected ${c.expectedStates}`] : [],
    );
    return { case: c, outcomes, mismatches };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summaryLine(r: CaseResult): string {
  const measured = r.outcomes.flatMap((o) => (o.kind === 'measured' ? [o.m] : []));
  const ours = measured.find((m) => m.tool === 'gntcheck' && m.mode === GNTCHECK_MODES[0]!.mode);
  const peers = measured.filter((m) => m.tool !== 'gntcheck' && /^1 /.test(m.mode));
  if (!ours || peers.length === 0) return 'no single-core peer measured';
  const fastest = peers.reduce((a, b) => (rate(a) >= rate(b) ? a : b));
  const leanest = peers.reduce((a, b) => (a.peakRssBytes <= b.peakRssBytes ? a : b));
  return (
    `gntcheck (1 core, full store) runs at ${(rate(ours) / rate(fastest)).toFixed(2)}x the states/s of the faster single-core peer (${fastest.tool}), ` +
    `with ${(ours.peakRssBytes / leanest.peakRssBytes).toFixed(2)}x the peak RSS per state of the leaner one (${leanest.tool})`
  );
}

function main(): number {
  const { values } = parseArgs({
    options: {
      repeat: { type: 'string', default: '3' },
      case: { type: 'string', multiple: true },
      json: { type: 'string' },
      quick: { type: 'boolean', default: false },
      tool: { type: 'string', multiple: true },
    },
  });
  const repeats = values.quick ? 1 : Number(values.repeat);
  if (!Number.isInteger(repeats) || repeats < 1) {
    process.stderr.write(`bench: --repeat must be a positive integer, got ${values.repeat}\n`);
    return 3;
  }
  const wanted = values.case ?? CASES.map((c) => c.id);
  const unknown = wanted.filter((id) => !CASES.some((c) => c.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown case ${unknown.join(', ')} (cases: ${CASES.map((c) => c.id).join(', ')})\n`);
    return 3;
  }
  const tools = (values.tool ?? [...TOOLS]) as Tool[];
  const badTool = tools.filter((t) => !TOOLS.includes(t));
  if (badTool.length > 0) {
    process.stderr.write(`bench: unknown tool ${badTool.join(', ')} (tools: ${TOOLS.join(', ')})\n`);
    return 3;
  }
  const cwd = process.cwd();
  process.stdout.write(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, Node ${process.version}; medians of ${repeats} run(s)\n\n`);
  const results: CaseResult[] = [];
  for (const c of CASES.filter((x) => wanted.includes(x.id))) {
    const r = benchCase(c, repeats, cwd, tools);
    results.push(r);
    const base = r.outcomes.find((o) => o.kind === 'measured' && o.m.tool === 'gntcheck');
    process.stdout.write(`${c.title} (${c.expectedStates.toLocaleString('en-US')} states)\n`);
    process.stdout.write(renderTable(r.outcomes, base?.kind === 'measured' ? base.m : null) + '\n');
    process.stdout.write(summaryLine(r) + '\n');
    for (const m of r.mismatches) process.stdout.write(`STATE COUNT MISMATCH: ${m}\n`);
    process.stdout.write('\n');
  }
  if (values.json) {
    const json = results.map((r) => ({ case: r.case.id, expectedStates: r.case.expectedStates, outcomes: r.outcomes, mismatches: r.mismatches }));
    writeFileSync(values.json, JSON.stringify({ repeats, node: process.version, results: json }, null, 2) + '\n');
  }
  return results.some((r) => r.mismatches.length > 0) ? 1 : 0;
}

process.exitCode = main();
