/**
 * A/B of two builds of gntcheck on one model, for deciding whether a change is faster
 * on a noisy machine:
 *
 *   node dist/bench/compareBuilds.js OLD_DIST NEW_DIST [--model ID] [--set K=V ...] [--slice N] [--rounds N]
 *
 * Separate runs on this project's shared VM vary by up to 50% from one minute to the
 * next, far more than most changes are worth. Here both builds' BFS runs live in one
 * process and advance by turns, `--slice` expansions at a time (a few milliseconds), so
 * both meet the same machine conditions; only the time inside each build's slices is
 * counted. Rounds alternate which build is created first (memory placement differs) and
 * the result is the geometric mean of the rounds' ratios; a build against a copy of
 * itself stays within about 4%. Both builds must find the same states and transitions.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseOrUsage } from './args.js';
import { geometricMean } from './table.js';

/** The parts of a build this compares, loaded from its dist directory. */
interface Build {
  readonly dir: string;
  start(): Run;
}

interface Run {
  readonly done: boolean;
  readonly ms: number;
  readonly states: number;
  readonly transitions: number;
  step(): void;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the builds are loaded by path, untyped */
async function loadBuild(dir: string, model: string, sets: readonly string[], slice: number): Promise<Build> {
  const load = (rel: string): Promise<any> => import(pathToFileURL(resolve(dir, rel)).href);
  const [models, definition, params, kernels, budgets, stores, logs, trackers, searches, opts] = await Promise.all([
    load('models/index.js'),
    load('src/model/definition.js'),
    load('src/model/params.js'),
    load('src/kernel/kernelFor.js'),
    load('src/store/budget.js'),
    load('src/store/fullStore.js'),
    load('src/store/traceLog.js'),
    load('src/explore/propertyTracker.js'),
    load('src/explore/search.js'),
    load('src/explore/options.js'),
  ]);
  const def = definition.findDefinition(models.MODELS, model);
  return {
    dir,
    start(): Run {
      const { model: m } = definition.instantiate(def, params.parseAssignments(sets), null);
      const options = opts.resolveOptions({});
      const kernel = kernels.kernelFor(m, false);
      const budget = new budgets.MemoryBudget(options.maxMemoryBytes);
      const store = new stores.FullStateStore(kernel.words, budget);
      const search = new searches.Search(kernel, store, new logs.TraceLog(budget), new trackers.PropertyTracker(m, options.deadlock, false), options);
      const ignore = (): void => {};
      search.seed(ignore);
      // bfs.ts's loop over a readable store, cut into slices.
      let id = 0;
      let depth = 0;
      let levelEnd: number = store.count;
      let ms = 0;
      return {
        get done() {
          return id >= store.count;
        },
        get ms() {
          return ms;
        },
        get states() {
          return store.count as number;
        },
        get transitions() {
          return search.transitions as number;
        },
        step(): void {
          const t = performance.now();
          const end = id + slice;
          for (; id < store.count && id < end; id++) {
            if (id === levelEnd) {
              depth++;
              levelEnd = store.count;
            }
            search.expand(id, store.bufferOf(id), store.offsetOf(id), depth, ignore);
          }
          ms += performance.now() - t;
        },
      };
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Starts both builds' runs, `old`'s first or `new`'s first, and returns them as [old, new]. */
function startBoth(old: Build, next: Build, oldFirst: boolean): [Run, Run] {
  if (oldFirst) {
    const o = old.start();
    return [o, next.start()];
  }
  const n = next.start();
  return [old.start(), n];
}

function race(first: Run, second: Run): void {
  for (let turn = 0; !first.done || !second.done; turn++) {
    const order = turn % 2 === 0 ? [first, second] : [second, first];
    for (const r of order) if (!r.done) r.step();
  }
}

async function main(): Promise<number> {
  const usage = 'compareBuilds OLD_DIST NEW_DIST [--model ID] [--set K=V ...] [--slice N] [--rounds N]';
  const parsed = parseOrUsage(
    {
      allowPositionals: true,
      options: {
        model: { type: 'string', default: 'blkif' },
        set: { type: 'string', multiple: true, default: ['P=3', 'G=4', 'R=3', 'C=2', 'MAXP=3'] },
        slice: { type: 'string', default: '20000' },
        rounds: { type: 'string', default: '2' },
      },
    },
    usage,
  );
  if (parsed === null) return 3;
  const { values, positionals } = parsed;
  const slice = Number(values.slice);
  const rounds = Number(values.rounds);
  if (positionals.length !== 2 || !(slice >= 1) || !Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(`usage: ${usage}\n`);
    return 3;
  }
  const [a, b] = (await Promise.all(positionals.map((d) => loadBuild(d, values.model, values.set, slice)))) as [Build, Build];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const aFirst = round % 2 === 0;
    const [runA, rb] = startBoth(a, b, aFirst);
    race(runA, rb);
    if (runA.states !== rb.states || runA.transitions !== rb.transitions) {
      process.stderr.write(`the builds disagree: ${runA.states} vs ${rb.states} states, ${runA.transitions} vs ${rb.transitions} transitions\n`);
      return 1;
    }
    ratios.push(rb.ms / runA.ms);
    process.stdout.write(
      `round ${round + 1} (${aFirst ? 'old' : 'new'} created first): old ${runA.ms.toFixed(0)} ms, new ${rb.ms.toFixed(0)} ms, new/old ${(rb.ms / runA.ms).toFixed(3)}\n`,
    );
  }
  const geo = geometricMean(ratios);
  process.stdout.write(`${a.dir} -> ${b.dir}: new/old time ${geo.toFixed(3)} (geometric mean of ${ratios.length} rounds)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`compareBuilds: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
