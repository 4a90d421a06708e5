import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { resolveOptions, type CheckOptions } from '../explore/options.js';
import type { CheckResult } from '../explore/result.js';
import { fail } from '../util/errors.js';
import type { CoordinatorData, FromCoordinator } from './messages.js';
import type { ModelRecipe } from './recipe.js';
import { threadScript } from './scripts.js';
import { SharedRun } from './shared.js';
import { fromWire } from './wire.js';

/**
 * Explores the model `recipe` builds with `options.workers` worker threads, as a
 * level-synchronous, hash-partitioned BFS: each worker owns the states whose hash maps
 * to it, expands its share of a level, sends the successors it does not own to their
 * owners, and all meet at a barrier before the next level. Every property's first
 * discovery is therefore at its smallest depth, as in sequential BFS: counterexamples
 * and witnesses are still shortest (`result.parallel.shortestGuaranteed`), and a
 * complete run reaches exactly the same states and transitions.
 *
 * Synchronous, like `check`: this thread blocks (Atomics.wait) while a coordinator
 * thread runs the explorers; it only wakes to report progress. Model and property
 * errors come back as the same GntcheckError (code and message) as the sequential
 * checker's. Needs the compiled build (see threadScript). `expectName`, when given, is
 * the name the built model must have (check() passes its own model's).
 */
export function checkParallel(recipe: ModelRecipe, given: Partial<CheckOptions> = {}, expectName: string | null = null): CheckResult {
  const { onProgress, ...options } = resolveOptions(given);
  if (options.strategy !== 'bfs') fail('BAD_OPTION', `parallel exploration is breadth-first only; got strategy ${options.strategy}`);
  const shared = SharedRun.create(options.workers);
  const { port1, port2 } = new MessageChannel();
  const data: CoordinatorData = { recipe, options: { ...options, onProgress: undefined }, expectName, shared: shared.buffer, reply: port2 };
  const coordinator = new Worker(threadScript('coordinatorThread'), { workerData: data, transferList: [port2] });
  // Failures come back as answers; this only keeps a late 'error' event from crashing the process.
  coordinator.on('error', () => {});
  coordinator.unref();
  const started = performance.now();
  try {
    const wait = onProgress ? options.progressIntervalMs : Number.POSITIVE_INFINITY;
    while (!shared.waitDone(wait)) onProgress?.(shared.progress(performance.now() - started));
    const answer = receiveMessageOnPort(port1)?.message as FromCoordinator | undefined;
    if (answer === undefined) throw new Error('parallel exploration: the coordinator thread signalled without answering');
    if (answer.type === 'error') throw fromWire(answer.error);
    return answer.result;
  } finally {
    port1.close();
    void coordinator.terminate();
  }
}
