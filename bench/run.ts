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
import { parseOrUsage } from './args.js';
import { CASES, type BenchCase } from './cases.js';
import { GNTCHECK_MODES, runGntcheck } from './tools/gntcheck.js';
import type { Measurement, Outcome } from './tools/measure.js';
import { runRumur } from './tools/rumur.js';
import { runSpin, runSpinMulticore } from './tools/spin.js';
import { geometricMean, median, medianOf, rate, renderTable } from './table.js';

interface CaseResult {
  readonly case: BenchCase;
  readonly outcomes: Outcome[];
  readonly mismatches: string[];
  /** Per round, gntcheck's (1 core, full store) states/s over the faster single-core peer's in the same round. */
  readonly roundRatios: number[];
}

const TOOLS = ['gntcheck', 'spin', 'rumur'] as const;
type Tool = (typeof TOOLS)[number];

type Step = { readonly tool: Tool; readonly run: (c: BenchCase) => Outcome; readonly singleCorePeer?: true };

/**
 * Runs every step `repeats` times, round-robin (each round runs every step once), so
 * that a machine that speeds up or slows down over the run shifts every tool alike;
 * then takes medians per step, and per round the ratio of gntcheck to its fastest peer.
 * The runs that ratio compares go first, gntcheck's between the single-core peers', and
 * every other round runs the steps in reverse, so that compared runs are next to each
 * other and neither always goes first.
 */
