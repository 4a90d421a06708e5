/**
 * Entry of the coordinator thread of a parallel run. It answers the calling thread
 * exactly once, through the reply port plus the shared done flag the caller blocks on:
 * with the result, or with any error, including one raised while loading the
 * coordinator itself (hence the dynamic import) or escaping as an uncaught exception.
 * Only the loss of this thread itself (say, its own heap running out) goes unanswered.
 */
import { workerData } from 'node:worker_threads';
import type { CoordinatorData, FromCoordinator } from './messages.js';
import { SharedRun } from './shared.js';
import { toWire } from './wire.js';

const data = workerData as CoordinatorData;
const shared = new SharedRun(data.shared, data.options.workers);
let answered = false;

function answer(msg: FromCoordinator): void {
  if (answered) return;
  answered = true;
  data.reply.postMessage(msg);
  shared.signalDone();
}

process.on('uncaughtException', (err) => answer({ type: 'error', error: toWire(err) }));
process.on('unhandledRejection', (err) => answer({ type: 'error', error: toWire(err) }));

try {
  const { coordinate } = await import('./coordinator.js');
  answer({ type: 'result', result: await coordinate(data) });
} catch (err) {
  answer({ type: 'error', error: toWire(err) });
}
