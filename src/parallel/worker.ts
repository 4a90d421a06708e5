/**
 * Entry of an explorer worker thread: builds its model from the recipe, owns one
 * {@link Partition}, and answers the coordinator one message at a time. Errors are
 * posted back (the coordinator rethrows them with their code), never left uncaught.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Inbox } from './inbox.js';
import type { Batch, FromWorker, ToWorker, WorkerData } from './messages.js';
import { Partition } from './partition.js';
import { buildRecipe } from './recipe.js';
import { SharedRun } from './shared.js';
import { toWire } from './wire.js';

const data = workerData as WorkerData;
const port = parentPort!;
const inbox = new Inbox(data.workers - 1);
for (const peer of data.peers) peer?.on('message', (batch: Batch) => inbox.put(batch));

const post = (msg: FromWorker): void => port.postMessage(msg);
const ready = buildRecipe(data.recipe).then(
  ({ model }) => new Partition(model, data.options, data.index, data.workers, new SharedRun(data.shared, data.workers)),
);
ready.catch(() => {}); // reported by the first message that needs it

async function handle(msg: ToWorker): Promise<void> {
  const partition = await ready;
  switch (msg.type) {
    case 'seed':
      partition.seed();
      post({ type: 'level', report: partition.report() });
      return;
    case 'expand': {
      partition.expandLevel(msg.depth, data.deadline);
      data.peers.forEach((peer, j) => {
        if (peer === null) return;
        const { buffer, count } = partition.batchFor(j);
        const batch: Batch = { type: 'batch', depth: msg.depth, from: data.index, buffer, count };
        peer.postMessage(batch, [buffer]);
      });
      for (const b of await inbox.collect(msg.depth)) partition.adopt(b.from, new Uint32Array(b.buffer), b.count, msg.depth + 1);
      post({ type: 'level', report: partition.report() });
      return;
    }
    case 'path':
      post({ type: 'path', segment: partition.segment(msg.gid, msg.words) });
      return;
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (msg: ToWorker) => {
  queue = queue.then(() => handle(msg)).catch((err: unknown) => post({ type: 'error', error: toWire(err) }));
});