function benchCase(c: BenchCase, repeats: number, cwd: string, tools: readonly Tool[]): CaseResult {
  const dir = mkdtempSync(join(tmpdir(), `gntcheck-bench-${c.id}-`));
  const cores = Math.min(2, availableParallelism());
  try {
    const all: Step[] = [
      ...GNTCHECK_MODES.map((g): Step => ({ tool: 'gntcheck', run: (k) => runGntcheck(k, g.mode, g.flags, cwd) })),
      { tool: 'spin', run: (k) => runSpin(k, dir), singleCorePeer: true },
      { tool: 'rumur', run: (k) => runRumur(k, dir, 1), singleCorePeer: true },
      { tool: 'spin', run: (k) => runSpinMulticore(k, dir, cores) },
      { tool: 'rumur', run: (k) => runRumur(k, dir, cores) },
    ];
    const plan = all.filter((step) => tools.includes(step.tool));
    const runs: Outcome[][] = plan.map(() => []);
    const order = runOrder(plan);
    for (let round = 0; round < repeats; round++) {
      (round % 2 === 0 ? order : [...order].reverse()).forEach((i) => {
        const step = plan[i]!;
        const done = runs[i]!;
        if (done[0]?.kind === 'skipped') return;
        const o = step.run(c);
        done.push(o);
        const label = o.kind === 'measured' ? `${o.m.tool} (${o.m.mode}): ${o.m.states} states, ${o.m.wallSeconds.toFixed(2)} s` : `${o.s.tool} (${o.s.mode}): skipped`;
        process.stderr.write(`  ${c.id} round ${round + 1}: ${label}\n`);
      });
    }
    const outcomes = plan.map((step, i) => withGrowth(summarise(runs[i]!), c.tiny ? step.run(c.tiny) : null, c.tiny));
    const mismatches = outcomes.flatMap((o) =>
      o.kind === 'measured' && o.m.states !== c.expectedStates ? [`${o.m.tool} (${o.m.mode}) found ${o.m.states} states, expected ${c.expectedStates}`] : [],
    );
    return { case: c, outcomes, mismatches, roundRatios: roundRatios(plan, runs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Indices into `plan` in the order a round runs them: the first single-core peer, gntcheck's first mode, the other peers, the rest. */
function runOrder(plan: readonly Step[]): number[] {
  const ours = plan.findIndex((s) => s.tool === 'gntcheck');
  const peers = plan.flatMap((s, i) => (s.singleCorePeer ? [i] : []));
  const first = ours < 0 ? peers : [...peers.slice(0, 1), ours, ...peers.slice(1)];
  return [...first, ...plan.map((_, i) => i).filter((i) => !first.includes(i))];
}

function summarise(runs: readonly Outcome[]): Outcome {
  const first = runs[0]!;
  if (first.kind === 'skipped') return first;
  return { kind: 'measured', m: medianOf(runs.map((o) => (o as Extract<Outcome, { kind: 'measured' }>).m)) };
}

/** Adds the RSS growth per state, from one run of the same step on the tiny instance. */
function withGrowth(o: Outcome, tiny: Outcome | null, tinyCase: BenchCase | undefined): Outcome {
  if (o.kind === 'skipped' || tiny === null || tiny.kind === 'skipped' || tinyCase === undefined) return o;
  const growth = (o.m.peakRssBytes - tiny.m.peakRssBytes) / (o.m.states - tinyCase.expectedStates);
  return { kind: 'measured', m: { ...o.m, growthBytesPerState: growth } };
}

function isSingleCorePeer(m: Measurement): boolean {
  return m.tool !== 'gntcheck' && /^1 /.test(m.mode);
}

function roundRatios(plan: readonly Step[], runs: readonly Outcome[][]): number[] {
  const ours = plan.findIndex((s) => s.tool === 'gntcheck');
  const out: number[] = [];
  for (let round = 0; ours >= 0 && round < (runs[ours]?.length ?? 0); round++) {
    const mine = runs[ours]![round];
    const peers = runs.flatMap((r) => {
      const o = r[round];
      return o?.kind === 'measured' && isSingleCorePeer(o.m) ? [o.m] : [];
    });
    if (mine?.kind !== 'measured' || peers.length === 0) continue;
    out.push(rate(mine.m) / Math.max(...peers.map(rate)));
  }
  return out;
}

function summaryLine(r: CaseResult): string {
  const measured = r.outcomes.flatMap((o) => (o.kind === 'measured' ? [o.m] : []));
  const ours = measured.find((m) => m.tool === 'gntcheck' && m.mode === GNTCHECK_MODES[0]!.mode);
  const peers = measured.filter(isSingleCorePeer);
  if (!ours || peers.length === 0) return 'no single-core peer measured';
  const fastest = peers.reduce((a, b) => (rate(a) >= rate(b) ? a : b));
  const ratios = r.roundRatios.map((x) => x.toFixed(2)).join(', ');
  const growth = (m: Measurement): string => (m.growthBytesPerState == null ? '?' : m.growthBytesPerState.toFixed(1));
  return (
    `gntcheck (1 core, full store) runs at ${(rate(ours) / rate(fastest)).toFixed(2)}x the median states/s of the faster single-core peer (${fastest.tool}); ` +
    `per round: ${ratios || '-'} (${r.roundRatios.length ? `median ${median(r.roundRatios).toFixed(2)}, geometric mean ${geometricMean(r.roundRatios).toFixed(2)}` : 'none'}). ` +
    `RSS growth per state: gntcheck ${growth(ours)} B, ${peers.map((m) => `${m.tool} ${growth(m)} B`).join(', ')}`
  );
}

function main(): number {
  const parsed = parseOrUsage(
    {
      options: {
        repeat: { type: 'string', default: '3' },
        case: { type: 'string', multiple: true },
        json: { type: 'string' },
        quick: { type: 'boolean', default: false },
        tool: { type: 'string', multiple: true },
      },
    },
    'node dist/bench/run.js [--repeat N] [--case ID ...] [--tool gntcheck|spin|rumur ...] [--json FILE] [--quick]',
  );
  if (parsed === null) return 3;
  const { values } = parsed;
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
    const json = results.map((r) => ({
      case: r.case.id,
      expectedStates: r.case.expectedStates,
      outcomes: r.outcomes,
      roundRatios: r.roundRatios,
      mismatches: r.mismatches,
    }));
    writeFileSync(values.json, JSON.stringify({ repeats, node: process.version, results: json }, null, 2) + '\n');
  }
  return results.some((r) => r.mismatches.length > 0) ? 1 : 0;
}

process.exitCode = main();
