import type { CheckOptions } from '../explore/options.js';
import type { IncompleteReason } from '../explore/result.js';
import type { FromWorker, LevelReport, ToWorker } from './messages.js';
import type { WorkerPool } from './pool.js';
import type { SharedRun } from './shared.js';
import type { Tally } from './tally.js';

/**
 * The level-synchronous BFS: seed, then expand depth 0, 1, 2, ... on every worker at
 * once, each level ending with the exchange of successors and a barrier (every worker
 * reports). Between levels it decides, in the sequential BFS's order, whether to stop:
 * a failure under stop-at-first, the state bound, the timeout, the depth bound. A stop
 * raised by a worker mid-level (shared flag) ends the run after that level's exchange.
 * Returns why the run stopped early, or null when it covered the whole space.
 */
export async function exploreLevels(
  pool: WorkerPool,
  shared: SharedRun,
  tally: Tally,
  options: CheckOptions,
  started: number,
): Promise<IncompleteReason | null> {
  tally.update(await level(pool, { type: 'seed' }));
  for (let depth = 0; ; depth++) {
    if (tally.memoryHit) return 'memory';
    if (tally.queue === 0) return null;
    const raised = shared.stopReason();
    if (raised !== null) return raised;
    if (options.stopAtFirst && tally.failed) return 'stopped';
    if (tally.states >= options.maxStates) return 'states';
    if (performance.now() - started >= options.timeoutMs) return 'time';
    if (depth >= options.maxDepth) return 'depth';
    shared.setDepth(depth);
    tally.update(await level(pool, { type: 'expand', depth }));
  }
}

async function level(pool: WorkerPool, msg: ToWorker): Promise<LevelReport[]> {
  return (await pool.all(msg)).map((m: FromWorker) => {
    if (m.type !== 'level') throw new Error(`parallel explorer: expected a level report, got ${m.type}`);
    return m.report;
  });
}
